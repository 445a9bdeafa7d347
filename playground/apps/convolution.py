"""The convolution explorer: a filter sliding over an image, the feature map, pooling, sizes,
weight sharing and translation, on a 16 × 16 image a learner can also draw with the mouse.

    from playground import apps
    apps.ConvolutionExplorer()                                   # a digit and the identity filter
    apps.ConvolutionExplorer(image="letter", filter="vedge", padding=1)

Every number comes from ``playground.convolution`` (NumPy; the tests compare it with
``torch.nn.functional``); the pictures are canvas panels (``views.panels``). A bad setting (a
weight ``abc``, a stride larger than the image) is a message, never a traceback.
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from playground import convolution as cv
from playground.apps.base import App
from playground.apps.common import LABEL_STYLE, Messages, button
from playground.i18n import Labels, t
from playground.views.panels import Brush, Panel, Panels, grid, symmetric

IMAGE_LABELS = Labels("convolution.image.", cv.IMAGES)
FILTER_LABELS = Labels("convolution.filter.", cv.FILTERS + ("custom",))
POOL_LABELS = Labels("convolution.pool.", cv.POOLS)
def wide() -> W.Layout:
    """A control's own layout, 330 px wide (a layout shared by several widgets hides them all at once)."""
    return W.Layout(width="330px")


PANEL_TITLES = {"input": "convolution.panel_input", "kernel": "convolution.panel_kernel",
                "fmap": "convolution.panel_fmap", "pooled": "convolution.panel_pooled"}


def _weights_like(w: np.ndarray, k: int) -> np.ndarray:
    """``w`` as a k × k filter: cut to its centre, or surrounded by zeros."""
    n = w.shape[0]
    if n == k:
        return w
    out = np.zeros((k, k))
    if n > k:
        o = (n - k) // 2
        return w[o:o + k, o:o + k].copy()
    o = (k - n) // 2
    out[o:o + n, o:o + n] = w
    return out


def _n(v: float, digits: int = 2) -> str:
    """A number as the explanation shows it: −0.5 with a real minus sign."""
    if abs(v) < 0.5 * 10 ** -digits:
        v = 0.0
    s = f"{v:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{v:.0f}"
    return s.replace("-", "−")


