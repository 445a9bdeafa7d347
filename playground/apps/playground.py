"""The Playground app: a decision-boundary explorer, live in JupyterLab and Voilà.

    from playground import apps
    apps.Playground(dataset="spiral")
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from playground import export, probes
from playground.activations import ACTIVATIONS
from playground.apps.base import LiveApp
from playground.apps.common import download_link
from playground.config import PROBLEMS_FOR, Config
from playground.controls import ConfigControls
from playground.data import FEATURES
from playground.errors import SettingError
from playground.i18n import t
from playground.own_data import OWN, PointsSource, read_csv
from playground.session import Session
from playground.views.playground_canvas import PlaygroundCanvas
from playground.views.thumbnails import points_thumbnail

SURFACE_RES = 64
SPEEDS = ("step", "epoch", "fast")  # labels: playground.speed.<name>


class Playground(LiveApp):
    """Data, network and training controls around one live picture."""

    def __init__(self, config: Config | None = None, *, query: str | None = None, **changes):
        """``config`` and ``changes`` set the start; a page link (Voilà's ``?dataset=...``) or
        ``query`` overrides them. Everything heavy is built before waiting for the page's
        request, so that a preheated Voilà kernel has it ready."""
        super().__init__(config, **changes)
        # The canvas draws a frame in a few ms: a third frame in flight hides the round trip.
        self.loop.max_in_flight = 3
        config = self.session.config
        self.controls = ConfigControls(config)
        self.canvas = PlaygroundCanvas()
        self.selected = None  # (layer, neuron) shown large instead of the output
        self._build_widgets()
        self.listen(self.controls)
        self.canvas.on_select(lambda layer, neuron: self._guard(self._select, layer, neuron))
        self.canvas.on_plane_click(self._on_plane_click)
        self._redraw_all()
        self.messages.say(*self.follow_link(query))

    def make_session(self, config, changes):
        """A session whose points are generated, or one's own from a CSV file (``load_points``)."""
        self.points = PointsSource()
        return Session((config or Config()).replace(**changes), data=self.points)

    # -- widgets ----------------------------------------------------------------------------
    def _build_widgets(self):
        self.regenerate = W.Button(description=t("playground.regenerate"), tooltip=t("playground.regenerate_tip"),
                                   layout=W.Layout(width="110px"))
        self.speed = W.Dropdown(options=[(t(f"playground.speed.{k}"), k) for k in SPEEDS], value="fast",
                                description=t("playground.speed"),
                                style={"description_width": "50px"}, layout=W.Layout(width="250px"))
        self.show_test = W.Checkbox(True, description=t("playground.show_test"), indent=False)
        self.discretize = W.Checkbox(False, description=t("playground.discretize"), indent=False)
        self.draw = W.ToggleButtons(options=[(t("playground.draw_off"), None), (t("playground.draw_orange"), 0),
                                             (t("playground.draw_blue"), 1)], value=None,
                                    description=t("playground.draw"), style={"description_width": "80px", "button_width": "60px"},
                                    tooltips=[t("playground.draw_off_tip"), t("playground.draw_class0_tip"),
                                              t("playground.draw_class1_tip")])
        self.code_button = W.ToggleButton(False, description=t("playground.code"), tooltip=t("playground.code_tip"),
                                          layout=W.Layout(width="170px"))
        self.code = W.HTML()
        self.download_button = W.Button(description=t("playground.downloads"), layout=W.Layout(width="170px"),
                                        tooltip=t("playground.downloads_tip"))
        self.downloads = W.HTML()
        self.upload = W.FileUpload(accept=".csv,.tsv,.txt,text/csv,text/plain", multiple=False,
                                   description=t("playground.own_load"),
                                   layout=W.Layout(width="200px"))
        self.upload.observe(lambda _: self._guard(self._on_upload), "value")
        own = W.VBox([self.upload, W.HTML(f"<small>{t('playground.own_help')}</small>",
                                          layout=W.Layout(width="320px"))])
        self.regenerate.on_click(lambda _: self._guard(self._new_seed))
        self.show_test.observe(lambda _: self._guard(self._redraw_points), "value")
        self.discretize.observe(lambda _: self._guard(self.render), "value")
        self.code_button.observe(lambda _: self._guard(self._show_code), "value")
        self.download_button.on_click(lambda _: self._guard(self._prepare_downloads))
        c = self.controls
        tabs = W.Tab([c.data_panel(self.regenerate, self.show_test, self.draw, own),
                      c.network_panel(), c.training_panel(self.speed, self.discretize)])
        for i, name in enumerate(("data", "network", "training")):
            tabs.set_title(i, t(f"playground.tab_{name}"))
        take_home = W.VBox([W.HTML(f"<b>{t('playground.take_home')}</b>"), self.share_link(), W.HBox([self.code_button, self.download_button]),
                            self.downloads, self.code])
        self.widget = W.VBox([self.toolbar, self.messages,
                              W.HBox([W.VBox([tabs], layout=W.Layout(width="360px", min_width="360px")),
                                      W.VBox([self.canvas], layout=W.Layout(flex="1 1 auto", min_width="700px"))]),
                              take_home, self.pacer])
        self.widget.add_class("pg-playground")

    def localize(self):
        """As every app, and the canvas's own texts (titles, neuron names) in the new language."""
        built = getattr(self, "_built_lang", None)
        super().localize()
        if self._built_lang != built:
            self._redraw_all()

    # -- training ---------------------------------------------------------------------------
    def trains_while_idle(self) -> bool:
        return self.speed.value == "fast" and self.session.status == "ok"

    def train_frame(self):
        mode = self.speed.value
        if mode == "step":
            self.session.step(1)
        elif mode == "epoch":
            self.session.train_epochs(1)
        else:
            super().train_frame()

    def _new_seed(self):
        seed = int(np.random.default_rng().integers(0, 2**31 - 1))
        self.controls.seed.value = str(seed)  # fires _on_control

    # -- controls ---------------------------------------------------------------------------
    revert_bad_controls = False  # a bad value stays in its widget, with its message, until fixed

    def reset(self):
        super().reset()
        self._keep_control_error()

    def _keep_control_error(self):
        """A control still holding a bad value keeps its message: the widgets differ from the run."""
        try:
            self.controls.read(self.session.config)
        except ValueError as exc:
            self.messages.say(exc, "error")

    def adjust(self, new: Config) -> Config:
        """One's own points keep their number of classes, their count and a problem they can be."""
        if new.dataset != OWN:
            return new
        own = self.points.own
        if own is None:
            raise SettingError("own.no_file", "dataset")
        changes = dict(classes=max(own.n_classes, 2), n_points=len(own.y))
        if new.problem not in PROBLEMS_FOR[own.kind]:
            changes["problem"] = own.kind
        return new.replace(**changes)

    # -- one's own points -------------------------------------------------------------------
    def _on_upload(self):
        if not self.upload.value:
            return
        file = self.upload.value[0]
        self.load_points(bytes(file["content"]), file["name"])

    def load_points(self, content: bytes | str, name: str = "data.csv"):
        """Train on the points of a CSV file's ``content`` (``playground.own_data``); a malformed
        file is a ``SettingError`` saying what is wrong, and the points that run stay."""
        own = read_csv(content)
        self.points.own = own
        self.controls.dataset.show_own(points_thumbnail(own.X, own.y, own.kind, own.bounds))
        if self.apply(self.session.config.replace(dataset=OWN)) == "same":  # another file, same settings
            self.session.reload_data()
            self.on_rebuilt("new data")
            self._redraw_if_idle()
        if own.kind == "regression":
            what = (t("playground.own_scaled", scale=own.scale) if own.scale != 1 else t("playground.own_values"))
        else:
            what = t("playground.own_classes", k=own.n_classes, labels=", ".join(f"{v:g}" for v in own.classes),
                     classes=", ".join(map(str, range(own.n_classes))))
        split = (t("playground.own_split_ours") if own.train_idx is None else
                 t("playground.own_split_file", train=len(own.train_idx), test=len(own.y) - len(own.train_idx)))
        self.messages.say(t("playground.own_loaded", n=len(own.y), name=name, what=what, split=split))

    def on_rebuilt(self, kind):
        self.selected = None
        super().on_rebuilt(kind)

    # -- drawing ----------------------------------------------------------------------------
    def _redraw_all(self):
        self.redraw()
        self.update_link()
        self.render()

    def redraw(self):
        """The network's shape, its labels and the points; the code and downloads of the old one go."""
        c = self.session.config
        out = ([t("playground.out_p_blue")] if c.problem == "binary" else
               [t("playground.out_class", k=k) for k in range(c.n_outputs)] if c.problem == "multiclass"
               else [t("playground.out_value")])
        self.canvas.set_network(c.layer_sizes, [FEATURES[f][0] for f in c.features], out)
        self.canvas.set_surface_kind(c.problem, c.n_classes)
        self._redraw_points()
        if self.code_button.value:
            self._show_code()
        self.downloads.value = ""

    def _redraw_points(self):
        s = self.session
        self.canvas.set_points(s.X, s.y, s.train_idx, s.test_idx, problem=s.config.problem,
                               bounds=s.bounds, show_test=self.show_test.value)

    def render(self):
        """Draw the current state (one frame)."""
        s, clock = self.session, self.loop.clock
        with clock.part("probes"):
            tile = self.canvas.layout_.tile
            grids = probes.neuron_grids(s, tile)
            surface, zrange, title = self._surface()
            mosaic = [self._to_unit(grids["inputs"], "input")] + [self._to_unit(g, "hidden") for g in grids["layers"][:-1]]
            mosaic.append(self._to_unit(grids["layers"][-1], "output"))
            weights = [w["W"] for w in probes.weights(s)]
            grads = probes.grad_stats(s)["weight_grad_norm"] if s.status == "ok" else np.full(len(weights), np.nan)
        with clock.part("encoding"):
            frame = self.canvas.encode(surface=surface, zrange=zrange, mosaic_grids=mosaic, weights=weights,
                                       grad_norms=grads, history=s.history, title=title, selected=self.selected)
        with clock.part("sending"):
            self.canvas.frame = frame
            self.epoch_label.value = self.epoch_text()

    def _to_unit(self, grid, kind):
        c = self.session.config
        if kind == "output" and c.problem != "regression":
            return 2 * grid - 1
        if kind == "input":
            return grid / 6.0
        lo, hi = ACTIVATIONS[c.activation].range
        if kind == "hidden" and lo is not None and hi is not None:  # a bounded range fills the colour scale
            return (2 * grid - (lo + hi)) / (hi - lo)  # [lo, hi] -> [-1, 1]
        return grid

    def _surface(self):
        s, c = self.session, self.session.config
        if self.selected is not None:
            layer, neuron = self.selected
            grids = probes.neuron_grids(s, SURFACE_RES)
            grid = grids["inputs"][neuron] if layer == 0 else grids["layers"][layer - 1][neuron]
            name = self.canvas.structure["neuron_names"][layer][neuron]
            finite = np.abs(grid[np.isfinite(grid)])
            lim = float(finite.max()) if finite.size and finite.max() > 0 else 1.0  # a diverged net is all NaN
            return grid, (-lim, lim), t("playground.click_again", name=name)
        g = probes.decision_grid(s, SURFACE_RES)
        if c.problem == "binary":
            z = (g["z"] >= 0.5).astype(float) if self.discretize.value else g["z"]
            return z, (0, 1), t("playground.title_binary")
        if c.problem == "multiclass":
            return g["z"].astype(float), (-0.5, c.n_classes - 0.5), t("playground.title_multiclass")
        z = np.sign(g["z"]) if self.discretize.value else g["z"]
        return z, (-1, 1), t("playground.title_regression")

    def _select(self, layer, neuron):
        """Show neuron ``neuron`` of ``layer`` (0: the inputs) large; the same again, or a click
        beside every tile (layer -1), shows the output."""
        sizes = self.session.config.layer_sizes
        if layer < 0:
            self.selected = None
        elif 0 <= layer < len(sizes) and 0 <= neuron < sizes[layer]:
            self.selected = None if (layer, neuron) == self.selected else (layer, neuron)
        else:
            return  # a click from a page still showing the previous network
        self.render()

    def _on_plane_click(self, x1, x2):
        if self.draw.value is None:
            return
        label = self.draw.value if self.session.config.problem != "regression" else (1.0 if self.draw.value else -1.0)
        if self.session.config.problem == "multiclass" and label >= self.session.config.n_classes:
            return
        self._guard(self._add_point, x1, x2, label)

    def _add_point(self, x1, x2, label):
        self.session.add_point(x1, x2, label)
        self._redraw_points()
        self.messages.say(t("playground.added_point", x1=x1, x2=x2))
        self._keep_control_error()
        if not self.loop.running:
            self.render()

    # -- take it home -----------------------------------------------------------------------
    def _show_code(self):
        self.code.value = (f"<pre class='pg-code' style='max-height:400px;overflow:auto;font-size:12px'>"
                           f"{html.escape(export.pytorch_code(self.session.config))}</pre>" if self.code_button.value else "")

    def _prepare_downloads(self):
        s = self.session
        self.downloads.value = (
            download_link("weights.pt", export.weights_bytes(s), t("playground.download_weights_pt"))
            + download_link("weights.json", export.weights_json(s), t("playground.download_weights_json"), "application/json")
            + download_link("data.csv", export.data_csv(s), t("playground.download_data"), "text/csv")
            + download_link("playground_model.py", export.pytorch_code(s.config), t("playground.download_code"), "text/x-python"))
