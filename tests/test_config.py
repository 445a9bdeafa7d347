"""Config: validation messages, query-string round trips, dataset switches, presets."""

import math
import re

import pytest
from hypothesis import given, settings, strategies as st

from playground import config as cfg
from playground.config import (ACTIVATIONS, INITS, LOSSES, MAX_LAYERS, MAX_POINTS, MAX_WIDTH, OPTIMIZERS, PRESETS,
                               PROBLEMS, REGS, Config, preset)
from playground.data import DATASETS, FEATURES


def allowed(values):
    """A regex matching the 'choose one of a, b, c' list of a message."""
    return re.escape(", ".join(map(str, values)))


# -- every field: bad type, out of range, unknown choice -----------------------------------------
RANGE_ERRORS = [
    # field, bad values, pattern naming the field and what is allowed
    ("n_points", [3, MAX_POINTS + 1, -5, 1.5, "500", True, None], r"n_points=.*whole number from 4 to 2000"),
    ("noise", [-0.01, 0.51, math.nan, math.inf, "0.1", True, None], r"noise=.*number from 0 to 0\.5"),
    ("train_fraction", [0.05, 0.95, 0, 1, "0.5", False], r"train_fraction=.*number from 0\.1 to 0\.9"),
    ("seed", [-1, 2**31, 1.0, "0", True], r"seed=.*whole number from 0 to 2147483647"),
    ("dropout", [-0.1, 0.91, 1, "0", math.nan], r"dropout=.*number from 0 to 0\.9"),
    ("lr", [0, 1e-8, 100.5, -0.1, math.nan, math.inf, "0.03", None], r"lr \(learning rate\)=.*number from 1e-07 to 100"),
    ("batch_size", [0, MAX_POINTS + 1, 2.5, "10", True], r"batch_size=.*whole number from 1 to 2000"),
    ("reg_rate", [-0.001, 10.5, math.nan, "0"], r"reg_rate=.*number from 0 to 10"),
]


@pytest.mark.parametrize("field, bad, pattern", RANGE_ERRORS, ids=[r[0] for r in RANGE_ERRORS])
def test_number_fields_reject_bad_type_and_range(field, bad, pattern):
    for value in bad:
        with pytest.raises(ValueError, match=pattern):
            Config(**{field: value})


CHOICE_ERRORS = [
    ("dataset", ["nope", 3, None, "Circle"], DATASETS),
    ("activation", ["softmax", None, 1, "ReLU"], ACTIVATIONS),
    ("init", ["zeros", None, 0.5], INITS),
    ("optimizer", ["sgd2", "Adam", None], OPTIMIZERS),
    ("reg", ["l3", None, 0], REGS),
]


@pytest.mark.parametrize("field, bad, choices", CHOICE_ERRORS, ids=[r[0] for r in CHOICE_ERRORS])
def test_choice_fields_name_the_allowed_values(field, bad, choices):
    for value in bad:
        with pytest.raises(ValueError, match=rf"{field}.*=.*not allowed; choose one of {allowed(tuple(choices))}"):
            Config(**{field: value})


def test_problem_unknown_choice():
    with pytest.raises(ValueError, match=rf"problem='nope' is not allowed; choose one of {allowed(PROBLEMS)}"):
        Config(problem="nope")


@pytest.mark.parametrize("field", ["batch_norm", "residual"])
def test_bool_fields(field):
    for value in (1, 0, "yes", None, "maybe"):
        with pytest.raises(ValueError, match=rf"{field}=.*must be True or False"):
            Config(**{field: value})
    assert getattr(Config(**{field: True}), field) is True


def test_features_errors():
    for value in [("x3",), ("x1", "X2"), (1,)]:
        with pytest.raises(ValueError, match=rf"features=.*choose one of {allowed(tuple(FEATURES))}"):
            Config(features=value)
    for value in [(), ("x1", "x1")]:
        with pytest.raises(ValueError, match=rf"features=.*one or more distinct of {allowed(tuple(FEATURES))}"):
            Config(features=value)
    # a wrong type is a ValueError naming the field, not a TypeError from tuple()
    for value in [None, 3]:
        with pytest.raises(ValueError, match=r"features=.*" + re.escape(", ".join(FEATURES))):
            Config(features=value)
    assert Config(features=["x1", "x1x2"]).features == ("x1", "x1x2")  # lists are normalised