class ConvolutionExplorer(App):
    """A filter over an image: pick or draw the image, pick or type the filter, set stride,
    padding, ReLU and pooling, click an output pixel to see how it is made, move the image."""

    def __init__(self, *, image: str = "digit", digit: int = 0, filter: str = "identity", kernel_size: int = 3,
                 lang: str | None = None, **settings):
        self._use_language(lang)
        self.messages = Messages()
        self.drawing = np.zeros((cv.IMAGE_SIZE, cv.IMAGE_SIZE))
        self.seq = 0  # the page's last drawing shown
        self.settings, self.filter_name = cv.ConvSettings(), "identity"
        self._build_widgets()
        self._show_settings()
        self._compute()
        self.render()
        self.set(image=image, digit=digit, filter=filter, kernel_size=kernel_size, **settings)

    # -- widgets ----------------------------------------------------------------------------------
    def _build_widgets(self):
        s, lab = self.settings, LABEL_STYLE
        self.w_image = W.Dropdown(options=[(IMAGE_LABELS[n], n) for n in cv.IMAGES], description=t("convolution.image"),
                                  style=lab, layout=wide())
        self.w_digit = W.IntSlider(s.digit, min=0, max=cv.N_DIGITS - 1, description=t("convolution.digit"), style=lab,
                                   layout=wide())
        self.w_clear = button(t("convolution.clear"), t("convolution.clear_tip"), "80px")
        self.w_invert = button(t("convolution.invert"), t("convolution.invert_tip"), "80px")
        self.w_pen = W.ToggleButtons(options=[(t("convolution.pen_draw"), "draw"), (t("convolution.pen_erase"), "erase")],
                                     tooltips=[t("convolution.pen_draw_tip"), t("convolution.pen_erase_tip")],
                                     style={"button_width": "64px"}, layout=W.Layout(width="auto"))
        self.w_filter = W.Dropdown(options=[(FILTER_LABELS[n], n) for n in FILTER_LABELS], description=t("convolution.filter"),
                                   style=lab, layout=wide())
        self.w_size = W.ToggleButtons(options=[("3 × 3", 3), ("5 × 5", 5)], description=t("convolution.kernel_size"),
                                      style={**lab, "button_width": "70px"}, layout=wide())
        self.w_kernel = W.Textarea(description=t("convolution.weights"), continuous_update=False, rows=5, style=lab,
                                   layout=W.Layout(width="330px", height="110px"),
                                   placeholder=t("convolution.weights_placeholder"))
        self.w_bias = W.FloatSlider(s.bias, min=-2, max=2, step=0.1, description=t("convolution.bias"), style=lab,
                                    layout=wide())
        self.w_stride = W.IntSlider(s.stride, min=1, max=cv.MAX_STRIDE, description=t("convolution.stride"), style=lab,
                                    layout=wide())
        self.w_padding = W.IntSlider(s.padding, min=0, max=cv.MAX_PADDING, description=t("convolution.padding"),
                                     style=lab, layout=wide())
        self.w_relu = W.Checkbox(s.relu, description=t("convolution.relu"), indent=False, layout=wide())
        self.w_pool = W.ToggleButtons(options=[(POOL_LABELS[p], p) for p in cv.POOLS], description=t("convolution.pool"),
                                      style={**lab, "button_width": "68px"}, layout=wide())
        self.w_pool_size = W.IntSlider(s.pool_size, min=1, max=4, description=t("convolution.pool_size"), style=lab,
                                       layout=wide())
        self.w_pool_stride = W.IntSlider(s.pool_stride, min=1, max=4, description=t("convolution.pool_stride"), style=lab,
                                         layout=wide())
        self.w_dx = W.IntSlider(0, min=-cv.MAX_SHIFT, max=cv.MAX_SHIFT, description=t("convolution.dx"), style=lab,
                                layout=wide())
        self.w_dy = W.IntSlider(0, min=-cv.MAX_SHIFT, max=cv.MAX_SHIFT, description=t("convolution.dy"), style=lab,
                                layout=wide())
        self.w_row = W.BoundedIntText(0, min=0, max=cv.IMAGE_SIZE - 1, description=t("convolution.out_row"),
                                      style={"description_width": "110px"}, layout=W.Layout(width="170px"))
        self.w_col = W.BoundedIntText(0, min=0, max=cv.IMAGE_SIZE - 1, description=t("convolution.out_col"),
                                      style={"description_width": "50px"}, layout=W.Layout(width="110px"))
        for name in ("image", "digit", "clear", "invert", "pen", "filter", "size", "kernel", "bias", "stride", "padding",
                     "relu", "pool", "pool_size", "pool_stride", "dx", "dy", "row", "col"):
            getattr(self, f"w_{name}").add_class(f"pg-conv-{name.replace('_', '-')}")
        for w in (self.w_image, self.w_digit, self.w_bias, self.w_stride, self.w_padding, self.w_relu, self.w_pool,
                  self.w_pool_size, self.w_pool_stride, self.w_dx, self.w_dy, self.w_row, self.w_col):
            w.observe(self._on_setting, "value")
        self.w_filter.observe(lambda _: self._quiet or self._guard(self._on_filter), "value")
        self.w_size.observe(lambda _: self._quiet or self._guard(self._on_size), "value")
        self.w_kernel.observe(lambda _: self._quiet or self._guard(self._on_kernel_text), "value")
        self.w_clear.on_click(lambda _: self._guard(self.clear))
        self.w_invert.on_click(lambda _: self._guard(self.invert))

        self.panels = Panels({
            "input": Panel(t(PANEL_TITLES["input"]), 300, 300, draw=Brush(0)),
            "kernel": Panel(t(PANEL_TITLES["kernel"]), 150, 150),
            "fmap": Panel(t(PANEL_TITLES["fmap"]), 270, 270, click=True),
            "pooled": Panel(t(PANEL_TITLES["pooled"]), 160, 160, click=True),
        }, rows=[["input", "kernel", "fmap"], ["pooled"]])
        self._titles_lang = None
        W.link((self.w_pen, "value"), (self.panels, "pen"))
        self.panels.on_draw(lambda name, values, done, seq: self._guard(self._on_draw, values, seq))
        self.panels.on_cell(lambda name, r, c, tile: self._guard(self._on_cell, name, r, c))
        self.window_text = W.HTML(layout=W.Layout(width="auto"))
        self.sizes_text = W.HTML()
        self.params_text = W.HTML()
        self.moved_text = W.HTML()
        for w, cls in ((self.window_text, "window"), (self.sizes_text, "sizes"), (self.params_text, "params"),
                       (self.moved_text, "moved")):
            w.add_class(f"pg-conv-{cls}")

        def head(key):
            return W.HTML(f"<b>{t(key)}</b>")
        controls = W.VBox([
            head("convolution.head_input"), self.w_image, self.w_digit,
            W.HBox([self.w_pen, self.w_clear, self.w_invert], layout=W.Layout(align_items="center")),
            W.HTML(f"<span style='color:#555;font-size:12px'>✎ {t('convolution.draw_hint')}</span>"),
            head("convolution.head_filter"), self.w_filter, self.w_size, self.w_kernel, self.w_bias,
            self.w_stride, self.w_padding, self.w_relu,
            head("convolution.head_pool"), self.w_pool, self.w_pool_size, self.w_pool_stride,
            head("convolution.head_move"), self.w_dx, self.w_dy,
        ], layout=W.Layout(width="350px", min_width="350px"))
        picture = W.VBox([self.panels, W.HBox([self.w_row, self.w_col]), self.window_text, self.sizes_text,
                          self.params_text, self.moved_text], layout=W.Layout(flex="1 1 auto", min_width="600px"))
        self.widget = W.VBox([W.HTML(f"<h3 style='margin:4px 0'>{t('convolution.heading')}</h3>"), self.messages,
                              W.HBox([controls, picture])])
        self.widget.add_class("pg-convolution")

    # -- settings ---------------------------------------------------------------------------------
    def _show_settings(self):
        """Put ``self.settings`` into the widgets (no callbacks)."""
        s = self.settings
        with self.quiet():
            self.w_image.value = s.image
            self.w_digit.value = s.digit
            self.w_digit.layout.display = None if s.image == "digit" else "none"
            self.w_filter.value = self.filter_name
            self.w_size.value = s.k
            self.w_kernel.value = cv.filter_text(s.weights)
            self.w_bias.value = s.bias
            self.w_stride.value, self.w_padding.value, self.w_relu.value = s.stride, s.padding, s.relu
            self.w_pool.value, self.w_pool_size.value, self.w_pool_stride.value = s.pool, s.pool_size, s.pool_stride
            self.w_pool_size.disabled = self.w_pool_stride.disabled = s.pool == "none"
            self.w_dx.value, self.w_dy.value = s.dx, s.dy
            side = cv.output_size(cv.IMAGE_SIZE, s.k, s.stride, s.padding)
            self.w_row.max = self.w_col.max = side - 1
            self.w_row.value, self.w_col.value = s.row, s.col

    def set(self, **changes):
        """Change settings from code, as the widgets would: ``app.set(stride=2, padding=1)``;
        ``filter="blur"`` (and ``kernel_size=5``) picks a preset, ``kernel="1 0 -1; ..."`` types
        weights. A setting that cannot be used is a message (the others stay as they were)."""
        self._guard(self._set, changes)

    def _set(self, changes):
        filter_name, text = changes.pop("filter", None), changes.pop("kernel", None)
        k = changes.pop("kernel_size", self.settings.k)
        name = self.filter_name
        if text is not None:
            changes["kernel"] = np.asarray(cv.parse_filter(text) if isinstance(text, str) else text, float)
            name = self._preset_of(changes["kernel"])
        elif filter_name is not None and filter_name != "custom":
            changes["kernel"], name = cv.make_filter(filter_name, k), filter_name
        elif k != self.settings.k:
            changes["kernel"] = (cv.make_filter(name, k) if name != "custom" else _weights_like(self.settings.weights, k))
        if changes.get("image") == "drawing" and self.settings.image != "drawing":
            self.drawing = self._base().copy()
        new = self.settings.replace(**changes)
        self.filter_name = name
        self._apply(new)

    def _apply(self, new: cv.ConvSettings):
        self.settings = new
        self._show_settings()
        self._compute()
        self.messages.say("")
        self.render()

    def _try(self, make):
        """Apply the settings ``make()`` builds; a refusal is a message and the widgets go back."""
        try:
            new = make()
        except ValueError:
            self._show_settings()
            raise
        self._apply(new)

    def _on_setting(self, change):
        if self._quiet:
            return
        if change["owner"] is self.w_image and change["new"] == "drawing":
            self.drawing = self._base().copy()  # start drawing from what is shown
        self._guard(self._try, lambda: self.settings.replace(
            image=self.w_image.value, digit=self.w_digit.value, bias=round(self.w_bias.value, 2),
            stride=self.w_stride.value, padding=self.w_padding.value, relu=self.w_relu.value, pool=self.w_pool.value,
            pool_size=self.w_pool_size.value, pool_stride=self.w_pool_stride.value, dx=self.w_dx.value,
            dy=self.w_dy.value, row=self.w_row.value, col=self.w_col.value))

    def _preset_of(self, w: np.ndarray) -> str:
        for name in cv.FILTERS:
            if w.shape[0] in cv.KERNEL_SIZES and np.allclose(cv.make_filter(name, w.shape[0]), w):
                return name
        return "custom"

    def _on_filter(self):
        name = self.w_filter.value
        if name == "custom":  # the weights stay; the learner edits them
            self.filter_name = "custom"
            return
        self.filter_name = name
        self._try(lambda: self.settings.replace(kernel=cv.make_filter(name, self.w_size.value)))

    def _on_size(self):
        k = self.w_size.value
        w = (cv.make_filter(self.filter_name, k) if self.filter_name != "custom"
             else _weights_like(self.settings.weights, k))
        self._try(lambda: self.settings.replace(kernel=w))

    def _on_kernel_text(self):
        try:
            w = cv.parse_filter(self.w_kernel.value)
            new = self.settings.replace(kernel=w)
        except ValueError as exc:  # the text stays as typed, until it is fixed
            self.messages.say(exc, "error")
            return
        self.filter_name = self._preset_of(w)
        self._apply(new)
        with self.quiet():
            self.w_kernel.value = self.w_kernel.value  # as typed: "1/9" stays "1/9"

    # -- the image --------------------------------------------------------------------------------
    def _base(self) -> np.ndarray:
        s = self.settings
        return self.drawing if s.image == "drawing" else cv.make_image(s.image, digit_index=s.digit)

    def clear(self):
        """A blank page to draw on."""
        self.drawing = np.zeros((cv.IMAGE_SIZE, cv.IMAGE_SIZE))
        self._apply(self.settings.replace(image="drawing", dx=0, dy=0))

    def invert(self):
        """Ink becomes paper and paper ink (the inverted image can be drawn on)."""
        self.drawing = 1.0 - cv.shift(self._base(), self.settings.dx, self.settings.dy)
        self._apply(self.settings.replace(image="drawing", dx=0, dy=0))

    def draw(self, values, seq: int = 0):
        """The learner's drawing (16 × 16 in [0, 1], as shown: the move is kept in it)."""
        self._on_draw(values, seq)

    def _on_draw(self, values, seq):
        values = np.asarray(values, float)
        if values.shape != (cv.IMAGE_SIZE, cv.IMAGE_SIZE):
            return
        self.drawing = np.clip(values, 0, 1)
        self.seq = max(self.seq, seq)
        self._apply(self.settings.replace(image="drawing", dx=0, dy=0))

    def select(self, row: int, col: int):
        """Explain output pixel (row, col) of the feature map."""
        self._apply(self.settings.replace(row=row, col=col))

    def _on_cell(self, name, r, c):
        s = self.settings
        if name == "fmap":
            self.select(r, c)
        elif name == "pooled" and self.explored.pooled is not None:  # the top-left pixel of its window
            self.select(r * s.pool_stride, c * s.pool_stride)

    # -- computing and drawing --------------------------------------------------------------------
    def _compute(self):
        self.explored = cv.explore(self.settings, self._base())

    def render(self):
        e, s = self.explored, self.settings
        if self._titles_lang != t("convolution.panel_input"):  # built before the page's language was known
            self.panels.retitle({name: t(key) for name, key in PANEL_TITLES.items()})
            self._titles_lang = t("convolution.panel_input")
        win = e.window
        lo, hi = symmetric(e.activated)
        pooled = None
        if e.pooled is not None:
            plo, phi = symmetric(e.pooled)
            pooled = grid(e.pooled, lo=plo, hi=phi, scale="diverging", numbers=e.pooled_size <= 8, digits=1,
                          title=t("convolution.panel_pooled_kind", kind=POOL_LABELS[s.pool], size=e.pooled_size))
        klo, khi = symmetric(s.weights)
        self.panels.show(
            input=grid(e.padded, lo=0, hi=1, scale="gray", pad=s.padding, seq=self.seq,
                       box=(win["top"], win["left"], win["top"] + s.k, win["left"] + s.k), title=self._input_title()),
            kernel=grid(s.weights, lo=klo, hi=khi, scale="diverging", numbers=True, digits=2,
                        title=t("convolution.panel_kernel_size", k=s.k, bias=_n(s.bias))),
            fmap=grid(e.activated, lo=lo, hi=hi, scale="diverging", mark=(s.row, s.col),
                      title=t("convolution.panel_fmap_size", size=e.size, relu=t("convolution.after_relu") if s.relu else "")),
            pooled=pooled)
        self.window_text.value = self._window_html()
        self.sizes_text.value = self._sizes_html()
        self.params_text.value = self._params_html()
        self.moved_text.value = self._moved_html()

    def _input_title(self) -> str:
        s, e = self.settings, self.explored
        title = (t("convolution.panel_input_padded", n=cv.IMAGE_SIZE, p=s.padding, padded=e.padded.shape[0]) if s.padding
                 else t("convolution.panel_input_size", n=cv.IMAGE_SIZE))
        if s.image == "digit":
            title += " · " + t("convolution.digit_label", label=cv.digit(s.digit)[1])
        return title

    def _window_html(self) -> str:
        e, s = self.explored, self.settings
        win = e.window
        cell = "style='padding:1px 6px;text-align:right;border:1px solid #ddd;font-size:12px'"
        rows = "".join("<tr>" + "".join(
            f"<td {cell}>{_n(x)} × {_n(w)}<br><b>{_n(p)}</b></td>" for x, w, p in zip(xr, wr, pr)) + "</tr>"
            for xr, wr, pr in zip(win["patch"], s.weights, win["products"]))
        value = e.fmap[s.row, s.col]
        relu = (" " + t("convolution.relu_of", value=_n(e.activated[s.row, s.col]))) if s.relu else ""
        return (f"<div style='margin-top:6px;line-height:1.4'><b>{t('convolution.window_head', row=s.row, col=s.col)}</b> "
                f"{t('convolution.window_explain', k=s.k)}"
                f"<table style='border-collapse:collapse;margin:4px 0'>{rows}</table>"
                f"{t('convolution.window_sum', products=_n(win['products'].sum()), bias=_n(s.bias))}"
                f" <b class='pg-conv-value'>{_n(value)}</b>{relu}</div>")

    def _sizes_html(self) -> str:
        e, s = self.explored, self.settings
        n, k, p, st = cv.IMAGE_SIZE, s.k, s.padding, s.stride
        text = t("convolution.size_formula", n=n, k=k, p=p, s=st, out=e.size)
        if e.pooled is not None:
            text += "<br>" + t("convolution.pool_formula", n=e.size, k=s.pool_size, s=s.pool_stride, out=e.pooled_size)
        return f"<div style='margin-top:6px;line-height:1.5'>{text}</div>"

    def _params_html(self) -> str:
        c, outputs = self.explored.params, self.explored.size ** 2
        ratio = c["fc_params"] / c["conv_params"]
        conv = t("convolution.params", k=self.settings.k, conv=c["conv_params"], outputs=outputs,
                 mults=f"{c['conv_mults']:,}")
        fc = t("convolution.params_fc", n=cv.IMAGE_SIZE ** 2, outputs=outputs, fc=f"{c['fc_params']:,}",
               mults=f"{c['fc_mults']:,}", ratio=f"{ratio:,.0f}")
        return f"<div style='margin-top:6px;line-height:1.5'>{conv}<br>{fc}</div>"

    def _moved_html(self) -> str:
        s, m = self.settings, self.explored.moved
        if not (s.dx or s.dy):
            return f"<div style='margin-top:6px;color:#555'>{t('convolution.move_hint')}</div>"
        pct = lambda v: f"{100 * v:.0f} %"  # noqa: E731
        pooled = (t("convolution.moved_pooled", pooled=pct(m["pooled"])) if s.pool != "none" else "")
        follows = (t("convolution.moved_follows", diff=pct(m["moved_fmap"])) if s.stride == 1
                   else t("convolution.moved_stride"))
        return (f"<div style='margin-top:6px;line-height:1.5'>{t('convolution.moved', dx=s.dx, dy=s.dy, fmap=pct(m['fmap']))}"
                f"{pooled} {t('convolution.moved_global', global_max=pct(m['global_max']))}<br>{follows}</div>")
