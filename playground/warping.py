"""Space warping: how each layer of a network re-draws the plane (NumPy only: no widgets, no plotly).

A hidden layer maps the points of its input space to ``f(W a + b)``. Here that map is taken apart
into stages a learner can watch one after the other::

    t = 0  a                 the layer's input (the plane, or the previous layer's space)
    t = 1  W a               a linear map: rotate, stretch, shear, flip, project
    t = 2  W a + b           a shift
    t = 3  f(W a + b)        the activation: ReLU folds, tanh and sigmoid squash, linear does nothing

``stages(W, b, activation, points, t)`` is the piecewise-linear path through them. A regular mesh
of the input plane (``mesh_lines``) sent through every layer (``map_through``) shows how the whole
plane is bent; ``next_layer`` gives the weights whose zero sets are drawn in a layer's space: the
next layer's neuron lines, or for the last hidden layer the output's separating line
``w·h + c = 0`` (a plane when the layer is 3 wide). Layers wider than the picture are seen
through a ``View``: some of their neurons, or their principal components (PCA).
``panels(...)`` puts all of it together, in picture coordinates, for the views to draw.

>>> import numpy as np
>>> W, b = np.eye(2), np.array([-1.0, 0.0])
>>> stages(W, b, "relu", np.array([[0.5, 2.0]]), 3)
array([[0., 2.]])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from playground.activations import CORE, get
from playground.data import FEATURES, feature_matrix
from playground.errors import SettingError
from playground.forward import forward as network_forward
from playground.i18n import Text, t

STAGE_COUNT = 3  # t runs from 0 to 3
STAGE_NAMES = ("input", "W·a", "W·a + b", "f(W·a + b)")
WARP_ACTIVATIONS = CORE  # the hand-set layer's buttons (playground.activations' short list)
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def sub(n) -> str:
    """``12`` → ``'₁₂'`` (for axis names such as h₁)."""
    return str(n).translate(_SUB)


def activate(activation: str, z):
    """The activation ``f`` (as the model computes it) applied to ``z``."""
    return get(activation).value(np.asarray(z, float))


def _pad(a, width):
    a = np.asarray(a, float)
    if a.shape[1] == width:
        return a
    return np.hstack([a, np.zeros((a.shape[0], width - a.shape[1]))])


def _check_layer(W, b, points):
    W, b, points = np.asarray(W, float), np.asarray(b, float), np.asarray(points, float)
    if W.ndim != 2 or W.shape[0] == 0:
        raise ValueError(f"a layer with weights of shape {W.shape} is not allowed; a layer needs at least 1 neuron "
                         "(W has one row per neuron)")
    if b.shape != (W.shape[0],):
        raise ValueError(f"b has shape {b.shape}; it must have one entry per neuron ({W.shape[0]})")
    if points.ndim != 2 or points.shape[1] != W.shape[1]:
        raise ValueError(f"points of shape {points.shape} do not fit W of shape {W.shape}: "
                         f"they need {W.shape[1]} coordinates each")
    return W, b, points


# -- one layer in stages ----------------------------------------------------------------------------
def stage_points(W, b, activation, points, *, residual=False):
    """The four stages of one layer for ``points`` (n × d_in): ``[a, W a, W a + b, f(W a + b)]``
    (``+ a`` at the end with a residual connection, when the widths match).

    All four are n × D with D = max(d_in, d_out): the narrower ones are padded with zero columns,
    so the input starts in the layer's space (a plane lying in 3-D for a 3-wide layer)."""
    W, b, points = _check_layer(W, b, points)
    lin = points @ W.T
    pre = lin + b
    post = activate(activation, pre)
    if residual and W.shape[0] == W.shape[1]:
        post = post + points
    width = max(W.shape)
    return [_pad(a, width) for a in (points, lin, pre, post)]


