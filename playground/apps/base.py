"""The app template: what every app shares, and the one cycle from controls to pictures.

An app is its module, its notebook and its views. It declares

- its **controls**: a ``controls.FieldControls`` of the few ``Config`` fields it offers (or the
  Playground's full ``controls.ConfigControls``). Widgets map to ``Config`` there and nowhere else;
- its **views**: a figure object with ``.fig`` (a plotly ``FigureWidget``) or a canvas widget;
- what it **draws**: ``render()`` (one frame: the current state) and, if some pictures change only
  with the network or the data, ``redraw()`` (the points, the network's shape, ...);

and inherits the cycle, which lives here only (``SessionApp.apply``; ``apply_together`` when several
sessions move together, as GradientCompare's A and B):

    a learner changes a widget → controls.read(config) → adjust(new) → Session.apply(new)
    → controls.show(session.config) → "same": nothing | "live": on_live() | "rebuilt"/"new data":
    on_rebuilt() (a message, then redraw()) → the share link → render() unless the loop will.

A bad value becomes a message (``_guard``), never a traceback; with ``revert_bad_controls`` the
widgets go back to what runs. ``set(**changes)`` does the same from code, ``follow_link(query)``
from a page link. Widgets that are not config fields (a stage slider, hand-set weights) are set from
code inside ``with self.quiet():``, and their observers return when ``self._quiet`` is set.

``LiveApp`` adds live training: Play/Pause, Step, Reset, an epoch line and the browser-paced loop
(``train_frame()`` trains for one frame's share of time). A whole app:

    class MyApp(LiveApp):  # a network trained live, its decision boundary, three settings
        def __init__(self, config=None, *, lang=None, **changes):
            super().__init__(config or preset("overfit"), lang=lang, **changes)  # session, messages, toolbar
            self.figure = MyFigure()                                   # a view: has .fig
            self.listen(FieldControls(self.session.config, {
                "lr": selection("lr", LEARNING_RATES, description=t("controls.lr")),
                "activation": choice("activation", ("tanh", "relu"), ACTIVATION_LABELS),
                "noise": percent("noise", min=0, max=50, step=5, description=t("controls.noise")),
            }, css="pg-my-"))
            self.widget = W.VBox([self.toolbar, self.messages, *self.controls.w.values(),
                                  self.figure.fig, self.pacer])
            self.redraw()
            self.render()

        def redraw(self):                      # after a rebuild: what changes with the data
            s = self.session
            self.figure.set_points(s.X, s.y)

        def render(self):                      # every frame
            self.figure.update(probes.decision_grid(self.session, 40), self.session.history)
            self.epoch_label.value = self.epoch_text()

(``tests/test_app_template.py`` builds this app.) Override only what differs:

- ``adjust(new)``: refuse (``ValueError`` for the learner) or amend what this app cannot run
  (space warping: two classes only; overfitting: an L1/L2 switched on with strength 0 gets 0.01);
- ``on_live(config)`` / ``on_rebuilt(kind)``: another message, or state to forget on a new network
  (call ``super().on_rebuilt(kind)`` for the usual message and ``redraw()``);
- ``revert_bad_controls = False``: a bad text (hidden "2, 0") stays in its widget until fixed;
- ``share_link()``: a widget with the page link of the current config; ``follow_link(query)`` in
  ``__init__`` opens the app from one; ``train_frame()``/``trains_while_idle()``: how it trains.

An app without a session (a calculator) subclasses ``App``; one with a session but no live
training, ``SessionApp``. To add an app: its module here, its name in ``apps/__init__.py``, its
notebook in ``notebooks/`` (and the landing page's list), its views in ``views/``.

Apps use the Session's public methods only (``snapshot``/``restore``, ``load_weights``, ``apply``,
``evaluate``, ...), import no torch, no other app's module and keep no quiet flag of their own:
``tests/test_app_rules.py`` checks.
"""

from __future__ import annotations

import functools
import html
from copy import deepcopy
from typing import TYPE_CHECKING

