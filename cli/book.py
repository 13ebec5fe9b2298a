"""``ontime-support db|customers|cases`` and ``compare --customer/--log`` (issue #10).

:func:`add_parsers` adds the sub-commands to the main parser and returns the
dispatch table; :func:`cmd_compare_book` is ``compare`` when it reads the
book or writes the case log. Every project symbol comes through
``ontime_support.book._deps``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ontime_support.book import _deps

if TYPE_CHECKING:
    from ontime_support.book import Book, CustomerHit, CustomerRecord
    from ontime_support.book.records import CustomerVersion, ExpiringCustomer

InputError = _deps.InputError
Handler = Callable[[argparse.Namespace, str], int]
label = _deps.label


#: Largest ``--within`` window: a hundred years of days (any maintenance date a book holds).
MAX_WINDOW_DAYS = 36500
#: Largest ``--limit`` of a search.
MAX_LIMIT = 10_000


def _whole(what: str, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number ``1..high`` in ASCII digits (ids and versions fit the columns)."""

    def parse(text: str) -> int:
        digits = text.strip()
        if not (digits.isascii() and digits.isdigit()) or len(digits.lstrip("0")) > len(str(high)) \
                or not 1 <= int(digits) <= high:
            raise argparse.ArgumentTypeError(f"expected {what} 1-{high}, got {_deps.shown(text)}")
        return int(digits)

    return parse


def _ids() -> tuple[Callable[[str], int], Callable[[str], int]]:
    from ontime_support.book import MAX_ID  # not from book.schema: that imports SQLAlchemy

    return _whole("an id", MAX_ID), _whole("a version number", MAX_ID)