def interpolate(stage_list, t: float):
    """The point of the piecewise-linear path through ``stage_list`` at ``t`` (0 … len − 1):
    exactly stage ``k`` at a whole ``t = k``, a straight line in between."""
    last = len(stage_list) - 1
    if isinstance(t, bool) or not isinstance(t, (int, float, np.floating, np.integer)) or not 0 <= t <= last:
        raise ValueError(f"stage t={t!r} is not allowed; it must be a number from 0 to {last}")
    k = min(int(np.floor(t)), last)
    u = float(t) - k
    if u == 0.0:
        return stage_list[k].copy()
    return stage_list[k] + u * (stage_list[k + 1] - stage_list[k])


def stages(W, b, activation, points, t: float, *, residual=False):
    """Where ``points`` are at stage ``t`` of the layer ``f(W a + b)``: the input at t = 0, ``W a`` at
    1, ``W a + b`` at 2, the layer's output at 3, straight lines in between (see ``stage_points``)."""
    return interpolate(stage_points(W, b, activation, points, residual=residual), t)


# -- whole networks -----------------------------------------------------------------------------------
def forward(weights, activation, F, *, residual=False):
    """Every space the inputs ``F`` (n × features) pass through: ``[F, h1, …, hL, logits]``.

    ``weights`` is ``probes.weights(session)``: one ``{"W", "b"}`` per layer, the output last."""
    if not weights:
        raise ValueError("a network needs at least its output layer")
    F = np.asarray(F, float)
    layers, given = [], F
    for layer in weights:  # every layer is checked before any is computed
        W, b, _ = _check_layer(layer["W"], layer["b"], given)
        layers.append((W, b))
        given = np.broadcast_to(0.0, (len(F), W.shape[0]))  # the shape the next layer is given
    logits, hidden = network_forward(layers, F, activation, residual=residual)
    return [F, *(out for _, _, out in hidden), logits]


def mesh_lines(bounds=(-6.0, 6.0), n_lines: int = 11, n_points: int = 25):
    """A regular grid of the plane as polylines: ``n_lines`` vertical lines, then ``n_lines``
    horizontal ones, ``n_points`` points each, every line followed by a row of NaN (a break)."""
    if isinstance(n_lines, bool) or not isinstance(n_lines, (int, np.integer)) or not 2 <= n_lines <= 100:
        raise ValueError(f"n_lines={n_lines!r} is not allowed; it must be a whole number from 2 to 100")
    if isinstance(n_points, bool) or not isinstance(n_points, (int, np.integer)) or not 2 <= n_points <= 1000:
        raise ValueError(f"n_points={n_points!r} is not allowed; it must be a whole number from 2 to 1000")
    lo, hi = bounds
    ticks, along = np.linspace(lo, hi, n_lines), np.linspace(lo, hi, n_points)
    rows = []
    for vertical in (True, False):
        for c in ticks:
            line = np.column_stack([np.full(n_points, c), along] if vertical else [along, np.full(n_points, c)])
            rows += [line, [[np.nan, np.nan]]]
    return np.vstack(rows)


def map_through(weights, activation, X2d, features=("x1", "x2"), *, residual=False):
    """Points of the plane (NaN rows stay NaN: polyline breaks) in every space of the network:
    ``[features, h1, …, hL, logits]``, as ``forward`` on ``feature_matrix(X2d, features)``."""
    X2d = np.asarray(X2d, float)
    ok = np.isfinite(X2d).all(axis=1)
    inner = forward(weights, activation, feature_matrix(X2d[ok], features), residual=residual)
    spaces = []
    for values in inner:
        full = np.full((len(X2d), values.shape[1]), np.nan)
        full[ok] = values
        spaces.append(full)
    return spaces


def composed_affine(weights):
    """``(A, c)`` with ``x ↦ A x + c`` equal to the whole network when every activation is linear:
    ``A = W_L ⋯ W_2 W_1`` and ``c = W_L(⋯(W_2 b_1 + b_2)⋯) + b_L``."""
    A, c = None, None
    for layer in weights:
        W, b = np.asarray(layer["W"], float), np.asarray(layer["b"], float)
        A, c = (W, b) if A is None else (W @ A, W @ c + b)
    return A, c


