"""The building blocks of bigger CNNs, one app each (notebook 12):

    from playground import apps
    apps.Bottleneck()        # 1 × 1 convolution as per-pixel mixing of channels; bottleneck vs plain 3 × 3: counts
    apps.ResidualBlocks()    # the same deep CNN with and without skips, trained live: per-layer gradients
    apps.UpSampling()        # nearest, bilinear, transposed convolution; the checkerboard
    apps.UNet()              # a tiny U-Net with and without skip connections, trained live on shapes

Numbers come from the engine (``playground.convolution`` in NumPy, ``playground.blocks`` in
PyTorch; the tests compare them with ``torch.nn.functional`` and the modules' own counts);
pictures are canvas panels (``views.panels``). Bad input is a message, never a traceback.
"""

from __future__ import annotations

import html
import time

import ipywidgets as W
import numpy as np

from playground import blocks
from playground import convolution as cv
from playground.convolution import MIX_FILTERS, UP_INPUTS, UP_WEIGHTS, mixing_inputs, parse_mixing, small_map, tent
from playground.apps.base import App, LiveApp
from playground.apps.common import Messages
from playground.controls import FieldControls, choice, selection, training_fields
from playground.i18n import Labels, t
from playground.views.colors import BLUE, ORANGE
from playground.views.panels import Panel, Panels, bars, curves, grid, symmetric, tiles

OPTIMIZER_LABELS = Labels("cnn_digits.optimizer.", ("adam", "sgd"))
BATCH_SIZES = (8, 16, 32, 64, 128)
STYLE = {"description_width": "110px"}


def _wide(width="330px"):
    return W.Layout(width=width)


def _column() -> W.Layout:
    """A column of 300-px controls that a long text beside it cannot squeeze."""
    return W.Layout(width="310px", min_width="310px")


def _n(v: float, digits: int = 2) -> str:
    if abs(v) < 0.5 * 10 ** -digits:
        v = 0.0
    return (f"{v:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{v:.0f}").replace("-", "−")


def _title(key):
    return W.HTML(f"<h3 style='margin:4px 0'>{html.escape(t(key))}</h3>")


# -- (a) 1 × 1 convolution and the bottleneck --------------------------------------------------------
CHANNELS = (64, 128, 256, 512, 1024)
MIDDLES = (16, 32, 64, 128, 256)
SIZES = (7, 14, 28, 56)


