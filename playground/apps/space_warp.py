"""Space warping: watch each hidden layer re-draw the plane until one line separates the classes.

    from playground import apps
    apps.SpaceWarp(dataset="circle", hidden=(3, 2), activation="relu")   # trained live
    apps.HandWarp(dataset="gate_xor")                                     # a 2 × 2 layer set by hand

One panel per space of the network, side by side: the input plane, then every hidden layer's
coordinates (h₁, h₂ or h₁, h₂, h₃ of that layer). Each shows the data, a mesh of the input plane
sent through the network (coloured by the class the network predicts) and the next layer's zero
lines, or in the last hidden layer the output's separating line. The stage slider (and its play
button) moves every layer from its input (0) through ``W·a`` (1) and ``+ b`` (2) to ``f(W·a + b)``
(3). Layers wider than 3 are seen through 2 or 3 of their neurons or through PCA.
"""

from __future__ import annotations

import html
import time

import ipywidgets as W
import numpy as np

from playground import probes, warping
from playground.apps.base import LiveApp
from playground.activations import ACTIVATIONS, short_label
from playground.config import Config
from playground.controls import (DATASET_LABELS, DATASET_SHORT, LEARNING_RATES, OPTIMIZER_LABELS, FieldControls, choice,
                                 hidden_text, parse_hidden, selection)
from playground.data import DATASETS, FEATURES, feature_matrix
from playground.i18n import Labels, t
from playground.views.warp_figure import WarpFigure

DATASET_CHOICES = tuple(dict.fromkeys(n for n in (*DATASET_SHORT, *DATASETS) if DATASETS[n].kind == "binary"))
FEATURE_SETS = {("x1", "x2"): "warp.features_plane", ("x1sq", "x2sq"): "warp.features_squares",
                ("x1", "x2", "x1x2"): "warp.features_3d"}  # features -> key of its label in playground.i18n
WARP_DEFAULTS = dict(dataset="circle", n_points=300, hidden=(3, 2), activation="relu", optimizer="adam", lr=0.03)
HAND_DEFAULTS = dict(dataset="gate_xor", n_points=200, noise=0.1, hidden=(2,), activation="relu")
GATE_JITTER = 0.1  # the logic gates' four corners, jittered a little so that every point shows
MAX_HIDDEN_SHOWN = 3  # panels: the input and up to 3 hidden layers
STAGE_MOVE_S, STAGE_HOLD_S = 1.0, 0.45  # the stage animation: 1 s per stage, a pause at each
VIEW_CHOICES = Labels("warp.view.", ("auto", "n2", "n3", "p2", "p3"))  # "automatic", "2 neurons (2-D)", ...


def check_supported(config: Config) -> Config:
    """What these apps can draw: two-class problems, no batch norm, no dropout."""
    if config.problem != "binary":
        raise ValueError(t("warp.two_class", dataset=config.dataset, problem=config.problem,
                           allowed=", ".join(DATASET_CHOICES)))
    if config.batch_norm or config.dropout:
        raise ValueError(t("warp.plain_layers"))
    return config


def start_config(config, changes, defaults) -> tuple[Config, str]:
    """The config to start from, or the defaults and a message (never an error)."""
    try:
        base = config if config is not None else Config().replace(**defaults)
        return check_supported(base.replace(**changes)), ""
    except ValueError as exc:
        return Config().replace(**defaults), t("warp.default_instead", error=exc)


def features_label(features: tuple) -> str:
    """'the plane (x₁, x₂)', ... or the features' own names when a link brought other ones."""
    return t(FEATURE_SETS[features]) if features in FEATURE_SETS else ", ".join(FEATURES[f][0] for f in features)


def stage_html(stage: float) -> str:
    """The stage names with the current one in bold."""
    parts = []
    for k in range(len(warping.STAGE_NAMES)):
        text = html.escape(f"{k}: {t(f'warp.stage{k}')}")
        near = np.floor(stage) <= k <= np.ceil(stage)  # the stage shown, or the two it moves between
        parts.append(f"<b style='color:#0877bd'>{text}</b>" if near else f"<span style='color:#777'>{text}</span>")
    return "<span class='pg-stage-label'>" + " → ".join(parts) + f" &nbsp;(t = {stage:.2f})</span>"