def next_layer(weights, space: int):
    """``(W, b)`` of the layer that reads space ``space`` (0: the input features, k: hidden layer
    k). In that space its neuron ``j`` is zero on ``W[j]·a + b[j] = 0``: a line (a plane in 3-D).
    For the last hidden layer that layer is the output, and the line is the decision boundary."""
    hidden = len(weights) - 1
    if isinstance(space, bool) or not isinstance(space, (int, np.integer)) or not 0 <= space <= hidden:
        raise SettingError("warping.no_layer_to" if hidden else "warping.no_layer_none", "space", space=space,
                           hidden=hidden)
    return np.asarray(weights[space]["W"], float), np.asarray(weights[space]["b"], float)


# -- views of wide spaces -----------------------------------------------------------------------------
@dataclass(frozen=True)
class View:
    """How a space of ``width`` coordinates is seen: ``view = (a − offset) @ P.T`` (2 or 3 columns).

    ``exact`` means the view loses nothing (every coordinate is shown), so lines and planes of
    the space can be drawn in it; ``labels`` name the view's axes honestly."""

    P: np.ndarray
    offset: np.ndarray
    labels: tuple
    kind: str  # "neurons" or "pca"
    exact: bool
    note: str = ""

    @property
    def dims(self) -> int:
        return self.P.shape[0]

    @property
    def width(self) -> int:
        return self.P.shape[1]

    def apply(self, a):
        """View coordinates of points ``a`` (n × width, or wider: extra columns are ignored)."""
        a = np.asarray(a, float)[:, :self.width]
        if a.shape[1] < self.width:
            a = _pad(a, self.width)
        return (a - self.offset) @ self.P.T

    def hyperplanes(self, W, b):
        """Rows ``W[j]·a + b[j] = 0`` of the space as rows of the view: ``(W', b')`` with
        ``W'[j]·v + b'[j] = 0`` (exact views only)."""
        if not self.exact:
            raise ValueError("this view is a projection: lines of the space cannot be drawn in it")
        Q = np.linalg.pinv(self.P)  # width × dims: a = offset + Q v
        W = np.asarray(W, float)
        return W @ Q, W @ self.offset + np.asarray(b, float)


def _space_name(space: int) -> str:
    return Text("warping.input") if space == 0 else Text("warping.layer", k=space)


def _coord_name(space: int, i: int, features=None) -> str:
    if space == 0:
        return FEATURES[features[i]][0] if features is not None else f"x{sub(i + 1)}"
    return f"h{sub(i + 1)}"


def neuron_view(space: int, width: int, neurons=None, *, features=None) -> View:
    """The coordinates ``neurons`` (0-based; default: the first 2, or all 3 of a 3-wide space)
    of space ``space`` (0: input features, k: hidden layer k), one per axis. A 1-wide space gets
    a flat second axis."""
    if isinstance(width, bool) or not isinstance(width, (int, np.integer)) or width < 1:
        raise ValueError(f"a {width!r}-wide layer cannot be shown; a layer needs at least 1 neuron")
    if neurons is None:
        neurons = tuple(range(min(width, 3 if width == 3 else 2)))
    neurons = tuple(neurons)
    where = _space_name(space)
    for n in neurons:
        whole = isinstance(n, (int, np.integer)) and not isinstance(n, bool)
        if not whole or not 0 <= n < width:
            raise SettingError("warping.no_neuron_one" if width == 1 else "warping.no_neuron_many", "neurons",
                               n=n + 1 if whole else repr(n), where=where, width=width)
    if not 1 <= len(neurons) <= 3 or len(set(neurons)) != len(neurons):
        picked = ", ".join(str(n + 1) for n in neurons) or Text("warping.none")
        raise SettingError("warping.pick_neurons", "neurons", where=where, picked=picked)
    P = np.zeros((max(len(neurons), 2), width))
    for row, n in enumerate(neurons):
        P[row, n] = 1.0
    labels = [f"{_coord_name(space, n, features)} ({where.words()})" for n in neurons]
    if len(neurons) == 1:
        labels.append(t("warping.no_second_feature" if space == 0 else "warping.no_second_neuron"))
    exact = len(neurons) == width
    note = "" if exact else t("warping.some_features" if space == 0 else "warping.some_neurons",
                              n=len(neurons), width=width)
    return View(P, np.zeros(width), tuple(labels), "neurons", exact, note)


