"""A CNN learns the digits, live, against a fully connected network of about the same size.

    from playground import apps
    apps.CnnDigits()                                  # conv 8 → pool → conv 16 → pool → linear, vs 64-25-10
    apps.CnnDigits(channels=(4,), kernel=5)

Both networks train on the same mini-batches (``playground.cnn.Race``); each frame shows their
loss and accuracy curves, the CNN's first-layer filters, the feature maps of one digit at every
layer, both networks' softmax outputs for it, their confusion matrices and a shift test. The learner
draws a digit with the mouse and reads both answers. Canvas panels (``views.panels``) draw it all.
"""

from __future__ import annotations

import html
import time

import ipywidgets as W
import numpy as np

from playground import cnn
from playground.apps.base import LiveApp
from playground.apps.common import button
from playground.controls import Field, FieldControls, choice, training_fields
from playground.i18n import Labels, t
from playground.views.colors import BLUE, ORANGE
from playground.views.panels import Brush, Panel, Panels, bars, curves, grid, tiles

COLORS = {"cnn": BLUE, "mlp": ORANGE}
POOL_LABELS = Labels("cnn_digits.pool.", cnn.POOLS)
OPTIMIZER_LABELS = Labels("cnn_digits.optimizer.", cnn.OPTIMIZERS)
LAYER_PANELS = ("conv1", "pool1", "conv2", "pool2")
SLOW_EVERY_S = {"confusion": 0.5, "shift": 2.0}  # while training, the costlier pictures are redrawn this often
DRAW_SIDE = 16


def _style(width="110px"):
    return {"description_width": width}


def _channel_fields() -> dict:
    """The two blocks' channels as two dropdowns that together make ``channels``."""
    def read(_v, base, values):
        second = values["c2"]
        return {"channels": (values["c1"],) + ((second,) if second else ())}

    def show(which):
        def put(w, c):
            w.value = c.channels[0] if which == 0 else (c.channels[1] if len(c.channels) > 1 else 0)
        return put

    first = Field(lambda: W.Dropdown(options=[(str(c), c) for c in cnn.CHANNELS_1], description=t("cnn_digits.c1"),
                                     style=_style(), layout=W.Layout(width="230px")), show(0), read)
    second = Field(lambda: W.Dropdown(options=[(t("cnn_digits.c2_none") if c == 0 else str(c), c) for c in cnn.CHANNELS_2],
                                      description=t("cnn_digits.c2"), style=_style(), layout=W.Layout(width="230px")),
                   show(1), read)
    return {"c1": first, "c2": second}


def digits_controls(config: cnn.CnnConfig) -> FieldControls:
    toggles = {"button_width": "78px", "description_width": "110px"}
    return FieldControls(config, {
        **_channel_fields(),
        "kernel": choice("kernel", cnn.KERNELS, lambda k: f"{k} × {k}", widget=W.ToggleButtons,
                         description=t("cnn_digits.kernel"), style=toggles),
        "pool": choice("pool", cnn.POOLS, POOL_LABELS, widget=W.ToggleButtons, description=t("cnn_digits.pool"),
                       style=toggles),
        **training_fields(cnn.LEARNING_RATES, cnn.BATCH_SIZES, OPTIMIZER_LABELS),
    }, css="pg-cnn-")


def _pct(v: float) -> str:
    return f"{100 * v:.1f} %"


