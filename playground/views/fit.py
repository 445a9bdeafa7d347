"""Every app fits the screen it is shown on: the width its output area really has (JupyterLab with its
sidebar, a laptop, a projector at 150 % zoom), and a presenter mode for the back row.

``PageFit`` is one invisible widget per app (``App.page_widget`` puts it beside the app, in the app's
root, a box with the class ``pg-app``). In the page (``fit.js``) it

- puts the apps' stylesheet in the page once: rows of panels wrap (below ~900 px they stack), boxes
  never grow wider than the app, buttons and labels show their whole text, ``.pg-presenter`` makes
  the widgets' text large;
- watches the app root's own width (a ``ResizeObserver``: a sidebar opened, the window resized, the
  zoom changed) and gives every plotly figure in it its container's width (through
  ``Plotly.relayout``: plotly's own autosize, ``responsive``, did not always draw it); a figure with
  a width of its own (``layout.meta = OWN_WIDTH``, the space-warping panels) wider than the app is
  scaled down to fit;
- sends that width back (``width``, CSS pixels).

The canvas widgets (``playground_canvas``, ``panels``, ``panels_canvas``) watch their own element
and size their panels to it, sharp at any device pixel ratio; their ``scale`` trait (set by
``presenter``) draws text, points and lines that much larger. Plotly figures get larger fonts,
markers and lines from ``scale_figure``.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

OWN_WIDTH = {"own_width": True}  # a figure's layout.meta: its layout.width is its own (else the page's)
PRESENTER_SCALE = 1.5  # text, points and lines in presenter mode, relative to the usual size
PLOTLY_FONT = 12  # plotly's default font size, when a figure sets none
_SIZED = {"size": ("font", "tickfont", "textfont", "marker", "titlefont", "insidetextfont", "outsidetextfont"),
          "width": ("line",)}


def esm(name: str) -> str:
    """A canvas widget's front-end code: ``canvas_fit.js`` (canvases at a scale, sharp at the device
    pixel ratio; ``watchFit``), then the widget's own file ``name`` (next to this module)."""
    here = Path(__file__).parent
    return (here / "canvas_fit.js").read_text() + "\n" + (here / name).read_text()


class PageFit(anywidget.AnyWidget):
    """Invisible: the apps' stylesheet, and the app's plotly figures re-sized to the app's width."""

    _esm = (Path(__file__).with_name("fit.js")).read_text()
    width = traitlets.Int(0).tag(sync=True)  # the app root's width in CSS pixels, from the page (0: not yet)
    fitted = traitlets.Int(0).tag(sync=True)  # the width the app has fitted itself to (App.on_width done)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class("pg-fit")


def is_figure(widget) -> bool:
    """A plotly FigureWidget (without importing plotly)."""
    return hasattr(widget, "batch_update") and hasattr(widget, "data") and hasattr(widget, "_config")


def make_responsive(fig) -> None:
    """Let plotly re-size ``fig`` to its container on a window resize (its ``responsive`` config; the
    handler it makes is also ``fit.js``'s way when the page has no ``Plotly.relayout``)."""
    if not fig._config.get("responsive"):
        fig._config = dict(fig._config, responsive=True)


def _sizes(tree, path=()):
    """``(path, value)`` of every explicit font size, marker size and line width in a plotly JSON tree."""
    if isinstance(tree, dict):
        for key, value in tree.items():
            if key == "template":  # plotly's theme: its sizes apply only where the figure sets none
                continue
            here = path + (key,)
            if isinstance(value, (dict, list, tuple)):
                yield from _sizes(value, here)
            elif (key in _SIZED and len(path) and path[-1] in _SIZED[key] and isinstance(value, (int, float))
                  and not isinstance(value, bool)):
                yield here, float(value)
    elif isinstance(tree, (list, tuple)) and all(isinstance(x, dict) for x in tree):
        for i, value in enumerate(tree):
            yield from _sizes(value, path + (i,))


def scale_figure(fig, factor: float) -> None:
    """Fonts, marker sizes and line widths of ``fig`` at ``factor`` times their own size (1: as the
    app drew them). A size the app changed since the last call (a frame that drew its annotations
    or points again) is taken as the app's new size: calling it again at the same ``factor`` after
    each frame keeps the whole figure at that scale. Reads plotly's own dicts (no copies of the data)."""
    old = getattr(fig, "_pg_scale", 1.0)
    if factor == old == 1.0:
        return
    base = fig.__dict__.setdefault("_pg_base", {})
    if fig.layout.font.size is None:
        fig.layout.font.size = PLOTLY_FONT * old
    targets = [((), fig.layout)] + [((i,), trace) for i, trace in enumerate(fig.data)]
    changes = []
    for key, obj in targets:
        for path, value in _sizes(getattr(obj, "_props", None) or obj.to_plotly_json()):
            known = base.get(key + path)
            if known is None or abs(value - round(known * old, 3)) > 1e-6:  # new, or set again by the app
                base[key + path] = known = value
            if abs(value - round(known * factor, 3)) > 1e-6:
                changes.append((obj, path, round(known * factor, 3)))
    if changes:
        with fig.batch_update():
            for obj, path, value in changes:
                obj[path] = value
    fig._pg_scale = factor