def test_hidden_errors():
    for value in [(0,), (MAX_WIDTH + 1,), (4, 2.5), ("4",), (True,), (-1,)]:
        with pytest.raises(ValueError, match=r"hidden \(neurons per layer\)=.*whole number from 1 to 64"):
            Config(hidden=value)
    with pytest.raises(ValueError, match=rf"hidden=.*at most {MAX_LAYERS} hidden layers"):
        Config(hidden=(1,) * (MAX_LAYERS + 1))
    for value in [4, None]:
        with pytest.raises(ValueError, match=r"hidden=.*whole numbers from 1 to 64"):
            Config(hidden=value)
    assert Config(hidden=[3, 3]).hidden == (3, 3)
    assert Config(hidden=(MAX_WIDTH,) * MAX_LAYERS).layer_sizes == (2, *(MAX_WIDTH,) * MAX_LAYERS, 1)


# -- cross-field rules ------------------------------------------------------------------------------
@pytest.mark.parametrize("dataset, bad_problems, fits", [
    ("circle", ["regression"], ("binary", "multiclass")),
    ("blobs", ["binary", "regression"], ("multiclass",)),
    ("spiral3", ["binary", "regression"], ("multiclass",)),
    ("plane", ["binary", "multiclass"], ("regression",)),
    ("gate_xor", ["regression"], ("binary", "multiclass")),
])
def test_problem_must_fit_the_dataset(dataset, bad_problems, fits):
    for problem in bad_problems:
        loss = LOSSES[problem][0]
        with pytest.raises(ValueError, match=rf"problem='{problem}' is not allowed for dataset '{dataset}'; "
                                             rf"choose one of {allowed(fits)}"):
            Config(dataset=dataset, problem=problem, loss=loss)
    for problem in fits:
        for loss in LOSSES[problem]:
            assert Config(dataset=dataset, problem=problem, loss=loss).problem == problem


@pytest.mark.parametrize("problem, dataset", [("binary", "circle"), ("multiclass", "blobs"), ("regression", "plane")])
def test_loss_must_fit_the_problem(problem, dataset):
    for loss in {"bce", "mse", "ce", "mae", "hinge"} - set(LOSSES[problem]):
        with pytest.raises(ValueError, match=rf"loss \(for a {problem} problem\)='{loss}' is not allowed; "
                                             rf"choose one of {allowed(LOSSES[problem])}"):
            Config(dataset=dataset, problem=problem, loss=loss)


def test_batch_norm_needs_two_points_per_batch():
    with pytest.raises(ValueError, match=r"batch_size=1 is not allowed with batch norm.*at least 2"):
        Config(batch_norm=True, batch_size=1)
    assert Config(batch_norm=True, batch_size=2).batch_size == 2
    assert Config(batch_norm=False, batch_size=1).batch_size == 1


def test_derived_sizes():
    assert Config().layer_sizes == (2, 4, 2, 1)
    c = Config().replace(dataset="blobs", features=("x1", "x2", "x1x2"), hidden=(5,))
    assert (c.n_classes, c.n_outputs, c.layer_sizes) == (3, 3, (3, 5, 3))
    c = Config(problem="multiclass", loss="ce")  # a binary dataset as two classes with softmax
    assert (c.n_classes, c.n_outputs) == (2, 2)
    assert Config().replace(dataset="plane").layer_sizes == (2, 4, 2, 1)


