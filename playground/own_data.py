"""A learner's own 2-D points, read from a CSV file (TensorFlow Playground's most requested feature).

    own = read_csv(open("points.csv", "rb").read())
    Session(Config(dataset="own", problem=own.kind, classes=own.n_classes, n_points=len(own.y)),
            data=PointsSource(own))

The file has the columns ``x1, x2, label`` and optionally ``split`` (``train`` or ``test``), with or
without a header line: exactly what the Playground's "data.csv" download holds, so a download
loads again. A header may name the label column ``label``, ``value``, ``class``, ``y`` or ``target``
and may put the columns in any order; the separator may be a comma, a semicolon or a tab.

Labels that are all whole numbers with at most ``MAX_CLASSES`` different values are classes (their
values in increasing order become classes 0, 1, ...: TensorFlow Playground's -1 and 1 become 0
(orange) and 1 (blue)); other labels are values to predict (regression), divided by their largest
size when it is above 1 so that they lie in [-1, 1] as the Playground's own regression sets do.
Without a ``split`` column the config's ``train_fraction`` and ``seed`` split the points.

Every malformed file is a ``SettingError`` saying what is wrong and where (its strings are in
``playground.i18n.playground``): not text, too large, wrong columns, a row of another length, text
or a non-finite number where a number belongs, too few or too many rows, one class only, a bad
``split`` value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground import data as datasets
from playground.errors import SettingError

OWN = "own"  # the dataset name of a learner's own points (``Config.dataset``)
MAX_ROWS = 2000  # as many points as the Playground generates at most (config.MAX_POINTS)
MIN_ROWS = 4
MAX_CLASSES = 8
MAX_BYTES = 1_000_000
LABEL_NAMES = ("label", "value", "class", "y", "target")
SPLITS = ("train", "test")


@dataclass(frozen=True, eq=False)
class OwnData:
    """Points read from a file: ``X`` (n × 2), ``y`` (classes 0..K-1, or values), what they are."""

    X: np.ndarray
    y: np.ndarray
    kind: str  # "binary", "multiclass" or "regression"
    n_classes: int  # 1 for regression
    train_idx: np.ndarray | None  # the file's split, or None (split by the config)
    classes: tuple = ()  # the file's label of each class, e.g. (-1, 1)
    scale: float = 1.0  # the file's values were divided by this (regression)

    @property
    def bounds(self) -> tuple:
        """A square of the plane that holds every point with a margin (both axes alike)."""
        lo, hi = float(self.X.min()), float(self.X.max())
        pad = max(hi - lo, 1e-3) * 0.08
        return lo - pad, hi + pad

    def points(self, config):
        """``(X, y, train_idx, test_idx)`` for a session of ``config``."""
        if self.train_idx is None:
            train, test = datasets.split(self.y, config.train_fraction, seed=np.random.default_rng(config.seed))
        else:
            train = self.train_idx
            test = np.setdiff1d(np.arange(len(self.y)), train)
        return self.X.copy(), self.y.copy(), train.copy(), test.copy()

    def config_changes(self) -> dict:
        """What a ``Config`` needs to hold these points: ``Config().replace(**own.config_changes())``."""
        return dict(dataset=OWN, problem=self.kind, classes=max(self.n_classes, 2), n_points=len(self.y))


class PointsSource:
    """A session's data source (``Session(data=...)``): the config's generated dataset, or the
    learner's own points when ``config.dataset == "own"``."""

    def __init__(self, own: OwnData | None = None):
        self.own = own

    def __call__(self, config):
        from playground.session import generated_data
        if config.dataset != OWN:
            return generated_data(config)
        if self.own is None:
            raise SettingError("own.no_file", "dataset")
        return self.own.points(config)

    def bounds(self, config) -> tuple:
        return self.own.bounds if config.dataset == OWN and self.own is not None else datasets.DATASETS[
            config.dataset].bounds


