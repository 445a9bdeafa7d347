"""Losses and outputs: binary (sigmoid + BCE), multi-class (softmax + cross-entropy), regression
(MSE, MAE, RMSE), and why MSE learns slowly for classification, with two identical networks trained
side by side.

    from playground import apps
    apps.Losses()
"""

from __future__ import annotations


import ipywidgets as W
import numpy as np

from playground import neuron, probes
from playground.apps.base import LiveApp
from playground.config import Config
from playground.controls import parse_vector
from playground.i18n import t
from playground.session import Session
from playground.views.loss_figure import CE_COLOR, MSE_COLOR, LossFigure

GRID = 40


def _logit(p):
    return float(np.log(p / (1 - p)))


class Losses(LiveApp):
    """Two Sessions with the same data, network and seed; one trains with BCE, the other with MSE."""

    DEFAULT = dict(dataset="circle", n_points=200, hidden=(6,), activation="tanh", init="xavier", optimizer="sgd",
                   lr=0.1, batch_size=10, seed=0)

    def __init__(self, config: Config | None = None, *, lang: str | None = None, **changes):
        self._use_language(lang)
        base = (config or Config().replace(**self.DEFAULT)).replace(**changes)
        if base.problem != "binary":
            raise ValueError(t("losses.not_binary", dataset=base.dataset, problem=base.problem))
        super().__init__(base.replace(loss="bce"))
        self.other = Session(base.replace(loss="mse"))
        self.figure = LossFigure()
        style = {"description_width": "200px"}
        self.p = W.FloatSlider(0.3, min=0.01, max=0.99, step=0.01, description=t("losses.p"),
                               style=style, layout=W.Layout(width="520px"))
        self.p.add_class("pg-slider-p")
        self.binary_out = W.HTML()
        self.logits = W.Text("2, 1, 0.1", description=t("losses.logits"), continuous_update=False,
                             style={"description_width": "150px"}, layout=W.Layout(width="360px"))
        self.target = W.IntSlider(0, min=0, max=2, description=t("losses.target"), style={"description_width": "80px"},
                                  layout=W.Layout(width="260px"))
        self.multi_out = W.HTML()
        self.y_true = W.Text("3, -0.5, 2, 7", description=t("losses.y_true"), continuous_update=False,
                             style={"description_width": "90px"}, layout=W.Layout(width="330px"))
        self.y_pred = W.Text("2.5, 0, 2, 8", description=t("losses.y_pred"), continuous_update=False,
                             style={"description_width": "90px"}, layout=W.Layout(width="330px"))
        self.reg_out = W.HTML()
        self.p.observe(lambda _: self._guard(self.render_binary), "value")
        for w in (self.logits, self.target):
            w.observe(lambda _: self._guard(self.render_multi), "value")
        for w in (self.y_true, self.y_pred):
            w.observe(lambda _: self._guard(self.render_regression), "value")
        sec = lambda t: W.HTML(f"<b style='font-size:15px'>{t}</b>")  # noqa: E731
        self.widget = W.VBox([
            sec(t("losses.sec_binary")), self.p, self.binary_out,
            sec(t("losses.sec_multi")),
            W.HBox([self.logits, self.target]), self.multi_out,
            sec(t("losses.sec_regression")), W.HBox([self.y_true, self.y_pred]), self.reg_out,
            sec(t("losses.sec_networks")),
            self.toolbar, self.messages, self.figure.fig, self.pacer])
        self.widget.add_class("pg-losses")
        g = neuron.loss_gradients([_logit(p) for p in self.figure.ps], 1.0)
        self.figure.set_curves(g)
        self.figure.set_points(self.session.X[self.session.test_idx], self.session.y[self.session.test_idx])
        self.render_binary()
        self.render_multi()
        self.render_regression()
        self.messages.say(t("losses.press_play"))
        self.render()

    # -- the three calculators ----------------------------------------------------------------
    def render_binary(self):
        p = self.p.value
        g = neuron.loss_gradients(_logit(p), 1.0)
        L = neuron.binary_losses(p, 1.0)
        self.figure.mark(p, [float(L["bce"]), float(L["mse"])], [float(g["dbce_dz"]), float(g["dmse_dz"])])
        ratio = abs(float(g["dbce_dz"])) / max(abs(float(g["dmse_dz"])), 1e-12)
        self.binary_out.value = (
            "<div style='font-family:monospace;font-size:14px'>"
            f"<span style='color:{CE_COLOR}'>{t('losses.ce_word')}: L = −log p = {float(L['bce']):.3f};  "
            f"∂L/∂z = p − 1 = {float(g['dbce_dz']):+.3f}</span><br>"
            f"<span style='color:{MSE_COLOR}'>MSE:           L = (1 − p)² = {float(L['mse']):.3f};  "
            f"∂L/∂z = 2(p − 1)·p(1 − p) = {float(g['dmse_dz']):+.3f}</span><br>"
            + t("losses.pushes", ratio=ratio, factor=p * (1 - p)) + "</div>")

    def render_multi(self):
        z = parse_vector(self.logits.value)
        self.target.max = z.size - 1
        target = min(self.target.value, z.size - 1)
        out = neuron.cross_entropy(z, int(target))
        self.figure.set_softmax(out["p"], int(target), out["loss"])
        grad = ", ".join(f"{v:+.2f}" for v in out["grad"])
        self.multi_out.value = (f"<div style='font-family:monospace;font-size:14px'>softmax(z) = "
                                f"[{', '.join(f'{v:.3f}' for v in out['p'])}];  CE = −log p[{target}] = {out['loss']:.3f};  "
                                f"∂CE/∂z = p − {t('losses.onehot')} = [{grad}]</div>")

    def render_regression(self):
        r = neuron.regression_losses(parse_vector(self.y_true.value), parse_vector(self.y_pred.value))
        mean = t("losses.mean")
        self.reg_out.value = (f"<div style='font-family:monospace;font-size:14px'>MSE = {mean} (ŷ − y)² = {r['mse']:.3f};  "
                              f"MAE = {mean} |ŷ − y| = {r['mae']:.3f};  RMSE = √MSE = {r['rmse']:.3f}  "
                              f"{t('losses.mse_punishes')}</div>")

    # -- training both ------------------------------------------------------------------------
    @property
    def sessions(self):
        return (self.session, self.other)

    def train_frame(self):
        for s in self.sessions:  # one epoch each: the same number of steps on both sides
            s.train_epochs(1)

    def _step_once(self):
        for s in self.sessions:
            s.step(1)
        self.render()

    def reset(self):
        for s in self.sessions:
            s.reset()
        self.messages.say(t("losses.reset"))
        self.render()

    def epoch_text(self) -> str:
        a, b = self.session, self.other
        return (f"<span class='pg-epoch-value'>{t('app.epoch', epoch=a.epoch)}</span> · {t('losses.test_accuracy')} "
                f"<span style='color:{CE_COLOR}'>{t('losses.ce_word')} <b>{a.history['test_acc'][-1]:.0%}</b></span>, "
                f"<span style='color:{MSE_COLOR}'>MSE <b>{b.history['test_acc'][-1]:.0%}</b></span>")

    def render(self):
        a, b = self.sessions
        ga, gb = probes.decision_grid(a, GRID), probes.decision_grid(b, GRID)
        self.figure.update_training(
            xs=ga["xs"], surf_ce=ga["z"], surf_mse=gb["z"],
            epochs_ce=a.history["epoch"], acc_ce=a.history["test_acc"],
            epochs_mse=b.history["epoch"], acc_mse=b.history["test_acc"],
            titles=(t("losses.trained_ce", acc=a.history["test_acc"][-1]),
                    t("losses.trained_mse", acc=b.history["test_acc"][-1])))
        self.epoch_label.value = self.epoch_text()
        for s in self.sessions:
            if s.status == "diverged":
                self.messages.say(s.message, "error")