import ipywidgets as W

from playground.apps import page
from playground.apps.common import Messages, copy_link_html, localize, read_link, widgets_in, with_language
from playground.config import Config
from playground.controls import Quiet
from playground.i18n import language, t
from playground.live import FramePacer, LiveLoop
from playground.views.fit import PRESENTER_SCALE, PageFit, is_figure, make_responsive, scale_figure

if TYPE_CHECKING:  # an App without a session (the convolution explorer) starts without torch
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
    if not page.page_url() or language() == page.default_language():
        return None
    return W.HTML(f"<a class='pg-back' href='{html.escape(with_language('index.ipynb'), quote=True)}'>"
                  f"{html.escape(t('app.all_apps'))}</a>")


class App(Quiet):
    """What every app shares: it displays itself (its FigureWidget synced first), turns errors
    into a message for the learner, never a traceback, and sets its own widgets quietly."""

    widget: W.Widget  # set by subclasses: the whole app
    figure = None  # set by subclasses: an object with ``.fig`` (a FigureWidget), or set ``fig``
    messages: Messages
    presenter = False  # presenter mode: text, points and lines large enough for a projector
    draws = ("render", "redraw")  # the methods that draw (presenter mode is applied again after each)
    _root = None  # what the page shows (``page_widget``)

    def _use_language(self, lang: str | None):
        """Decide the language where the app is built (``playground.apps.page``): its ``lang=``
        ("en", "ko"; a choice from now on, as ``playground.set_language``), else the page's, else
        ``PLAYGROUND_LANG``. Call it first, before any label is made."""
        self._built_lang = page.decide_language(lang)

    def _ipython_display_(self):
        from IPython.display import display
        display(self.show_page())

    def show_page(self) -> W.VBox:
        """Ready the app for its page (its language, presenter mode if the link asks for it, its
        figures re-sizable and synced) and return what the page shows (``page_widget``)."""
        self.localize()
        root = self.page_widget()
        if page.presenter(wait=True):
            self.set_presenter(True)
        for w in widgets_in(self.widget):
            if is_figure(w):
                make_responsive(w)
        fig = self.figure.fig if self.figure is not None else getattr(self, "fig", None)
        if fig is not None:
            sync_figure_for_display(fig)
        return root

    def page_widget(self) -> W.VBox:
        """The app in its root (class ``pg-app``: the stylesheet of ``views.fit`` applies inside it),
        under a bar with the link back to the landing page (a Voilà page in another language) and the
        presenter toggle, beside the invisible widget that fits it to the screen (``views.fit``)."""
        if self._root is None:
            self.presenter_toggle = W.ToggleButton(self.presenter, description=t("app.presenter"),
                                                   tooltip=t("app.presenter_tip"), icon="desktop")
            self.presenter_toggle.add_class("pg-presenter-toggle")
            self.presenter_toggle.observe(lambda change: self.set_presenter(change["new"]), "value")
            self.fit = PageFit()
            self.fit.observe(lambda change: self._fit_width(change["new"]), "width")
            bar = W.HBox([back_link() or W.HTML(), self.presenter_toggle])
            bar.add_class("pg-app-bar")
            self._root = W.VBox([bar, self.widget, self.fit])
            self._root.add_class("pg-app")
            self._show_presenter()
        return self._root

    def _fit_width(self, width: int):
        self._guard(self.on_width, width)
        self.fit.fitted = width  # the page (and a test) knows the app has fitted itself

    def on_width(self, width: int):
        """The app's width in the page changed (CSS pixels, from ``views.fit``): an app whose figure
        has a width of its own re-sizes it here (default: nothing; the page fits the others)."""

    def __init_subclass__(cls, **kwargs):
        """An app's drawing methods (``draws``) keep presenter mode: what a frame draws again (its
        annotations, its points) is scaled like the rest of the figure."""
        super().__init_subclass__(**kwargs)
        for name in cls.draws:
            if name in cls.__dict__:
                setattr(cls, name, _keeps_presenter(cls.__dict__[name]))

    def set_presenter(self, on: bool):
        """Presenter mode on or off: the widgets' text (a class on the app's root), the canvas
        panels (their ``scale``) and the plotly figures (fonts, markers, lines) ``PRESENTER_SCALE``
        times larger. The toggle and a link's ``presenter=1`` both come here."""
        self.presenter = bool(on)
        self._scale_pictures()
        self._show_presenter()

    def _scale_pictures(self):
        scale = PRESENTER_SCALE if self.presenter else 1.0
        for w in widgets_in(self.widget):
            if is_figure(w):
                scale_figure(w, scale)
            elif w.has_trait("scale"):
                w.scale = scale

    def _show_presenter(self):
        if self._root is not None:
            (self._root.add_class if self.presenter else self._root.remove_class)("pg-presenter")
            self.presenter_toggle.value = self.presenter

    def localize(self):
        """Speak the current language: labels made in another one (a preheated Voilà kernel builds
        the app before the page says ``?lang=ko``) are put into it, and the texts the app formats
        are drawn again. A page link asking for an unknown language gets a message (after any
        message the app gives already)."""
        lang, built = page.decide_language(wait=True), getattr(self, "_built_lang", "en")
        if lang != "en" or built != lang:
            localize(self._root or self.widget, lang)
        if built != lang:
            self._built_lang = lang
            for redraw in ("_update_link", "render"):
                if callable(getattr(self, redraw, None)):
                    self._guard(getattr(self, redraw))
        note = page.language_note()
        messages = getattr(self, "messages", None)
        if note and messages is not None:
            messages.add(note, "warn")

    def _guard(self, fn, *args):
        """Run a UI action; any error becomes a message, never a traceback in the page."""
        try:
            return fn(*args)
        except ValueError as exc:
            self.messages.say(exc, "error")
        except Exception as exc:  # noqa: BLE001 (the learner sees a message)
            self.messages.say(t("app.went_wrong", error=exc), "error")