def pca_view(space: int, values, dims: int = 2, previous: View | None = None) -> View:
    """The first ``dims`` principal components of ``values`` (n × width: the space's data points).
    Signs follow ``previous`` (if it has the same shape), so that the picture does not flip
    between frames. Axis labels say how much of the variance each component holds."""
    values = np.asarray(values, float)
    width = values.shape[1]
    if dims not in (2, 3):
        raise ValueError(f"dims={dims!r} is not allowed; choose 2 or 3")
    mean = values.mean(axis=0)
    centred = values - mean
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    P = np.zeros((dims, width))
    k = min(dims, vt.shape[0])
    P[:k] = vt[:k]
    if previous is not None and previous.kind == "pca" and previous.P.shape == P.shape:
        signs = np.where((P * previous.P).sum(axis=1) < 0, -1.0, 1.0)
        P = P * signs[:, None]
    var = s ** 2
    share = var / var.sum() if var.sum() > 0 else np.zeros_like(var)
    shares = [share[i] if i < len(share) else 0.0 for i in range(dims)]
    where = _space_name(space)
    labels = tuple(t("warping.pc_label", i=sub(i + 1), where=where, share=shares[i]) for i in range(dims))
    exact = k == width and width <= dims
    note = t("warping.pca_note", dims=dims, width=width, share=sum(shares))
    return View(P, mean, labels, "pca", exact, note)


def resolve_view(space: int, width: int, spec=None, values=None, previous: View | None = None,
                 features=None) -> View:
    """The view of a space from a spec: ``None`` (automatic: all of a space up to 3 wide, PCA
    beyond), ``("neurons", (i, j[, k]))`` or ``("pca", 2 | 3)``."""
    if spec is None:
        if width <= 3:
            return neuron_view(space, width, features=features)
        return pca_view(space, values, 2, previous)
    kind, arg = spec
    if kind == "neurons":
        return neuron_view(space, width, arg, features=features)
    if kind == "pca":
        return pca_view(space, values, arg, previous)
    raise ValueError(f"view {kind!r} is not allowed; choose neurons or pca")


# -- 3-D pictures on a flat screen ----------------------------------------------------------------------
def turntable(azimuth: float = -55.0, elevation: float = 25.0):
    """A 2 × 3 orthographic camera: the third axis points up, the camera circles around it by
    ``azimuth`` degrees and looks down by ``elevation`` degrees."""
    az, el = np.deg2rad(azimuth), np.deg2rad(elevation)
    right = np.array([np.cos(az), np.sin(az), 0.0])
    up = np.array([-np.sin(az) * np.sin(el), np.cos(az) * np.sin(el), np.cos(el)])
    return np.vstack([right, up])


def edge_on(normal):
    """A 2 × 3 camera that looks along the plane with normal ``normal``: the plane is seen edge-on,
    as a vertical line, and its two sides lie left and right of it."""
    n = np.asarray(normal, float)
    norm = np.linalg.norm(n)
    if norm == 0:
        return turntable()
    right = n / norm
    look = np.cross(right, [0.0, 0.0, 1.0])
    if np.linalg.norm(look) < 1e-9:
        look = np.cross(right, [0.0, 1.0, 0.0])
    look /= np.linalg.norm(look)
    up = np.cross(look, right)
    if up[2] < 0:
        up = -up
    return np.vstack([right, up])


def box_edges(lo, hi):
    """The 12 edges of the box [lo, hi] (3-D) as polylines with NaN breaks (36 × 3)."""
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    corners = np.array([[hi[i] if (k >> i) & 1 else lo[i] for i in range(3)] for k in range(8)])
    rows = []
    for k in range(8):
        for i in range(3):
            if not (k >> i) & 1:
                rows += [corners[k], corners[k | (1 << i)], [np.nan] * 3]
    return np.array(rows)


