"""The network drawn as a graph: where each neuron's tile goes (the page draws the tiles and the
links between them, see ``playground_canvas.js``)."""

from __future__ import annotations

import numpy as np


class NetworkLayout:
    """Tiles of ``tile``×``tile`` pixels, one column per layer (inputs, hidden layers, output)."""

    def __init__(self, sizes):
        self.sizes = tuple(sizes)
        widest = max(self.sizes)
        self.tile = 18 if widest <= 8 else max(6, 144 // widest)
        self.gap_y = max(2, self.tile // 3)
        self.gap_x = self.tile * 3 if len(self.sizes) <= 6 else self.tile * 2
        self.height = widest * (self.tile + self.gap_y) - self.gap_y
        self.width = len(self.sizes) * (self.tile + self.gap_x) - self.gap_x
        self.origins = []  # per layer: (n, 2) top-left pixel of each tile
        for col, n in enumerate(self.sizes):
            span = n * (self.tile + self.gap_y) - self.gap_y
            top = (self.height - span) // 2
            ys = top + np.arange(n) * (self.tile + self.gap_y)
            self.origins.append(np.column_stack([np.full(n, col * (self.tile + self.gap_x)), ys]))