def _keeps_presenter(draw):
    if getattr(draw, "keeps_presenter", False):
        return draw

    @functools.wraps(draw)
    def drawn(self, *args, **kwargs):
        out = draw(self, *args, **kwargs)
        if self.presenter and getattr(self, "widget", None) is not None:
            self._scale_pictures()
        return out

    drawn.keeps_presenter = True
    return drawn


class SessionApp(App):
    """An app on one ``Session`` whose config its controls set: the cycle of the module docstring."""

    controls = None  # FieldControls or ConfigControls, given to ``listen``
    link = None  # a W.HTML with the shareable link, made by ``share_link()``
    revert_bad_controls = True  # a bad value puts the widgets back to what runs (False: they keep it)
    last_kinds: tuple[str, ...] = ()  # what the last change did to each session ("same", "live", ...)

    def __init__(self, config: Config | None = None, *, lang: str | None = None, **changes):
        self._use_language(lang)
        self.messages = Messages()
        self.session = self.make_session(config, changes)

    def make_session(self, config, changes):
        """The session this app drives (a ``Session`` of ``config`` with ``changes``); an app of
        another engine (sequences) returns its own session with the same methods."""
        from playground.session import Session
        return Session((config or Config()).replace(**changes))

    @property
    def running(self) -> bool:
        """Whether a loop draws the next frame anyway."""
        return False

    # -- the cycle ------------------------------------------------------------------------------
    def listen(self, controls):
        """Use ``controls`` (``read``/``show``/``on_change``): a learner's change goes through ``apply``."""
        self.controls = controls
        controls.on_change(lambda _name=None: self._guard(self._on_control))

    def set(self, **changes):
        """Change settings from code, as the controls would: ``app.set(lr=0.1, hidden=(8, 8))``."""
        return self.apply(self.session.config.replace(**changes))

    def _on_control(self):
        try:
            new = self.controls.read(self.session.config)
        except ValueError:
            if self.revert_bad_controls:
                self.show_controls()
            raise
        self.apply(new)

    def apply(self, new: Config) -> str:
        """Move the session to ``new`` and show it. Returns ``Session.apply``'s "same", "live",
        "rebuilt" or "new data"."""
        return self.apply_together((self.session, new))[0]

    def apply_together(self, *moves: tuple[Session, Config]) -> tuple[str, ...]:
        """The cycle for sessions that move together, ``(session, new config)`` pairs (``apply`` is
        the one-session case; GradientCompare's A and B are two): each goes through ``adjust`` and
        ``Session.apply``, the widgets show what runs (after a refusal too), then one ``on_live``
        or ``on_rebuilt`` (``last_kinds`` says which session did what), the link and a frame."""
        kinds: tuple[str, ...] = ()
        try:
            kinds = tuple(session.apply(self.adjust(new)) for session, new in moves)
        finally:
            self.show_controls()
        self.last_kinds = kinds
        if all(kind == "same" for kind in kinds):
            return kinds
        rebuilt = [kind for kind in kinds if kind not in ("same", "live")]
        if rebuilt:
            self.on_rebuilt(rebuilt[0])
        else:
            self.on_live(self.session.config)
        self.update_link()
        if not self.running:
            self.render()
        return kinds

    def show_controls(self):
        """The widgets show the settings that run (after every change, a refused one too)."""
        if self.controls is not None:
            self.controls.show(self.session.config)

    # -- what an app may change -----------------------------------------------------------------
    def adjust(self, new: Config) -> Config:
        """``new`` as this app can run it, or a ``ValueError`` for the learner (default: as it is)."""
        return new

    def on_live(self, new: Config):
        """After a live change (weights kept)."""
        self.messages.say("")

    def on_rebuilt(self, kind: str):
        """After a new network ("rebuilt") or new data ("new data")."""
        self.messages.say(t(f"rebuild.{kind}"))
        self.redraw()

    def redraw(self):
        """Draw what changes only with the network or the data (default: nothing)."""

    def render(self):
        """Draw the current state: one frame."""
        raise NotImplementedError

    def _redraw_if_idle(self):
        if not self.running:
            self.render()

    # -- links ----------------------------------------------------------------------------------
    def share_link(self) -> W.HTML:
        """The widget with this app's shareable link (kept up to date by ``apply``)."""
        if self.link is None:
            self.link = W.HTML()
        self.update_link()
        return self.link

    def link_query(self) -> str:
        return self.session.config.to_query()

    def update_link(self):
        if self.link is not None:
            self.link.value = copy_link_html(f"{page.page_url() or ''}?{self.link_query()}")

    def _update_link(self):  # redrawn by App.localize in a new language
        self.update_link()

    def follow_link(self, query: str | None = None) -> tuple[str, str]:
        """Apply the page's link (or ``query``). Returns ``(message, kind)`` for ``Messages.say``."""
        config = self.session.config
        # settings this app cannot run are the link's failure, not "restored" (adjust checks them)
        linked, note, kind = read_link(page.page_query() if query is None else query, config, self.adjust)
        if linked != config:
            self._guard(self.apply, linked)
        return note, kind


class LiveApp(SessionApp):
    """A session trained live: Play/Pause, Step, Reset, an epoch line and a message line."""

    widget: W.Widget  # set by subclasses: the whole app, which must contain ``self.pacer``

    def __init__(self, config: Config | None = None, *, lang: str | None = None, **changes):
        super().__init__(config, lang=lang, **changes)
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

    @property
    def running(self) -> bool:
        return self.loop.running

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
        with self.loop.clock.part("training"):
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

    def epoch_text(self) -> str:
        s = self.session
        acc = s.history["test_acc"][-1]
        acc_text = "" if acc != acc else t("app.test_accuracy", acc=acc)  # NaN for regression
        return (f"<span class='pg-epoch-value'>{t('app.epoch', epoch=s.epoch)}</span> · "
                + t("app.losses", train=s.train_loss, test=s.test_loss) + acc_text)