def _text(raw) -> str:
    if isinstance(raw, str):
        return raw
    if len(raw) > MAX_BYTES:
        raise SettingError("own.too_large", None, size=len(raw), limit=MAX_BYTES)
    if b"\0" in raw[:4096]:
        raise SettingError("own.not_text", None)
    for encoding in ("utf-8-sig", "cp949", "latin-1"):  # Korean Excel saves CSV in cp949
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SettingError("own.not_text", None)  # pragma: no cover (latin-1 decodes every byte)


def _separator(line: str) -> str:
    return max((",", ";", "\t"), key=line.count)


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _columns(first: list[str]) -> tuple[dict, bool]:
    """Which column holds x1, x2, label and split, and whether the first row is a header."""
    if all(_is_number(v) for v in first[:2]):
        if len(first) not in (3, 4):
            raise SettingError("own.columns", None, found=len(first))
        return dict(zip(("x1", "x2", "label", "split"), range(len(first)))), False
    names = [v.strip().strip('"').lower() for v in first]
    where = {}
    for i, name in enumerate(names):
        key = "label" if name in LABEL_NAMES else name
        if key not in ("x1", "x2", "label", "split") or key in where:
            raise SettingError("own.header", None, text=", ".join(first))
        where[key] = i
    if not {"x1", "x2", "label"} <= set(where):
        raise SettingError("own.header", None, text=", ".join(first))
    return where, True


def read_csv(raw: bytes | str) -> OwnData:
    """The points of a CSV file's contents (see the module's docstring), or a ``SettingError``."""
    text = _text(raw)
    if len(text) > MAX_BYTES:
        raise SettingError("own.too_large", None, size=len(text), limit=MAX_BYTES)
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise SettingError("own.empty", None)
    sep = _separator(lines[0][1])
    rows = [(n, [v.strip() for v in line.split(sep)]) for n, line in lines]
    where, header = _columns(rows[0][1])
    rows = rows[1:] if header else rows
    if len(rows) > MAX_ROWS:
        raise SettingError("own.too_many", None, rows=len(rows), limit=MAX_ROWS)
    if len(rows) < MIN_ROWS:
        raise SettingError("own.too_few", None, rows=len(rows), least=MIN_ROWS)
    width = len(where)
    numbers, splits = np.empty((len(rows), 3)), []
    for r, (line_no, values) in enumerate(rows):
        if len(values) != width:
            raise SettingError("own.row_length", None, line=line_no, found=len(values), expected=width)
        for c, name in enumerate(("x1", "x2", "label")):
            value = values[where[name]].strip('"')
            try:
                number = float(value)
            except ValueError:
                raise SettingError("own.not_number", None, line=line_no, column=name, text=value) from None
            if not np.isfinite(number):
                raise SettingError("own.not_finite", None, line=line_no, column=name, text=value)
            numbers[r, c] = number
        if "split" in where:
            s = values[where["split"]].strip('"').lower()
            if s not in SPLITS:
                raise SettingError("own.bad_split", None, line=line_no, text=s)
            splits.append(s == "train")
    X, labels = numbers[:, :2], numbers[:, 2]
    train_idx = None
    if splits:
        train_idx = np.flatnonzero(splits)
        if len(train_idx) == 0:
            raise SettingError("own.no_train", None)
    return _with_labels(X, labels, train_idx)


def _with_labels(X, labels, train_idx) -> OwnData:
    values = np.unique(labels)
    whole = bool(np.all(labels == np.round(labels)))
    if whole and len(values) == 1:
        raise SettingError("own.one_class", None, label=f"{values[0]:g}")
    if whole and len(values) <= MAX_CLASSES:
        y = np.searchsorted(values, labels)
        kind = "binary" if len(values) == 2 else "multiclass"
        return OwnData(X, y, kind, len(values), train_idx, tuple(float(v) for v in values))
    scale = max(float(np.abs(labels).max()), 1.0)
    return OwnData(X, labels / scale, "regression", 1, train_idx, scale=scale)