def add_common(common: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    """``--db`` and ``--agent`` for every sub-command (``suppress``: a sub-command's copy, see cli/main.py)."""
    default: Any = argparse.SUPPRESS if suppress else None
    common.add_argument("--db", metavar="URL", default=default,
                        help="customer book URL (default: $ONTIME_SUPPORT_DB or a SQLite file in the user data dir)")
    common.add_argument("--agent", metavar="NAME", default=default,
                        help="who is working (default: the OS user); recorded in versions and cases")


def add_compare_options(compare: argparse.ArgumentParser, source: Any) -> None:
    """``compare --customer ID-or-name`` (in the profile source group) and ``--log``."""
    source.add_argument("--customer", metavar="ID-OR-NAME", help="a customer from the book (exactly one match)")
    compare.add_argument("--log", action="store_true", help="record this comparison in the case log")


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> dict[str, Handler]:
    """Add ``db``, ``customers`` and ``cases``; returns ``{command: handler}``."""
    from .helptext import describe, epilog

    an_id, a_version = _ids()
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=("table", "json", "csv"), default="table", help="output format (default: table)")

    dbp = sub.add_parser("db", parents=[common], help="the customer book's database", epilog=epilog("db"),
                         description=describe("The customer book's database: --db URL, else $ONTIME_SUPPORT_DB, else a "
                                     "SQLite file in the user's data directory (created on first use)."))
    dsub = dbp.add_subparsers(dest="db_command", required=True, parser_class=type(dbp))
    dsub.add_parser("upgrade", parents=[common], help="create or upgrade the schema", epilog=epilog("db upgrade"),
                    description=describe("Create or upgrade the schema (every other command also does it on first use)."))
    dsub.add_parser("info", parents=[common], help="the URL in use (password masked) and the schema revision",
                    epilog=epilog("db info"))
    backup = dsub.add_parser("backup", parents=[common], help="consistent copy of a SQLite book, even in use",
                             epilog=epilog("db backup"),
                             description=describe("Copy a SQLite book with SQLite's online backup (a PostgreSQL book is "
                                         "refused: use pg_dump)."))
    backup.add_argument("file", metavar="FILE", help="the copy to write")

    cp = sub.add_parser("customers", parents=[common], help="the customer book", epilog=epilog("customers"),
                        description=describe("The customer book: each customer a profile plus notes and tags, every "
                                    "version kept (--db selects the book)."))
    csub = cp.add_subparsers(dest="customers_command", required=True, parser_class=type(cp))
    imp = csub.add_parser("import", parents=[common], help="import CSV or profile .toml files",
                          epilog=epilog("customers import"),
                          description=describe("Import customers: CSV rows (columns: docs/customer-book.md) or profile "
                                      ".toml files. A row with an id updates that customer; without one, the "
                                      "customer with the same name and partner, else a new one. Exit 2 if a "
                                      "row failed (the others are imported)."))
    imp.add_argument("files", metavar="FILE", nargs="+", help="a .csv file or profile .toml files")
    imp.add_argument("--all-or-nothing", action="store_true", help="import nothing if any row fails")
    lst = csub.add_parser("list", parents=[common, fmt], help="list customers", epilog=epilog("customers list"))
    lst.add_argument("--archived", action="store_true", help="include archived customers")
    srch = csub.add_parser("search", parents=[common, fmt], help="find customers by name, partner or tag",
                           epilog=epilog("customers search"),
                           description=describe("Customers whose name (or any word of it on), name without its legal "
                                       "form, partner or tag starts with TEXT; case, full/half width and "
                                       "hiragana/katakana are ignored (romaji does not find kana)."))
    srch.add_argument("text", metavar="TEXT", help="the start of a name, a word of it, a partner id or a tag")
    srch.add_argument("--archived", action="store_true", help="include archived customers")
    srch.add_argument("--limit", type=_whole("a number of customers", MAX_LIMIT), default=20,
                      help="at most this many customers (default: 20)")
    show = csub.add_parser("show", parents=[common], help="one customer", epilog=epilog("customers show"))
    show.add_argument("id", type=an_id, metavar="ID", help="the customer's id (customers search shows it)")
    show.add_argument("--format", choices=("table", "json", "csv", "toml"), default="table",
                      help="output format (default: table; toml is a profile file)")
    exp = csub.add_parser("export", parents=[common], help="every customer (CSV re-imports to the same customers)",
                          epilog=epilog("customers export"))
    exp.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    exp.add_argument("--archived", action="store_true", help="include archived customers")
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    hist = csub.add_parser("history", parents=[common], help="every version of a customer",
                           epilog=epilog("customers history"))
    hist.add_argument("id", type=an_id, metavar="ID", help="the customer's id")
    hist.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    upd = csub.add_parser("update", parents=[common], help="save a new version (optimistic locking)",
                          epilog=epilog("customers update"))
    upd.add_argument("id", type=an_id, metavar="ID", help="the customer's id")
    upd.add_argument("--based-on", type=a_version, required=True, metavar="VERSION",
                     help="the version you read (refused if the customer changed since)")
    upd.add_argument("--profile", metavar="FILE", help="new profile TOML")
    upd.add_argument("--notes", help="new notes")
    upd.add_argument("--tags", help="new tags, separated by ';'")
    rst = csub.add_parser("restore", parents=[common], help="make an old version current (as a new version)",
                          epilog=epilog("customers restore"))
    rst.add_argument("id", type=an_id, metavar="ID", help="the customer's id")
    rst.add_argument("version", type=a_version, metavar="VERSION", help="the version to bring back (see history)")
    rst.add_argument("--based-on", type=a_version, metavar="VERSION",
                     help="the version you read (refused if the customer changed since)")
    for name, text in (("archive", "hide a customer (nothing is deleted)"), ("unarchive", "show it again")):
        a = csub.add_parser(name, parents=[common], help=text, epilog=epilog(f"customers {name}"))
        a.add_argument("id", type=an_id, metavar="ID", help="the customer's id")
        a.add_argument("--based-on", type=a_version, metavar="VERSION",
                       help="the version you read (refused if the customer changed since)")
    expg = csub.add_parser("expiring", parents=[common], help="maintenance ending within a window (MNT-1)",
                           epilog=epilog("customers expiring"),
                           description=describe("Customers whose maintenance ends between today and the end of the "
                                       "window, with each option's annual fee for the renewal (MNT-1)."))
    expg.add_argument("--within", default="60d", metavar="DAYS",
                      help="window: days (60d, the default, or 60) or weeks (8w), at most 36500 days")
    expg.add_argument("--at", metavar="ISO", help="as of this instant (ISO 8601 with offset; default: now)")
    expg.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")

    kp = sub.add_parser("cases", parents=[common], help="the case log", epilog=epilog("cases"),
                        description=describe("The comparisons the desk acted on (compare --log, F5 or Ctrl+L in the TUI); "
                                    "cases cannot be edited or deleted."))
    ksub = kp.add_subparsers(dest="cases_command", required=True, parser_class=type(kp))
    kl = ksub.add_parser("list", parents=[common], help="logged cases", epilog=epilog("cases list"))
    kl.add_argument("--customer", metavar="ID-OR-NAME", help="only this customer's cases (exactly one match)")
    kl.add_argument("--since", metavar="DATE", help="logged on or after this date (YYYY-MM-DD, UTC)")
    kl.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    ks = ksub.add_parser("show", parents=[common], help="one case; --format markdown gives the quote as shown",
                         epilog=epilog("cases show"),
                         description=describe("One case as logged. The comparison is re-run with today's plugins and "
                                     "settings; a different answer is noted on stderr."))
    ks.add_argument("id", type=an_id, metavar="ID", help="the case number (cases list shows it)")
    ks.add_argument("--format", choices=("table", "json", "markdown"), default="table",
                    help="output format (default: table; markdown: the stored quote, byte for byte)")
    return HANDLERS


