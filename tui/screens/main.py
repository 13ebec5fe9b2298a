"""The main screen: the comparison matrix, and the profile form as a panel that can be hidden.

The screen holds no state of its own: the app passes data down by setting its
reactive attributes (``view``, ``lang``, ``clock``, ``input_error``,
``profile``, ``form_visible``, ``hidden``); the widgets' messages
(``ProfileForm.Changed`` / ``Invalid``, ``Matrix.Selected``) bubble up to the app.
The form is hidden by default below 120 columns.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ontime_support.kernel.models import Profile
from ontime_support.present.labels import colon
from ontime_support.present.view import ComparisonView

from ..text import literal, tr
from ..widgets.clock import Clock
from ..widgets.footer import DeskFooter
from ..widgets.matrix import Matrix
from ..widgets.profile_form import ProfileForm
from ..widgets.wrap import WrappedText
from .detail import render_detail

FORM_MIN_WIDTH = 120


def recommended_line(view: ComparisonView) -> Text:
    lang = view.lang
    out = Text(no_wrap=True, overflow="ellipsis", end="")
    if view.triage is not None:
        out.append(f"{tr('triage', lang)}{colon(lang)}", style="bold")
        out.append(view.triage.matter_label, style="bold magenta")
        out.append("  ")
    out.append(f"{tr('recommended_short', lang)}{colon(lang)}", style="bold")
    if not view.recommended:
        out.append(tr("none_usable", lang), style="red")
        return out
    for option in view.ranked:
        out.append(f"★{option.rank} ", style="bold yellow")
        out.append_text(literal(option.title, one_line=True))
        out.append("  ")
    out.append(f"  {tr('tui.select_hint', lang)}", style="dim")
    return out


class MainScreen(Screen[None]):
    AUTO_FOCUS = "#matrix"

    view: reactive[ComparisonView | None] = reactive(None, init=False)
    lang: reactive[str] = reactive("en", init=False)
    clock: reactive[tuple[dt.datetime, str, bool] | None] = reactive(None, init=False)
    input_error: reactive[str | None] = reactive(None, init=False)
    profile: reactive[Profile | None] = reactive(None, init=False, always_update=True)
    form_visible: reactive[bool | None] = reactive(None, init=False)  # None: by the width
    hidden: reactive[frozenset[str]] = reactive(frozenset(), init=False)
    book_ref: reactive[str | None] = reactive(None, init=False)  # "book #12 v3" when the customer is stored

    def __init__(self, *, profile: Profile, lang: str, partners: list[tuple[str, str]], view: ComparisonView,
                 clock: tuple[dt.datetime, str, bool], cursor_blink: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.partners = partners
        self._recommended_plain = ""
        self._previewed: tuple[str, int] | None = None
        self.cursor_blink = cursor_blink
        self.set_reactive(MainScreen.profile, profile)
        self.set_reactive(MainScreen.lang, lang)
        self.set_reactive(MainScreen.view, view)
        self.set_reactive(MainScreen.clock, clock)

    def compose(self) -> ComposeResult:
        assert self.profile is not None and self.view is not None
        with Horizontal(id="topbar"):
            yield Static(tr("tui.app_title", self.lang), id="title")
            yield Static(self._customer_line(self.profile), id="customer")
            yield Clock(id="clock")
        with Horizontal(id="body"):
            yield ProfileForm(self.profile, self.lang, self.partners, cursor_blink=self.cursor_blink, id="form")
            with Vertical(id="right"):
                yield Static(id="input-banner")
                yield Static(recommended_line(self.view), id="recommended")
                yield Matrix(id="matrix")
                with VerticalScroll(id="preview-scroll"):
                    yield WrappedText(id="preview")
        yield DeskFooter()

    def on_mount(self) -> None:
        self._apply_form_visibility()
        self.query_one(Matrix).show(self.view, self.hidden)  # type: ignore[arg-type]
        self._preview()
        self._show_clock()
        self.watch_input_error(self.input_error)

    # ------------------------------------------------------------------ data in

    def watch_view(self, view: ComparisonView | None) -> None:
        if view is None:
            return
        self.query_one(Matrix).show(view, self.hidden)
        self._preview()
        line = recommended_line(view)
        if line.plain != self._recommended_plain:
            self.query_one("#recommended", Static).update(line)
            self._recommended_plain = line.plain

    def _preview(self) -> None:
        """The option under the cursor, in full, in the room below the matrix."""
        if self.view is None:
            return
        current = self.query_one(Matrix).current
        if current is None:
            return
        key = (current, id(self.view))
        if key == self._previewed:
            return
        self._previewed = key
        self.query_one("#preview", WrappedText).update(render_detail(self.view.option(current), self.view.lang))

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._preview()

    def on_data_table_column_highlighted(self, _event: DataTable.ColumnHighlighted) -> None:
        self._preview()

    def watch_hidden(self, hidden: frozenset[str]) -> None:
        if self.view is not None:
            self.query_one(Matrix).show(self.view, hidden)

    def watch_lang(self, lang: str) -> None:
        self.query_one("#title", Static).update(tr("tui.app_title", lang))
        self.query_one(ProfileForm).set_lang(lang)
        self.watch_input_error(self.input_error)
        self._show_clock()

    def watch_clock(self) -> None:
        self._show_clock()

    def _show_clock(self) -> None:
        if self.clock is None:
            return
        at, zone, pinned = self.clock
        self.query_one(Clock).show(at, zone, pinned, self.lang)

    def _customer_line(self, profile: Profile) -> Text:
        line = literal(profile.customer.name, one_line=True)
        if self.book_ref:
            line.append(f"  {self.book_ref}", style="dim")
        return line

    def watch_profile(self, profile: Profile | None) -> None:
        if profile is None:
            return
        self.query_one("#customer", Static).update(self._customer_line(profile))
        self.query_one(ProfileForm).load(profile)

    def watch_book_ref(self) -> None:
        if self.is_mounted and self.profile is not None:
            self.query_one("#customer", Static).update(self._customer_line(self.profile))

    def watch_input_error(self, message: str | None) -> None:
        banner = self.query_one("#input-banner", Static)
        if message:
            text = Text(f"⚠ {tr('form.invalid_banner', self.lang)}  ", style="bold")
            text.append_text(literal(message, one_line=True))
            banner.update(text)
        banner.display = bool(message)

    def watch_form_visible(self) -> None:
        self._apply_form_visibility()

    def on_resize(self) -> None:
        self._apply_form_visibility()

    def _apply_form_visibility(self) -> None:
        visible = self.form_visible if self.form_visible is not None else self.size.width >= FORM_MIN_WIDTH
        form = self.query_one(ProfileForm)
        if form.display != visible:
            form.display = visible
        self.query_one("#title").display = self.size.width >= 100

    @property
    def form_shown(self) -> bool:
        return bool(self.query_one(ProfileForm).display)

    @property
    def current_option(self) -> str | None:
        return self.query_one(Matrix).current
