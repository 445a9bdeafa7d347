"""``LiveApp``: what every live app shares (a session, one figure, Play/Step/Reset, messages,
the browser-paced loop). Subclasses build their widgets and implement ``render()``.

    class MyApp(LiveApp):
        def __init__(self, config=None, **changes):
            super().__init__(config, **changes)      # self.session, self.messages, buttons, loop
            self.figure = SomeFigure()               # has .fig (a FigureWidget)
            self.widget = W.VBox([self.toolbar, self.messages, self.figure.fig, self.pacer])
            self.render()

        def render(self):                            # draw the current state: one frame
            ...
"""

from __future__ import annotations

import html
from copy import deepcopy

import ipywidgets as W

from playground.apps.common import Messages, language_note, localize, page_url, with_language
from playground.config import Config
from playground.i18n import default_language, language, set_language, t
from playground.live import FramePacer, LiveLoop
from playground.session import Session


def sync_figure_for_display(fig):
    """Make the state a new front-end view of ``fig`` starts from match the figure.

    A FigureWidget shown inside a container (VBox) is not refreshed the way a bare one is
    (``FigureWidget._repr_mimebundle_`` does it): its views start from the state at
    construction and miss every change made before they existed.
    """
    fig._widget_layout = deepcopy(fig._layout_obj._props)
    fig._widget_data = deepcopy(fig._data)


def back_link():
    """In a Voilà page in another language than a bare link gets: a link to the landing page in
    that language (the notebooks' own "← All apps" link is markdown and cannot keep ``lang=``)."""
    if not page_url() or language() == default_language():
        return None
    return W.HTML(f"<a class='pg-back' href='{html.escape(with_language('index.ipynb'), quote=True)}'>"
                  f"{html.escape(t('app.all_apps'))}</a>")


class App:
    """What every app shares: it displays itself (its FigureWidget synced first) and turns
    errors into a message for the learner, never a traceback."""

    widget: W.Widget  # set by subclasses: the whole app
    figure = None  # set by subclasses: an object with ``.fig`` (a FigureWidget), or set ``fig``
    messages: Messages

    def _use_language(self, lang: str | None):
        """An app's ``lang=`` ("en", "ko"; None: as it is): the language from now on, as
        ``playground.set_language``. Call it first, before any label is made."""
        if lang is not None:
            set_language(lang)
        self._built_lang = language()

    def _ipython_display_(self):
        from IPython.display import display
        self.localize()
        fig = self.figure.fig if self.figure is not None else getattr(self, "fig", None)
        if fig is not None:
            sync_figure_for_display(fig)
        back = back_link()
        display(W.VBox([back, self.widget]) if back else self.widget)

    def localize(self):
        """Speak the current language: labels made in another one (a preheated Voilà kernel builds
        the app before the page says ``?lang=ko``) are put into it, and the texts the app formats
        are drawn again. A page link asking for an unknown language gets a message."""
        lang, built = language(), getattr(self, "_built_lang", "en")
        if lang != "en" or built != lang:
            localize(self.widget, lang)
        if built != lang:
            self._built_lang = lang
            for redraw in ("_update_link", "render"):
                if callable(getattr(self, redraw, None)):
                    self._guard(getattr(self, redraw))
        note = language_note()
        messages = getattr(self, "messages", None)
        if note and messages is not None and html.escape(note) not in messages.value:
            messages.say(note, "warn")

    def _guard(self, fn, *args):
        """Run a UI action; any error becomes a message, never a traceback in the page."""
        try:
            return fn(*args)
        except ValueError as exc:
            self.messages.say(str(exc), "error")
        except Exception as exc:  # noqa: BLE001 (the learner sees a message)
            self.messages.say(t("app.went_wrong", error=exc), "error")


class LiveApp(App):
    """A session trained live: Play/Pause, Step, Reset, an epoch line and a message line."""

    widget: W.Widget  # set by subclasses: the whole app, which must contain ``self.pacer``

    def __init__(self, config: Config | None = None, *, lang: str | None = None, **changes):
        self._use_language(lang)
        self.messages = Messages()
        self.session = Session((config or Config()).replace(**changes))
        self.pacer = FramePacer()
        self.loop = LiveLoop(self._frame, pacer=self.pacer, on_state=self._on_state, idle_work=self._idle_train)
        self.play = W.Button(description=t("app.play"), button_style="success", tooltip=t("app.play_tip"),
                             layout=W.Layout(width="90px"))
        self.step_button = W.Button(description=t("app.step"), tooltip=t("app.step_tip"), layout=W.Layout(width="70px"))
        self.reset_button = W.Button(description=t("app.reset"), tooltip=t("app.reset_tip"),
                                     layout=W.Layout(width="70px"))
        self.epoch_label = W.HTML(layout=W.Layout(width="600px"))
        self.epoch_label.add_class("pg-epoch")
        self.play.on_click(lambda _: self.pause() if self.loop.running else self.start())
        self.step_button.on_click(lambda _: self._guard(self._step_once))
        self.reset_button.on_click(lambda _: self._guard(self.reset))
        self.toolbar = W.HBox([self.play, self.step_button, self.reset_button, self.epoch_label],
                              layout=W.Layout(align_items="center"))

    # -- training -----------------------------------------------------------------------------
    def start(self):
        if self.session.status == "diverged":
            self.messages.say(self.session.message, "error")
            return
        self.loop.start()

    def pause(self):
        self.loop.pause()

    def _on_state(self, running, reason):
        self.play.description = t("app.pause") if running else t("app.play")
        self.play.button_style = "warning" if running else "success"
        if reason == "tab closed":
            self.messages.say(t("app.tab_closed"), "warn")
        elif reason.startswith("error"):
            self.messages.say(t("app.paused_error", error=reason[7:]), "error")

    def train_frame(self):
        """Train for this frame's share of time (``loop.work_budget_s``)."""
        self.session.train_for(self.loop.work_budget_s)

    def _idle_train(self, seconds):
        """Train while the page paints (see ``LiveLoop``), for apps that opt in; False (nothing
        to do: the loop waits for the page instead of spinning) for the others."""
        if not self.trains_while_idle():
            return False
        self.session.train_for(seconds)

    def trains_while_idle(self) -> bool:
        """Off by default: apps that pace training per frame, or train several sessions in
        lockstep, train in ``train_frame`` only."""
        return False

    def _frame(self):
        self.train_frame()
        self.render()
        if self.session.status == "diverged":
            self.messages.say(self.session.message, "error")
            return False
        return None

    def _step_once(self):
        self.session.step(1)
        self.render()
        if self.session.status == "diverged":
            self.messages.say(self.session.message, "error")

    def reset(self):
        """Back to the initial weights of this seed."""
        self.session.reset()
        self.messages.say(t("app.reset_done"))
        self.render()

    def render(self):
        raise NotImplementedError

    def epoch_text(self) -> str:
        s = self.session
        acc = s.history["test_acc"][-1]
        acc_text = "" if acc != acc else t("app.test_accuracy", acc=acc)  # NaN for regression
        return (f"<span class='pg-epoch-value'>{t('app.epoch', epoch=s.epoch)}</span> · "
                + t("app.losses", train=s.train_loss, test=s.test_loss) + acc_text)