class _WarpApp(LiveApp):
    """What SpaceWarp and HandWarp share: the figure, the stage slider and its animation, views of
    wide layers, and a loop that runs while training or while the stages play."""

    def __init__(self, config: Config, lang: str | None = None):
        super().__init__(config, lang=lang)
        self.training = self.animating = False
        self.t = float(warping.STAGE_COUNT)
        self.view_specs: dict = {}
        self._previous_views: dict = {}
        self._frames: dict = {}  # space -> (cx, cy, half): the smoothed frame of each panel
        self._drawn_t = None
        self._structure = None
        self._anim = None  # (start time, start stage)
        self.clock = time.monotonic
        self.first_layer = 1
        self.figure = WarpFigure(slots=1 + MAX_HIDDEN_SHOWN)
        self._mesh_for = None
        self._build_shared_widgets()

    # -- widgets --------------------------------------------------------------------------------
    def _build_shared_widgets(self):
        self.play = W.Button(description=t("app.play"), button_style="success", tooltip=t("app.play_tip"),
                             layout=W.Layout(width="90px"))
        self.play.add_class("pg-play")
        self.play.on_click(lambda _: self._guard(self.pause if self.training else self.start))
        self.toolbar = W.HBox([self.play, self.step_button, self.reset_button, self.epoch_label],
                              layout=W.Layout(align_items="center"))
        self.stage = W.FloatSlider(value=self.t, min=0, max=warping.STAGE_COUNT, step=0.05, description=t("warp.stage"),
                                   readout_format=".2f", continuous_update=True, style={"description_width": "45px"},
                                   layout=W.Layout(width="330px"))
        self.stage.add_class("pg-stage")
        self.stage_button = W.Button(description=t("warp.play_stages"), tooltip=t("warp.play_stages_tip"),
                                     layout=W.Layout(width="150px"))
        self.stage_button.add_class("pg-stage-play")
        self.stage_label = W.HTML(stage_html(self.t))
        self.stage.observe(lambda ch: self._guard(self._on_stage, ch["new"]), "value")
        self.stage_button.on_click(lambda _: self._guard(self.play_stages))
        self.stage_bar = W.HBox([self.stage, self.stage_button, self.stage_label],
                                layout=W.Layout(align_items="center"))

        style = {"description_width": "60px"}
        self.view_layer = W.Dropdown(description=t("warp.see"), style={"description_width": "30px"},
                                     layout=W.Layout(width="170px"))
        self.view_kind = W.Dropdown(options=[(v, k) for k, v in VIEW_CHOICES.items()], value="auto",
                                    description=t("warp.through"), style=style, layout=W.Layout(width="220px"))
        self.view_neurons = W.Text("", description=t("warp.neurons"), placeholder=t("warp.neurons_placeholder"),
                                   style=style, continuous_update=False, layout=W.Layout(width="170px"))
        self.turn = W.IntSlider(30, min=-180, max=180, step=5, description=t("warp.turn"),
                                style={"description_width": "35px"}, layout=W.Layout(width="220px"))
        self.tilt = W.IntSlider(25, min=-10, max=90, step=5, description=t("warp.tilt"),
                                style={"description_width": "35px"}, layout=W.Layout(width="220px"))
        self.edge_on = W.Checkbox(False, description=t("warp.edge_on"), indent=False,
                                  layout=W.Layout(width="220px"))
        self.layers_shown = W.Dropdown(description=t("warp.layers"), style={"description_width": "45px"},
                                       layout=W.Layout(width="170px"))
        for w, name in ((self.view_layer, "see"), (self.view_kind, "through"), (self.view_neurons, "neurons")):
            w.add_class(f"pg-view-{name}")
        self.view_layer.observe(lambda _: self._guard(self._show_view_widgets), "value")
        for w in (self.view_kind, self.view_neurons):
            w.observe(lambda _: self._guard(self._on_view_widgets), "value")
        for w in (self.turn, self.tilt, self.edge_on):
            w.observe(lambda _: self._guard(self._redraw_if_idle), "value")
        self.layers_shown.observe(lambda ch: self._guard(self._on_layers_shown, ch["new"]), "value")
        self.view_bar = W.HBox([self.layers_shown, self.view_layer, self.view_kind, self.view_neurons],
                               layout=W.Layout(align_items="center", flex_flow="row wrap"))
        self.camera_bar = W.HBox([self.turn, self.tilt, self.edge_on], layout=W.Layout(align_items="center"))

    # -- loop: training and the stage animation share it ---------------------------------------------
    def start(self):
        """Train continuously (Play)."""
        if self.session.status == "diverged":
            self.messages.say(self.session.message, "error")
            return
        self.training = True
        self._show_buttons()
        self.loop.start()

    def pause(self):
        """Stop training (the stage animation, if playing, goes on)."""
        self.training = False
        if not self.animating:
            self.loop.pause()
        self._show_buttons()

    def play_stages(self):
        """Play the stages from the input (0) to the layer's output (3); a second call stops."""
        if self.animating:
            self.animating = False
            if not self.training:
                self.loop.pause()
            self._show_buttons()
            return
        if self.t >= warping.STAGE_COUNT:
            self._set_stage(0.0)
        self._anim = (self.clock(), self.t)
        self.animating = True
        self._show_buttons()
        self.loop.start()

    def _advance_stage(self):
        started, t0 = self._anim
        unit = STAGE_MOVE_S + STAGE_HOLD_S
        k, r = divmod(self.clock() - started, unit)
        stage = min(float(warping.STAGE_COUNT), t0 + k + min(max(r - STAGE_HOLD_S, 0.0) / STAGE_MOVE_S, 1.0))
        self._set_stage(stage)
        if stage >= warping.STAGE_COUNT:
            self.animating = False
            self._show_buttons()

    def trains_while_idle(self) -> bool:
        """Train on while the page paints (only while training, not while the stages play)."""
        return self.training and self.session.status == "ok"

    def _frame(self):
        if self.training:
            self.train_frame()
        if self.animating:
            self._advance_stage()
        self.render()
        if self.session.status == "diverged" and self.training:
            self.training = False
            self.messages.say(self.session.message, "error")
            self._show_buttons()
        return None if (self.training or self.animating) else False

    def _on_state(self, running, reason):
        if not running and reason not in ("done", "paused"):
            self.training = self.animating = False
            if reason == "tab closed":
                self.messages.say(t("app.tab_closed"), "warn")
            elif reason.startswith("error"):
                self.messages.say(t("app.paused_error", error=reason[7:]), "error")
        self._show_buttons()

    def _show_buttons(self):
        self.play.description = t("app.pause") if self.training else t("app.play")
        self.play.button_style = "warning" if self.training else "success"
        self.stage_button.description = t("warp.stop") if self.animating else t("warp.play_stages")

    def _redraw_if_idle(self):
        if not self.loop.running:
            self.render()

    # -- stage ----------------------------------------------------------------------------------------
    def _set_stage(self, stage):
        self.t = float(stage)
        with self.quiet():
            # on the slider's own steps: a value between them is rounded by the page's slider and
            # sent back as the learner's (seen: 2.90 arriving after the animation had reached 3.00)
            self.stage.value = round(round(self.t / self.stage.step) * self.stage.step, 2)
        self.stage_label.value = stage_html(self.t)

    def _on_stage(self, value):
        if self._quiet:
            return
        self.t = float(value)
        self.stage_label.value = stage_html(self.t)
        self._redraw_if_idle()

    def set_stage(self, t: float):
        """Show every layer at stage ``t`` (0: its input … 3: its output)."""
        self._guard(self._set_stage_checked, t)

    def _set_stage_checked(self, stage):
        if isinstance(stage, bool) or not isinstance(stage, (int, float)) or not 0 <= stage <= warping.STAGE_COUNT:
            raise ValueError(t("warp.bad_stage", stage=stage, last=warping.STAGE_COUNT))
        self._set_stage(stage)
        self._redraw_if_idle()

    # -- views of wide layers ---------------------------------------------------------------------------
    def view(self, layer: int, how: str = "auto", neurons=None, dims: int | None = None):
        """See ``layer`` (0: the input, k: hidden layer k) ``how``: "auto", "neurons" (``neurons``:
        1-based, 2 or 3 of them) or "pca" (``dims`` 2 or 3). Bad choices give a message."""
        self._guard(self._set_view, layer, how, neurons, dims)

    def _set_view(self, layer, how, neurons=None, dims=None):
        weights = probes.weights(self.session)
        warping.next_layer(weights, layer)  # "layer 5 does not exist; ..."
        if how == "auto":
            spec = None
        elif how == "neurons":
            if neurons is None:
                raise ValueError(t("warp.which_neurons"))
            spec = ("neurons", tuple(int(n) - 1 for n in neurons))
        elif how == "pca":
            spec = ("pca", dims or 2)
        else:
            raise ValueError(t("config.choose", name="how", value=how, allowed="auto, neurons, pca"))
        values = self._space_values(layer)
        warping.resolve_view(layer, values.shape[1], spec, values, features=self.session.config.features)
        if spec is None:
            self.view_specs.pop(layer, None)
        else:
            self.view_specs[layer] = spec
        self._previous_views.pop(layer, None)
        where = t("warp.the_input") if layer == 0 else t("warping.layer", k=layer)
        self.messages.say(f"{where}: " + (t("warp.automatic_view") if spec is None else
                                          t("warp.view_neurons", neurons=", ".join(str(n + 1) for n in spec[1]))
                                          if spec[0] == "neurons" else t("warp.view_pca", dims=spec[1])))
        if layer not in self._shown_spaces() and layer > 0:
            self.first_layer = max(1, min(layer, len(self.session.config.hidden) - MAX_HIDDEN_SHOWN + 1))
        self._sync_view_widgets(layer)
        self._redraw_if_idle()

    def _space_values(self, space):
        s = self.session
        spaces = warping.forward(probes.weights(s), s.config.activation, s.Xtr.numpy(), residual=s.config.residual)
        return spaces[space]

    def _widths(self):
        c = self.session.config
        return (len(c.features), *c.hidden)

    def _sync_view_widgets(self, select=None):
        """Layer choices: every space wider than 2 (and the layer window for deep networks)."""
        widths = self._widths()
        wide = [s for s, w in enumerate(widths) if w > 2]
        with self.quiet():
            self.view_layer.options = [(t("warping.input") if s == 0 else t("warping.layer", k=s), s) for s in wide]
            if select in wide:
                self.view_layer.value = select
            elif wide and self.view_layer.value is None:
                self.view_layer.value = wide[-1]
            hidden = len(widths) - 1
            windows = [(f"{k}–{min(k + MAX_HIDDEN_SHOWN - 1, hidden)}", k)
                       for k in range(1, max(hidden - MAX_HIDDEN_SHOWN + 1, 0) + 1)]
            self.layers_shown.options = windows or [(t("warp.all"), 1)]
            self.first_layer = min(self.first_layer, max(1, hidden - MAX_HIDDEN_SHOWN + 1))
            self.layers_shown.value = self.first_layer
            self.layers_shown.layout.display = "flex" if hidden > MAX_HIDDEN_SHOWN else "none"
            self._show_view_widgets()
        self.view_bar.layout.display = "flex" if wide or hidden > MAX_HIDDEN_SHOWN else "none"

    def _show_view_widgets(self):
        layer = self.view_layer.value
        with self.quiet():
            for w in (self.view_kind, self.view_neurons):
                w.disabled = layer is None
            if layer is None:
                return
            spec = self.view_specs.get(layer)
            if spec is None:
                self.view_kind.value = "auto"
                self.view_neurons.value = ""
            elif spec[0] == "neurons":
                self.view_kind.value = "n3" if len(spec[1]) == 3 else "n2"
                self.view_neurons.value = ", ".join(str(n + 1) for n in spec[1])
            else:
                self.view_kind.value = f"p{spec[1]}"
                self.view_neurons.value = ""
            self.view_neurons.disabled = not self.view_kind.value.startswith("n")

    def _on_view_widgets(self):
        if self._quiet or self.view_layer.value is None:
            return
        layer, kind = self.view_layer.value, self.view_kind.value
        self.view_neurons.disabled = not kind.startswith("n")
        if kind == "auto":
            self._set_view(layer, "auto")
        elif kind.startswith("p"):
            self._set_view(layer, "pca", dims=int(kind[1]))
        else:
            want = int(kind[1])
            try:
                neurons = parse_hidden(self.view_neurons.value)
            except ValueError:
                raise ValueError(t("warp.bad_neurons", text=self.view_neurons.value)) from None
            if len(neurons) != want:
                neurons = tuple(range(1, want + 1))
            self._set_view(layer, "neurons", neurons=neurons)

    def _on_layers_shown(self, value):
        if self._quiet or value is None:
            return
        self.first_layer = value
        self._redraw_if_idle()

    def _shown_spaces(self):
        hidden = len(self.session.config.hidden)
        first = max(1, min(self.first_layer, hidden - MAX_HIDDEN_SHOWN + 1))
        return [0] + list(range(first, min(hidden, first + MAX_HIDDEN_SHOWN - 1) + 1))

    # -- drawing --------------------------------------------------------------------------------------
    @property
    def mesh(self):
        bounds = DATASETS[self.session.config.dataset].bounds
        if self._mesh_for != bounds:
            self._mesh = warping.mesh_lines(bounds, 11, 25)
            self._mesh_for = bounds
        return self._mesh

    def panels(self):
        """The current pictures (``warping.Panel``), as ``render`` draws them."""
        s, c = self.session, self.session.config
        ps = warping.panels(probes.weights(s), c.activation, s.X, s.y, self.mesh, self.t, features=c.features,
                            residual=c.residual, views=self.view_specs, previous=self._previous_views,
                            camera=warping.turntable(self.turn.value, self.tilt.value),
                            edge_on_output=self.edge_on.value, shown=self._shown_spaces())
        self._previous_views = {p.space: p.view for p in ps}
        return ps

    def render(self):
        """Draw the current state (one frame)."""
        ps = self.panels()
        structure = tuple((p.space, p.three_d) for p in ps)
        snap = structure != self._structure or self._drawn_t != self.t or not self.training
        if structure != self._structure:
            self.figure.set_slots(len(ps), [p.three_d for p in ps])
            self.camera_bar.layout.display = "flex" if any(p.three_d for p in ps) else "none"
            self.stage_bar.layout.display = "flex" if len(ps) > 1 else "none"  # the input never moves
            self._structure = structure
        for p in ps:
            p.xrange, p.yrange = self._smooth(p, snap)
        self.figure.update(ps, [self.title(p) for p in ps], [self.axis_titles(p) for p in ps])
        self._drawn_t = self.t
        self.epoch_label.value = self.epoch_text()

    def _smooth(self, p, snap):
        """The panel's frame: it follows the data, growing at once and shrinking slowly while training."""
        (x0, x1), (y0, y1) = p.xrange, p.yrange
        cx, cy, half = (x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, y1 - y0) / 2
        old = self._frames.get(p.space)
        if old is not None and not snap:
            ocx, ocy, ohalf = old
            ncx, ncy = ocx + 0.25 * (cx - ocx), ocy + 0.25 * (cy - ocy)
            nhalf = max(0.9 * ohalf + 0.1 * half, abs(cx - ncx) + half, abs(cy - ncy) + half)
            cx, cy, half = ncx, ncy, nhalf
        self._frames[p.space] = (cx, cy, half)
        return (cx - half, cx + half), (cy - half, cy + half)

    def title(self, p) -> str:
        """The panel's title: what the space is, then one or two short notes."""
        c = self.session.config
        if p.space == 0:
            names = ", ".join(FEATURES[f][0] for f in c.features)
            head = t("warp.input_plane") if c.features == ("x1", "x2") else t("warp.input_features", names=names)
        else:
            act = short_label(c.activation)
            what = t("warp.linear_layer") if ACTIVATIONS[c.activation].identity else f"{act}(W·a + b)"
            head = t("warp.layer_head_one" if p.width == 1 else "warp.layer_head_many", k=p.space, n=p.width, what=what)
        notes = []
        if not p.view.exact:
            notes.append(t("warp.seen_through", note=p.view.note))
        if p.space > 0 and self.t < warping.STAGE_COUNT:
            notes.append(t("warp.stage_note", t=self.t, words=self._stage_words(p.space)))
        elif p.is_last and p.line_accuracy is not None:
            notes.append(t(self._line_key(), acc=p.line_accuracy))
        elif p.view.exact and not p.is_last:
            notes.append(t("warp.dashed_planes" if p.three_d else "warp.dashed_lines", k=p.space + 1))
        small = "".join(f"<br><span style='font-size:11px;color:#555'>{html.escape(n, quote=False)}</span>"
                        for n in notes)
        return f"<b>{html.escape(head, quote=False)}</b>{small}"

    def _line_key(self) -> str:
        """The output line's note in the last panel (``playground.i18n`` key)."""
        return "warp.black_line"

    def _stage_words(self, space):
        k = min(int(self.t), 2)
        names = (t("warp.its_input"), "W·a", "W·a + b", "f(W·a + b)")
        return f"{names[k]} → {names[k + 1]}" if self.t % 1 else names[int(self.t)]

    def axis_titles(self, p):
        if p.three_d:
            return "", ""
        return p.view.labels[0], p.view.labels[1]

    def _ipython_display_(self):
        self.render()
        super()._ipython_display_()

    def on_width(self, width):
        """The panels fit the app's width in the page (square panels: the figure has a width of its own)."""
        self.figure.set_room(width)
        self._redraw_if_idle()