# --------------------------------------------------------------------------- helpers


def agent_of(args: argparse.Namespace) -> str:
    if getattr(args, "agent", None):
        return str(args.agent)
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        return "unknown"


def open_book(args: argparse.Namespace) -> Book:
    from ontime_support.book import Book

    return Book.open(getattr(args, "db", None))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_rows(headers: Sequence[str], rows: Sequence[Sequence[Any]], out: Any = None) -> None:
    """Plain aligned columns (East Asian wide characters count double)."""
    out = out or sys.stdout
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]
    for r in cells:
        out.write("  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")


def _dump(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def hit_json(h: CustomerHit) -> dict[str, Any]:
    return {"id": h.id, "version": h.version, "name": h.name, "partner": h.partner, "tags": list(h.tags),
            "maintenance_active_until": h.active_until.isoformat() if h.active_until else None,
            "archived": h.archived}


def record_json(r: CustomerRecord) -> dict[str, Any]:
    from ontime_support.book.store import profile_json

    return {"id": r.id, "version": r.version, "profile": json.loads(profile_json(r.profile)), "notes": r.notes,
            "tags": list(r.tags), "archived": r.archived, "updated_at": r.updated_at.isoformat(),
            "updated_by": r.updated_by}


def _print_hits(hits: list[CustomerHit], fmt: str, lang: str) -> None:
    if fmt == "json":
        _dump([hit_json(h) for h in hits])
    elif fmt == "csv":
        from ontime_support.book import csvio

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["id", "version", "name", "partner", "tags", "maintenance_active_until", "archived"])
        for h in hits:
            w.writerow(csvio.spreadsheet_safe([h.id, h.version, h.name, h.partner or "", ";".join(h.tags),
                                               h.active_until.isoformat() if h.active_until else "",
                                               str(h.archived).lower()]))
    else:
        print_rows([label(f"book.{k}", lang) for k in ("id", "name", "partner", "tags", "until", "v")],
                   [(h.id, h.name + (_archived_mark(lang) if h.archived else ""), h.partner or "", ";".join(h.tags),
                     h.active_until.isoformat() if h.active_until else "—", h.version) for h in hits])


def _archived_mark(lang: str) -> str:
    mark = label("book.archived_mark", lang)
    return f"（{mark}）" if lang == "ja" else f" ({mark})"


def resolve_customer(book: Book, ref: str) -> CustomerRecord:
    """Exactly one customer for ``ref`` (id or name), else a one-line InputError listing the candidates."""
    found = book.find(ref)
    if not found:
        raise InputError("--customer", None, f"no customer matches {ref!r}")
    if len(found) > 1:
        names = "; ".join(f"{r.id} {r.name}" + (f" ({r.partner})" if r.partner else "") for r in found[:10])
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        raise InputError("--customer", None, f"{ref!r} matches {len(found)} customers: {names}{more}; give the id")
    return found[0]


# --------------------------------------------------------------------------- db