def plane_in_box(normal, offset, lo, hi):
    """The polygon where the plane ``normal·p + offset = 0`` cuts the box [lo, hi] (3-D), closed
    (first vertex repeated), or an empty array when it misses the box."""
    n, lo, hi = np.asarray(normal, float), np.asarray(lo, float), np.asarray(hi, float)
    edges = box_edges(lo, hi).reshape(12, 3, 3)[:, :2]
    pts = []
    for a, b in edges:
        fa, fb = n @ a + offset, n @ b + offset
        if fa == fb:
            if fa == 0:
                pts += [a, b]
            continue
        u = fa / (fa - fb)
        if 0 <= u <= 1:
            pts.append(a + u * (b - a))
    if len(pts) < 3 or not n.any():
        return np.zeros((0, 3))
    pts = np.unique(np.round(np.array(pts), 12), axis=0)
    if len(pts) < 3:
        return np.zeros((0, 3))
    centre = pts.mean(axis=0)
    e1 = pts[0] - centre
    e1 /= np.linalg.norm(e1) or 1.0
    e2 = np.cross(n / np.linalg.norm(n), e1)
    angle = np.arctan2((pts - centre) @ e2, (pts - centre) @ e1)
    ordered = pts[np.argsort(angle)]
    return np.vstack([ordered, ordered[:1]])


def line_in_box(w, c, xrange, yrange):
    """End points (2 × 2) of the segment of the line ``w·p + c = 0`` inside the rectangle, or an
    empty array when it misses it (or ``w`` is zero)."""
    w = np.asarray(w, float)
    (x0, x1), (y0, y1) = xrange, yrange
    pts = []
    if w[1] != 0:
        for x in (x0, x1):
            y = -(c + w[0] * x) / w[1]
            if y0 - 1e-12 <= y <= y1 + 1e-12:
                pts.append((x, y))
    if w[0] != 0:
        for y in (y0, y1):
            x = -(c + w[1] * y) / w[0]
            if x0 - 1e-12 <= x <= x1 + 1e-12:
                pts.append((x, y))
    if len(pts) < 2:
        return np.zeros((0, 2))
    pts = np.array(pts)
    d = np.linalg.norm(pts[:, None] - pts[None], axis=2)
    i, j = np.unravel_index(d.argmax(), d.shape)
    return pts[[i, j]] if d[i, j] > 0 else np.zeros((0, 2))


def _join(parts, width):
    """Polylines (arrays) joined with NaN rows between them."""
    rows = []
    for p in parts:
        if len(p):
            rows += [p, np.full((1, width), np.nan)]
    return np.vstack(rows) if rows else np.zeros((0, width))


# -- everything a picture needs --------------------------------------------------------------------------
@dataclass
class Panel:
    """One space as drawn: all coordinates are the picture's (x, y)."""

    space: int  # 0: the input features, k: hidden layer k
    width: int  # coordinates (features or neurons) of the space
    view: View
    three_d: bool
    points: np.ndarray  # data points
    mesh: np.ndarray  # the mapped mesh, NaN rows between polylines
    mesh_class: np.ndarray  # the class the network predicts for each mesh point (-1 at breaks)
    lines: np.ndarray  # the next layer's neurons: zero lines (or plane outlines), NaN-separated
    boundary: np.ndarray  # the output's separating line (or plane outline) in the last space
    boundary_fill: bool  # the boundary is a plane polygon (fill it)
    box: np.ndarray  # 3-D: the box's edges
    axis_tips: np.ndarray  # 3-D: where the axis names go (3 × 2)
    xrange: tuple
    yrange: tuple
    is_last: bool
    labels: np.ndarray  # class of each data point
    line_accuracy: float | None = None  # share of data points on their class's side of the output line
    extra: dict = field(default_factory=dict)


def _range(*arrays, pad=0.08):
    """Equal-span x and y ranges around the finite points of ``arrays`` (n × 2 each)."""
    pts = np.vstack([a for a in arrays if len(a)] or [np.zeros((1, 2))])
    pts = pts[np.isfinite(pts).all(axis=1)]
    if not len(pts):
        pts = np.zeros((1, 2))
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    centre, half = (lo + hi) / 2, max(float((hi - lo).max()), 1e-3) / 2 * (1 + pad)
    return (centre[0] - half, centre[0] + half), (centre[1] - half, centre[1] + half)