class SpaceWarp(_WarpApp):
    """A network trained live, every hidden layer's space side by side."""

    def __init__(self, config: Config | None = None, *, query: str | None = None, lang: str | None = None,
                 **changes):
        """``config`` and ``changes`` set the start (default: circle, hidden layers 3 and 2, ReLU,
        Adam); a page link (Voilà's ``?dataset=...``) or ``query`` overrides them. Settings that
        cannot be shown give a message and the defaults, never an error."""
        self._use_language(lang)
        config, note = start_config(config, changes, WARP_DEFAULTS)
        super().__init__(config)
        self._kept = None  # the weights kept while only the activation changes
        self._build_widgets()
        self._sync_view_widgets()
        self.render()
        if note:
            self.messages.say(note, "error")
            return
        link_note, kind = self.follow_link(query)
        if link_note:
            self.messages.say(link_note, kind)

    revert_bad_controls = False  # a bad text (hidden "2, 0") stays, with its message, until fixed

    def _build_widgets(self):
        style = {"description_width": "75px"}
        self.listen(FieldControls(self.session.config, {
            "dataset": choice("dataset", DATASET_CHOICES, DATASET_LABELS, description=t("gradient_flow.dataset"), style=style,
                              layout=W.Layout(width="250px")),
            "features": choice("features", FEATURE_SETS, features_label, description=t("warp.inputs"), style=style,
                               layout=W.Layout(width="250px")),
            "hidden": hidden_text(description=t("warp.hidden"), placeholder=t("warp.hidden_placeholder"), style=style,
                                  layout=W.Layout(width="250px")),
            "activation": choice("activation", warping.WARP_ACTIVATIONS, short_label, widget=W.ToggleButtons,
                                 style={"button_width": "92px"}),
            "lr": selection("lr", LEARNING_RATES, description=t("controls.lr"), style={"description_width": "90px"},
                            layout=W.Layout(width="300px")),
            "optimizer": choice("optimizer", OPTIMIZER_LABELS, OPTIMIZER_LABELS, description=t("controls.optimizer"),
                                style=style, layout=W.Layout(width="250px")),
        }, css="pg-warp-"))
        w = self.controls.w
        settings = W.VBox([W.HBox([w["dataset"], w["features"], w["hidden"]]),
                           W.HBox([W.HTML(f"<span style='padding-right:8px'>{t('controls.activation')}</span>",
                                          layout=W.Layout(width="80px")), w["activation"]],
                                  layout=W.Layout(align_items="center")),
                           W.HBox([w["lr"], w["optimizer"]])])
        self.widget = W.VBox([
            W.HTML(f"<h3 style='margin:4px 0'>{t('warp.heading')}</h3>"),
            settings, self.toolbar, self.stage_bar, self.view_bar, self.camera_bar, self.messages, self.figure.fig,
            W.HBox([W.HTML(f"<b>{t('link.share')}</b>&nbsp;"), self.share_link()], layout=W.Layout(align_items="center")),
            self.pacer])
        self.link.layout.width = "760px"
        self.widget.add_class("pg-space-warp")

    # -- settings ---------------------------------------------------------------------------------------
    def set(self, **changes):
        """Change settings from code, as the controls would: ``app.set(activation="tanh")``.
        Bad settings give a message."""
        return self._guard(lambda: super(SpaceWarp, self).set(**changes))

    def adjust(self, new: Config) -> Config:
        return check_supported(new)

    def apply(self, new: Config) -> str:
        """As every app; a change of the activation alone keeps the weights (the same network, another f)."""
        s = self.session
        self._kept = probes.weights(s) if s.config.diff(new) == {"activation"} else None
        return super().apply(new)

    def on_rebuilt(self, kind):
        if self._kept is not None:
            self.session.load_weights(self._kept)
            self.messages.say(t("warp.same_weights", activation=short_label(self.session.config.activation)))
            return
        self.messages.say(t(f"rebuild.{kind}"))
        widths = self._widths()
        self.view_specs = {k: v for k, v in self.view_specs.items() if k < len(widths) and widths[k] > 2
                           and self._spec_fits(k, v)}
        self._previous_views, self._frames = {}, {}
        self._sync_view_widgets()

    def _spec_fits(self, space, spec):
        try:
            values = self._space_values(space)
            warping.resolve_view(space, values.shape[1], spec, values)
            return True
        except ValueError:
            return False