class Bottleneck(App):
    """A 1 × 1 convolution mixes channels pixel by pixel; the bottleneck block against a plain
    3 × 3 convolution, in parameters and multiply-adds."""

    def __init__(self, *, image: str = "letter", weights: str = "1 1 0\n0 0 1", channels: int = 256, middle: int = 64,
                 size: int = 56, lang: str | None = None):
        self._use_language(lang)
        self.messages = Messages()
        self.pixel = (8, 4)
        self.w_image = W.Dropdown(options=[(t(f"convolution.image.{n}"), n) for n in cv.IMAGES if n != "drawing"],
                                  value=image if image in cv.IMAGES and image != "drawing" else "letter",
                                  description=t("convolution.image"), style=STYLE, layout=_wide())
        self.w_weights = W.Textarea(weights, description=t("blocks.mixing"), rows=4, continuous_update=False, style=STYLE,
                                    layout=W.Layout(width="330px", height="90px"),
                                    placeholder=t("blocks.mixing_placeholder"))
        self.w_channels = W.SelectionSlider(options=CHANNELS, value=channels if channels in CHANNELS else 256,
                                            description=t("blocks.channels"), style=STYLE, layout=_wide())
        self.w_middle = W.SelectionSlider(options=MIDDLES, value=middle if middle in MIDDLES else 64,
                                          description=t("blocks.middle"), style=STYLE, layout=_wide())
        self.w_size = W.SelectionSlider(options=SIZES, value=size if size in SIZES else 56, description=t("blocks.size"),
                                        style=STYLE, layout=_wide())
        for w, cls in ((self.w_image, "image"), (self.w_weights, "weights"), (self.w_channels, "channels"),
                       (self.w_middle, "middle"), (self.w_size, "size")):
            w.add_class(f"pg-bn-{cls}")
            w.observe(lambda _: self._quiet or self._guard(self.render), "value")
        self.panels = Panels({
            "channels": Panel(t("blocks.panel_channels"), 420, 160),
            "mixing": Panel(t("blocks.panel_mixing"), 150, 160),
            "mixed": Panel(t("blocks.panel_mixed"), 440, 160, click=True),
        }, rows=[["channels", "mixing", "mixed"]])
        self.panels.on_cell(lambda name, r, c, tile: self._guard(self.select, r, c))
        self.mix_text, self.counts = W.HTML(), W.HTML()
        self.mix_text.add_class("pg-bn-mix")
        self.counts.add_class("pg-bn-counts")
        self.weights = parse_mixing("1 1 0\n0 0 1")
        self.widget = W.VBox([
            _title("blocks.bottleneck_heading"), self.messages,
            W.HTML(f"<b>{t('blocks.head_one_by_one')}</b>"), W.HBox([self.w_image, self.w_weights]),
            self.panels, self.mix_text,
            W.HTML(f"<b>{t('blocks.head_bottleneck')}</b>"), W.HBox([W.VBox([self.w_channels, self.w_middle, self.w_size]),
                                                                     self.counts])])
        self.widget.add_class("pg-bottleneck")
        self.render()

    def select(self, r: int, c: int):
        """Explain output pixel (r, c) of the mixed maps."""
        self.pixel = (min(max(int(r), 0), cv.IMAGE_SIZE - 1), min(max(int(c), 0), cv.IMAGE_SIZE - 1))
        self.render()

    def mixed(self) -> np.ndarray:
        """The 1 × 1 convolution of the input channels with the weights: (outputs, 16, 16)."""
        return cv.conv2d(mixing_inputs(self.w_image.value), self.weights[:, :, None, None], np.zeros(len(self.weights)))

    def render(self):
        try:
            self.weights = parse_mixing(self.w_weights.value)
            self.messages.say("")
        except ValueError as exc:  # the last weights that worked stay; the text stays to be fixed
            self.messages.say(exc, "error")
        x, w = mixing_inputs(self.w_image.value), self.weights
        out = self.mixed()
        names = [t(f"convolution.filter.{f}") for f in MIX_FILTERS]
        r, c = self.pixel
        lo, hi = symmetric(x)
        olo, ohi = symmetric(out)
        self.panels.show(
            channels=tiles(x, lo=lo, hi=hi, scale="diverging", labels=names, columns=3),
            mixing=grid(w, lo=-max(1e-6, np.abs(w).max()), hi=max(1e-6, np.abs(w).max()), scale="diverging", numbers=True,
                        rlabels=[f"{t('blocks.out')}{i + 1}" for i in range(len(w))], clabels=["1", "2", "3"]),
            mixed=tiles(out, lo=olo, hi=ohi, scale="diverging", columns=len(out),
                        labels=[f"{t('blocks.out')}{i + 1}" for i in range(len(out))]))
        lines = []
        for o in range(len(w)):
            terms = " + ".join(f"{_n(w[o, i])}·{_n(x[i, r, c])}" for i in range(len(MIX_FILTERS)))
            lines.append(f"{t('blocks.out')}{o + 1} = {terms} = <b class='pg-bn-value'>{_n(out[o, r, c])}</b>")
        self.mix_text.value = (f"<div style='line-height:1.6;margin:4px 0'>{t('blocks.mix_explain', r=r, c=c)}<br>"
                               + "<br>".join(lines) + "</div>")
        self.counts.value = self._counts_html()

    def _counts_html(self) -> str:
        C, M, S = self.w_channels.value, self.w_middle.value, self.w_size.value
        plain, neck = blocks.block_counts("plain", C, M, S), blocks.block_counts("bottleneck", C, M, S)
        cell = "style='padding:2px 10px;text-align:right'"
        rows = [f"<tr><td>{t('blocks.plain')}: 3×3, {C} → {C}</td><td {cell}>{plain['params']:,}</td>"
                f"<td {cell}>{plain['mults']:,}</td></tr>"]
        for cin, cout, k, p, m in neck["layers"]:
            rows.append(f"<tr><td style='padding-left:16px;color:#555'>{k}×{k}, {cin} → {cout}</td>"
                        f"<td {cell} style='color:#555'>{p:,}</td><td {cell}>{m:,}</td></tr>")
        rows.insert(1, f"<tr><td>{t('blocks.bottleneck')}: {C} → {M} → {M} → {C}</td>"
                       f"<td {cell}><b class='pg-bn-params'>{neck['params']:,}</b></td>"
                       f"<td {cell}><b class='pg-bn-mults'>{neck['mults']:,}</b></td></tr>")
        return (f"<div style='margin-left:12px;font-size:13px'><table style='border-collapse:collapse'>"
                f"<tr><th></th><th {cell}>{t('blocks.params')}</th><th {cell}>{t('blocks.mults', s=S)}</th></tr>"
                + "".join(rows) + "</table>"
                + t("blocks.counts_summary", p=f"{plain['params'] / neck['params']:.1f}",
                    m=f"{plain['mults'] / neck['mults']:.1f}") + "</div>")