# -- replace ------------------------------------------------------------------------------------------
def test_replace_switches_problem_and_loss_with_the_dataset():
    c = Config().replace(dataset="blobs")
    assert (c.problem, c.loss) == ("multiclass", "ce")
    c = Config().replace(dataset="plane")
    assert (c.problem, c.loss) == ("regression", "mse")
    c = Config().replace(dataset="blobs").replace(dataset="plane")
    assert (c.problem, c.loss) == ("regression", "mse")
    c = Config(loss="mse").replace(dataset="blobs")  # mse exists for multi-class: kept
    assert (c.problem, c.loss) == ("multiclass", "mse")
    c = Config().replace(dataset="xor")  # binary to binary: unchanged
    assert (c.problem, c.loss) == ("binary", "bce")
    c = Config().replace(dataset="plane").replace(dataset="circle")
    assert c.problem == "binary" and c.loss in LOSSES["binary"]
    # explicit problem and loss win
    c = Config().replace(dataset="spiral", problem="multiclass", loss="mse")
    assert (c.problem, c.loss) == ("multiclass", "mse")


def test_replace_rejects_unknown_fields_and_bad_values():
    with pytest.raises(ValueError, match=r"unknown setting\(s\) learning_rate; known: dataset, n_points"):
        Config().replace(learning_rate=0.1)
    with pytest.raises(ValueError, match=rf"dataset='nope' is not allowed; choose one of {allowed(tuple(DATASETS))}"):
        Config().replace(dataset="nope")


def test_config_is_frozen_and_diff():
    c = Config()
    with pytest.raises(Exception):
        c.lr = 1.0
    assert c.diff(c.replace(lr=0.1, hidden=(3,))) == {"lr", "hidden"}
    assert c.diff(Config()) == set()


# -- query strings ------------------------------------------------------------------------------------
_POSITIVE_KIND = {"binary": ("binary", "multiclass"), "multiclass": ("multiclass",), "regression": ("regression",)}


@st.composite
def configs(draw):
    dataset = draw(st.sampled_from(tuple(DATASETS)))
    problem = draw(st.sampled_from(_POSITIVE_KIND[DATASETS[dataset].kind]))
    batch_norm = draw(st.booleans())
    return Config(
        dataset=dataset,
        n_points=draw(st.integers(4, MAX_POINTS)),
        noise=draw(st.floats(0, 0.5)),
        train_fraction=draw(st.floats(0.1, 0.9)),
        seed=draw(st.integers(0, 2**31 - 1)),
        features=tuple(draw(st.lists(st.sampled_from(tuple(FEATURES)), min_size=1, max_size=len(FEATURES), unique=True))),
        hidden=tuple(draw(st.lists(st.integers(1, MAX_WIDTH), max_size=MAX_LAYERS))),
        activation=draw(st.sampled_from(ACTIVATIONS)),
        init=draw(st.sampled_from(INITS)),
        batch_norm=batch_norm,
        dropout=draw(st.floats(0, 0.9)),
        residual=draw(st.booleans()),
        problem=problem,
        loss=draw(st.sampled_from(LOSSES[problem])),
        optimizer=draw(st.sampled_from(OPTIMIZERS)),
        lr=draw(st.floats(1e-7, 100)),
        batch_size=draw(st.integers(2 if batch_norm else 1, MAX_POINTS)),
        reg=draw(st.sampled_from(REGS)),
        reg_rate=draw(st.floats(0, 10)),
    )


@settings(max_examples=300, deadline=None, database=None)
@given(configs())
def test_query_round_trip(c):
    q = c.to_query()
    back = Config.from_query(q)
    assert back == c
    assert back.to_query() == q
    assert Config.from_query("https://example.org/app?" + q + "#frag") == c


def test_query_examples():
    assert Config.from_query("") == Config()
    assert Config.from_query("?dataset=xor&hidden=4&activation=relu") == Config(dataset="xor", hidden=(4,), activation="relu")
    assert Config.from_query("hidden=") .hidden == ()
    assert Config.from_query("hidden=3,%203").hidden == (3, 3)
    assert Config.from_query("batch_norm=true&residual=yes").batch_norm is True
    assert Config.from_query("batch_norm=0").batch_norm is False
    assert Config.from_query("dataset=blobs").loss == "ce"  # missing fields follow the dataset
    assert Config.from_query("features=x1sq,x2sq").features == ("x1sq", "x2sq")