def _mesh_stages(W, b, activation, mesh_values, residual):
    """``stage_points`` for mesh polylines: NaN rows (breaks) stay NaN."""
    ok = np.isfinite(mesh_values).all(axis=1)
    parts = stage_points(W, b, activation, mesh_values[ok], residual=residual)
    full = [np.full((len(mesh_values), p.shape[1]), np.nan) for p in parts]
    for f, p in zip(full, parts):
        f[ok] = p
    return full


def _predicted_class(logits):
    breaks = ~np.isfinite(logits).all(axis=1)
    z = np.nan_to_num(logits)
    cls = (z[:, 0] > 0).astype(int) if z.shape[1] == 1 else z.argmax(axis=1)
    return np.where(breaks, -1, cls)


def panels(weights, activation, X2d, y, mesh, t: float = 3.0, *, features=("x1", "x2"), residual=False,
           views=None, previous=None, camera=None, edge_on_output=False, shown=None):
    """The pictures of the network's spaces at stage ``t``: a list of ``Panel``.

    Hidden layer k morphs from its input (space k − 1, t = 0) to its output (t = 3); the input
    space (0) does not move. ``X2d``, ``y``: data points of the plane and their classes;
    ``mesh``: polylines of the plane (``mesh_lines``), coloured by the class the network
    predicts. ``views`` maps a space to a view spec (``resolve_view``), ``previous`` to the last
    frame's ``View`` (keeps PCA signs steady). 3-D views are drawn by ``camera`` (2 × 3, default
    ``turntable()``); ``edge_on_output`` looks along the output's separating plane instead.
    ``shown``: the spaces to draw (default all). Lines and planes belong to a layer's output
    space, so they are drawn at t = 3 only, and only in exact views."""
    views, previous = views or {}, previous or {}
    hidden = len(weights) - 1
    shown = list(range(hidden + 1)) if shown is None else list(shown)
    for s in shown:
        next_layer(weights, s)  # a message for a layer that does not exist
    data = forward(weights, activation, feature_matrix(X2d, features), residual=residual)
    grid = map_through(weights, activation, mesh, features, residual=residual)
    mesh_class = _predicted_class(grid[-1])
    y = np.asarray(y)
    final = t >= STAGE_COUNT
    out = []
    for s in shown:
        width = data[s].shape[1]
        view = resolve_view(s, width, views.get(s), data[s], previous.get(s), features)
        if s == 0:
            d_stages, m_stages = [data[0]], [grid[0]]
        else:
            W, b = weights[s - 1]["W"], weights[s - 1]["b"]
            d_stages = stage_points(W, b, activation, data[s - 1], residual=residual)
            m_stages = _mesh_stages(W, b, activation, grid[s - 1], residual)
        tt = 0.0 if s == 0 else t
        v_points, v_mesh = view.apply(interpolate(d_stages, tt)), view.apply(interpolate(m_stages, tt))
        Wn, bn = next_layer(weights, s)
        planes = view.hyperplanes(Wn, bn) if view.exact and final else None
        is_last = s == hidden
        panel = dict(space=s, width=width, view=view, three_d=view.dims == 3, is_last=is_last,
                     box=np.zeros((0, 2)), axis_tips=np.zeros((0, 2)), extra={})
        if view.dims == 3:  # a box around the data; the mesh is cut where it leaves the box
            lo, hi = v_points.min(axis=0), v_points.max(axis=0)
            margin = 0.06 * np.maximum(hi - lo, 1e-3)
            lo, hi = lo - margin, hi + margin
            v_mesh = np.where(((v_mesh >= lo) & (v_mesh <= hi)).all(axis=1)[:, None], v_mesh, np.nan)
            cam = camera if camera is not None else turntable()
            if edge_on_output and is_last and planes is not None:
                cam = edge_on(planes[0][0])
            polys = [plane_in_box(planes[0][j], planes[1][j], lo, hi) for j in range(len(bn))] if planes else []
            tips = np.array([[hi[0], lo[1], lo[2]], [lo[0], hi[1], lo[2]], [lo[0], lo[1], hi[2]]])
            tips = tips + 0.1 * (tips - lo)
            box = box_edges(lo, hi) @ cam.T
            panel.update(points=v_points @ cam.T, mesh=v_mesh @ cam.T, box=box, axis_tips=tips @ cam.T,
                         boundary_fill=True, extra={"camera": cam})
            flat = [p @ cam.T for p in polys]
            xr, yr = _range(box, panel["points"])
        else:
            panel.update(points=v_points, mesh=v_mesh, boundary_fill=False)
            # the frame holds the data and follows the morph: each stage well framed, straight in between
            ranges = [_range(view.apply(d), pad=0.12) for d in d_stages]
            xr, yr = (tuple(interpolate([np.array(r[axis]) for r in ranges], tt)) for axis in (0, 1))
            flat = [line_in_box(planes[0][j], planes[1][j], xr, yr) for j in range(len(bn))] if planes else []
        boundary = flat[0] if is_last and flat else np.zeros((0, 2))
        lines = _join([] if is_last else flat, 2)
        accuracy = None
        if is_last and len(y) and Wn.shape[0] == 1:
            z = data[s] @ Wn.T + bn
            accuracy = float(((z[:, 0] > 0).astype(int) == y).mean())
        out.append(Panel(mesh_class=mesh_class, lines=lines, boundary=boundary, xrange=xr, yrange=yr,
                         labels=y, line_accuracy=accuracy, **panel))
    return out