# -- (c) up-sampling -----------------------------------------------------------------------------------
class UpSampling(App):
    """A small feature map made larger: nearest neighbour, bilinear, or a transposed convolution
    whose filters overlap unevenly (a checkerboard) when the kernel is not a multiple of the stride."""

    def __init__(self, *, method: str = "transposed", kernel: int = 3, stride: int = 2, padding: int = 0,
                 lang: str | None = None):
        self._use_language(lang)
        self.messages = Messages()
        self.w_input = W.ToggleButtons(options=[(t(f"blocks.up_input.{n}"), n) for n in UP_INPUTS], value="constant",
                                       description=t("blocks.up_input"), style={**STYLE, "button_width": "120px"})
        self.w_method = W.Dropdown(options=[(t(f"blocks.method.{m}"), m) for m in cv.UPSAMPLERS],
                                   value=method if method in cv.UPSAMPLERS else "transposed",
                                   description=t("blocks.method"), style=STYLE, layout=_wide())
        self.w_scale = W.ToggleButtons(options=[("× 2", 2), ("× 3", 3)], description=t("blocks.scale"),
                                       style={**STYLE, "button_width": "60px"})
        self.w_kernel = W.IntSlider(min(max(kernel, 1), 5), min=1, max=5, description=t("blocks.kernel"), style=STYLE,
                                    layout=_wide())
        self.w_stride = W.IntSlider(min(max(stride, 1), 3), min=1, max=3, description=t("convolution.stride"),
                                    style=STYLE, layout=_wide())
        self.w_padding = W.IntSlider(min(max(padding, 0), 2), min=0, max=2, description=t("convolution.padding"),
                                     style=STYLE, layout=_wide())
        self.w_weights = W.ToggleButtons(options=[(t(f"blocks.up_weights.{n}"), n) for n in UP_WEIGHTS],
                                         description=t("blocks.up_weights"), style={**STYLE, "button_width": "110px"})
        for w, cls in ((self.w_input, "input"), (self.w_method, "method"), (self.w_scale, "scale"),
                       (self.w_kernel, "kernel"), (self.w_stride, "stride"), (self.w_padding, "padding"),
                       (self.w_weights, "weights")):
            w.add_class(f"pg-up-{cls}")
            w.observe(lambda _: self._quiet or self._guard(self.render), "value")
        self.panels = Panels({
            "input": Panel(t("blocks.panel_up_input"), 160, 160),
            "filter": Panel(t("blocks.panel_up_filter"), 140, 140),
            "output": Panel(t("blocks.panel_up_output"), 330, 330),
            "overlaps": Panel(t("blocks.panel_overlaps"), 330, 330),
        }, rows=[["input", "filter", "output", "overlaps"]])
        self.text = W.HTML()
        self.text.add_class("pg-up-text")
        self.widget = W.VBox([_title("blocks.up_heading"), self.messages,
                              W.HBox([W.VBox([self.w_input, self.w_method, self.w_scale]),
                                      W.VBox([self.w_kernel, self.w_stride, self.w_padding, self.w_weights])]),
                              self.panels, self.text])
        self.widget.add_class("pg-upsampling")
        self.result = None
        self.render()

    def set(self, **changes):
        """``app.set(method="transposed", kernel=4, stride=2)`` as the controls would."""
        widgets = {"input": self.w_input, "method": self.w_method, "scale": self.w_scale, "kernel": self.w_kernel,
                   "stride": self.w_stride, "padding": self.w_padding, "weights": self.w_weights}
        with self.quiet():
            for name, value in changes.items():
                widgets[name].value = value
        self._guard(self.render)

    def compute(self) -> dict:
        """The output (and for a transposed convolution its filter and overlap counts)."""
        x, method = small_map(self.w_input.value), self.w_method.value
        if method == "nearest":
            return dict(x=x, out=cv.upsample_nearest(x, self.w_scale.value))
        if method == "bilinear":
            return dict(x=x, out=cv.upsample_bilinear(x, self.w_scale.value))
        k, s, p = self.w_kernel.value, self.w_stride.value, self.w_padding.value
        w = np.ones((k, k)) if self.w_weights.value == "ones" else tent(k, s)
        return dict(x=x, w=w, out=cv.conv_transpose2d(x, w, stride=s, padding=p), overlaps=cv.overlaps(4, k, s, p))

    def render(self):
        transposed = self.w_method.value == "transposed"
        self.w_scale.disabled = transposed
        for w in (self.w_kernel, self.w_stride, self.w_padding, self.w_weights):
            w.disabled = not transposed
        try:
            r = self.result = self.compute()
            self.messages.say("")
        except ValueError as exc:
            self.messages.say(exc, "error")
            return
        out, n = r["out"], len(r["out"])
        self.panels.show(
            input=grid(r["x"], lo=0, hi=max(1.0, r["x"].max()), scale="gray", numbers=True),
            filter=(grid(r["w"], lo=0, hi=max(1.0, r["w"].max()), scale="blues", numbers=True) if transposed else None),
            output=grid(out, lo=0, hi=max(1e-6, out.max()), scale="gray", numbers=n <= 12,
                        title=t("blocks.panel_up_output_size", n=n)),
            overlaps=(grid(r["overlaps"], lo=0, hi=max(1.0, r["overlaps"].max()), scale="blues", numbers=True, digits=0)
                      if transposed else None))
        self.text.value = self._text(r)

    def _text(self, r) -> str:
        n = len(r["out"])
        if self.w_method.value != "transposed":
            return f"<div style='margin-top:6px'>{t(f'blocks.method_explain.{self.w_method.value}', s=self.w_scale.value, n=n)}</div>"
        k, s, p = self.w_kernel.value, self.w_stride.value, self.w_padding.value
        counts = r["overlaps"]
        even = k % s == 0
        parts = [t("blocks.transposed_formula", k=k, s=s, p=p, n=n),
                 t("blocks.overlap_even" if even else "blocks.overlap_uneven", k=k, s=s, lo=int(counts.min()),
                   hi=int(counts.max()))]
        return "<div style='margin-top:6px;line-height:1.5'>" + "<br>".join(parts) + "</div>"


