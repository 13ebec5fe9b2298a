"""The customer book: customers with full history, and the append-only case log.

Open it with :meth:`Book.open` (the schema is created or upgraded on first
use). This is the Python API the CLI uses and the TUI customer picker can use:

* :meth:`Book.search` / :meth:`Book.list` give light :class:`CustomerHit` rows;
* :meth:`Book.get` gives the full :class:`CustomerRecord` (profile included);
* :meth:`Book.add`, :meth:`Book.save` (optimistic locking), :meth:`Book.archive`,
  :meth:`Book.restore` write a new version each time; :meth:`Book.history` lists them;
* :meth:`Book.log_case`, :meth:`Book.cases`, :meth:`Book.case` are the case log.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, TypeAlias, Unpack

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from . import db
from ._deps import InputError, Profile, profile_from_data
from .csvio import Row, profile_columns, profile_plain
from .normalise import fold, natural_key, prefix_upper_bound, search_terms
from .records import Case, CustomerRecord, CustomerVersion, ImportSummary
from . import MAX_ID
from .schema import cases, customer_search, customer_versions, customers

BATCH_SIZE = 1000

# A result row of any width; its columns are read as attributes (typed Any by SQLAlchemy).
_AnyRow: TypeAlias = sa.Row[Unpack[tuple[Any, ...]]]


class ConflictError(InputError):
    """A save based on a version that is no longer current (optimistic locking)."""

    def __init__(self, customer_id: int, current_version: int, by: str, at: dt.datetime, based_on: int) -> None:
        super().__init__(f"customer {customer_id}", None, "changed")
        self.customer_id = customer_id
        self.current_version = current_version
        self.by = by
        self.at = at
        self.based_on = based_on
        self.args = (
            f"customer {customer_id} was changed by {by} at {at.isoformat()} (version {current_version}; "
            f"yours was based on version {based_on}); reload and retry",
        )

    def __str__(self) -> str:
        return str(self.args[0])


@attrs.frozen(kw_only=True)
class CustomerHit:
    """A light search/list result (no profile parsing): enough for a picker."""

    id: int
    version: int
    name: str
    partner: str | None
    tags: tuple[str, ...]
    active_until: dt.date | None
    archived: bool


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


def profile_json(profile: Profile, plain: dict[str, Any] | None = None) -> str:
    """Canonical JSON text of a profile (sorted keys, ISO dates).

    The data is ``unstructure_profile``'s, except that Decimal fields (hours)
    keep their exact text (``"3.0"`` stays ``"3.0"``), so a stored customer
    renders exactly as its profile file. ``plain`` may pass precomputed data.
    """
    return json.dumps(profile_plain(profile) if plain is None else plain, default=_json_default, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.update(_flatten(value, f"{prefix}{key}."))
        return out
    return {prefix[:-1]: data}


_SECTION_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (section, tuple(k.split(".", 1)[1] for k, _ in profile_columns() if k.split(".", 1)[0] == section))
    for section in dict.fromkeys(k.split(".", 1)[0] for k, _ in profile_columns())
)


def _all_keys(profile: Profile) -> list[str]:
    """The dotted keys a new customer has (its first version's "changed"), notes and tags included."""
    keys = ["archived", "notes", "tags"]
    for section, names in _SECTION_FIELDS:
        part = getattr(profile, section)
        if part is not None:
            keys.extend(f"{section}.{name}" for name in names if getattr(part, name) is not None)
    return sorted(keys)


def changed_keys(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """Dotted keys whose value differs between two plain payloads (all keys when ``old`` is None)."""
    a, b = _flatten(old or {}), _flatten(new)
    if old is None:
        return sorted(b)
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


@attrs.frozen
class _Payload:
    profile_json: str
    notes: str
    tags: tuple[str, ...]
    archived: bool

    def plain(self) -> dict[str, Any]:
        return {**json.loads(self.profile_json), "notes": self.notes, "tags": list(self.tags),
                "archived": self.archived}


def _columns(payload: _Payload, profile: Profile) -> dict[str, Any]:
    c = profile.customer
    return {
        "name": c.name,
        "partner": c.partner,
        "natural_key": natural_key(c.name, c.partner),
        "search_key": " | ".join(fold(x) for x in (c.name, c.partner or "", *payload.tags)),
        "tags": json.dumps(list(payload.tags), ensure_ascii=False) if payload.tags else "[]",
        "active_until": profile.maintenance.active_until,
        "archived": payload.archived,
        "profile_json": payload.profile_json,
        "notes": payload.notes,
    }


class Book:
    """A customer book on one database (SQLite file or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> Book:
        """Open the book at ``url`` (default: ``$ONTIME_SUPPORT_DB`` or the user data dir).

        With ``migrate`` the schema is created or upgraded if needed.
        """
        engine = db.create_engine(db.resolve_url(url))
        book = cls(engine)
        if migrate:
            db.ensure_schema(engine)
        return book

    @property
    def masked_url(self) -> str:
        return db.mask(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _begin(self) -> _Guarded:
        return _Guarded(self, write=True)

    def _read(self) -> _Guarded:
        return _Guarded(self, write=False)

    # ----------------------------------------------------------------- reading

    def _record(self, row: _AnyRow) -> CustomerRecord:
        return CustomerRecord(
            id=row.id, version=row.version,
            profile=profile_from_data(json.loads(row.profile_json), f"customer {row.id}"),
            notes=row.notes, tags=tuple(json.loads(row.tags)), archived=row.archived,
            updated_at=row.updated_at, updated_by=row.updated_by,
        )

    @staticmethod
    def _hit(row: _AnyRow) -> CustomerHit:
        return CustomerHit(id=row.id, version=row.version, name=row.name, partner=row.partner,
                           tags=tuple(json.loads(row.tags)) if row.tags != "[]" else (),
                           active_until=row.active_until, archived=row.archived)

    _HIT_COLUMNS = (customers.c.id, customers.c.version, customers.c.name, customers.c.partner,
                    customers.c.tags, customers.c.active_until, customers.c.archived)

    def _by_id(self, table: sa.Table, row_id: int, what: str) -> _AnyRow:
        """The row of ``table`` with this id; InputError ``no such <what>`` if there is none."""
        if not 1 <= row_id <= MAX_ID:  # no such row, and the driver would refuse the number
            raise InputError(f"{what} {row_id}", None, f"no such {what}")
        with self._read() as conn:
            row = conn.execute(sa.select(table).where(table.c.id == row_id)).first()
        if row is None:
            raise InputError(f"{what} {row_id}", None, f"no such {what}")
        return row

    def get(self, customer_id: int) -> CustomerRecord:
        """The current version of a customer (archived ones too); InputError if there is none."""
        return self._record(self._by_id(customers, customer_id, "customer"))

    def list(self, *, include_archived: bool = False, limit: int | None = None) -> builtins.list[CustomerHit]:
        """Customers by name (archived ones only with ``include_archived``)."""
        query = sa.select(*self._HIT_COLUMNS).order_by(customers.c.name, customers.c.id)
        if not include_archived:
            query = query.where(customers.c.archived == sa.false())
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [self._hit(r) for r in conn.execute(query)]

    def search(self, text: str, limit: int = 20, *, include_archived: bool = False) -> builtins.list[CustomerHit]:
        """Customers whose name (or a word of it), partner or a tag starts with ``text``.

        Case, full-/half-width and hiragana/katakana are ignored. Active
        customers are found through the ``customer_search`` index (a prefix
        range scan); ``include_archived`` adds a scan of the archived ones.
        """
        query = fold(text)
        if not query:
            return self.list(include_archived=include_archived, limit=limit)
        hits: list[CustomerHit] = []
        with self._read() as conn:
            seen: set[int] = set()
            scanned = 0
            rows = conn.execute(
                sa.select(*self._HIT_COLUMNS)
                .select_from(customer_search.join(customers, customers.c.id == customer_search.c.customer_id))
                .where(customer_search.c.search_key >= query,
                       customer_search.c.search_key < prefix_upper_bound(query))
                .order_by(customer_search.c.search_key, customer_search.c.customer_id)
                .limit(limit * 4)
            )
            for row in rows:
                scanned += 1
                if row.id not in seen:
                    seen.add(row.id)
                    hits.append(self._hit(row))
                    if len(hits) == limit:
                        break
            if len(hits) < limit and scanned == limit * 4:  # many terms per customer: take distinct ids
                ids = self._search_all(conn, query, limit)
                found = {r.id: r for r in conn.execute(sa.select(*self._HIT_COLUMNS).where(customers.c.id.in_(ids)))}
                hits = [self._hit(found[i]) for i in ids if i in found]
            if include_archived and len(hits) < limit:
                pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                archived = conn.execute(
                    sa.select(*self._HIT_COLUMNS)
                    .where(customers.c.archived == sa.true(), customers.c.search_key.like(pattern, escape="\\"))
                    .order_by(customers.c.name).limit(limit - len(hits))
                )
                hits.extend(self._hit(r) for r in archived)
        return hits

    def _search_all(self, conn: sa.Connection, query: str, limit: int) -> builtins.list[int]:
        rows = conn.execute(
            sa.select(customer_search.c.customer_id).distinct()
            .where(customer_search.c.search_key >= query, customer_search.c.search_key < prefix_upper_bound(query))
            .limit(limit)
        )
        return [r[0] for r in rows]

    def find(self, ref: str) -> builtins.list[CustomerRecord]:
        """Customers matching ``ref``: an id, an exact name (folded), else a search prefix."""
        ref = ref.strip()
        if ref.isascii() and ref.isdigit():
            return [self.get(int(ref))]
        with self._read() as conn:
            key = fold(ref) + "\x1f"
            rows = conn.execute(
                sa.select(customers).where(customers.c.natural_key >= key,
                                           customers.c.natural_key < prefix_upper_bound(key),
                                           customers.c.archived == sa.false()).order_by(customers.c.id)
            ).all()
        if rows:
            return [self._record(r) for r in rows]
        return [self.get(hit.id) for hit in self.search(ref, limit=20)]

    def expiring(self, start: dt.date, end: dt.date) -> builtins.list[CustomerRecord]:
        """Active customers whose ``maintenance.active_until`` is in ``[start, end]`` (an index range scan)."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(customers)
                .where(customers.c.archived == sa.false(),
                       customers.c.active_until >= start, customers.c.active_until <= end)
                .order_by(customers.c.active_until, customers.c.id)
            ).all()
        return [self._record(r) for r in rows]

    def expiring_hits(self, start: dt.date, end: dt.date) -> builtins.list[CustomerHit]:
        """Like :meth:`expiring`, light rows only (no profile parsing): the bare index range scan."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(*self._HIT_COLUMNS)
                .where(customers.c.archived == sa.false(),
                       customers.c.active_until >= start, customers.c.active_until <= end)
                .order_by(customers.c.active_until, customers.c.id)
            )
            return [self._hit(r) for r in rows]

    def iter_all(self, *, include_archived: bool = False, batch: int = 1000) -> Iterator[CustomerRecord]:
        """Every customer by id, read in batches (for export)."""
        last = 0
        while True:
            query = sa.select(customers).where(customers.c.id > last).order_by(customers.c.id).limit(batch)
            if not include_archived:
                query = query.where(customers.c.archived == sa.false())
            with self._read() as conn:
                rows = conn.execute(query).all()
            if not rows:
                return
            for row in rows:
                yield self._record(row)
            last = rows[-1].id

    def history(self, customer_id: int) -> builtins.list[CustomerVersion]:
        """Every version of a customer, oldest first."""
        if not 1 <= customer_id <= MAX_ID:
            raise InputError(f"customer {customer_id}", None, "no such customer")
        with self._read() as conn:
            rows = conn.execute(
                sa.select(customer_versions).where(customer_versions.c.customer_id == customer_id)
                .order_by(customer_versions.c.version)
            ).all()
        if not rows:
            raise InputError(f"customer {customer_id}", None, "no such customer")
        return [self._version(r) for r in rows]

    def version(self, customer_id: int, version: int) -> CustomerVersion:
        """One stored version of a customer."""
        if not (1 <= customer_id <= MAX_ID and 1 <= version <= MAX_ID):
            raise InputError(f"customer {customer_id}", None, f"no version {version}")
        with self._read() as conn:
            row = conn.execute(
                sa.select(customer_versions).where(customer_versions.c.customer_id == customer_id,
                                                   customer_versions.c.version == version)
            ).first()
        if row is None:
            raise InputError(f"customer {customer_id}", None, f"no version {version}")
        return self._version(row)

    def _version(self, row: _AnyRow) -> CustomerVersion:
        return CustomerVersion(
            customer_id=row.customer_id, version=row.version,
            profile=profile_from_data(json.loads(row.profile_json), f"customer {row.customer_id} v{row.version}"),
            notes=row.notes, tags=tuple(json.loads(row.tags)), archived=row.archived,
            agent=row.agent, at=row.at, changed=tuple(json.loads(row.changed)),
        )

    # ----------------------------------------------------------------- writing

    def add(self, profile: Profile, *, agent: str, notes: str = "", tags: Sequence[str] = (),
            customer_id: int | None = None) -> CustomerRecord:
        """A new customer (version 1). ``customer_id`` pins the id (import of an export)."""
        payload = _Payload(profile_json(profile), notes, tuple(tags), False)
        with self._begin() as conn:
            cid = self._insert(conn, [(payload, profile, customer_id)], agent, _now())[0]
        return self.get(cid)

    def save(self, customer_id: int, profile: Profile, based_on_version: int, agent: str, *,
             notes: str | None = None, tags: Sequence[str] | None = None,
             archived: bool | None = None) -> CustomerRecord:
        """Save a new version of a customer, refusing if it changed since ``based_on_version``.

        ``notes``/``tags``/``archived`` left as ``None`` keep their current
        values. Saving what is already stored creates no version. Raises
        :class:`ConflictError` (one line: who changed it and when) on a stale
        ``based_on_version``; the check is a conditional UPDATE, race-free.
        """
        if not 1 <= based_on_version <= MAX_ID:
            raise InputError(f"customer {customer_id}", None, f"no version {based_on_version}")
        with self._begin() as conn:
            current = conn.execute(sa.select(customers).where(customers.c.id == customer_id)).first()
            if current is None:
                raise InputError(f"customer {customer_id}", None, "no such customer")
            payload = _Payload(
                profile_json(profile),
                current.notes if notes is None else notes,
                tuple(json.loads(current.tags)) if tags is None else tuple(dict.fromkeys(tags)),
                current.archived if archived is None else archived,
            )
            self._update(conn, current, payload, profile, based_on_version, agent, _now())
        return self.get(customer_id)

    def archive(self, customer_id: int, agent: str, based_on_version: int | None = None,
                *, archived: bool = True) -> CustomerRecord:
        """Hide a customer from list and search (a new version; nothing is deleted)."""
        record = self.get(customer_id)
        return self.save(customer_id, record.profile,
                         record.version if based_on_version is None else based_on_version, agent, archived=archived)

    def restore(self, customer_id: int, version: int, agent: str,
                based_on_version: int | None = None) -> CustomerRecord:
        """Make an old version current again, as a new version."""
        old = self.version(customer_id, version)
        current = self.get(customer_id)
        return self.save(customer_id, old.profile,
                         current.version if based_on_version is None else based_on_version, agent,
                         notes=old.notes, tags=old.tags, archived=old.archived)

    def _insert(self, conn: sa.Connection, items: builtins.list[tuple[_Payload, Profile, int | None]],
                agent: str, when: dt.datetime) -> builtins.list[int]:
        rows = [{**_columns(p, prof), "version": 1, "updated_at": when, "updated_by": agent}
                for p, prof, _ in items]
        ids: list[int | None] = [cid for _, _, cid in items]
        pinned = [i for i, cid in enumerate(ids) if cid is not None]
        free = [i for i, cid in enumerate(ids) if cid is None]
        if pinned:
            _bulk_insert(conn, customers, [{**rows[i], "id": ids[i]} for i in pinned])
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('customers', 'id'), "
                                     "(SELECT max(id) FROM customers))"))
        new_ids = iter(self._insert_free(conn, [rows[i] for i in free]) if free else ())
        final = [cid if cid is not None else next(new_ids) for cid in ids]
        _bulk_insert(conn, customer_versions, [
            {"customer_id": cid, "version": 1, "profile_json": p.profile_json, "notes": p.notes,
             "tags": row["tags"], "archived": False, "agent": agent, "at": when,
             "changed": json.dumps(_all_keys(prof))}
            for cid, (p, prof, _), row in zip(final, items, rows, strict=True)
        ])
        terms = [{"customer_id": cid, "search_key": t}
                 for cid, (p, prof, _) in zip(final, items, strict=True)
                 for t in search_terms(prof.customer.name, prof.customer.partner, p.tags)]
        _bulk_insert(conn, customer_search, terms)
        return final

    @staticmethod
    def _insert_free(conn: sa.Connection, rows: builtins.list[dict[str, Any]]) -> builtins.list[int]:
        """Insert customers without an id; their new ids, in order (one ``executemany``)."""
        if conn.dialect.name == "postgresql":
            new_ids = [r[0] for r in conn.execute(
                sa.text("SELECT nextval(pg_get_serial_sequence('customers', 'id')) FROM generate_series(1, :n)"),
                {"n": len(rows)})]
            _bulk_insert(conn, customers, [{**row, "id": i} for row, i in zip(rows, new_ids, strict=True)])
            return new_ids
        # SQLite: the first INSERT takes the write lock, held to commit, so nobody
        # interleaves: the rows get consecutive rowids ending at max(id).
        _bulk_insert(conn, customers, rows)
        last = conn.execute(sa.select(sa.func.max(customers.c.id))).scalar_one()
        return list(range(last - len(rows) + 1, last + 1))

    def _update(self, conn: sa.Connection, current: _AnyRow, payload: _Payload, profile: Profile,
                based_on: int, agent: str, when: dt.datetime) -> bool:
        """Write ``payload`` as the next version; False when nothing changed."""
        before = _Payload(current.profile_json, current.notes, tuple(json.loads(current.tags)), current.archived)
        if current.version == based_on and before == payload:
            return False
        result = conn.execute(
            customers.update()
            .where(customers.c.id == current.id, customers.c.version == based_on)
            .values(**_columns(payload, profile), version=based_on + 1, updated_at=when, updated_by=agent)
        )
        if result.rowcount != 1:
            now = conn.execute(sa.select(customers.c.version, customers.c.updated_by, customers.c.updated_at)
                               .where(customers.c.id == current.id)).one()
            raise ConflictError(current.id, now.version, now.updated_by, now.updated_at, based_on)
        conn.execute(customer_versions.insert().values(
            customer_id=current.id, version=based_on + 1, profile_json=payload.profile_json, notes=payload.notes,
            tags=json.dumps(list(payload.tags), ensure_ascii=False), archived=payload.archived,
            agent=agent, at=when, changed=json.dumps(changed_keys(before.plain(), payload.plain())),
        ))
        conn.execute(customer_search.delete().where(customer_search.c.customer_id == current.id))
        if not payload.archived:
            conn.execute(customer_search.insert(), [
                {"customer_id": current.id, "search_key": t}
                for t in search_terms(profile.customer.name, profile.customer.partner, payload.tags)])
        return True

    # ----------------------------------------------------------------- import

    def import_rows(self, rows: Iterable[tuple[str, Row | InputError]], *, agent: str,
                    all_or_nothing: bool = False, batch_size: int = BATCH_SIZE) -> ImportSummary:
        """Import parsed rows ``(label, Row or the InputError of a bad row)``.

        Stable key: the row's ``id`` when given, else name + partner (folded).
        An unchanged row creates no version. Good rows are imported in batches,
        one transaction per batch (``executemany``); with ``all_or_nothing``
        everything runs in one transaction that is rolled back if any row failed.
        """
        counts = {"rows": 0, "imported": 0, "unchanged": 0}
        errors: list[str] = []
        when = _now()

        def batches() -> Iterator[list[tuple[str, Row]]]:
            batch: list[tuple[str, Row]] = []
            keys: set[Any] = set()
            for label, item in rows:
                counts["rows"] += 1
                if isinstance(item, InputError):
                    errors.append(str(item))
                    continue
                key = ("id", item.id) if item.id is not None else (
                    "nk", natural_key(item.profile.customer.name, item.profile.customer.partner))
                if key in keys or len(batch) >= batch_size:
                    yield batch
                    batch, keys = [], set()
                keys.add(key)
                batch.append((label, item))
            if batch:
                yield batch

        if all_or_nothing:
            with self._begin() as conn:
                for batch in batches():
                    self._import_batch(conn, batch, agent, when, counts, errors)
                if errors:
                    conn.rollback()
        else:
            for batch in batches():
                with self._begin() as conn:
                    self._import_batch(conn, batch, agent, when, counts, errors)
        failed = len(errors)
        rolled_back = all_or_nothing and failed > 0
        return ImportSummary(rows=counts["rows"], imported=0 if rolled_back else counts["imported"],
                             unchanged=0 if rolled_back else counts["unchanged"], failed=failed,
                             errors=tuple(errors), rolled_back=rolled_back)

    def _import_batch(self, conn: sa.Connection, batch: builtins.list[tuple[str, Row]], agent: str, when: dt.datetime,
                      counts: dict[str, int], errors: builtins.list[str]) -> None:
        ids = [r.id for _, r in batch if r.id is not None]
        nks = [natural_key(r.profile.customer.name, r.profile.customer.partner) for _, r in batch if r.id is None]
        by_id: dict[int, _AnyRow] = {}
        by_nk: dict[str, list[_AnyRow]] = {}
        if ids:
            by_id = {r.id: r for r in conn.execute(sa.select(customers).where(customers.c.id.in_(ids)))}
        if nks:
            for r in conn.execute(sa.select(customers).where(customers.c.natural_key.in_(nks),
                                                             customers.c.archived == sa.false())):
                by_nk.setdefault(r.natural_key, []).append(r)
        inserts: list[tuple[_Payload, Profile, int | None]] = []
        for label, row in batch:
            if row.id is not None:
                current = by_id.get(row.id)
            else:
                matches = by_nk.get(natural_key(row.profile.customer.name, row.profile.customer.partner), [])
                if len(matches) > 1:
                    ids_text = ", ".join(str(m.id) for m in matches)
                    errors.append(f"{label}: customer.name: matches customers {ids_text} (same name and partner); "
                                  "add an id column")
                    continue
                current = matches[0] if matches else None
            if current is None:
                inserts.append((_Payload(profile_json(row.profile, row.plain), row.notes or "", row.tags or (), False),
                                row.profile, row.id))
                continue
            payload = _Payload(
                profile_json(row.profile, row.plain),
                current.notes if row.notes is None else row.notes,
                tuple(json.loads(current.tags)) if row.tags is None else row.tags,
                current.archived,
            )
            if self._update(conn, current, payload, row.profile, current.version, agent, when):
                counts["imported"] += 1
            else:
                counts["unchanged"] += 1
        if inserts:
            self._insert(conn, inserts, agent, when)
            counts["imported"] += len(inserts)

    # ----------------------------------------------------------------- the case log

    def log_case(self, *, at: dt.datetime, profile: Profile, customer: CustomerRecord | None,
                 settings_path: str | None, settings_text: str | None, plugins: Sequence[dict[str, Any]],
                 lang: str, agent: str, result: dict[str, Any], quote_text: str | None = None) -> Case:
        """Append a case: what was asked, about which customer version, with what, and what was answered."""
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("at must be timezone-aware")
        row = {
            "logged_at": _now(), "at": at, "at_text": at.isoformat(),
            "customer_id": customer.id if customer else None,
            "customer_version": customer.version if customer else None,
            "profile_json": profile_json(profile), "settings_path": settings_path, "settings_text": settings_text,
            "plugins_json": json.dumps(list(plugins), ensure_ascii=False), "lang": lang, "agent": agent,
            "recommended": json.dumps(list(result.get("recommended", [])), ensure_ascii=False),
            "result_json": json.dumps(result, ensure_ascii=False, sort_keys=True),
            "quote_text": quote_text,
        }
        with self._begin() as conn:
            case_id = conn.execute(cases.insert().returning(cases.c.id), row).scalar_one()
        return self.case(case_id)

    @staticmethod
    def _case(row: _AnyRow) -> Case:
        return Case(
            id=row.id, logged_at=row.logged_at, at=row.at, at_text=row.at_text, customer_id=row.customer_id,
            customer_version=row.customer_version, profile_data=json.loads(row.profile_json),
            settings_path=row.settings_path, settings_text=row.settings_text,
            plugins=tuple(json.loads(row.plugins_json)), lang=row.lang, agent=row.agent,
            recommended=tuple(json.loads(row.recommended)), result=json.loads(row.result_json),
            quote_text=row.quote_text,
        )

    def case(self, case_id: int) -> Case:
        """One case; InputError if there is none."""
        return self._case(self._by_id(cases, case_id, "case"))

    def cases(self, customer_id: int | None = None, since: dt.datetime | None = None) -> builtins.list[Case]:
        """Cases, oldest first; only one customer's with ``customer_id``; only logged at/after ``since``."""
        query = sa.select(cases).order_by(cases.c.id)
        if customer_id is not None:
            query = query.where(cases.c.customer_id == customer_id)
        if since is not None:
            query = query.where(cases.c.logged_at >= since)
        with self._read() as conn:
            return [self._case(r) for r in conn.execute(query)]


def _bulk_insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """One DBAPI ``executemany`` for many rows of the same keys (the columns' own bind processing applied)."""
    if not rows:
        return
    names = list(rows[0])
    dialect = conn.dialect
    processors = [(i, proc) for i, name in enumerate(names)
                  if (proc := table.c[name].type.bind_processor(dialect)) is not None]
    mark = "?" if dialect.paramstyle in ("qmark", "numeric") else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join([mark] * len(names))})"
    data: list[Any] = [[row[name] for name in names] for row in rows]
    if processors:
        for values in data:
            for i, proc in processors:
                values[i] = proc(values[i])
    conn.exec_driver_sql(sql, [tuple(values) for values in data])


_EMPTY_TAGS = "[]"


class _Guarded:
    """A connection (``write``: a transaction) whose database failures become one InputError line."""

    def __init__(self, book: Book, *, write: bool) -> None:
        self.book = book
        self.write = write
        self._cm: AbstractContextManager[sa.Connection] | None = None

    def __enter__(self) -> sa.Connection:
        with db.connection_errors(self.book.url):
            self._cm = self.book.engine.begin() if self.write else self.book.engine.connect()
            return self._cm.__enter__()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool | None:
        assert self._cm is not None, "__exit__ without __enter__"
        with db.connection_errors(self.book.url):
            return self._cm.__exit__(exc_type, exc, tb)
