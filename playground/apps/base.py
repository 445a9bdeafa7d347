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

from copy import deepcopy

import ipywidgets as W

from playground.apps.common import Messages
from playground.config import Config
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


class App:
    """What every app shares: it displays itself (its FigureWidget synced first) and turns
    errors into a message for the learner, never a traceback."""

    widget: W.Widget  # set by subclasses: the whole app
    figure = None  # set by subclasses: an object with ``.fig`` (a FigureWidget), or set ``fig``
    messages: Messages

    def _ipython_display_(self):
        from IPython.display import display
        fig = self.figure.fig if self.figure is not None else getattr(self, "fig", None)
        if fig is not None:
            sync_figure_for_display(fig)
        display(self.widget)

    def _guard(self, fn, *args):
        """Run a UI action; any error becomes a message, never a traceback in the page."""
        try:
            return fn(*args)
        except ValueError as exc:
            self.messages.say(str(exc), "error")
        except Exception as exc:  # noqa: BLE001 (the learner sees a message)
            self.messages.say(f"Something went wrong: {exc}", "error")


class LiveApp(App):
    """A session trained live: Play/Pause, Step, Reset, an epoch line and a message line."""

    widget: W.Widget  # set by subclasses: the whole app, which must contain ``self.pacer``

    def __init__(self, config: Config | None = None, **changes):
        self.messages = Messages()
        self.session = Session((config or Config()).replace(**changes))
        self.pacer = FramePacer()
        self.loop = LiveLoop(self._frame, pacer=self.pacer, on_state=self._on_state, idle_work=self._idle_train)
        self.play = W.Button(description="Play", button_style="success", tooltip="train continuously",
                             layout=W.Layout(width="90px"))
        self.step_button = W.Button(description="Step", tooltip="one optimizer step", layout=W.Layout(width="70px"))
        self.reset_button = W.Button(description="Reset", tooltip="back to the same initial weights",
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
        self.play.description = "Pause" if running else "Play"
        self.play.button_style = "warning" if running else "success"
        if reason == "tab closed":
            self.messages.say("Paused: the page was closed or hidden.", "warn")
        elif reason.startswith("error"):
            self.messages.say(f"Paused after an error: {reason[7:]}", "error")

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
        self.messages.say("Reset: the same initial weights as before.")
        self.render()

    def render(self):
        raise NotImplementedError

    def epoch_text(self) -> str:
        s = self.session
        acc = s.history["test_acc"][-1]
        acc_text = "" if acc != acc else f" · test accuracy <b>{acc:.1%}</b>"  # NaN for regression
        return (f"<span class='pg-epoch-value'>Epoch <b>{s.epoch:,}</b></span> · "
                f"train loss {s.train_loss:.3f} · test loss {s.test_loss:.3f}{acc_text}")