# -- (b) residual blocks, live --------------------------------------------------------------------------
SLOW_S = 0.5  # while training, the gradient bars are redrawn at most this often


def _live_controls(config, extra: dict, css: str) -> FieldControls:
    return FieldControls(config, {**extra, **training_fields(blocks.LEARNING_RATES, BATCH_SIZES, OPTIMIZER_LABELS)},
                         css=css)


class _Race(LiveApp):
    """What the two live block apps share: a race of two networks, its controls, epoch line,
    curves and bad settings as messages."""

    NETS: tuple = ()
    COLORS: dict = {}

    def make_session(self, config, changes):
        try:
            config = (config or self.CONFIG()).replace(**changes)
        except (ValueError, TypeError) as exc:
            self._start_error = exc if isinstance(exc, ValueError) else ValueError(str(exc))
            config = self.CONFIG()
        return self.RACE(config)

    def set(self, **changes):
        return self._guard(lambda: super(_Race, self).set(**changes))

    def trains_while_idle(self) -> bool:
        return True

    def name(self, net: str) -> str:
        return t(f"blocks.net.{net}")

    def curves(self, key: str, **kw):
        h = self.session.history
        return curves([(f"{self.name(n)} {t(f'cnn_digits.{split}')}", self.COLORS[n], h["epoch"], h[f"{n}_{split}_{key}"],
                        split == "test") for n in self.NETS for split in ("train", "test")],
                      xlabel=t("cnn_digits.epoch"), **kw)

    def _start_message(self, key):
        err = getattr(self, "_start_error", None)
        self.messages.say(err if err is not None else t(key), "error" if err is not None else "info")


