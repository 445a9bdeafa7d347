"""Colour-blind-safe colours and a tiny PNG encoder for images drawn from arrays."""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np

ORANGE, BLUE, WHITE = "#f59322", "#0877bd", "#ffffff"  # TensorFlow Playground's pair: safe for the common colour blindnesses
# Okabe & Ito's palette for more classes (class 0 and 1 keep orange and blue).
CLASS_COLORS = [ORANGE, BLUE, "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"]
CLASS_SYMBOLS = ["circle", "diamond", "square", "triangle-up", "cross", "x", "star", "hexagon"]
DIVERGING = [[0.0, ORANGE], [0.5, "#e8eaeb"], [1.0, BLUE]]  # value -1 (or 0) .. +1 (or 1)
SURFACE = [[0.0, "#f9be84"], [0.5, "#f2f2f2"], [1.0, "#8dbde0"]]  # lighter, so saturated points stand out


def hex_rgb(color: str) -> np.ndarray:
    return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], float)


_O, _W, _B = hex_rgb(ORANGE), hex_rgb("#e8eaeb"), hex_rgb(BLUE)


_LEVELS = np.linspace(-1, 1, 255)[:, None]
_LUT = np.vstack([np.where(_LEVELS < 0, _W + (_O - _W) * -_LEVELS, _W + (_B - _W) * _LEVELS), [[255, 255, 255]]]).astype(np.uint8)


def diverging_rgb(values) -> np.ndarray:
    """Map values in [-1, 1] (clipped) to orange-grey-blue RGB bytes (255 levels); NaN becomes white."""
    v = np.asarray(values, np.float32)
    idx = np.rint((np.clip(np.nan_to_num(v), -1, 1) + 1) * 127).astype(np.intp)
    idx[np.isnan(v)] = 255
    return _LUT[idx]


def png_data_uri(rgb: np.ndarray) -> str:
    """Encode an (h, w, 3) uint8 array as a PNG ``data:`` URI (no imaging library needed)."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[i].tobytes() for i in range(h))

    def chunk(tag, payload):
        return struct.pack(">I", len(payload)) + tag + payload + struct.pack(">I", zlib.crc32(tag + payload) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode()
