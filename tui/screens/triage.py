"""Triage: the TRI-2 questions and the verdict (the comparison's triage).

Data down: ``incident``, ``lang``, ``verdict`` (a :class:`TriageView`), set by
the app; each answer goes up as :class:`TriageScreen.Answered`. The first
question has the focus when the screen opens.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Checkbox, Select, Static

from ontime_support.kernel.models import Incident, Scope, YesNoUnknown
from ontime_support.present.labels import colon
from ontime_support.present.view import TriageView

from ..text import literal, tr
from ..widgets.footer import DeskFooter
from ..widgets.labels import I18nLabel
from ..widgets.profile_form import INCIDENT_DEFAULTS, enum_options
from ..widgets.tick import Tick
from ..widgets.wrap import WrappedText

MATTER_STYLE = {"platform": "bold magenta", "ontime": "bold cyan", "undetermined": "bold yellow"}
QUESTIONS = ("reproducible", "on_newest_version", "needs_onsite")


def render_triage(verdict: TriageView | None, lang: str) -> Text:
    out = Text(end="")
    out.append(f"{tr('tui.triage_verdict', lang)}{colon(lang)}", style="bold")
    if verdict is None:
        out.append(tr("tui.triage_none", lang), style="dim")
        return out
    out.append(verdict.matter_label + "\n", style=MATTER_STYLE.get(verdict.matter, "bold"))
    for reason in verdict.reasons:
        out.append_text(literal(f"  • {reason.text} "))
        out.append_text(literal(f"[{reason.clause}]\n", "bold cyan"))
    if verdict.next_checks:
        out.append(f"\n{tr('next_checks', lang)}\n", style="bold")
        for reason in verdict.next_checks:
            out.append_text(literal(f"  □ {reason.text} "))
            out.append_text(literal(f"[{reason.clause}]\n", "bold cyan"))
    if verdict.path:
        out.append(f"\n{tr('escalation', lang)}\n", style="bold")
        for step in verdict.path:
            out.append_text(literal(f"  {step.number}. {step.to}{colon(lang)}{step.why} "))
            out.append_text(literal(f"[{step.clause}]\n", "bold cyan"))
    out.rstrip()
    return out


class TriageScreen(Screen[None]):
    AUTO_FOCUS = "#t-scope"
    BINDINGS = [Binding("escape", "app.pop_screen", show=False)]

    lang: reactive[str] = reactive("en", init=False)
    verdict: reactive[TriageView | None] = reactive(None, init=False)

    class Answered(Message):
        def __init__(self, incident: Incident) -> None:
            super().__init__()
            self.incident = incident

    def __init__(self, incident: Incident | None, lang: str, customer: str, verdict: TriageView | None) -> None:
        super().__init__(id="triage")
        self.initial = incident
        self.customer = customer
        self.set_reactive(TriageScreen.lang, lang)
        self.set_reactive(TriageScreen.verdict, verdict)

    def compose(self) -> ComposeResult:
        lang = self.lang
        incident = self.initial
        values = INCIDENT_DEFAULTS if incident is None else {
            "scope": incident.scope.value, "in_platform_clients": incident.in_platform_clients.value,
            "reproducible": incident.reproducible, "on_newest_version": incident.on_newest_version,
            "needs_onsite": incident.needs_onsite}
        with Horizontal(id="topbar"):
            yield I18nLabel("tui.triage_title", lang, id="title")
            yield Static(literal(self.customer, one_line=True), id="customer")
        with Horizontal(id="triage-body"):
            with VerticalScroll(id="triage-questions"):
                yield I18nLabel("tui.triage_intro", lang, classes="dialog-hint")
                yield I18nLabel("form.incident.scope", lang, classes="field-label")
                yield Select(enum_options("scope", lang), value=values["scope"], allow_blank=False,
                             id="t-scope", classes="field")
                yield I18nLabel("form.incident.in_platform_clients", lang, classes="field-label")
                yield Select(enum_options("yes_no_unknown", lang), value=values["in_platform_clients"],
                             allow_blank=False, id="t-in_platform_clients", classes="field")
                for key in QUESTIONS:
                    yield Tick(tr(f"form.incident.{key}", lang), bool(values[key]), key=f"form.incident.{key}",
                               id=f"t-{key}", classes="tick-field")
            with Vertical(id="triage-verdict"):
                yield VerticalScroll(WrappedText(render_triage(self.verdict, lang), id="verdict"))
        yield DeskFooter()

    def on_mount(self) -> None:
        self.post_message(self.Answered(self.incident()))  # the screen's answers become the profile's incident

    def watch_verdict(self, verdict: TriageView | None) -> None:
        self.query_one("#verdict", WrappedText).update(render_triage(verdict, self.lang))

    def watch_lang(self, lang: str) -> None:
        for label in self.query(I18nLabel):
            label.set_lang(lang)
        for tick in self.query(Tick):
            if tick.key:
                tick.label = tr(tick.key, lang)
        for sid, kind in (("#t-scope", "scope"), ("#t-in_platform_clients", "yes_no_unknown")):
            select = self.query_one(sid, Select)
            value = select.value
            with self.prevent(Select.Changed):
                select.set_options(enum_options(kind, lang))
                select.value = value
        self.watch_verdict(self.verdict)

    def incident(self) -> Incident:
        return Incident(
            scope=Scope(str(self.query_one("#t-scope", Select).value)),
            in_platform_clients=YesNoUnknown(str(self.query_one("#t-in_platform_clients", Select).value)),
            **{key: self.query_one(f"#t-{key}", Tick).value for key in QUESTIONS},
        )

    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self.post_message(self.Answered(self.incident()))