@pytest.mark.parametrize("query, pattern", [
    ("colour=red", r"unknown setting 'colour' in the link; known: dataset, n_points, .*reg_rate"),
    ("lr=0.1&lr=0.2", r"setting 'lr' appears twice in the link"),
    ("hidden=a,b", r"hidden='a,b' in the link is not comma-separated whole numbers"),
    ("hidden=4.5", r"hidden='4\.5' in the link is not comma-separated whole numbers"),
    ("seed=abc", r"seed='abc' in the link is not a whole number"),
    ("n_points=1e3", r"n_points='1e3' in the link is not a whole number"),
    ("lr=fast", r"lr='fast' in the link is not a number"),
    ("batch_norm=maybe", r"batch_norm='maybe' in the link is not 1 or 0"),
    ("residual=2", r"residual='2' in the link is not 1 or 0"),
    # well-formed but invalid values go through the same validation as Config(...)
    ("lr=1000", r"lr \(learning rate\)=1000\.0 is not allowed; it must be a number from 1e-07 to 100"),
    ("dataset=nope", r"dataset='nope' is not allowed; choose one of circle"),
    ("features=x1,x9", r"features='x9' is not allowed; choose one of x1, x2"),
    ("lr=nan", r"lr \(learning rate\)=nan is not allowed"),
    ("batch_norm=1&batch_size=1", r"batch_size=1 is not allowed with batch norm"),
])
def test_bad_queries(query, pattern):
    with pytest.raises(ValueError, match=pattern):
        Config.from_query(query)


# -- presets -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_builds(name):
    description, changes = PRESETS[name]
    assert description
    c = preset(name)
    for key, value in changes.items():
        assert getattr(c, key) == value
    assert Config.from_query(c.to_query()) == c
    assert preset(name, seed=7).seed == 7


def test_unknown_preset():
    with pytest.raises(ValueError, match=r"unknown preset 'nope'; choose one of tfp-default, xor-no-hidden"):
        preset("nope")


def test_preset_overrides_are_validated():
    with pytest.raises(ValueError, match=r"lr \(learning rate\)"):
        preset("blobs", lr=-1)
    assert preset("tfp-default") == Config()


def test_module_constants_are_consistent():
    assert set(LOSSES) == set(PROBLEMS)
    assert cfg.LIVE_FIELDS | cfg.DATA_FIELDS <= {f for f in Config.__dataclass_fields__}
    assert set(cfg.INIT_LABELS) == set(INITS)


# -- one query parser; fields parsed by their resolved types -------------------------------------
def test_a_links_values_are_parsed_by_the_fields_resolved_types():
    """The same parsing whether a dataclass's annotations are types or strings (``from __future__
    import annotations``): dispatching on the string form broke silently on real types."""
    import dataclasses

    from playground.config import values_from_query
    fields_ = [("n", int, 0), ("x", float, 0.0), ("on", bool, False), ("hidden", tuple, ()), ("name", str, "")]
    as_types = dataclasses.make_dataclass("AsTypes", fields_)
    assert as_types.__annotations__["n"] is int
    namespace = {}
    exec("from __future__ import annotations\nimport dataclasses\n@dataclasses.dataclass\nclass AsStrings:\n"
         + "".join(f"    {name}: {type_.__name__} = {default!r}\n" for name, type_, default in fields_), namespace)
    as_strings = namespace["AsStrings"]
    assert as_strings.__annotations__["n"] == "int"
    query = "n=3&x=0.5&on=yes&hidden=4,2&name=a+b"
    expected = dict(n=3, x=0.5, on=True, hidden=(4, 2), name="a b")
    assert values_from_query(as_types, query) == expected == values_from_query(as_strings, query)
    with pytest.raises(ValueError, match=r"n='three' in the link is not a whole number"):
        values_from_query(as_types, "n=three")


def test_a_whole_number_too_long_for_python_is_out_of_range_not_a_python_error():
    with pytest.raises(ValueError, match=r"seed='9{20}.*… is not allowed; it must be a whole number from 0 to") as err:
        Config.from_query("seed=" + "9" * 5000)  # int() refuses 4,300 digits and more with its own message
    assert "Exceeds" not in str(err.value) and err.value.field == "seed" and len(str(err.value)) < 200
    assert Config.from_query("seed=" + "0" * 30 + "7").seed == 7  # leading zeros are not digits too many
