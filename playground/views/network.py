"""The network drawn as a graph: where each neuron's tile goes, the links between them, and one
PNG mosaic holding every neuron's output map (one image per frame is far lighter than one
heatmap per neuron)."""

from __future__ import annotations

import numpy as np

from playground.views.colors import diverging_rgb, png_data_uri

LINK_WIDTHS = (0.6, 1.2, 2.2, 3.5, 5.0)
LINK_LIMITS = (0.1, 0.3, 0.7, 1.5)  # |w| above each limit takes the next width


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

    def mosaic(self, grids) -> str:
        """PNG data URI of every tile; ``grids[l]`` is (n_l, tile, tile) in [-1, 1], row 0 at the bottom."""
        values = np.full((self.height, self.width), np.nan)
        t = self.tile
        for origin, grid in zip(self.origins, grids):
            for (x0, y0), g in zip(origin, grid):
                values[y0:y0 + t, x0:x0 + t] = g[::-1]
        return png_data_uri(diverging_rgb(values))

    def links(self, weights):
        """Line segments between layers for each (width, sign) bucket: {(width, sign): (xs, ys)}.

        ``weights[l]`` is the (n_{l+1}, n_l) matrix from column l to column l+1; segments are
        separated by NaN so one scatter trace draws a whole bucket.
        """
        t, parts = self.tile, {}
        for l, W in enumerate(weights):
            src, dst = self.origins[l], self.origins[l + 1]
            W = np.nan_to_num(np.asarray(W, float))
            j, i = np.indices(W.shape).reshape(2, -1)
            w = W.ravel()
            width_idx = np.searchsorted(LINK_LIMITS, np.abs(w))
            nan = np.full(len(w), np.nan)
            xs = np.column_stack([src[i, 0] + t, dst[j, 0], nan])
            ys = np.column_stack([src[i, 1] + t / 2, dst[j, 1] + t / 2, nan])
            for k, width in enumerate(LINK_WIDTHS):
                for sign, mask in (("+", w >= 0), ("-", w < 0)):
                    pick = mask & (width_idx == k)
                    if pick.any():
                        parts.setdefault((width, sign), []).append((xs[pick].ravel(), ys[pick].ravel()))
        return {key: (np.concatenate([p[0] for p in v]), np.concatenate([p[1] for p in v])) for key, v in parts.items()}

    def hit(self, x, y):
        """``(layer, neuron)`` of the tile containing pixel ``(x, y)``, or None."""
        for l, origin in enumerate(self.origins):
            inside = (origin[:, 0] <= x) & (x < origin[:, 0] + self.tile) & (origin[:, 1] <= y) & (y < origin[:, 1] + self.tile)
            if inside.any():
                return l, int(np.argmax(inside))
        return None

    def column_centers(self):
        return [float(o[0, 0] + self.tile / 2) for o in self.origins]
