"""The canvas panel kit (views/panels.py): what Python sends is what the readers decode, panels hide
and keep their data between frames, and the page's messages (clicks, drawings) reach the listeners
(malformed ones are ignored)."""

from __future__ import annotations

import numpy as np
import pytest

from playground.views.panels import Brush, Panel, Panels, bars, curves, grid, symmetric, tiles


def make():
    return Panels({"a": Panel("A", 100, 100, draw=Brush(1.0)), "b": Panel("B", 80, 80, click=True),
                   "c": Panel("C", 200, 90), "d": Panel("D", 200, 90)}, rows=[["a", "b"], ["c", "d"]])


def test_the_spec_names_every_panel_in_its_row():
    p = make()
    assert p.spec["rows"] == [["a", "b"], ["c", "d"]]
    assert p.spec["panels"]["a"] == dict(title="A", width=100, height=100, click=False, draw=dict(radius=1.0))
    assert p.spec["panels"]["b"]["click"] and "draw" not in p.spec["panels"]["b"]
    assert set(p.spec["colors"]) >= {"gray", "diverging", "blues"}
    p.retitle({"a": "Eingabe"})
    assert p.spec["panels"]["a"]["title"] == "Eingabe" and p.panels["a"].draw == Brush(1.0)


def test_what_is_sent_is_what_the_readers_give_back():
    p = make()
    x = np.arange(12, dtype=float).reshape(3, 4)
    stack = np.random.default_rng(0).normal(size=(5, 3, 3))
    p.show(a=grid(x, lo=0, hi=11, box=(0, 1, 2, 3), mark=(1, 1), pad=1, seq=4),
           b=tiles(stack, labels=list("vwxyz"), columns=3),
           c=bars(["0", "1"], [("cnn", "#000000", [0.2, 0.8]), ("mlp", "#ffffff", [0.5, 0.5])], mark=1),
           d=curves([("loss", "#333333", [0, 1, 2], [3.0, 2.0, 1.0], False)], lo=0, xlabel="epoch"))
    np.testing.assert_array_equal(p.values("a"), x)
    a = p.data("a")
    assert (a["box"], a["mark"], a["pad"], a["seq"], a["lo"], a["hi"]) == ([0, 1, 2, 3], [1, 1], 1, 4, 0, 11)
    np.testing.assert_allclose(p.values("b"), stack, rtol=1e-6)
    b = p.data("b")
    assert b["labels"] == list("vwxyz") and b["columns"] == 3
    assert b["hi"] == pytest.approx([float(np.abs(t).max()) for t in stack], rel=1e-6)  # each tile its own range
    np.testing.assert_allclose(p.series("c")["cnn"], [0.2, 0.8], rtol=1e-6)
    x_, y_ = p.series("d")["loss"]
    assert x_.tolist() == [0, 1, 2] and y_.tolist() == [3, 2, 1]
    assert p.frame["id"] == p.frames == 1


def test_panels_keep_their_data_and_none_hides_one():
    p = make()
    p.show(a=grid(np.zeros((2, 2))), b=grid(np.ones((2, 2))))
    p.show(b=None)
    assert set(p.frame["panels"]) == {"a"} and p.data("b") is None
    p.show(b=grid(np.ones((3, 3))))
    assert set(p.frame["panels"]) == {"a", "b"} and p.values("b").shape == (3, 3)
    with pytest.raises(ValueError, match="no panel \\['z'\\]"):
        p.show(z=grid(np.zeros((1, 1))))
    with pytest.raises(ValueError, match="2-D"):
        grid(np.zeros(3))
    assert symmetric([-2, 1]) == (-2, 2) and symmetric([0, 0]) == (-1e-6, 1e-6)


def test_non_finite_ranges_are_sent_as_numbers():
    g = grid(np.array([[np.nan, 1.0]]), lo=float("-inf"), hi=float("nan"))
    assert (g["lo"], g["hi"]) == (0.0, 0.0)


def test_clicks_and_drawings_reach_the_listeners_and_junk_does_not():
    p = make()
    cells, drawings = [], []
    p.on_cell(lambda *args: cells.append(args))
    p.on_draw(lambda name, values, done, seq: drawings.append((name, values.copy(), done, seq)))
    p._handle_message(p, {"type": "cell", "panel": "b", "r": 2, "c": 3, "tile": -1})
    p._handle_message(p, {"type": "draw", "panel": "a", "rows": 2, "cols": 2, "values": [0, 0.5, 2, float("nan")],
                          "done": True, "seq": 7})
    assert cells == [("b", 2, 3, -1)]
    name, values, done, seq = drawings[0]
    assert name == "a" and done and seq == 7
    np.testing.assert_array_equal(values, [[0, 0.5], [1, 0]])  # clipped to [0, 1], NaN is paper
    for junk in ("x", None, {"type": "cell", "panel": "nope", "r": 0, "c": 0}, {"type": "cell", "panel": "b"},
                 {"type": "draw", "panel": "b", "rows": 1, "cols": 1, "values": [1]},  # b cannot be drawn on
                 {"type": "draw", "panel": "a", "rows": 100, "cols": 100, "values": [0] * 10_000},
                 {"type": "draw", "panel": "a", "rows": 2, "cols": 2, "values": [1, 2, 3]}, {"type": "zap", "panel": "a"}):
        p._handle_message(p, junk)
    assert len(cells) == 1 and len(drawings) == 1


def test_a_panel_s_version_moves_only_when_its_data_changes():
    p = make()
    p.show(a=grid(np.zeros((2, 2))), b=grid(np.ones((2, 2))))
    assert (p.data("a")["ver"], p.data("b")["ver"]) == (1, 1)
    p.show(a=grid(np.zeros((2, 2))), b=grid(np.full((2, 2), 2.0)))
    assert (p.data("a")["ver"], p.data("b")["ver"]) == (1, 2)  # the page redraws b only
    p.show(a=None)
    p.show(a=grid(np.zeros((2, 2))))
    assert p.data("a")["ver"] == 2