class HandWarp(_WarpApp):
    """A 2 × 2 hidden layer set by hand (sliders for W and b): warp the plane yourself until one
    line separates the classes. The line is the best one for the warped points (logistic
    regression), so the only question is whether such a line exists."""

    RANGE = 3.0

    def __init__(self, config: Config | None = None, *, W=None, b=None, preset: str | None = None,
                 lang: str | None = None, **changes):
        """``dataset``, ``activation`` and ``features`` (two of them) may be changed; the hidden
        layer is always 2 × 2. ``preset`` (a name in ``warping.HAND_PRESETS``) or ``W`` and ``b`` set
        the start (default: the identity)."""
        self._use_language(lang)
        if "noise" not in changes and config is None:
            changes["noise"] = self._noise(changes.get("dataset", HAND_DEFAULTS["dataset"]))
        config, note = start_config(config, changes, HAND_DEFAULTS)
        try:
            config = self._check(config)
        except ValueError as exc:
            config, note = Config().replace(**HAND_DEFAULTS), t("warp.hand_default_instead", error=exc)
        super().__init__(config)
        self.t = float(warping.STAGE_COUNT)
        self._build_widgets()
        self._sync_view_widgets()
        W0, b0 = warping.hand_preset("identity")
        if preset is not None or W is not None or b is not None:
            try:
                if preset is not None:
                    W0, b0 = warping.hand_preset(preset)
                if W is not None:
                    W0 = np.asarray(W, float).reshape(2, 2)
                if b is not None:
                    b0 = np.asarray(b, float).reshape(2)
            except ValueError as exc:
                note = t("warp.from_identity", error=exc)
        self._set_sliders(W0, b0)
        self._update_network()
        self.render()
        if note:
            self.messages.say(note, "error")

    @staticmethod
    def _noise(dataset):
        return GATE_JITTER if str(dataset).startswith("gate_") else 0.0

    @staticmethod
    def _check(config):
        check_supported(config)
        if config.activation not in warping.WARP_ACTIVATIONS:
            raise ValueError(t("warp.not_offered", activation=config.activation,
                               allowed=", ".join(warping.WARP_ACTIVATIONS)))
        if len(config.features) != 2:
            raise ValueError(t("warp.two_features", n=len(config.features)))
        return config.replace(hidden=(2,))

    def _build_widgets(self):
        r = self.RANGE
        slider = lambda name: W.FloatSlider(0.0, min=-r, max=r, step=0.1, description=name,  # noqa: E731
                                            readout_format=".1f", continuous_update=True,
                                            style={"description_width": "35px"}, layout=W.Layout(width="230px"))
        self.w_sliders = [[slider("w₁₁"), slider("w₁₂")], [slider("w₂₁"), slider("w₂₂")]]
        self.b_sliders = [slider("b₁"), slider("b₂")]
        for i, row in enumerate(self.w_sliders):
            for j, s in enumerate(row):
                s.add_class(f"pg-hand-w{i + 1}{j + 1}")
        for i, s in enumerate(self.b_sliders):
            s.add_class(f"pg-hand-b{i + 1}")
        for s in (*self.w_sliders[0], *self.w_sliders[1], *self.b_sliders):
            s.observe(lambda _: self._guard(self._on_slider), "value")
        two = {k: v for k, v in FEATURE_SETS.items() if len(k) == 2}
        self.listen(FieldControls(self.session.config, {
            "activation": choice("activation", warping.WARP_ACTIVATIONS, short_label, widget=W.ToggleButtons,
                                 style={"button_width": "92px"}, css="pg-warp-activation"),
            "dataset": choice("dataset", DATASET_CHOICES, DATASET_LABELS, description=t("gradient_flow.dataset"),
                              style={"description_width": "75px"}, layout=W.Layout(width="250px")),
            "features": choice("features", two, features_label, description=t("warp.inputs"),
                               style={"description_width": "75px"}, layout=W.Layout(width="250px")),
        }))
        w = self.controls.w
        self.preset_buttons = []
        for name in warping.HAND_PRESETS:
            btn = W.Button(description=t(f"hand.preset.{name}"), tooltip=t(f"hand.preset_tip.{name}"),
                           layout=W.Layout(width="auto"))
            btn.add_class("pg-hand-preset")
            btn.on_click(lambda _b, name=name: self._guard(self.load_preset, name))
            self.preset_buttons.append(btn)
        self.score = W.HTML()
        self.score.add_class("pg-hand-score")
        matrix = W.VBox([W.HTML(t("hand.with")),
                         W.HBox([W.VBox([W.HBox(row) for row in self.w_sliders]), W.VBox(self.b_sliders)])])
        self.widget = W.VBox([
            W.HTML(f"<h3 style='margin:4px 0'>{t('hand.heading')}</h3>"),
            W.HBox([w["dataset"], w["features"]]),
            W.HBox([W.HTML(t("controls.activation"), layout=W.Layout(width="80px")), w["activation"]],
                   layout=W.Layout(align_items="center")), matrix,
            W.HBox([W.HTML(f"<b>{t('hand.try')}</b>&nbsp;"), *self.preset_buttons],
                   layout=W.Layout(align_items="center")),
            self.stage_bar, self.score, self.messages, self.figure.fig, self.pacer])
        self.widget.add_class("pg-hand-warp")

    # -- the hand-set layer -------------------------------------------------------------------------------
    @property
    def W(self):
        return np.array([[s.value for s in row] for row in self.w_sliders])

    @property
    def b(self):
        return np.array([s.value for s in self.b_sliders])

    def set_weights(self, W=None, b=None):
        """Set the hidden layer by hand: ``W`` (2 × 2) and ``b`` (2), within ±3."""
        self._guard(self._set_weights, W, b)

    def _set_weights(self, W, b):
        W0 = self.W if W is None else np.asarray(W, float)
        b0 = self.b if b is None else np.asarray(b, float)
        if W0.shape != (2, 2) or b0.shape != (2,):
            raise ValueError(t("hand.bad_shapes", w=W0.shape, b=b0.shape))
        if not (np.isfinite(W0).all() and np.isfinite(b0).all()) or np.abs(np.r_[W0.ravel(), b0]).max() > self.RANGE:
            raise ValueError(t("hand.bad_range", lo=-self.RANGE, hi=self.RANGE))
        self._set_sliders(W0, b0)
        self._update_network()
        self._redraw_if_idle()

    def load_preset(self, name: str):
        """One of ``warping.HAND_PRESETS``."""
        W0, b0 = warping.hand_preset(name)
        self._set_weights(W0, b0)
        self.messages.say(t(f"hand.preset_tip.{name}"))

    def _set_sliders(self, W0, b0):
        with self.quiet():
            for i in range(2):
                for j in range(2):
                    self.w_sliders[i][j].value = round(float(W0[i][j]), 1)
                self.b_sliders[i].value = round(float(b0[i]), 1)

    def _on_slider(self):
        if self._quiet:
            return
        self._update_network()
        self._redraw_if_idle()

    def adjust(self, new: Config) -> Config:
        """The hidden layer stays 2 × 2; a logic gate's corners are jittered a little."""
        c = self.session.config
        return self._check(new.replace(noise=self._noise(new.dataset)) if new.dataset != c.dataset else new)

    def on_rebuilt(self, kind):
        self._frames = {}
        self._update_network()

    def _update_network(self):
        """The hidden layer from the sliders; the output layer is the best line for the warped points."""
        s = self.session
        W0, b0 = self.W, self.b
        F = feature_matrix(s.X, s.config.features)
        H = warping.forward(warping.hand_weights(W0, b0, [0, 0], 0), s.config.activation, F)[1]
        w, c, accuracy = warping.best_line(H, s.y)
        s.load_weights(warping.hand_weights(W0, b0, w, c))
        self.accuracy = accuracy
        verdict = (f"<b style='color:#1a7f37'>{t('hand.separates')}</b>" if accuracy == 1.0 else
                   t("hand.not_yet"))
        self.score.value = (f"<span class='pg-hand-score-value'>{t('hand.score', acc=accuracy, verdict=verdict)}"
                            "</span>")

    def epoch_text(self) -> str:
        return ""

    def start(self):
        self.messages.say(t("hand.nothing_to_train"), "info")

    def _line_key(self) -> str:
        """At the layer's output the line is the best one for the warped points (not trained)."""
        return "warp.best_line" if self.t >= warping.STAGE_COUNT else "warp.black_line"