class ResidualBlocks(_Race):
    """The same deep CNN without and with skip connections, trained side by side on the digits,
    with every layer's gradient."""

    CONFIG, RACE = blocks.ResidualConfig, blocks.ResidualRace
    NETS = blocks.ResidualRace.NETS
    COLORS = {"plain": ORANGE, "residual": BLUE}

    def __init__(self, config=None, *, lang: str | None = None, **changes):
        self._start_error, self._grads = None, None
        super().__init__(config, lang=lang, **changes)
        self.listen(_live_controls(self.session.config, {
            "depth": selection("depth", blocks.DEPTHS, description=t("blocks.depth"), style=STYLE, layout=_wide("300px")),
            "width": choice("width", blocks.WIDTHS, str, description=t("blocks.width"), style=STYLE,
                            layout=_wide("300px")),
        }, "pg-res-"))
        self.panels = Panels({
            "grads": Panel(t("blocks.panel_grads"), 560, 240),
            "loss": Panel(t("cnn_digits.panel_loss"), 400, 200),
            "acc": Panel(t("cnn_digits.panel_acc"), 400, 200),
        }, rows=[["grads"], ["loss", "acc"]])
        self.summary, self.params_text = W.HTML(), W.HTML()
        self.summary.add_class("pg-res-summary")
        c = self.controls
        self.widget = W.VBox([_title("blocks.residual_heading"),
                              W.HBox([W.VBox([c.w["depth"], c.w["width"]], layout=_column()),
                                      W.VBox([c.w["optimizer"], c.w["lr"], c.w["batch_size"]], layout=_column()),
                                      self.params_text]),
                              self.toolbar, self.messages, self.summary, self.panels, self.pacer])
        self.widget.add_class("pg-residual")
        self.redraw()
        self.render()
        self._start_message("blocks.residual_start")

    def reset(self):
        self._grads = None
        super().reset()

    def on_rebuilt(self, kind):
        self._grads = None
        super().on_rebuilt(kind)

    def redraw(self):
        c, s = self.session.config, self.session
        self.params_text.value = (f"<div style='font-size:13px;margin-left:10px;line-height:1.5'>"
                                  + t("blocks.residual_params", depth=c.depth, width=c.width, n=f"{s.params['plain']:,}")
                                  + "</div>")

    def grad_norms(self) -> dict:
        """The per-layer gradient norms shown (recomputed when the weights changed, at most every
        ``SLOW_S`` seconds while training)."""
        s = self.session
        key = (s.steps, s.epoch)
        if self._grads is None or (self._grads[0] != key and (not self.running or time.monotonic() - self._grads[1] >= SLOW_S)):
            self._grads = (key, time.monotonic(), s.grad_norms())
        return self._grads[2]

    def render(self):
        s, c = self.session, self.session.config
        g = self.grad_norms()
        groups = [t("blocks.layer_in")] + [str(i) for i in range(1, c.depth + 1)] + [t("blocks.layer_out")]
        positive = [v for n in self.NETS for v in g[n] if v > 0]
        lo = 10 ** np.floor(np.log10(min(positive))) if positive else 1e-6
        hi = 10 ** np.ceil(np.log10(max(positive))) if positive else 1.0
        self.panels.show(grads=bars(groups, [(self.name(n), self.COLORS[n], g[n]) for n in self.NETS], lo=max(lo, 1e-12),
                                    hi=max(hi, lo * 10), log=True),
                         loss=self.curves("loss", lo=0), acc=self.curves("acc", lo=0, hi=1))
        def ratio(v):  # the first layer's gradient over the last's; none at all once the ReLUs are dead
            return f"{v[0] / v[-1]:.0e}" if v[0] > 0 and v[-1] > 0 else t("blocks.no_gradient")
        self.summary.value = ("<div style='font-size:13px;margin:4px 0'>" + t(
            "blocks.residual_summary", plain=ratio(g["plain"]), residual=ratio(g["residual"])) + "</div>")
        self.epoch_label.value = self.epoch_text()

    def epoch_text(self) -> str:
        h = self.session.history
        return (f"<span class='pg-epoch-value'>{t('app.epoch', epoch=self.session.epoch)}</span> · "
                + t("blocks.residual_accuracy", plain=f"{100 * h['plain_test_acc'][-1]:.1f} %",
                    residual=f"{100 * h['residual_test_acc'][-1]:.1f} %"))