# -- hand-set weights ----------------------------------------------------------------------------------
HAND_PRESETS = {
    "identity": ("do nothing: W = I, b = 0", [[1, 0], [0, 1]], [0, 0]),
    "rotate": ("rotate by 45°", [[0.7, -0.7], [0.7, 0.7]], [0, 0]),
    "stretch": ("stretch h₁, squash h₂", [[2, 0], [0, 0.5]], [0, 0]),
    "xor-fold": ("the textbook XOR fold: h = ReLU(x₁ + x₂, x₁ + x₂ − 1)", [[1, 1], [1, 1]], [0, -1]),
}


def hand_preset(name: str):
    """``(W, b)`` of a named hand-set 2 × 2 layer (see ``HAND_PRESETS``)."""
    if name not in HAND_PRESETS:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(HAND_PRESETS)}")
    _, W, b = HAND_PRESETS[name]
    return np.array(W, float), np.array(b, float)


def best_line(H, y, *, l2: float = 1e-3, iterations: int = 60):
    """The line ``w·h + c = 0`` that best separates classes ``y`` (0/1) of points ``H`` (n × d):
    logistic regression (Newton's method, a tiny L2 penalty so that separable data give a finite
    answer). Returns ``(w, c, accuracy)``, accuracy being the share of points on their class's
    side (``w·h + c > 0`` for class 1)."""
    H, y = np.asarray(H, float), np.asarray(y, float)
    n, d = H.shape
    if n == 0 or len(np.unique(y)) < 2:
        return np.zeros(d), (1.0 if n and y[0] == 1 else -1.0), 1.0
    mu, sd = H.mean(axis=0), H.std(axis=0)
    sd = np.where(sd > 1e-12, sd, 1.0)
    X = np.hstack([(H - mu) / sd, np.ones((n, 1))])
    beta = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 0.5 * (1 + np.tanh(0.5 * (X @ beta)))
        grad = X.T @ (p - y) / n + penalty * beta
        hess = (X * (p * (1 - p))[:, None]).T @ X / n + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    w = beta[:d] / sd
    c = float(beta[d] - (beta[:d] * mu / sd).sum())
    accuracy = float((((H @ w + c) > 0) == (y == 1)).mean())
    return w, c, accuracy


def hand_weights(W, b, out_w, out_c):
    """A 2-input, one-hidden-layer network's weights in ``probes.weights`` form."""
    return [{"W": np.asarray(W, float), "b": np.asarray(b, float)},
            {"W": np.asarray(out_w, float).reshape(1, -1), "b": np.array([float(out_c)])}]