def cmd_db(args: argparse.Namespace, lang: str) -> int:
    from ontime_support.book import db as bookdb

    url = bookdb.resolve_url(args.db)
    engine = bookdb.create_engine(url)
    try:
        if args.db_command == "upgrade":
            before, after = bookdb.upgrade(engine)
            print(f"{bookdb.mask(url)}: schema {before or 'none'} -> {after}" if before != after
                  else f"{bookdb.mask(url)}: schema already at {after}")
        elif args.db_command == "info":
            with bookdb.connection_errors(url), engine.connect() as conn:
                current = bookdb.current_revision(conn)
            head = bookdb.head_revision()
            print(f"url: {bookdb.mask(url)}")
            print(f"dialect: {engine.dialect.name}")
            state = "up to date" if current == head else f"needs `ontime-support db upgrade` to {head}"
            print(f"revision: {current or 'none (no schema yet)'} ({state})")
        elif args.db_command == "backup":
            if engine.dialect.name == "sqlite":
                bookdb.ensure_schema(engine)
            target = bookdb.backup(engine, args.file)
            print(f"backed up {bookdb.mask(url)} to {target}")
    finally:
        engine.dispose()
    return 0


# --------------------------------------------------------------------------- customers


def _iter_csv(path: Path) -> Iterator[tuple[str, Any]]:
    from ontime_support.book import csvio

    source = path.name
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read file ({exc.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames
        if not header:
            raise InputError(source, None, "empty file (expected a header row of column names)")
        csvio.check_header(list(header), source)
        parser = csvio.RowParser(list(header))
        for number, row in enumerate(reader, start=2):  # row 1 is the header, as a spreadsheet counts
            label = f"{source}: row {number}"
            if None in row or None in row.values():
                yield label, InputError(label, None, "more cells than columns" if None in row
                                        else "fewer cells than columns")
                continue
            try:
                yield label, parser.parse(row, label)
            except InputError as exc:
                yield label, exc


def _iter_toml(path: Path) -> Iterator[tuple[str, Any]]:
    from ontime_support.book import csvio

    try:
        yield path.name, csvio.Row(id=None, profile=_deps.load_profile(path), notes=None, tags=None)
    except InputError as exc:
        yield path.name, exc


def import_files(book: Book, files: Sequence[str], agent: str, all_or_nothing: bool) -> Any:
    from ontime_support.book import csvio

    paths = [Path(f) for f in files]
    for p in paths:
        if p.suffix.lower() not in (".csv", ".toml"):
            raise InputError(str(p), None, "expected a .csv or a profile .toml file")
        if not p.is_file():
            raise InputError(str(p), None, "file not found")

    def rows() -> Iterator[tuple[str, Any]]:
        for p in paths:
            yield from (_iter_csv(p) if p.suffix.lower() == ".csv" else _iter_toml(p))

    return book.import_rows(rows(), agent=agent, all_or_nothing=all_or_nothing)


def cmd_customers(args: argparse.Namespace, lang: str) -> int:
    from ontime_support.book import csvio

    command = args.customers_command
    with open_book(args) as book:
        if command == "import":
            summary = import_files(book, args.files, agent_of(args), args.all_or_nothing)
            for line in summary.errors:
                sys.stderr.write(line + "\n")
            if summary.failed:
                sys.stderr.write(summary.line() + "\n")
                return 2
            print(summary.line())
            return 0
        if command == "list":
            _print_hits(book.list(include_archived=args.archived), args.format, lang)
        elif command == "search":
            _print_hits(book.search(args.text, args.limit, include_archived=args.archived), args.format, lang)
        elif command == "show":
            _show(book.get(args.id), args.format, lang)
        elif command == "export":
            _export(book, args)
        elif command == "history":
            _history(book, args.id, args.format, lang)
        elif command == "update":
            current = book.get(args.id)
            profile = _deps.load_profile(args.profile) if args.profile else current.profile
            tags = csvio.split_tags(args.tags) if args.tags is not None else None
            saved = book.save(args.id, profile, args.based_on, agent_of(args), notes=args.notes, tags=tags)
            print(label("book.saved_version", lang).format(id=saved.id, version=saved.version))
        elif command == "restore":
            saved = book.restore(args.id, args.version, agent_of(args), args.based_on)
            print(label("book.restored", lang).format(id=saved.id, old=args.version, new=saved.version))
        elif command in ("archive", "unarchive"):
            saved = book.archive(args.id, agent_of(args), args.based_on, archived=command == "archive")
            print(label(f"book.{command}d_line", lang).format(id=saved.id, version=saved.version))
        elif command == "expiring":
            return _expiring(book, args, lang)
    return 0


def _show(r: CustomerRecord, fmt: str, lang: str) -> None:
    from ontime_support.book import csvio

    if fmt == "json":
        _dump(record_json(r))
        return
    if fmt == "toml":
        sys.stdout.write(_profile_toml(r))
        return
    if fmt == "csv":  # the export's columns: re-imports to this customer
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(csvio.column_names())
        w.writerow(csvio.spreadsheet_safe(csvio.export_row(r.id, r.profile, r.notes, r.tags)))
        return
    colon = ": "
    print(label("book.customer_head", lang).format(id=r.id, name=r.name) + (_archived_mark(lang) if r.archived else ""))
    print(label("book.saved_by", lang).format(version=r.version, who=r.updated_by, at=r.updated_at.isoformat()))
    if r.tags:
        print(label("book.tags", lang) + colon + "; ".join(r.tags))
    if r.notes:
        print(label("book.notes", lang) + colon + r.notes)
    rows = []
    for key, cell in zip(csvio.column_names()[1:-2], csvio.export_row(r.id, r.profile, "", ())[1:-2], strict=True):
        if cell:
            rows.append((key, cell))
    print_rows([label("book.field", lang), label("book.value", lang)], rows)


def _profile_toml(r: CustomerRecord) -> str:
    from ontime_support.book import csvio

    """The profile as a TOML file (loadable with --profile)."""
    out = [f"# customer {r.id}, version {r.version}"]
    section = None
    for key, cell in zip(csvio.column_names()[1:-2], csvio.export_row(r.id, r.profile, "", ())[1:-2], strict=True):
        if not cell:
            continue
        kind = dict(csvio.profile_columns())[key]
        sec, name = key.split(".", 1)
        if sec != section:
            out.append(f"[{sec}]")
            section = sec
        if kind in ("int", "decimal", "bool", "date"):
            value = cell
        elif kind == "list":
            value = json.dumps(cell.split(csvio.LIST_SEPARATOR), ensure_ascii=False)
        else:
            value = json.dumps(cell, ensure_ascii=False)
        out.append(f"{name} = {value}")
    return "\n".join(out) + "\n"


def _export(book: Book, args: argparse.Namespace) -> None:
    from ontime_support.book import csvio

    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.format == "json":
            for r in book.iter_all(include_archived=args.archived):
                out.write(json.dumps(record_json(r), ensure_ascii=False) + "\n")
        else:
            w = csv.writer(out, lineterminator="\n")
            w.writerow(csvio.column_names())
            for r in book.iter_all(include_archived=args.archived):
                w.writerow(csvio.spreadsheet_safe(csvio.export_row(r.id, r.profile, r.notes, r.tags)))
    finally:
        if args.output:
            out.close()


def changed_text(version: CustomerVersion, lang: str) -> str:
    """What a version changed, for people: ``created``, ``unarchived``, ``notes, tags`` (dotted keys stay keys)."""
    if version.version == 1:
        return label("book.created", lang)
    words = [label(f"book.{k}", lang) if k in ("archived", "unarchived") else k for k in version.change_names()]
    return ", ".join(words) or "—"


def _history(book: Book, customer_id: int, fmt: str, lang: str) -> None:
    versions = book.history(customer_id)
    if fmt == "json":
        _dump([{"version": v.version, "agent": v.agent, "at": v.at.isoformat(), "changed": list(v.changed),
                "archived": v.archived} for v in versions])
        return
    print_rows([label(f"book.{k}", lang) for k in ("version", "when_utc", "who", "changed")],
               [(v.version, v.at.strftime("%Y-%m-%d %H:%M:%S"), v.agent, changed_text(v, lang)) for v in versions])


_WINDOW = re.compile(r"\s*([0-9]+)\s*([dw]?)\s*", re.ASCII)


def parse_window(text: str) -> int:
    """``--within``: ``60``/``60d`` days or ``8w`` weeks, 0..MAX_WINDOW_DAYS days; else a one-line InputError."""
    allowed = f"0-{MAX_WINDOW_DAYS} days (or up to {MAX_WINDOW_DAYS // 7}w)"
    m = _WINDOW.fullmatch(text)
    if not m:
        raise InputError("--within", None, f"expected a number of days such as 60d (or weeks: 8w), "
                                           f"{allowed}, got {_deps.shown(text)}")
    digits = m.group(1).lstrip("0") or "0"
    days = int(digits) * (7 if m.group(2) == "w" else 1) if len(digits) <= 9 else MAX_WINDOW_DAYS + 1
    if days > MAX_WINDOW_DAYS:
        raise InputError("--within", None, f"{_deps.shown(text.strip())} is too long a window; "
                                           f"the allowed range is {allowed}")
    return days


def expiring(book: Book, host: Any, at: dt.datetime, days: int) -> list[ExpiringCustomer]:
    from ontime_support.book.records import ExpiringCustomer

    """Customers whose maintenance ends in ``[at's date, +days]``, each with the renewal's annual fees."""
    today = at.date()
    found = []
    for record in book.expiring(today, today + dt.timedelta(days=days)):
        comparison = host.compare(record.profile, at)
        fees = {r.option.id: r.pricing.annual_fee_jpy for r in comparison.options
                if r.pricing is not None and r.pricing.annual_fee_jpy is not None}
        until = record.profile.maintenance.active_until
        assert until is not None
        found.append(ExpiringCustomer(customer=record, active_until=until, days_left=(until - today).days,
                                      annual_fees_jpy=fees,
                                      option_titles={r.option.id: r.option.title for r in comparison.options
                                                     if r.option.id in fees}))
    return found


def _expiring(book: Book, args: argparse.Namespace, lang: str) -> int:
    from .main import _host, parse_at

    days = parse_window(args.within)
    at = parse_at(args.at)
    items = expiring(book, _host(args), at, days)
    note = label("book.mnt1_note", lang)
    if args.format == "json":
        _dump({"at": at.isoformat(), "clause": "MNT-1", "note": note, "lang": lang, "customers": [
            {"id": e.customer.id, "name": e.customer.name, "partner": e.customer.partner,
             "active_until": e.active_until.isoformat(), "days_left": e.days_left,
             "annual_fees_jpy": e.annual_fees_jpy,
             "option_titles": {oid: title(lang) for oid, title in e.option_titles.items()}} for e in items]})
        return 0
    print_rows([label(f"book.{k}", lang) for k in ("id", "name", "partner", "until", "days_left", "annual_fees")],
               [(e.customer.id, e.customer.name, e.customer.partner or "", e.active_until.isoformat(), e.days_left,
                 fees_text(e, lang)) for e in items])
    count = label("book.expiring_count", lang).format(count=len(items), days=days, today=at.date().isoformat())
    print(f"{count}{'' if lang == 'ja' else ' '}{note}")
    return 0


def fees_text(item: ExpiringCustomer, lang: str) -> str:
    """The renewal's annual fees by option title: ``IntraVision technical support (annual) 180,000 JPY; …``."""
    parts = []
    for oid, fee in item.annual_fees_jpy.items():
        title = item.option_titles.get(oid)
        parts.append(f"{title(lang) if title is not None else oid} {_deps.yen(fee, lang)}")
    return ("、" if lang == "ja" else "; ").join(parts) or "—"


# --------------------------------------------------------------------------- compare --customer / --log


def _settings_source(args: argparse.Namespace) -> tuple[str | None, str | None]:
    path = args.settings or os.environ.get("ONTIME_SUPPORT_SETTINGS") or None
    if not path:
        return None, None
    try:
        return path, Path(path).read_text(encoding="utf-8")
    except OSError:
        return path, None


def cmd_compare_book(args: argparse.Namespace, lang: str) -> int:
    """``compare --customer X`` and/or ``compare ... --log``."""
    from .main import _host, parse_at, quote_settings, show_comparison

    if getattr(args, "profiles", None):
        raise InputError("--log", None, "works with --profile or --customer, not with --profiles")
    host, quote = _host(args), quote_settings(args)
    book = open_book(args) if (args.customer or args.log) else None
    try:
        record: CustomerRecord | None = None
        if args.customer:
            assert book is not None
            record = resolve_customer(book, args.customer)
            profile = record.profile
        else:
            profile = _deps.load_profile(args.profile)
        at = parse_at(args.at, profile.customer.timezone)
        comparison = host.compare(profile, at)
        result = _deps.to_json(comparison, lang, profile)
        shown = show_comparison(comparison, profile, lang, args, quote)
        if args.log:
            assert book is not None
            path, text = _settings_source(args)
            plugins = [{"name": i.name, "origin": i.origin, "status": i.status} for i in host.plugins()]
            case = book.log_case(at=at, profile=profile, customer=record, settings_path=path, settings_text=text,
                                 plugins=plugins, lang=lang, agent=agent_of(args),
                                 result=json.loads(json.dumps(result, ensure_ascii=False)), quote_text=shown)
            sys.stderr.write(f"logged as case {case.id}\n")
    finally:
        if book is not None:
            book.close()
    return 0


# --------------------------------------------------------------------------- cases


def _since(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError("--since", None, f"expected a date YYYY-MM-DD, got {text!r}") from None
    return dt.datetime.combine(day, dt.time(), dt.timezone.utc)


def rerun_differences(book: Book, case: Any, host: Any) -> list[str]:
    """What differs when the case is re-run today (same customer version, same instant); [] if nothing."""
    if case.customer_id is not None and case.customer_version is not None:
        profile = book.version(case.customer_id, case.customer_version).profile
    else:
        profile = _deps.profile_from_data(case.profile_data, f"case {case.id}")
    at = dt.datetime.fromisoformat(case.at_text)
    today = json.loads(json.dumps(_deps.to_json(host.compare(profile, at), case.lang, profile), ensure_ascii=False))
    return _diff(case.result, today)


def _diff(old: Any, new: Any, path: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in list(old) + [k for k in new if k not in old]:
            out += _diff(old.get(key), new.get(key), f"{path}.{key}" if path else str(key))
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        out = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            out += _diff(a, b, f"{path}[{i}]")
        return out
    return [] if old == new else [path or "(result)"]


def cmd_cases(args: argparse.Namespace, lang: str) -> int:
    with open_book(args) as book:
        if args.cases_command == "list":
            customer_id = resolve_customer(book, args.customer).id if args.customer else None
            items = book.cases(customer_id, _since(args.since))
            if args.format == "json":
                _dump([{"id": c.id, "logged_at": c.logged_at.isoformat(), "at": c.at_text,
                        "customer_id": c.customer_id, "customer_version": c.customer_version,
                        "agent": c.agent, "lang": c.lang, "recommended": list(c.recommended),
                        "quote": c.quote_text is not None} for c in items])
            else:
                print_rows(["case", "logged (UTC)", "asked at", "customer", "agent", "recommended"],
                           [(c.id, c.logged_at.strftime("%Y-%m-%d %H:%M"), c.at_text,
                             f"{c.customer_id} v{c.customer_version}" if c.customer_id else
                             c.profile_data.get("customer", {}).get("name", ""),
                             c.agent, ", ".join(c.recommended)) for c in items])
            return 0
        case = book.case(args.id)
        if args.format == "markdown":
            if case.quote_text is None:
                raise InputError(f"case {case.id}", None,
                                 "no quote was exported for this case (use --format json for the full result)")
            sys.stdout.write(case.quote_text)
        elif args.format == "json":
            _dump({"id": case.id, "logged_at": case.logged_at.isoformat(), "at": case.at_text,
                   "customer_id": case.customer_id, "customer_version": case.customer_version,
                   "profile": case.profile_data, "settings_path": case.settings_path,
                   "settings_text": case.settings_text, "plugins": list(case.plugins), "lang": case.lang,
                   "agent": case.agent, "recommended": list(case.recommended), "result": case.result,
                   "quote_text": case.quote_text})
        else:
            print(f"case {case.id}, logged {case.logged_at.isoformat()} by {case.agent}")
            who = (f"customer {case.customer_id} version {case.customer_version}" if case.customer_id
                   else "a profile file (not in the book)")
            print(f"asked at {case.at_text} about {who} "
                  f"({case.profile_data.get('customer', {}).get('name', '')}), lang {case.lang}")
            print(f"settings: {case.settings_path or 'defaults'}")
            print("plugins: " + ", ".join(f"{p['name']} ({p['origin']}, {p['status']})" for p in case.plugins))
            print("recommended: " + (", ".join(case.recommended) or "nothing"))
            print("quote: " + ("stored (--format markdown)" if case.quote_text is not None else "none"))
        from .main import _host

        diffs = rerun_differences(book, case, _host(args))
        if diffs:
            shown = ", ".join(diffs[:5]) + (f" and {len(diffs) - 5} more" if len(diffs) > 5 else "")
            sys.stderr.write(f"note: re-running case {case.id} today gives a different answer ({shown})\n")
    return 0


#: ``{command: handler}`` for the commands :func:`add_parsers` adds.
HANDLERS: dict[str, Handler] = {"db": cmd_db, "customers": cmd_customers, "cases": cmd_cases}