# -- (d) a tiny U-Net, live -------------------------------------------------------------------------------
SHOWN = 4  # test images shown side by side


class UNet(_Race):
    """A tiny U-Net with and without skip connections, trained side by side on shapes and their
    masks: predicted masks and IoU per epoch."""

    CONFIG, RACE = blocks.SegConfig, blocks.SegRace
    NETS = blocks.SegRace.NETS
    COLORS = {"skips": BLUE, "noskips": ORANGE}

    def __init__(self, config=None, *, lang: str | None = None, **changes):
        self._start_error = None
        super().__init__(config, lang=lang, **changes)
        self.listen(_live_controls(self.session.config, {
            "width": choice("width", blocks.WIDTHS, str, description=t("blocks.unet_width"), style=STYLE,
                            layout=_wide("300px")),
        }, "pg-unet-"))
        self.w_first = W.IntSlider(0, min=0, max=len(self.session.yte) - SHOWN, description=t("blocks.first_image"),
                                   style=STYLE, layout=_wide("300px"))
        self.w_first.add_class("pg-unet-first")
        self.w_first.observe(lambda _: self._quiet or self._guard(self._redraw_if_idle), "value")
        self.panels = Panels({
            "images": Panel(t("blocks.panel_images"), 440, 120),
            "truth": Panel(t("blocks.panel_truth"), 440, 120),
            "skips": Panel(t("blocks.panel_pred_skips"), 440, 120),
            "noskips": Panel(t("blocks.panel_pred_noskips"), 440, 120),
            "iou": Panel(t("blocks.panel_iou"), 400, 200),
            "loss": Panel(t("cnn_digits.panel_loss"), 400, 200),
        }, rows=[["images", "iou"], ["truth", "loss"], ["skips"], ["noskips"]])
        self.params_text = W.HTML()
        c = self.controls
        self.widget = W.VBox([_title("blocks.unet_heading"),
                              W.HBox([W.VBox([c.w["width"], self.w_first], layout=_column()),
                                      W.VBox([c.w["optimizer"], c.w["lr"], c.w["batch_size"]], layout=_column()),
                                      self.params_text]),
                              self.toolbar, self.messages, self.panels, self.pacer])
        self.widget.add_class("pg-unet")
        self.redraw()
        self.render()
        self._start_message("blocks.unet_start")

    def redraw(self):
        s = self.session
        self.params_text.value = (f"<div style='font-size:13px;margin-left:10px;line-height:1.5'>"
                                  + t("blocks.unet_params", skips=f"{s.params['skips']:,}", noskips=f"{s.params['noskips']:,}",
                                      train=len(s.ytr), test=len(s.yte)) + "</div>")

    def render(self):
        s = self.session
        first = min(self.w_first.value, len(s.yte) - SHOWN)
        idx = slice(first, first + SHOWN)
        pred = s.predict(s.Xte[idx])
        labels = [str(first + i) for i in range(SHOWN)]
        masks = {n: tiles(pred[n], lo=0, hi=1, scale="blues", labels=[f"IoU {blocks.iou(p > 0.5, m > 0.5):.2f}"
                                                                      for p, m in zip(pred[n], s.yte[idx])])
                 for n in self.NETS}
        self.panels.show(images=tiles(s.Xte[idx], lo=0, hi=1, scale="gray", labels=labels),
                         truth=tiles(s.yte[idx], lo=0, hi=1, scale="blues", labels=labels), **masks,
                         iou=self.curves("iou", lo=0, hi=1), loss=self.curves("loss", lo=0))
        self.epoch_label.value = self.epoch_text()

    def epoch_text(self) -> str:
        h = self.session.history
        return (f"<span class='pg-epoch-value'>{t('app.epoch', epoch=self.session.epoch)}</span> · "
                + t("blocks.unet_iou", skips=f"{h['skips_test_iou'][-1]:.2f}", noskips=f"{h['noskips_test_iou'][-1]:.2f}"))
