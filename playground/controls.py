"""The one place where widgets map to ``Config`` fields (ipywidgets; no torch, no plotly).

``ConfigControls.read(base)`` turns the widgets into a validated ``Config`` (or raises
``ValueError`` with a message for the learner); ``show(config)`` puts a config back into the
widgets without firing change callbacks.
"""

from __future__ import annotations

from contextlib import contextmanager

import ipywidgets as W
import numpy as np
import traitlets

from playground.config import ACTIVATIONS, INIT_LABELS, LOSSES, OPTIMIZERS, PROBLEMS, REGS, Config, whole_number
from playground.data import DATASETS, FEATURES
from playground.i18n import Labels, t
from playground.own_data import OWN
from playground.views.thumbnails import dataset_thumbnail

LEARNING_RATES = (1e-5, 3e-5, 1e-4, 3e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 1e-4, 3e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BATCH_SIZES = (1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 2000)
# Labels in the current language (playground.i18n), read when a widget is made or shown.
ACTIVATION_LABELS = Labels("activation.", ACTIVATIONS)
OPTIMIZER_LABELS = Labels("optimizer.", OPTIMIZERS)
REG_LABELS = Labels("reg.", REGS)
LOSS_LABELS = Labels("loss.", ("bce", "ce", "mse", "mae"))
PROBLEM_LABELS = Labels("problem.", PROBLEMS)
DATASET_ORDER = ("circle", "xor", "gauss", "spiral", "moons", "blobs", "spiral3", "plane", "multigauss")
DATASET_SHORT = Labels("dataset_short.", DATASET_ORDER)  # "Circle", "XOR", ...: under the thumbnails
DATASET_LABELS = Labels("dataset.", (*DATASETS, OWN))  # "Circle", "Exclusive or", ...: DATASETS[name].label

_LABEL = {"description_width": "120px"}
_WIDE = W.Layout(width="320px")


def _with(options, value):
    """Options plus ``value`` (from a link) when it is not one of them, sorted."""
    return tuple(sorted(set(options) | {value}))


def parse_hidden(text: str) -> tuple:
    """'4, 2' -> (4, 2); '' -> (). Raises ValueError with a message for the learner."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    try:
        return tuple(int(p) for p in parts)
    except ValueError:
        raise ValueError(t("controls.bad_hidden", text=text)) from None


def parse_vector(text: str) -> np.ndarray:
    """'2, 1, 0.1' -> array (1 to 8 finite numbers); a ValueError for the learner otherwise."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    try:
        v = np.array([float(p) for p in parts])
    except ValueError:
        raise ValueError(t("activations.bad_vector", text=text)) from None
    if not 1 <= v.size <= 8 or not np.isfinite(v).all():
        raise ValueError(t("activations.vector_size", n=v.size))
    return v


class DatasetPicker(W.VBox):
    """Thumbnail buttons, one per dataset, like TensorFlow Playground's."""

    value = traitlets.Unicode("circle")

    def __init__(self, names=DATASET_ORDER, **kw):
        css = "".join(
            f".pg-ds-{n} {{ background-image: url({dataset_thumbnail(n)}) !important; background-size: 44px 44px;"
            f" background-repeat: no-repeat; background-position: center 2px; }}" for n in names)
        css += (" .pg-ds button, .pg-ds { padding-top: 46px !important; font-size: 10px !important; }"
                " .pg-ds-selected { outline: 3px solid #0877bd; }")
        self.buttons = {}
        for n in names:
            b = W.Button(description=DATASET_SHORT[n], tooltip=DATASET_LABELS[n],
                         layout=W.Layout(width="74px", height="68px", margin="2px"))
            b.add_class("pg-ds")
            b.add_class(f"pg-ds-{n}")
            b.on_click(lambda _b, n=n: setattr(self, "value", n))
            self.buttons[n] = b
        # one's own points (playground.own_data): a button shown once a file is loaded
        own = W.Button(description=t(f"dataset_short.{OWN}"), tooltip=DATASET_LABELS[OWN],
                       layout=W.Layout(width="74px", height="68px", margin="2px", display="none"))
        own.add_class("pg-ds")
        own.add_class(f"pg-ds-{OWN}")
        own.on_click(lambda _b: setattr(self, "value", OWN))
        self.buttons[OWN] = own
        self._own_css = W.HTML()
        super().__init__([W.HTML(f"<style>{css}</style>"), self._own_css,
                          W.HBox(list(self.buttons.values()), layout=W.Layout(flex_flow="row wrap", width="330px"))],
                         **kw)
        self.observe(self._mark, "value")
        self._mark()

    def show_own(self, thumbnail: str):
        """Show the button of one's own points, with ``thumbnail`` (a data URI) as its picture."""
        self._own_css.value = (f"<style>.pg-ds-{OWN} {{ background-image: url({thumbnail}) !important;"
                               " background-size: 44px 44px; background-repeat: no-repeat;"
                               " background-position: center 2px; }</style>")
        self.buttons[OWN].layout.display = None

    def _mark(self, _change=None):
        for n, b in self.buttons.items():
            (b.add_class if n == self.value else b.remove_class)("pg-ds-selected")
            b.button_style = "info" if n == self.value else ""


def _on_steps(slider, value, coarse, fine):
    """Put ``value`` on ``slider`` with the coarse steps a learner drags through, or the fine ones
    when ``value`` (from a link, or code) lies between them: the page's slider rounds a value that is
    off its steps and sends the rounded one back as the learner's (a link's n_points=333 became 330)."""
    off = abs(value / coarse - round(value / coarse)) > 1e-9
    with slider.hold_sync():
        slider.step = fine if off else coarse
        slider.value = value


class Quiet:
    """``with self.quiet():`` sets widgets from code without firing the learner's change callbacks
    (subclasses check ``self._quiet`` in their observers)."""

    _quiet = False

    @contextmanager
    def quiet(self):
        self._quiet, old = True, self._quiet
        try:
            yield
        finally:
            self._quiet = old


class ConfigControls(Quiet):
    """Every ``Config`` field as a widget, grouped in three panels (data, network, training)."""

    def __init__(self, config: Config):
        self._callbacks = []
        self.dataset = DatasetPicker()
        self.n_points = W.IntSlider(500, min=20, max=1000, step=10, description=t("controls.points"), style=_LABEL,
                                    layout=_WIDE)
        self.noise = W.IntSlider(0, min=0, max=50, step=5, description=t("controls.noise"), style=_LABEL, layout=_WIDE)
        self.train_fraction = W.IntSlider(50, min=10, max=90, step=10, description=t("controls.training_percent"),
                                          style=_LABEL, layout=_WIDE)
        self.seed = W.Text("0", description=t("controls.seed"), style=_LABEL, layout=W.Layout(width="200px"),
                           continuous_update=False)
        self.features = {f: W.ToggleButton(False, description=label, layout=W.Layout(width="62px"),
                                           tooltip=t("controls.feature_tip", label=label))
                         for f, (label, _) in FEATURES.items()}
        self.hidden = W.Text("4, 2", description=t("controls.hidden"), style=_LABEL, layout=_WIDE,
                             continuous_update=False, placeholder=t("controls.hidden_placeholder"))
        self.add_layer = W.Button(description=t("controls.add_layer"), layout=W.Layout(width="80px"),
                                  tooltip=t("controls.add_layer_tip"))
        self.remove_layer = W.Button(description=t("controls.remove_layer"), layout=W.Layout(width="80px"),
                                     tooltip=t("controls.remove_layer_tip"))
        self.activation = W.Dropdown(options=[(ACTIVATION_LABELS[a], a) for a in ACTIVATIONS],
                                     description=t("controls.activation"), style=_LABEL, layout=_WIDE)
        self.init = W.Dropdown(options=[(v, k) for k, v in INIT_LABELS.items()], description=t("controls.init"),
                               style=_LABEL, layout=_WIDE)
        self.batch_norm = W.Checkbox(False, description=t("controls.batch_norm"), indent=False,
                                     layout=W.Layout(width="110px"))
        self.residual = W.Checkbox(False, description=t("controls.residual"), indent=False,
                                   layout=W.Layout(width="100px"))
        self.dropout = W.FloatSlider(0.0, min=0, max=0.9, step=0.05, description=t("controls.dropout"), style=_LABEL,
                                     layout=_WIDE)
        self.problem = W.Dropdown(options=[(PROBLEM_LABELS[p], p) for p in PROBLEMS], description=t("controls.problem"),
                                  style=_LABEL, layout=_WIDE)
        self.loss = W.Dropdown(options=[], description=t("controls.loss"), style=_LABEL, layout=_WIDE)
        self.optimizer = W.Dropdown(options=[(OPTIMIZER_LABELS[o], o) for o in OPTIMIZERS],
                                    description=t("controls.optimizer"), style=_LABEL, layout=_WIDE)
        self.lr = W.SelectionSlider(options=LEARNING_RATES, value=0.03, description=t("controls.lr"), style=_LABEL,
                                    layout=_WIDE)
        self.batch_size = W.SelectionSlider(options=BATCH_SIZES, value=10, description=t("controls.batch_size"),
                                            style=_LABEL, layout=_WIDE)
        self.reg = W.Dropdown(options=[(REG_LABELS[r], r) for r in REGS], description=t("controls.reg"),
                              style=_LABEL, layout=_WIDE)
        self.reg_rate = W.SelectionSlider(options=REG_RATES, value=0.0, description=t("controls.reg_rate"),
                                          style=_LABEL, layout=_WIDE)
        self.add_layer.on_click(lambda _: self._change_layers(+1))
        self.remove_layer.on_click(lambda _: self._change_layers(-1))
        for w in self._value_widgets():
            w.observe(self._changed, "value")
        self.show(config)

    def _value_widgets(self):
        return [self.dataset, self.n_points, self.noise, self.train_fraction, self.seed, *self.features.values(),
                self.hidden, self.activation, self.init, self.batch_norm, self.residual, self.dropout, self.problem,
                self.loss, self.optimizer, self.lr, self.batch_size, self.reg, self.reg_rate]

    # -- panels -----------------------------------------------------------------------------
    def data_panel(self, *extra):
        return W.VBox([self.dataset, self.n_points, self.noise, self.train_fraction, self.seed, *extra])

    def network_panel(self, *extra):
        return W.VBox([W.HTML(f"<b>{t('controls.inputs')}</b>"), W.HBox(list(self.features.values())[:4]),
                       W.HBox(list(self.features.values())[4:]), self.hidden, W.HBox([self.add_layer, self.remove_layer]),
                       self.activation, self.init, self.dropout, W.HBox([self.batch_norm, self.residual]),
                       self.problem, self.loss, *extra])

    def training_panel(self, *extra):
        return W.VBox([self.lr, self.optimizer, self.batch_size, self.reg, self.reg_rate, *extra])

    # -- reading and showing ----------------------------------------------------------------
    def on_change(self, callback):
        """``callback(name_of_widget)`` after any value change made by the learner."""
        self._callbacks.append(callback)

    def _changed(self, change):
        if self._quiet:
            return
        for name, w in vars(self).items():
            if w is change["owner"]:
                break
        else:
            name = "features"
        for cb in self._callbacks:
            cb(name)

    def _change_layers(self, delta):
        try:
            hidden = list(parse_hidden(self.hidden.value))
        except ValueError:
            hidden = []
        hidden = hidden + [hidden[-1] if hidden else 4] if delta > 0 else hidden[:-1]
        self.hidden.value = ", ".join(map(str, hidden))

    def read(self, base: Config) -> Config:
        """The config the widgets describe (fields the widgets lack come from ``base``)."""
        seed_text = self.seed.value.strip()
        if not seed_text.isdecimal():  # not isdigit(): "²" is a digit that int() refuses
            raise ValueError(t("controls.bad_seed", text=seed_text))
        changes = dict(
            dataset=self.dataset.value, n_points=self.n_points.value, noise=self.noise.value / 100,
            train_fraction=self.train_fraction.value / 100, seed=whole_number(seed_text),
            features=tuple(f for f, b in self.features.items() if b.value), hidden=parse_hidden(self.hidden.value),
            activation=self.activation.value, init=self.init.value, batch_norm=self.batch_norm.value,
            residual=self.residual.value, dropout=round(self.dropout.value, 2), problem=self.problem.value,
            loss=self.loss.value, optimizer=self.optimizer.value, lr=self.lr.value, batch_size=self.batch_size.value,
            reg=self.reg.value, reg_rate=self.reg_rate.value)
        if not changes["features"]:
            raise ValueError(t("controls.no_feature"))
        if changes["dataset"] != base.dataset:  # problem and loss follow the dataset
            changes.pop("problem")
            changes.pop("loss")
        elif changes["problem"] != base.problem:
            changes.pop("loss")
        return base.replace(**changes)

    def show(self, c: Config):
        """Put ``c`` into the widgets (no change callbacks fire)."""
        with self.quiet():
            self.dataset.value = c.dataset
            self.n_points.max, self.n_points.min = max(1000, c.n_points), min(20, c.n_points)
            _on_steps(self.n_points, c.n_points, 10, 1)
            self.n_points.disabled = self.noise.disabled = c.dataset == OWN  # a file's points are what they are
            _on_steps(self.noise, round(c.noise * 100), 5, 1)
            _on_steps(self.train_fraction, round(c.train_fraction * 100), 10, 1)
            self.seed.value = str(c.seed)
            for f, b in self.features.items():
                b.value = f in c.features
                b.button_style = "info" if b.value else ""
            self.hidden.value = ", ".join(map(str, c.hidden))
            self.remove_layer.disabled = not c.hidden
            self.activation.value = c.activation
            self.init.value = c.init
            self.batch_norm.value, self.residual.value = c.batch_norm, c.residual
            _on_steps(self.dropout, c.dropout, 0.05, 0.01)
            self.problem.options = [(PROBLEM_LABELS[p], p) for p in c.problems]
            self.problem.value = c.problem
            self.loss.options = [(LOSS_LABELS[x], x) for x in LOSSES[c.problem]]
            self.loss.value = c.loss
            self.optimizer.value = c.optimizer
            self.lr.options = _with(LEARNING_RATES, c.lr)
            self.lr.value = c.lr
            self.batch_size.options = _with(BATCH_SIZES, c.batch_size)
            self.batch_size.value = c.batch_size
            self.reg.value = c.reg
            self.reg_rate.options = _with(REG_RATES, c.reg_rate)
            self.reg_rate.value = c.reg_rate
            self.reg_rate.disabled = c.reg == "none"


# -- a few Config fields as widgets, declared per app ------------------------------------------------
class Field:
    """One widget for a ``Config`` field (or for a few, like depth and width for ``hidden``).

    ``make()`` builds the widget; ``show(widget, config)`` puts ``config`` into it (options first);
    ``read(value, base, values)`` gives the ``Config`` changes its value means (``values``: every
    field's widget value, for fields read together). Made by ``choice``, ``selection``, ``flag``,
    ``percent``, ``number``, ``hidden_text`` and ``depth_width`` below.
    """

    def __init__(self, make, show, read, css: str | None = None):
        self.make, self.show, self.read, self.css = make, show, read, css
        self.disabled = None

    def off(self, when) -> "Field":
        """Disabled while ``when(config)`` holds (an L2 strength while there is no regularisation)."""
        self.disabled = when
        return self


def _label_of(labels):
    if labels is None:
        return str
    if callable(labels) and not hasattr(labels, "get"):
        return labels
    return lambda v: labels.get(v, str(v))


def choice(name: str, choices, labels=None, *, widget=W.Dropdown, css=None, **kw) -> Field:
    """``name`` picked from ``choices`` (a Dropdown or ToggleButtons); a value brought by a link
    that is not among them is added. ``labels``: a mapping (``Labels``) or a function of the value."""
    label = _label_of(labels)

    def show(w, c):
        value = getattr(c, name)
        keys = list(choices) + ([value] if value not in choices else [])
        options = [(label(k), k) for k in keys]
        if list(w.options) != options:
            w.options = options
        w.value = value
    return Field(lambda: widget(**kw), show, lambda v, base, values: {name: v}, css)


def selection(name: str, values, *, css=None, **kw) -> Field:
    """``name`` on a slider through ``values`` (plus a link's value between them)."""
    def show(w, c):
        w.options = tuple(sorted(set(values) | {getattr(c, name)}))
        w.value = getattr(c, name)
    return Field(lambda: W.SelectionSlider(options=tuple(values), **kw), show, lambda v, base, vs: {name: v}, css)


def flag(name: str, *, css=None, **kw) -> Field:
    """A yes/no field as a checkbox."""
    def show(w, c):
        w.value = getattr(c, name)
    return Field(lambda: W.Checkbox(False, indent=False, **kw), show, lambda v, base, vs: {name: v}, css)


def number(name: str, *, widget=W.IntSlider, digits=None, css=None, **kw) -> Field:
    """A number on a slider (``digits``: rounded when read, e.g. 2 for dropout)."""
    def show(w, c):
        w.max = max(w.max, getattr(c, name))
        w.value = getattr(c, name)
    read = (lambda v, base, vs: {name: v}) if digits is None else (lambda v, base, vs: {name: round(v, digits)})
    return Field(lambda: widget(**kw), show, read, css)


def percent(name: str, *, css=None, **kw) -> Field:
    """A fraction (0.25) shown in percent (25) on an integer slider."""
    def show(w, c):
        w.value = round(getattr(c, name) * 100)
    return Field(lambda: W.IntSlider(**kw), show, lambda v, base, vs: {name: v / 100}, css)


def hidden_text(*, css=None, **kw) -> Field:
    """``hidden`` written as '4, 2'."""
    def show(w, c):
        w.value = ", ".join(map(str, c.hidden))
    return Field(lambda: W.Text(continuous_update=False, **kw), show,
                 lambda v, base, vs: {"hidden": parse_hidden(v)}, css)


def depth_width(part: str, *, narrowing: bool = False, css=None, **kw) -> Field:
    """``hidden`` as two sliders, ``part`` "depth" (layers) or "width" (neurons). Each layer has the
    width, or with ``narrowing`` one neuron fewer than the one before (3, 2, 1). Uneven widths
    from a link are kept while depth and width stay as they are."""
    def show(w, c):
        if part == "depth":
            w.value = len(c.hidden)
        else:
            w.max = max(w.max, max(c.hidden, default=1))
            w.value = c.hidden[0] if c.hidden else w.value
            w.disabled = not c.hidden

    def read(v, base, values):
        depth = values.get("depth", len(base.hidden))
        width = values.get("width", base.hidden[0] if base.hidden else 8)
        if len(base.hidden) == depth and (not base.hidden or base.hidden[0] == width):
            return {"hidden": base.hidden}
        return {"hidden": tuple(max(1, width - k) if narrowing else width for k in range(depth))}
    return Field(lambda: W.IntSlider(**kw), show, read, css)


class FieldControls(Quiet):
    """An app's few settings: ``fields`` maps a name to a ``Field``; ``w[name]`` is its widget.

    The same interface as ``ConfigControls``: ``on_change(callback)`` (``callback(name)`` after a
    learner's change), ``read(base)`` (a validated ``Config``, or ``ValueError``) and ``show(config)``
    (no callbacks fire). ``css``: a prefix; each widget gets the class ``css + name`` (``_`` → ``-``).
    """

    def __init__(self, config: Config, fields: dict, *, css: str | None = None):
        self.fields = dict(fields)
        self.w = {}
        for name, f in self.fields.items():
            w = self.w[name] = f.make()
            for cls in filter(None, (f.css, css and css + name.replace("_", "-"))):
                w.add_class(cls)
            w.observe(lambda _change, name=name: self._changed(name), "value")
        self._callbacks = []
        self.show(config)

    def on_change(self, callback):
        self._callbacks.append(callback)

    def _changed(self, name):
        if not self._quiet:
            for cb in self._callbacks:
                cb(name)

    def read(self, base: Config) -> Config:
        values = {name: w.value for name, w in self.w.items()}
        changes = {}
        for name, f in self.fields.items():
            changes.update(f.read(values[name], base, values))
        return base.replace(**changes)

    def show(self, c: Config):
        with self.quiet():
            for name, f in self.fields.items():
                f.show(self.w[name], c)
                if f.disabled is not None:
                    self.w[name].disabled = bool(f.disabled(c))

    def box(self, *names, **kw) -> W.Box:
        return W.HBox([self.w[n] for n in names], **kw)


def training_fields(learning_rates, batch_sizes, labels: dict, *, style=None, width="300px") -> dict:
    """The training settings the CNN apps share (``optimizer``, ``lr``, ``batch_size``) as fields of
    a ``FieldControls``; ``labels``: the optimizers' labels (``{"adam": ..., "sgd": ...}``)."""
    style = style or {"description_width": "110px"}
    return {
        "optimizer": choice("optimizer", tuple(labels), labels, description=t("cnn_digits.optimizer"), style=style,
                            layout=W.Layout(width=width)),
        "lr": selection("lr", learning_rates, value=0.003, description=t("cnn_digits.lr"), style=style,
                        layout=W.Layout(width=width)),
        "batch_size": selection("batch_size", batch_sizes, value=32, description=t("cnn_digits.batch_size"),
                                style=style, layout=W.Layout(width=width)),
    }
