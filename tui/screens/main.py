"""The main screen: profile form on the left, comparison on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..i18n import tr
from ..widgets.clock import Clock
from ..widgets.comparison import ComparisonView
from ..widgets.profile_form import ProfileForm

if TYPE_CHECKING:
    from ..app import OnTimeApp


class MainScreen(Screen[None]):
    app: OnTimeApp  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        app = self.app
        with Horizontal(id="topbar"):
            yield Static(tr("app_title", app.language), id="title")
            yield Static("", id="customer")
            yield Clock(id="clock")
        with Horizontal(id="body"):
            yield ProfileForm(app.profile, app.language, app.partners(), cursor_blink=app.cursor_blink,
                              id="form")
            yield ComparisonView(id="comparison")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "comparison", self._comparison_changed, init=False)
        self.watch(self.app, "language", self._language_changed, init=False)
        self.watch(self.app, "pinned_at", lambda _v: self._update_clock(), init=False)
        self.watch(self.app, "input_error", self._input_error_changed, init=True)
        self.call_later(self._comparison_changed, self.app.comparison)

    async def _comparison_changed(self, comparison: object) -> None:
        app = self.app
        if app.comparison is None:
            return
        await self.query_one(ComparisonView).show(app.comparison, app.language, frozenset(app.hidden))
        customer = self.query_one("#customer", Static)
        if str(customer.content) != app.profile.customer.name:
            customer.update(app.profile.customer.name)
        self._update_clock()

    def _update_clock(self) -> None:
        app = self.app
        at = app.comparison.at if app.comparison is not None else None
        self.query_one(Clock).show(at, app.profile.customer.timezone, app.pinned_at is not None, app.language)

    async def _language_changed(self, lang: str) -> None:
        self.query_one("#title", Static).update(tr("app_title", lang))
        self.query_one(ProfileForm).set_lang(lang)
        self._input_error_changed(self.app.input_error)
        await self._comparison_changed(None)

    def _input_error_changed(self, message: str | None) -> None:
        self.query_one(ComparisonView).show_input_error(message, self.app.language)

    def on_profile_form_changed(self, event: ProfileForm.Changed) -> None:
        self.app.input_error = None
        self.app.set_profile(event.profile)

    def on_profile_form_invalid(self, event: ProfileForm.Invalid) -> None:
        self.app.input_error = str(event.error)

    def reload_form(self) -> None:
        """The app's profile changed from elsewhere (open, triage): show it."""
        form = self.query_one(ProfileForm)
        form.load(self.app.profile)
        self.app.input_error = None
