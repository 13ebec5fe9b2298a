"""Triage: the TRI-2 questions and the kernel's verdict (Comparison.triage)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Select, Static, Switch

from ontime_support.kernel.models import Incident, Scope, YesNoUnknown
from ontime_support.present.report import MATTER_LABELS

from ..i18n import enum_options, tr
from ..widgets.profile_form import INCIDENT_DEFAULTS
from ..widgets.wrap import WrappedText

if TYPE_CHECKING:
    from ..app import OnTimeApp

MATTER_STYLE = {"platform": "bold magenta", "ontime": "bold cyan", "undetermined": "bold yellow"}
QUESTIONS = ("reproducible", "on_newest_version", "needs_onsite")


def render_triage(app: OnTimeApp) -> RichText:
    lang = app.language
    out = RichText()
    comparison = app.comparison
    triage = comparison.triage if comparison is not None else None
    out.append(f"{tr('triage_verdict', lang)}: ", style="bold")
    if triage is None:
        out.append(tr("triage_none", lang), style="dim")
        return out
    out.append(MATTER_LABELS[triage.matter.value](lang) + "\n", style=MATTER_STYLE[triage.matter.value])
    for reason in triage.reasons:
        out.append(f"  • {reason.text(lang)} ")
        out.append(f"[{reason.clause}]\n", style="bold cyan")
    if triage.next_checks:
        out.append(f"\n{tr('next_checks', lang)}\n", style="bold")
        for reason in triage.next_checks:
            out.append(f"  □ {reason.text(lang)} ")
            out.append(f"[{reason.clause}]\n", style="bold cyan")
    if triage.path:
        out.append(f"\n{tr('escalation', lang)}\n", style="bold")
        for i, step in enumerate(triage.path, 1):
            out.append(f"  {i}. {step.to(lang)}: {step.why(lang)} ")
            out.append(f"[{step.clause}]\n", style="bold cyan")
    out.rstrip()
    return out


class TriageScreen(Screen[None]):
    app: OnTimeApp  # type: ignore[assignment]
    BINDINGS = [Binding("escape,f4", "app.pop_screen", "Back", id="triage.back")]

    def compose(self) -> ComposeResult:
        lang = self.app.language
        incident = self.app.profile.incident
        values = INCIDENT_DEFAULTS if incident is None else {
            "scope": incident.scope.value, "in_platform_clients": incident.in_platform_clients.value,
            "reproducible": incident.reproducible, "on_newest_version": incident.on_newest_version,
            "needs_onsite": incident.needs_onsite}
        with Horizontal(id="topbar"):
            yield Static(tr("triage_title", lang), id="title")
            yield Static(self.app.profile.customer.name, id="customer")
        with Horizontal(id="triage-body"):
            with VerticalScroll(id="triage-questions"):
                yield Static(tr("triage_intro", lang), classes="dialog-hint")
                yield Static(tr("incident.scope", lang), classes="field-label")
                yield Select(enum_options("scope", lang), value=values["scope"], allow_blank=False,
                             id="t-scope", classes="field")
                yield Static(tr("incident.in_platform_clients", lang), classes="field-label")
                yield Select(enum_options("yes_no_unknown", lang), value=values["in_platform_clients"],
                             allow_blank=False, id="t-in_platform_clients", classes="field")
                for key in QUESTIONS:
                    with Horizontal(classes="switch-row"):
                        yield Switch(bool(values[key]), id=f"t-{key}", animate=False)
                        yield Static(tr(f"incident.{key}", lang), classes="switch-label")
            with Vertical(id="triage-verdict"):
                yield VerticalScroll(WrappedText(id="verdict"))
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "comparison", lambda _c: self._show(), init=False)
        self._apply()  # the screen's answers become the profile's incident

    def _show(self) -> None:
        self.query_one("#verdict", WrappedText).update(render_triage(self.app))

    def incident(self) -> Incident:
        return Incident(
            scope=Scope(self.query_one("#t-scope", Select).value),
            in_platform_clients=YesNoUnknown(self.query_one("#t-in_platform_clients", Select).value),
            **{key: self.query_one(f"#t-{key}", Switch).value for key in QUESTIONS},
        )

    def _apply(self) -> None:
        self.app.set_incident(self.incident())
        self._show()

    @on(Select.Changed)
    @on(Switch.Changed)
    def _changed(self) -> None:
        self._apply()
