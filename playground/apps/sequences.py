"""Networks over time: a vanilla RNN, an LSTM or a GRU learns a small sequence task live; the hidden
state over time, ‖∂L/∂h_t‖ at every time step (log scale) and the gates of one sequence.

    from playground import apps
    apps.Sequences()                                 # remember the first bit, 10 steps, RNN
    apps.Sequences(cell="lstm", length=40)
    apps.Sequences(task="sine", cell="gru")
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from playground.apps.base import LiveApp
from playground.controls import LEARNING_RATES, FieldControls, choice, number, selection
from playground.i18n import Labels, t
from playground.sequences import CELLS, GATES, TASKS, SeqConfig, SeqSession
from playground.views.colors import BLUE, CLASS_COLORS, ORANGE
from playground.views.panels_canvas import PanelsCanvas, curves, curves_panel, heatmap, heatmap_panel

TASK_LABELS = Labels("sequences.task.", TASKS)
CELL_LABELS = Labels("sequences.cell.", CELLS)
RATES = tuple(r for r in LEARNING_RATES if 1e-4 <= r <= 0.3)
TEAL = CLASS_COLORS[2]
GRAD_SEQUENCES = 64  # test sequences ‖∂L/∂h_t‖ is averaged over


class Sequences(LiveApp):
    """One recurrent network trained live on one task; change the cell or the length and watch."""

    def __init__(self, config: SeqConfig | None = None, *, lang: str | None = None, **changes):
        super().__init__(config, lang=lang, **changes)
        self.loop.max_in_flight = 3  # as the Playground: a third frame in flight hides the round trip
        style, wide = {"description_width": "120px"}, W.Layout(width="340px")
        self.listen(FieldControls(self.session.config, {
            "task": choice("task", TASKS, TASK_LABELS, description=t("sequences.task"), style=style, layout=wide),
            "cell": choice("cell", CELLS, CELL_LABELS, widget=W.ToggleButtons, style={"button_width": "80px"}),
            "length": number("length", min=2, max=100, continuous_update=False, description=t("sequences.length"),
                             style=style, layout=wide),
            "hidden": number("hidden", min=2, max=64, continuous_update=False, description=t("sequences.hidden"),
                             style=style, layout=wide),
            "lr": selection("lr", RATES, description=t("controls.lr"), style=style, layout=wide),
        }, css="pg-seq-"))
        self.canvas = PanelsCanvas([
            curves_panel("loss", t("sequences.title_loss"), log=True),
            curves_panel("grad", t("sequences.title_grad"), log=True, markers=True),
            heatmap_panel("hidden", t("sequences.title_hidden"), left=40),
            heatmap_panel("gates", t("sequences.title_gates"), left=40),
        ])
        self.example = W.HTML()
        self.example.add_class("pg-seq-example")
        w = self.controls.w
        self.widget = W.VBox([self.toolbar, self.messages,
                              W.HBox([W.VBox([w["task"], w["length"], w["hidden"], w["lr"]]), w["cell"]]),
                              self.canvas, self.example, self.pacer])
        self.widget.add_class("pg-sequences")
        self.render()

    def make_session(self, config, changes):
        return SeqSession((config or SeqConfig()).replace(**changes))

    def trains_while_idle(self) -> bool:
        return True

    def render(self):
        s = self.session
        c = s.config
        h = s.hidden_states(0)
        grad = s.grad_through_time(GRAD_SEQUENCES)
        steps = np.arange(1, c.length + 1)
        panels = dict(
            loss=curves({t("sequences.train"): (s.history["train_loss"], BLUE),
                         t("sequences.test"): (s.history["test_loss"], TEAL)}, xlabel=t("sequences.epochs")),
            grad=curves({"‖∂L/∂h_t‖": (grad, ORANGE)}, xlabel=t("sequences.time_axis", T=c.length)),
            hidden=heatmap(h.T, row_labels=["h1"] + [""] * (c.hidden - 2) + [f"h{c.hidden}"],
                           xlabel=t("sequences.time_axis", T=c.length)),
        )
        gates = s.gates(0) if GATES[c.cell] else {}
        if gates:  # sigmoid gates in [0, 1] drawn on [-1, 1]; the candidates (g, n) are in [-1, 1] already
            rows = [v.T if name in ("g", "n") else 2 * v.T - 1 for name, v in gates.items()]
            labels = [label for name in gates for label in [name] + [""] * (c.hidden - 1)]
            panels["gates"] = heatmap(np.vstack(rows), row_labels=labels, xlabel=t("sequences.time_axis", T=c.length))
        else:
            panels["gates"] = heatmap(np.full((1, c.length), np.nan), row_labels=[""], xlabel=t("sequences.no_gates"))
        self.canvas.update(**panels)
        self.epoch_label.value = self.epoch_text()
        self.example.value = self.example_text(grad)

    def example_text(self, grad) -> str:
        s = self.session
        x = s.Xte[0, :, 0].numpy()
        shown = " ".join(f"{v:+.1f}" for v in x[:12]) + (" …" if len(x) > 12 else "")
        with_answer = t("sequences.example", x=shown, y=float(s.yte[0]), out=float(s.predict(s.Xte[:1])[0]))
        ratio = grad[0] / grad[-1] if grad[-1] > 0 else 0.0
        return f"<div>{with_answer}</div><div>{t('sequences.reach', ratio=ratio, T=s.config.length)}</div>"

    def on_rebuilt(self, kind):
        self.messages.say(t("sequences.rebuilt", cell=CELL_LABELS[self.session.config.cell],
                            T=self.session.config.length))