class CnnDigits(LiveApp):
    """The digits CNN against an MLP of the same size: curves, filters, feature maps, softmax,
    confusion matrices, a shift test and the learner's own drawing."""

    def __init__(self, config: cnn.CnnConfig | None = None, *, image: int = 0, lang: str | None = None, **changes):
        self._start_error = None
        super().__init__(config, lang=lang, **changes)
        self.drawing = np.zeros((DRAW_SIDE, DRAW_SIDE))
        self.seq = 0
        self._slow = {}  # name -> (steps when computed, time, value)
        self.listen(digits_controls(self.session.config))
        self._build_widgets(image)
        self.redraw()
        self.render()
        if self._start_error is not None:
            self.messages.say(self._start_error, "error")
        else:
            self.messages.say(t("cnn_digits.start"))

    def make_session(self, config, changes):
        try:
            config = (config or cnn.CnnConfig()).replace(**changes)
        except (ValueError, TypeError) as exc:  # a bad setting: a message, and the defaults
            self._start_error = exc if isinstance(exc, ValueError) else ValueError(str(exc))
            config = cnn.CnnConfig()
        return cnn.Race(config)

    # -- widgets ----------------------------------------------------------------------------------
    def _build_widgets(self, image):
        s = self.session
        self.w_image = W.IntSlider(min(max(int(image), 0), len(s.yte) - 1), min=0, max=len(s.yte) - 1,
                                   description=t("cnn_digits.test_digit"), style=_style(), layout=W.Layout(width="330px"))
        self.w_source = W.ToggleButtons(options=[(t("cnn_digits.source_test"), "test"),
                                                 (t("cnn_digits.source_drawing"), "drawing")],
                                        description=t("cnn_digits.show"), style={"button_width": "110px", **_style()})
        self.w_mistake = button(t("cnn_digits.next_mistake"), t("cnn_digits.next_mistake_tip"), "150px")
        self.w_clear = button(t("cnn_digits.clear"), t("cnn_digits.clear_tip"), "80px")
        self.w_pen = W.ToggleButtons(options=[(t("convolution.pen_draw"), "draw"), (t("convolution.pen_erase"), "erase")],
                                     tooltips=[t("cnn_digits.pen_draw_tip"), t("convolution.pen_erase_tip")],
                                     style={"button_width": "64px"})
        self.w_center = W.Checkbox(True, description=t("cnn_digits.center"), indent=False, layout=W.Layout(width="330px"))
        for w, cls in ((self.w_image, "image"), (self.w_source, "source"), (self.w_mistake, "mistake"),
                       (self.w_clear, "clear"), (self.w_pen, "pen"), (self.w_center, "center")):
            w.add_class(f"pg-cnn-{cls}")
        self.w_image.observe(lambda _: self._quiet or self._guard(self._show_test), "value")
        self.w_source.observe(lambda _: self._quiet or self._guard(self._redraw_if_idle), "value")
        self.w_center.observe(lambda _: self._quiet or self._guard(self._redraw_if_idle), "value")
        self.w_mistake.on_click(lambda _: self._guard(self.next_mistake))
        self.w_clear.on_click(lambda _: self._guard(self.clear_drawing))

        self.panels = Panels(self._panel_specs(), rows=[["draw", "input", "probs", "filters"], list(LAYER_PANELS),
                                                        ["loss", "acc", "shift"], ["conf_cnn", "conf_mlp"]])
        self._titles_lang = t("cnn_digits.panel_draw")
        W.link((self.w_pen, "value"), (self.panels, "pen"))
        self.panels.on_draw(lambda name, values, done, seq: self._guard(self._on_draw, values, seq))
        self.answer = W.HTML()
        self.params_text = W.HTML()
        self.shift_text = W.HTML()
        for w, cls in ((self.answer, "answer"), (self.params_text, "params"), (self.shift_text, "shift")):
            w.add_class(f"pg-cnn-{cls}")
        c = self.controls
        network = W.VBox([W.HTML(f"<b>{t('cnn_digits.head_network')}</b>"), c.w["c1"], c.w["c2"], c.w["kernel"],
                          c.w["pool"]], layout=W.Layout(width="380px"))
        training = W.VBox([W.HTML(f"<b>{t('cnn_digits.head_training')}</b>"), c.w["optimizer"], c.w["lr"],
                           c.w["batch_size"], self.params_text], layout=W.Layout(width="420px"))
        digit = W.VBox([W.HTML(f"<b>{t('cnn_digits.head_digit')}</b>"), self.w_source, self.w_image,
                        W.HBox([self.w_mistake]), W.HBox([self.w_pen, self.w_clear]), self.w_center],
                       layout=W.Layout(width="420px"))
        self.widget = W.VBox([W.HTML(f"<h3 style='margin:4px 0'>{t('cnn_digits.heading')}</h3>"),
                              W.HBox([network, training, digit], layout=W.Layout(flex_flow="row wrap")),
                              self.toolbar, self.messages, self.answer, self.panels, self.shift_text, self.pacer])
        self.widget.add_class("pg-cnn-digits")

    def _panel_specs(self) -> dict:
        return {
            "draw": Panel(t("cnn_digits.panel_draw"), 192, 192, draw=Brush(1.5)),
            "input": Panel(t("cnn_digits.panel_input"), 120, 120),
            "probs": Panel(t("cnn_digits.panel_probs"), 330, 170),
            "filters": Panel(t("cnn_digits.panel_filters"), 300, 120),
            "conv1": Panel(t("cnn_digits.panel_conv1"), 290, 160),
            "pool1": Panel(t("cnn_digits.panel_pool1"), 290, 160),
            "conv2": Panel(t("cnn_digits.panel_conv2"), 290, 160),
            "pool2": Panel(t("cnn_digits.panel_pool2"), 290, 160),
            "loss": Panel(t("cnn_digits.panel_loss"), 400, 200),
            "acc": Panel(t("cnn_digits.panel_acc"), 400, 200),
            "shift": Panel(t("cnn_digits.panel_shift"), 300, 200),
            "conf_cnn": Panel(t("cnn_digits.panel_conf_cnn"), 300, 300),
            "conf_mlp": Panel(t("cnn_digits.panel_conf_mlp"), 300, 300),
        }

    # -- what the learner does --------------------------------------------------------------------
    def set(self, **changes):
        """Change settings from code, as the controls would (``app.set(kernel=5, lr=0.01)``); a
        setting that cannot be used is a message, as it is from the controls."""
        return self._guard(lambda: super(CnnDigits, self).set(**changes))

    def train_frame(self):
        self.session.train_for(self.loop.work_budget_s)

    def trains_while_idle(self) -> bool:
        return True

    def _show_test(self):
        with self.quiet():
            self.w_source.value = "test"
        self._redraw_if_idle()

    def show_test_digit(self, index: int):
        """Show test digit ``index`` (its feature maps and both answers)."""
        self.w_image.value = index

    def next_mistake(self):
        """The next test digit (after the one shown) that the CNN gets wrong."""
        s = self.session
        pred = s.predict(s.Xte)["cnn"].argmax(1)
        wrong = np.flatnonzero(pred != s.yte)
        if not len(wrong):
            self.messages.say(t("cnn_digits.no_mistake"))
            return
        after = wrong[wrong > self.w_image.value]
        self.w_image.value = int(after[0] if len(after) else wrong[0])
        self.messages.say(t("cnn_digits.mistake", index=self.w_image.value, label=int(s.yte[self.w_image.value]),
                            pred=int(pred[self.w_image.value])))

    def draw(self, values, seq: int = 0):
        """The learner's drawing, 16 × 16 in [0, 1] (what the page sends while the mouse draws)."""
        self._on_draw(values, seq)

    def _on_draw(self, values, seq):
        values = np.asarray(values, float)
        if values.shape != (DRAW_SIDE, DRAW_SIDE):
            return
        self.drawing = np.clip(values, 0, 1)
        self.seq = max(self.seq, seq)
        with self.quiet():
            self.w_source.value = "drawing"
        self._redraw_if_idle()

    def clear_drawing(self):
        self.drawing = np.zeros((DRAW_SIDE, DRAW_SIDE))
        with self.quiet():
            self.w_source.value = "drawing"
        self._redraw_if_idle()

    def reset(self):
        self._slow.clear()
        super().reset()

    def on_rebuilt(self, kind: str):
        self._slow.clear()
        super().on_rebuilt(kind)

    # -- drawing ----------------------------------------------------------------------------------
    def shown_image(self) -> tuple[np.ndarray, int | None]:
        """The 8 × 8 image the panels explain and its true label (None for a drawing)."""
        if self.w_source.value == "drawing":
            return cnn.prepare_drawing(self.drawing, center=self.w_center.value), None
        i = self.w_image.value
        return self.session.Xte[i], int(self.session.yte[i])

    def _slow_value(self, name, compute):
        """``compute()``, again only when the weights changed, and while training at most every
        ``SLOW_EVERY_S[name]`` seconds."""
        steps = (self.session.steps, self.session.epoch)
        old = self._slow.get(name)
        now = time.monotonic()
        if old is None or (old[0] != steps and (not self.running or now - old[1] >= SLOW_EVERY_S[name])):
            old = self._slow[name] = (steps, now, compute())
        return old[2]

    def redraw(self):
        """The two networks' shapes and sizes (they change with a rebuild only)."""
        s, c = self.session, self.session.config
        pool = t(f"cnn_digits.layer_pool.{c.pool}")
        layers = " → ".join(f"{t('cnn_digits.layer_conv', k=c.kernel, c=ch)} → {pool}" for ch in c.channels)
        self.params_text.value = (
            "<div style='font-size:13px;margin-top:4px;line-height:1.5'>"
            + t("cnn_digits.params_cnn", n=f"{s.params['cnn']:,}", layers=layers) + "<br>"
            + t("cnn_digits.params_mlp", n=f"{s.params['mlp']:,}", hidden=s.mlp_hidden) + "</div>")

    def render(self):
        s = self.session
        if self._titles_lang != t("cnn_digits.panel_draw"):  # the page's language came after the app was built
            self.panels.retitle({name: p.title for name, p in self._panel_specs().items()})
            self._titles_lang = t("cnn_digits.panel_draw")
        image, label = self.shown_image()
        probs = s.predict(image)
        maps = dict(s.feature_maps(image))
        filters = s.filters()
        h = s.history
        ep = h["epoch"]
        confusion = self._slow_value("confusion", lambda: {n: s.confusion(n) for n in cnn.NETS})
        shifted = self._slow_value("shift", s.shift_test)
        names = {n: t(f"cnn_digits.net_{n}") for n in cnn.NETS}
        layers = {}
        for key in LAYER_PANELS:
            m = maps.get(key)
            layers[key] = None if m is None else tiles(
                m, lo=[0.0] * len(m), hi=[max(float(x.max()), 1e-6) for x in m], scale="blues", columns=4 if len(m) <= 8 else 8,
                labels=[str(i + 1) for i in range(len(m))],
                title=t(f"cnn_digits.panel_{key}_size", c=m.shape[0], h=m.shape[1], w=m.shape[2]))
        classes = [str(d) for d in range(cnn.N_CLASSES)]
        self.panels.show(
            draw=grid(self.drawing, lo=0, hi=1, scale="gray", seq=self.seq),
            input=grid(image, lo=0, hi=1, scale="gray",
                       title=t("cnn_digits.panel_input_label", label=label) if label is not None
                       else t("cnn_digits.panel_input")),
            probs=bars(classes, [(names[n], COLORS[n], probs[n][0]) for n in cnn.NETS], lo=0, hi=1, mark=label),
            filters=tiles(filters, scale="diverging", columns=8, labels=[str(i + 1) for i in range(len(filters))],
                          title=t("cnn_digits.panel_filters_size", c=len(filters), k=filters.shape[-1])),
            **layers,
            loss=curves([(f"{names[n]} {t(f'cnn_digits.{k}')}", COLORS[n], ep, h[f"{n}_{k}_loss"], k == "test")
                         for n in cnn.NETS for k in ("train", "test")], lo=0, xlabel=t("cnn_digits.epoch")),
            acc=curves([(f"{names[n]} {t(f'cnn_digits.{k}')}", COLORS[n], ep, h[f"{n}_{k}_acc"], k == "test")
                        for n in cnn.NETS for k in ("train", "test")], hi=1, xlabel=t("cnn_digits.epoch")),
            shift=bars([t("cnn_digits.shift_px", px=px) for px in cnn.SHIFTS],
                       [(names[n], COLORS[n], shifted[n]) for n in cnn.NETS], lo=0, hi=1),
            conf_cnn=grid(confusion["cnn"], lo=0, hi=max(1, int(confusion["cnn"].max())), scale="blues", numbers=True,
                          digits=0, rlabels=classes, clabels=classes),
            conf_mlp=grid(confusion["mlp"], lo=0, hi=max(1, int(confusion["mlp"].max())), scale="blues", numbers=True,
                          digits=0, rlabels=classes, clabels=classes))
        self.answer.value = self._answer_html(probs, label)
        self.shift_text.value = ("<div style='font-size:13px'>" + t(
            "cnn_digits.shift_summary", cnn0=_pct(shifted["cnn"][0]), cnn1=_pct(shifted["cnn"][1]),
            cnn2=_pct(shifted["cnn"][2]), mlp0=_pct(shifted["mlp"][0]), mlp1=_pct(shifted["mlp"][1]),
            mlp2=_pct(shifted["mlp"][2])) + "</div>")
        self.epoch_label.value = self.epoch_text()

    def _answer_html(self, probs, label) -> str:
        parts = []
        for n in cnn.NETS:
            p = probs[n][0]
            k = int(p.argmax())
            ok = "" if label is None else (" ✓" if k == label else " ✗")
            parts.append(f"<span style='color:{COLORS[n]}'><b>{html.escape(t(f'cnn_digits.net_{n}'))}</b></span> "
                         + t("cnn_digits.says", digit=f"<b class='pg-cnn-answer-{n}'>{k}</b>", p=f"{100 * p[k]:.0f} %")
                         + ok)
        what = (t("cnn_digits.answer_drawing") if label is None else t("cnn_digits.answer_test", index=self.w_image.value,
                                                                        label=label))
        return f"<div style='font-size:15px;margin:4px 0'>{what} " + " · ".join(parts) + "</div>"

    def epoch_text(self) -> str:
        s, h = self.session, self.session.history
        return (f"<span class='pg-epoch-value'>{t('app.epoch', epoch=s.epoch)}</span> · "
                + t("cnn_digits.test_accuracy", cnn=_pct(h["cnn_test_acc"][-1]), mlp=_pct(h["mlp_test_acc"][-1])))
