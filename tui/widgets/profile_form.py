"""The profile form: every profile field as a control.

The form never decides anything: it turns its controls into plain data and
asks the kernel (``profile_from_data``) to build a :class:`Profile`. A valid
profile goes up in :class:`ProfileForm.Changed`; the kernel's one-line
complaint goes up in :class:`ProfileForm.Invalid` and is shown under the field.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.suggester import SuggestFromList, Suggester
from textual.widgets import Checkbox, Input, Select, Static

from ontime_support.loading.errors import InputError
from ontime_support.loading import profile_from_data
from ontime_support.kernel.models import Profile

from ontime_support.present.labels import language_name

from ..text import literal, tr
from .labels import I18nLabel
from .tick import Tick

SOURCE = "form"
_INT = re.compile(r"^-?\d+$")

#: enum Selects: field path -> label kind
ENUM_FIELDS = {
    "customer.purchased_from": "purchased_from",
    "customer.platform": "platform",
    "customer.platform_supported_by": "platform_supported_by",
    "incident.scope": "scope",
    "incident.in_platform_clients": "yes_no_unknown",
}
SWITCHES = (
    "customer.platform_changed", "contracts.direct_shop_annual", "contracts.intravision_annual",
    "incident.enabled", "incident.reproducible", "incident.on_newest_version", "incident.needs_onsite",
)
INCIDENT_DEFAULTS: dict[str, str | bool] = {"scope": "one_user", "in_platform_clients": "unknown", "reproducible": False,
                     "on_newest_version": True, "needs_onsite": False}


ENUM_VALUES = {
    "purchased_from": ("direct_shop", "partner", "intravision"),
    "platform": ("domino", "exchange"),
    "platform_supported_by": ("same_partner", "other_partner", "in_house", "none"),
    "scope": ("one_user", "some_users", "all_users"),
    "yes_no_unknown": ("yes", "no", "unknown"),
    "yes_no": ("yes", "no"),
}


def enum_options(kind: str, lang: str) -> list[tuple[str, str]]:
    """``(label, value)`` pairs for a Select, labels from the catalogue (``value.<kind>.<value>``)."""
    return [(tr(f"value.{kind}.{value}", lang), value) for value in ENUM_VALUES[kind]]


def fid(path: str) -> str:
    """Widget id for a field path: ``customer.timezone`` -> ``customer-timezone``."""
    return path.replace(".", "-")


def _zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(available_timezones())


class ZoneSuggester(Suggester):
    """Time-zone completion; the zone list is read on the first request, not at start-up."""

    def __init__(self) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self._inner: SuggestFromList | None = None

    async def get_suggestion(self, value: str) -> str | None:
        if self._inner is None:
            self._inner = SuggestFromList(_zones(), case_sensitive=False)
        return await self._inner.get_suggestion(value)


class ProfileForm(VerticalScroll):
    """Edits a profile; holds no state but its controls."""

    class Changed(Message):
        def __init__(self, profile: Profile) -> None:
            super().__init__()
            self.profile = profile

    class Built(Message):
        """The controls are mounted and show the profile."""

    class Invalid(Message):
        def __init__(self, error: InputError) -> None:
            super().__init__()
            self.error = error

    def __init__(self, profile: Profile, lang: str, partners: list[tuple[str, str]],
                 cursor_blink: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._initial = profile
        self.lang = lang
        self.partners = partners  # (id, name) from the partner directory
        self.cursor_blink = cursor_blink
        self.error_field: str | None = None
        self._error_shown: InputError | None = None
        self._built = False

    # ------------------------------------------------------------------ building

    def _input(self, path: str, **kwargs: Any) -> Input:
        return Input(id=fid(path), classes="field", **kwargs)

    def _row(self, path: str, control: Any) -> ComposeResult:
        yield I18nLabel("form." + path, self.lang, classes="field-label")
        yield control
        yield Static("", id="err-" + fid(path), classes="field-error")

    def _switch_row(self, path: str) -> ComposeResult:
        yield Tick(tr("form." + path, self.lang), key="form." + path, id=fid(path), classes="tick-field")
        yield Static("", id="err-" + fid(path), classes="field-error")

    def _enum(self, path: str) -> Select[str]:
        return Select(enum_options(ENUM_FIELDS[path], self.lang), id=fid(path), allow_blank=False,
                      classes="field")

    def _partner_options(self) -> list[tuple[Any, str]]:
        return [(literal(f"{name} ({pid})", one_line=True), pid) for pid, name in self.partners]

    @property
    def built(self) -> bool:
        """True once the controls are mounted (just after the first frame)."""
        return self._built

    def compose(self) -> ComposeResult:
        yield from ()  # the controls are mounted after the first frame: see on_mount

    def _controls(self) -> ComposeResult:
        lang = self.lang
        yield I18nLabel("form.profile", lang, classes="form-title")
        yield Static("", id="err-general", classes="field-error")
        yield I18nLabel("form.sec_customer", lang, classes="section")
        yield from self._row("customer.name", self._input("customer.name"))
        yield from self._row("customer.country", self._input("customer.country", max_length=2))
        yield from self._row("customer.timezone", self._input(
            "customer.timezone", suggester=ZoneSuggester()))
        yield I18nLabel("form.customer.languages", lang, classes="field-label")
        with Horizontal(classes="switch-row"):
            yield Tick(language_name("ja", lang), id="lang-ja", button_first=True)
            yield Tick(language_name("en", lang), id="lang-en", button_first=True)
        yield I18nLabel("form.languages_other", lang, classes="field-label sub")
        yield Input(id="lang-other", classes="field", placeholder="de, fr")
        yield Static("", id="err-customer-languages", classes="field-error")
        yield from self._row("customer.purchased_from", self._enum("customer.purchased_from"))
        yield from self._row("customer.partner", Select(self._partner_options(), id="customer-partner",
                                                        prompt=tr("form.choose", lang), classes="field"))
        yield I18nLabel("form.partner_other", lang, classes="field-label sub")
        yield Input(id="partner-other", classes="field",
                    suggester=SuggestFromList([pid for pid, _ in self.partners]))
        yield from self._row("customer.partner_supports_ontime", Select(
            enum_options("yes_no", lang), id="customer-partner_supports_ontime",
            prompt=tr("form.choose", lang), classes="field"))
        yield from self._row("customer.platform", self._enum("customer.platform"))
        yield from self._row("customer.platform_supported_by", self._enum("customer.platform_supported_by"))
        yield from self._switch_row("customer.platform_changed")
        yield I18nLabel("form.sec_maintenance", lang, classes="section")
        yield from self._row("maintenance.active_until", self._input("maintenance.active_until",
                                                                       placeholder="2027-03-31"))
        yield I18nLabel("form.sec_licenses", lang, classes="section")
        yield from self._row("licenses.purchased_list_price_jpy", self._input("licenses.purchased_list_price_jpy"))
        yield from self._row("licenses.newest_list_price_jpy", self._input("licenses.newest_list_price_jpy"))
        yield I18nLabel("form.sec_contracts", lang, classes="section")
        yield from self._switch_row("contracts.direct_shop_annual")
        yield from self._switch_row("contracts.intravision_annual")
        yield I18nLabel("form.sec_usage", lang, classes="section")
        yield from self._row("usage.expected_spot_hours", self._input("usage.expected_spot_hours"))
        yield I18nLabel("form.sec_incident", lang, classes="section")
        yield from self._switch_row("incident.enabled")
        yield from self._row("incident.scope", self._enum("incident.scope"))
        yield from self._row("incident.in_platform_clients", self._enum("incident.in_platform_clients"))
        yield from self._switch_row("incident.reproducible")
        yield from self._switch_row("incident.on_newest_version")
        yield from self._switch_row("incident.needs_onsite")

    def on_mount(self) -> None:
        # The comparison is what the user came for: paint it first, then add the ~80 controls.
        self.call_after_refresh(self._build)

    async def _build(self) -> None:
        if self._built:
            return
        from textual.compose import compose as run_compose

        widgets = run_compose(self, self._controls())
        with self.app.batch_update():
            await self.mount_all(widgets)
            if not all(widget.is_attached for widget in widgets):
                return  # the app quit (or the form went away) while the controls were mounting
            for widget in self.query(Input):
                widget.cursor_blink = self.cursor_blink
            self._built = True
            self.load(self._initial)
            self.post_message(self.Built())

    # ------------------------------------------------------------------ values in

    def _defer(self, profile: Profile) -> bool:
        """Before the controls are built, keep ``profile`` to show once they are (``True``: deferred)."""
        if self._built:
            return False
        self._initial = profile
        return True

    def _quiet(self) -> AbstractContextManager[None]:
        """Set controls without posting their ``Changed`` messages."""
        return self.prevent(Input.Changed, Select.Changed, Checkbox.Changed)

    def load(self, profile: Profile) -> None:
        """Show ``profile`` in the controls (without posting changes)."""
        if self._defer(profile):
            return
        c = profile.customer
        with self._quiet():
            self._set("customer.name", c.name)
            self._set("customer.country", c.country)
            self._set("customer.timezone", c.timezone)
            self.query_one("#lang-ja", Tick).value = "ja" in c.languages
            self.query_one("#lang-en", Tick).value = "en" in c.languages
            self.query_one("#lang-other", Input).value = ", ".join(x for x in c.languages if x not in ("ja", "en"))
            self._select("customer.purchased_from", c.purchased_from.value)
            known = {pid for pid, _ in self.partners}
            partner_select = self.query_one("#customer-partner", Select)
            if c.partner in known:
                partner_select.value = c.partner
                self.query_one("#partner-other", Input).value = ""
            else:
                partner_select.clear()
                self.query_one("#partner-other", Input).value = c.partner or ""
            supports = self.query_one("#customer-partner_supports_ontime", Select)
            if c.partner_supports_ontime is None:
                supports.clear()
            else:
                supports.value = "yes" if c.partner_supports_ontime else "no"
            self._select("customer.platform", c.platform.value)
            self._select("customer.platform_supported_by", c.platform_supported_by.value)
            self._switch("customer.platform_changed", c.platform_changed)
            until = profile.maintenance.active_until
            self._set("maintenance.active_until", until.isoformat() if until else "")
            self._set("licenses.purchased_list_price_jpy", str(profile.licenses.purchased_list_price_jpy))
            self._set("licenses.newest_list_price_jpy", str(profile.licenses.newest_list_price_jpy))
            self._switch("contracts.direct_shop_annual", profile.contracts.direct_shop_annual)
            self._switch("contracts.intravision_annual", profile.contracts.intravision_annual)
            self._set("usage.expected_spot_hours", _hours_text(profile.usage.expected_spot_hours))
            self.load_incident(profile)
        self._show_error(None)

    def load_incident(self, profile: Profile) -> None:
        if self._defer(profile):
            return
        incident = profile.incident
        with self._quiet():
            self._switch("incident.enabled", incident is not None)
            values = INCIDENT_DEFAULTS if incident is None else {
                "scope": incident.scope.value, "in_platform_clients": incident.in_platform_clients.value,
                "reproducible": incident.reproducible, "on_newest_version": incident.on_newest_version,
                "needs_onsite": incident.needs_onsite}
            self._select("incident.scope", str(values["scope"]))
            self._select("incident.in_platform_clients", str(values["in_platform_clients"]))
            for key in ("reproducible", "on_newest_version", "needs_onsite"):
                self._switch(f"incident.{key}", bool(values[key]))
        self._enable_incident(incident is not None)

    def _set(self, path: str, value: str) -> None:
        self.query_one("#" + fid(path), Input).value = value

    def _select(self, path: str, value: str) -> None:
        self.query_one("#" + fid(path), Select).value = value

    def _switch(self, path: str, value: bool) -> None:
        self.query_one("#" + fid(path), Tick).value = value

    def _enable_incident(self, enabled: bool) -> None:
        for path in ("incident.scope", "incident.in_platform_clients", "incident.reproducible",
                     "incident.on_newest_version", "incident.needs_onsite"):
            self.query_one("#" + fid(path)).disabled = not enabled

    # ------------------------------------------------------------------ values out

    def _text(self, path: str) -> str:
        return self.query_one("#" + fid(path), Input).value.strip()

    def data(self) -> dict[str, Any]:
        """The controls as plain profile data (the kernel validates it)."""
        languages = [code for code in ("ja", "en") if self.query_one(f"#lang-{code}", Tick).value]
        other = self.query_one("#lang-other", Input).value
        languages += [part.strip() for part in other.split(",") if part.strip()]
        customer: dict[str, Any] = {
            "name": self.query_one("#customer-name", Input).value,
            "country": self._text("customer.country"),
            "timezone": self._text("customer.timezone"),
            "languages": languages,
            "purchased_from": self.query_one("#customer-purchased_from", Select).value,
            "platform": self.query_one("#customer-platform", Select).value,
            "platform_supported_by": self.query_one("#customer-platform_supported_by", Select).value,
            "platform_changed": self.query_one("#customer-platform_changed", Tick).value,
        }
        partner = self.query_one("#partner-other", Input).value.strip()
        if not partner:
            selected = self.query_one("#customer-partner", Select).value
            partner = selected if isinstance(selected, str) else ""
        if partner:
            customer["partner"] = partner
        supports = self.query_one("#customer-partner_supports_ontime", Select).value
        if supports in ("yes", "no"):
            customer["partner_supports_ontime"] = supports == "yes"
        data: dict[str, Any] = {"customer": customer}
        until = self._text("maintenance.active_until")
        data["maintenance"] = {"active_until": until} if until else {}
        data["licenses"] = {
            "purchased_list_price_jpy": _money(self._text("licenses.purchased_list_price_jpy")),
            "newest_list_price_jpy": _money(self._text("licenses.newest_list_price_jpy")),
        }
        data["contracts"] = {
            "direct_shop_annual": self.query_one("#contracts-direct_shop_annual", Tick).value,
            "intravision_annual": self.query_one("#contracts-intravision_annual", Tick).value,
        }
        hours = self._text("usage.expected_spot_hours")
        data["usage"] = {"expected_spot_hours": hours} if hours else {}
        if self.query_one("#incident-enabled", Tick).value:
            data["incident"] = {
                "scope": self.query_one("#incident-scope", Select).value,
                "in_platform_clients": self.query_one("#incident-in_platform_clients", Select).value,
                "reproducible": self.query_one("#incident-reproducible", Tick).value,
                "on_newest_version": self.query_one("#incident-on_newest_version", Tick).value,
                "needs_onsite": self.query_one("#incident-needs_onsite", Tick).value,
            }
        return data

    def validate(self) -> Profile | None:
        """Build the profile; post Changed or Invalid. Never raises on bad input."""
        try:
            profile = profile_from_data(self.data(), SOURCE)
        except InputError as error:
            self._show_error(error)
            self.post_message(self.Invalid(error))
            return None
        self._show_error(None)
        self.post_message(self.Changed(profile))
        return profile

    def _show_error(self, error: InputError | None) -> None:
        if error is None and self._error_shown is None:
            return  # nothing shown, nothing to clear (the common case on every valid edit)
        for widget in self.query(".field-error"):
            if widget.display:
                widget.update("")  # type: ignore[attr-defined]
                widget.display = False
        for widget in self.query(".-invalid-field"):
            widget.remove_class("-invalid-field")
        self.error_field = None
        self._error_shown = None
        if error is None:
            return
        self._error_shown = error
        field = error.field or ""
        target = field
        if field.startswith("customer.partner") and field != "customer.partner_supports_ontime":
            target = "customer.partner"
        matches = self.query("#err-" + fid(target)) if target else None
        if matches:
            label = matches.first()
            self.error_field = target
            controls = self.query("#" + fid(target))
            if controls:
                controls.first().add_class("-invalid-field")
            label.update(literal(f"✖ {error.problem}"))  # type: ignore[attr-defined]
        else:
            label = self.query_one("#err-general", Static)
            label.update(literal(f"✖ {error}"))
        label.display = True

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        if isinstance(event, Checkbox.Changed) and event.checkbox.id == "incident-enabled":
            self._enable_incident(event.value)
        self.validate()

    # ------------------------------------------------------------------ language

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        if not self._built:
            return  # built later, in this language
        for label in self.query(I18nLabel):
            label.set_lang(lang)
        for tick in self.query(Tick):
            if tick.key:
                tick.label = tr(tick.key, lang)
        with self.prevent(Select.Changed):
            for path, kind in ENUM_FIELDS.items():
                select = self.query_one("#" + fid(path), Select)
                value = select.value
                select.set_options(enum_options(kind, lang))
                select.value = value
            supports = self.query_one("#customer-partner_supports_ontime", Select)
            value = supports.value
            supports.set_options(enum_options("yes_no", lang))
            supports.prompt = tr("form.choose", lang)
            if isinstance(value, str):
                supports.value = value
            self.query_one("#customer-partner", Select).prompt = tr("form.choose", lang)
        self.query_one("#lang-ja", Tick).label = language_name("ja", lang)
        self.query_one("#lang-en", Tick).label = language_name("en", lang)


def _money(text: str) -> int | str:
    """Digits become an int; anything else goes to the kernel as is (it names the problem)."""
    cleaned = text.replace(",", "").replace("_", "")
    return int(cleaned) if _INT.match(cleaned) else text


def _hours_text(value: Any) -> str:
    text = str(value)
    return text
