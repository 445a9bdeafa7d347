"""RBMs (playground/rbm.py) against scikit-learn's BernoulliRBM: the mean-field steps equal its transform
and its own formulas; training lowers the pseudo-likelihood; the deep belief network runs; the app's
controls redraw what the engine computes."""

from __future__ import annotations

import numpy as np
import pytest

from playground import rbm


def test_reconstruction_is_the_rbms_own_mean_field():
    s = rbm.RBMSession(rbm.RBMConfig(n_hidden=16))
    s.step(50)
    v = s.Xte[:5]
    np.testing.assert_allclose(rbm.hidden_probabilities(s.rbm, v), s.rbm.transform(v), rtol=1e-10)
    recs = rbm.reconstruct(s.rbm, v[0], k=3)
    h = s.rbm.transform(v[:1])
    v1 = 1 / (1 + np.exp(-(h @ s.rbm.components_ + s.rbm.intercept_visible_)))
    np.testing.assert_allclose(recs[0], v1[0], rtol=1e-10)
    assert recs.shape == (3, 64) and ((0 < recs) & (recs < 1)).all()


def test_contrastive_divergence_lowers_the_pseudo_likelihood_and_apply():
    s = rbm.RBMSession(rbm.RBMConfig(n_hidden=36))
    start = s.test_loss
    s.step(700)
    assert s.test_loss < start - 10 and s.epoch == 700 // 7
    before = s.rbm.components_.copy()
    assert s.apply(s.config.replace(lr=0.1)) == "live" and s.rbm.learning_rate == 0.1
    np.testing.assert_array_equal(s.rbm.components_, before)
    assert s.apply(s.config.replace(n_hidden=16)) == "rebuilt" and s.rbm.components_.shape == (16, 64)
    with pytest.raises(ValueError, match="1 to 256"):
        rbm.RBMConfig(n_hidden=0)


def test_deep_belief_network_stages_and_accuracies():
    X, y = rbm.binarised_digits()
    stages = []
    acc = rbm.deep_belief_network(X[:600], y[:600], sizes=(30, 20), n_iter=3, progress=stages.append)
    assert stages == ["rbm1", "rbm2", "top", "pixels"]
    assert 0.1 < acc["dbn"] <= 1 and acc["pixels"] > 0.8


def test_the_app_draws_filters_reconstructions_and_the_curve():
    from playground.apps.rbm import RBMDigits, mosaic
    from playground.views.playground_canvas import quantize
    app = RBMDigits()
    app.step_button.click()
    s = app.session
    W = s.rbm.components_
    expected = mosaic(W / (np.abs(W).max(axis=1, keepdims=True) + 1e-12), 6)
    np.testing.assert_array_equal(app.canvas.values("filters"), quantize(expected))
    app.digit.value = 4
    app.k.value = 2
    recs = rbm.reconstruct(s.rbm, s.Xte[4], 2)
    shown = mosaic([2 * s.Xte[4] - 1, 2 * recs[0] - 1, 2 * recs[1] - 1], 3)
    np.testing.assert_array_equal(app.canvas.values("recon"), quantize(shown))
    assert len(app.canvas.series("pl")["train"]) == len(s.history["train_loss"])
    app.controls.w["n_hidden"].value = 64
    assert app.canvas.values("filters").shape == (8 * 9 - 1, 8 * 9 - 1)
    assert "mini-batches" in app.epoch_label.value
