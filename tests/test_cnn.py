"""The digits CNN engine (playground/cnn.py): the data split, the two networks (their feature maps
against torch.nn.functional with their own weights, their parameter counts), reproducibility (same
seed ⇒ same curves, the global random state untouched), live and rebuilding changes, the read-outs
(confusion matrix, shift test, a drawing prepared as a digit) and refused settings."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from playground import cnn
from playground.convolution import output_size
from playground.errors import SettingError


@pytest.fixture(scope="module")
def trained():
    race = cnn.Race()
    race.train_epochs(3)
    return race


def test_the_split_is_stratified_disjoint_and_reproducible():
    Xtr, ytr, Xte, yte = cnn.split(0.6, 0)
    X, y = cnn.digits()
    assert len(ytr) + len(yte) == len(y) == 1797 and Xtr.shape[1:] == (8, 8)
    assert 0 <= X.min() and X.max() == 1
    assert np.allclose(np.bincount(ytr) / len(ytr), np.bincount(y) / len(y), atol=0.01)
    again = cnn.split(0.6, 0)
    assert all(np.array_equal(a, b) for a, b in zip((Xtr, ytr, Xte, yte), again))
    assert not np.array_equal(cnn.split(0.6, 1)[1], ytr)


@pytest.mark.parametrize("channels", [(4,), (8,), (8, 16), (16, 32)])
@pytest.mark.parametrize("kernel", cnn.KERNELS)
def test_parameter_counts_and_the_matched_mlp(channels, kernel):
    net = cnn.DigitCNN(channels, kernel)
    n = cnn.count_params(net)
    assert n == cnn.cnn_params(channels, kernel)
    mlp = cnn.DigitMLP(cnn.mlp_width(n))
    assert abs(cnn.count_params(mlp) - n) <= (64 + 1 + 10) / 2  # as close as one hidden unit allows


@pytest.mark.parametrize("pool", cnn.POOLS)
@pytest.mark.parametrize("channels, kernel", [((8, 16), 3), ((4,), 5), ((16, 8), 5)])
def test_feature_maps_are_torch_functional_with_the_nets_own_weights(channels, kernel, pool):
    race = cnn.Race(cnn.CnnConfig(channels=channels, kernel=kernel, pool=pool))
    image = race.Xte[3]
    maps = race.feature_maps(image)
    assert [name for name, _ in maps] == [f"{kind}{i}" for i in range(1, len(channels) + 1) for kind in ("conv", "pool")]
    h = torch.tensor(image)[None, None]
    side = 8
    for i, conv in enumerate(race.models["cnn"].convs, 1):
        h = F.relu(F.conv2d(h, conv.weight, conv.bias, padding=kernel // 2))
        side = output_size(side, kernel, 1, kernel // 2)
        np.testing.assert_allclose(dict(maps)[f"conv{i}"], h[0].detach().numpy(), atol=1e-6)
        assert dict(maps)[f"conv{i}"].shape == (channels[i - 1], side, side)
        h = F.max_pool2d(h, 2) if pool == "max" else F.avg_pool2d(h, 2)
        side = output_size(side, 2, 2)
        np.testing.assert_allclose(dict(maps)[f"pool{i}"], h[0].detach().numpy(), atol=1e-6)
    out = race.models["cnn"].out
    probs = torch.softmax(F.linear(h.flatten(1), out.weight, out.bias), 1)[0].detach().numpy()
    np.testing.assert_allclose(race.predict(image)["cnn"][0], probs, atol=1e-6)
    np.testing.assert_array_equal(race.filters(), race.models["cnn"].convs[0].weight.detach()[:, 0].numpy())


def test_same_seed_same_curves_and_the_global_random_state_is_left_alone():
    state = torch.get_rng_state()
    a, b = cnn.Race(cnn.CnnConfig(seed=3)), cnn.Race(cnn.CnnConfig(seed=3))
    assert torch.equal(torch.get_rng_state(), state)
    a.train_epochs(2)
    torch.manual_seed(12345)  # whatever else happens to the global generator
    b.train_epochs(2)
    assert a.history == b.history and a.steps == b.steps == 2 * a.steps_per_epoch
    other = cnn.Race(cnn.CnnConfig(seed=4))
    other.train_epochs(2)
    assert other.history["cnn_test_loss"] != a.history["cnn_test_loss"]
    first = a.history["cnn_test_loss"][0]
    a.reset()
    assert a.epoch == 0 and a.history["cnn_test_loss"] == [first]


def test_both_networks_learn_and_the_history_is_recorded_per_epoch(trained):
    h = trained.history
    assert h["epoch"] == [0, 1, 2, 3]
    for net in cnn.NETS:
        assert h[f"{net}_test_acc"][-1] > 0.8 > h[f"{net}_test_acc"][0]
        assert h[f"{net}_train_loss"][-1] < h[f"{net}_train_loss"][0]
    assert trained.images_trained == 3 * len(trained.ytr)


def test_live_changes_keep_the_weights_and_others_rebuild():
    race = cnn.Race()
    race.train_epochs(1)
    weights = race.filters().copy()
    assert race.apply(race.config.replace(lr=0.01, batch_size=64)) == "live"
    np.testing.assert_array_equal(race.filters(), weights)
    assert race.epoch == 1 and race.optimizers["cnn"].param_groups[0]["lr"] == 0.01
    assert race.apply(race.config.replace(optimizer="sgd")) == "live"
    assert isinstance(race.optimizers["mlp"], torch.optim.SGD)
    assert race.apply(race.config) == "same"
    assert race.apply(race.config.replace(kernel=5)) == "rebuilt"
    assert race.epoch == 0 and race.filters().shape == (8, 5, 5)
    test_labels = race.yte.copy()
    assert race.apply(race.config.replace(seed=2)) == "new data"
    assert not np.array_equal(race.yte, test_labels)


def test_the_confusion_matrix_and_the_shift_test(trained):
    for net in cnn.NETS:
        m = trained.confusion(net)
        assert m.shape == (10, 10) and m.sum() == len(trained.yte)
        np.testing.assert_array_equal(m.sum(axis=1), np.bincount(trained.yte, minlength=10))
        assert np.trace(m) / m.sum() == pytest.approx(trained.history[f"{net}_test_acc"][-1], abs=1e-6)
    result = trained.shift_test()
    for net in cnn.NETS:
        assert result[net][0] == pytest.approx(trained.history[f"{net}_test_acc"][-1], abs=1e-6)
        assert all(0 <= v <= 1 for v in result[net]) and result[net][2] < result[net][0]
    moved = cnn.shift_images(trained.Xte[:5], 1, 0)
    np.testing.assert_array_equal(moved[:, :, 1:], trained.Xte[:5, :, :-1])
    assert (moved[:, :, 0] == 0).all()


def test_a_drawing_becomes_an_8_by_8_digit():
    d = np.zeros((16, 16))
    d[0:4, 0:2] = 1  # a small bar in the top-left corner
    plain = cnn.prepare_drawing(d, center=False)
    np.testing.assert_allclose(plain, d.reshape(8, 2, 8, 2).mean(axis=(1, 3)))
    centred = cnn.prepare_drawing(d)
    ink = np.argwhere(centred > 0.05)
    assert ink[:, 0].min() == 0 and ink[:, 0].max() == 7  # the longer side fills the box
    assert 2 <= ink[:, 1].mean() <= 5  # in the middle
    assert centred.max() == pytest.approx(1) and centred.dtype == np.float32
    assert cnn.prepare_drawing(np.zeros((16, 16))).sum() == 0
    with pytest.raises(ValueError, match="square"):
        cnn.prepare_drawing(np.zeros((16, 15)))


def test_a_drawn_one_is_read_as_a_one(trained):
    d = np.zeros((16, 16))
    d[2:14, 7:9] = 1
    probs = trained.predict(cnn.prepare_drawing(d))
    assert probs["cnn"][0].argmax() == 1 and probs["cnn"].shape == probs["mlp"].shape == (1, 10)


def test_a_network_that_blows_up_stops_with_a_message():
    race = cnn.Race()
    with torch.no_grad():
        race.models["cnn"].out.bias[0] = float("nan")
    race.step(3)
    assert race.status == "diverged" and race.step(1) == 0
    assert "diverged" in str(race.message) and "학습률" in race.message.words("ko")
    race.reset()
    assert race.status == "ok"


@pytest.mark.parametrize("changes, match", [
    (dict(channels=(3,)), r"channels=\(3,\) is not allowed"), (dict(channels=(8, 7)), "second block"),
    (dict(channels=(8, 16, 32)), "channels"), (dict(channels="x"), "channels"),
    (dict(kernel=4), "kernel='?4'? is not allowed"), (dict(pool="min"), "pool='min'"),
    (dict(lr=0), "lr \\(learning rate\\)=0 is not allowed"), (dict(batch_size=0), "batch_size=0"),
    (dict(seed=-1), "seed=-1"), (dict(train_fraction=1.0), "train_fraction=1.0"), (dict(optimizer="lbfgs"), "optimizer"),
])
def test_refused_settings_say_why(changes, match):
    with pytest.raises(SettingError, match=match) as err:
        cnn.CnnConfig(**changes)
    assert err.value.words("ko")


def test_a_second_block_of_zero_channels_means_one_block():
    assert cnn.CnnConfig(channels=(8, 0)).channels == (8,)
    assert cnn.CnnConfig(channels=[16, 32]).channels == (16, 32)
