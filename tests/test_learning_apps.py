"""The learning apps, headless: build each app, change a widget as a learner would, and check the
figure's data and the message line (no kernel, no browser)."""

import asyncio

import numpy as np
import pytest

from playground import descent
from playground.apps.loss_surface import LossSurface
from tests.run_async import run_async


# --- LossSurface ---------------------------------------------------------------------------------

def path_traces(app):
    f = app.figure
    return [f.fig.data[f.PATHS + i] for i in range(4)]


def test_loss_surface_draws_four_optimizer_paths_from_the_start():
    app = LossSurface()
    names = [t.name for t in path_traces(app) if t.visible]
    assert names == ["SGD", "SGD + momentum", "RMSprop", "Adam"]
    p = descent.make_problem("logistic")
    expected = descent.descend(p, "adam", lr=p.lr, start=p.start, steps=100).points
    adam = path_traces(app)[3]
    np.testing.assert_allclose(np.c_[adam.x, adam.y], np.round(expected, 4))
    surface = app.figure.fig.data[app.figure.SURFACE]
    assert np.asarray(surface.z).shape == (90, 90)
    assert "step <b>100</b>" in app.summary.value


def test_loss_surface_switching_the_surface_and_mode():
    app = LossSurface()
    app.w_problem.value = "ravine"
    assert (app.w_w1.value, app.w_w2.value) == (-2.5, 1.5) and app.w_lr.value == 0.3
    app.w_mode.value = "batches"
    names = [t.name for t in path_traces(app) if t.visible]
    assert names == ["batch (all 200 points)", "mini-batch (10 points)", "stochastic (1 point)"]
    assert not path_traces(app)[3].visible
    assert not app.w_batch.disabled
    app.w_batch.value = 50
    assert path_traces(app)[1].name == "mini-batch (50 points)"


def test_loss_surface_divergence_is_a_message_not_an_error():
    app = LossSurface("ravine")
    app.set(lr=3.0)
    assert "SGD diverged" in app.messages.value and "smaller learning rate" in app.messages.value
    assert "(diverged)" in path_traces(app)[0].name
    assert all(np.all(np.isfinite(t.x)) for t in path_traces(app))
    app.set(lr=0.3)
    assert "diverged" not in app.messages.value


def test_loss_surface_click_sets_the_start():
    app = LossSurface()

    class Points:
        xs, ys = [1.0], [-2.0]
    app._on_surface_click(None, Points(), None)
    assert (app.w_w1.value, app.w_w2.value) == (1.0, -2.0)
    sgd = path_traces(app)[0]
    assert (sgd.x[0], sgd.y[0]) == (1.0, -2.0)
    start = app.figure.fig.data[app.figure.START]
    assert (start.x[0], start.y[0]) == (1.0, -2.0)


def test_loss_surface_play_reveals_the_paths_step_by_step():
    app = LossSurface(steps=40)
    assert len(path_traces(app)[0].x) == 41

    async def run():
        app._toggle_play()  # starts from step 0 again
        assert app.loop.running
        while app.loop.running:
            await asyncio.sleep(0.01)

    shown = []
    original = app.render
    app.render = lambda: (shown.append(app.shown), original())[1]
    run_async(run())
    assert shown[0] < 40 and shown[-1] == 40 and shown == sorted(shown)
    assert app.play.description == "Play"


def test_loss_surface_bad_settings_are_messages():
    app = LossSurface()
    app._guard(lambda: app.set(colour="red"))
    assert "unknown setting" in app.messages.value
    with pytest.raises(ValueError, match="mode='fast' is not allowed"):
        LossSurface(mode="fast")


# --- Overfitting ---------------------------------------------------------------------------------

def test_l1_makes_more_exact_and_near_zeros_than_l2_at_the_same_strength():
    """The property the histogram shows: on a fixed seed, L1 (a proximal step) leaves many weights
    exactly 0; L2, as a penalty or as weight decay, shrinks weights without zeroing them."""
    from playground.config import preset
    from playground.session import Session
    from playground.validation import weight_stats

    stats = {}
    for reg in ("l1", "l2", "decay"):
        s = Session(preset("overfit", optimizer="momentum", lr=0.03, reg=reg, reg_rate=0.01))
        s.train_epochs(200)
        stats[reg] = weight_stats(s, near=1e-3)
    assert stats["l1"]["zero"] > 0.2 * stats["l1"]["count"]
    for l2 in ("l2", "decay"):
        assert stats[l2]["zero"] == 0
        assert stats["l1"]["near_zero"] > 2 * stats[l2]["near_zero"]


def overfit_app(**changes):
    from playground.apps.overfitting import Overfitting
    return Overfitting(**changes)


def test_overfitting_app_shows_train_and_validation_curves_and_the_weights():
    app = overfit_app()
    f = app.figure.fig
    app.session.train_epochs(50)
    app.render()
    h = app.session.history
    np.testing.assert_allclose(f.data[app.figure.TRAIN_LOSS].y, np.maximum(h["train_loss"], 1e-6))
    np.testing.assert_allclose(f.data[app.figure.VAL_LOSS].y, np.maximum(h["test_loss"], 1e-6))
    assert sum(f.data[app.figure.HIST].y) == 560  # every weight of a 2-16-16-16-1 network is counted
    assert len(f.data[app.figure.TRAIN].x) == len(app.session.train_idx)
    assert len(f.data[app.figure.VAL].x) == len(app.session.test_idx)
    assert "validation loss" in app.epoch_label.value


def test_overfitting_switching_l1_on_keeps_the_weights_and_counts_zeros():
    app = overfit_app()
    app.session.train_epochs(20)
    before = app.session.epoch
    app.controls.w["reg"].value = "l1"  # the strength follows: 0 would do nothing
    assert app.session.config.reg == "l1" and app.session.config.reg_rate == 0.01
    assert app.session.epoch == before and "L1" in app.messages.value
    app.session.train_epochs(100)
    app.render()
    zeros = int(app.stats.value.split("pg-of-zero'>")[1].split("<")[0])
    assert zeros > 50
    assert f"<b>{zeros}</b> exactly 0" in app.figure.fig.layout.annotations[2].text


def test_overfitting_lets_the_learner_choose_adam_with_weight_decay():
    """The notebook quotes torch.optim.Adam(..., weight_decay=...): the app trains with it when asked,
    from the same weights, at Adam's learning rate, and says why L1 with Adam barely regularises."""
    import torch
    app = overfit_app()
    assert app.session.config.optimizer == "momentum" and isinstance(app.session.optimizer, torch.optim.SGD)
    app.session.train_epochs(20)
    app.controls.w["reg"].value = "decay"
    app.controls.w["optimizer"].value = "adam"
    s = app.session
    assert (s.config.optimizer, s.config.lr, s.epoch) == ("adam", 0.01, 20)
    assert isinstance(s.optimizer, torch.optim.Adam)
    assert [g["weight_decay"] for g in s.optimizer.param_groups] == [0.01] * len(s.optimizer.param_groups)
    assert "torch.optim.Adam(..., weight_decay=rate)" in app.messages.value
    assert "learning rate 0.01" in app.messages.value
    app.controls.w["reg"].value = "l1"
    assert "L1 barely regularises" in app.messages.value
    app.controls.w["optimizer"].value = "momentum"
    assert s.config.lr == 0.03 and isinstance(s.optimizer, torch.optim.SGD) and "barely" not in app.messages.value


def test_l1_with_adam_leaves_far_fewer_zeros_than_with_sgd_momentum():
    """What the app's warning says, on a fixed seed: the same L1 strength zeroes far fewer weights
    and shrinks them far less under Adam (steps of about lr whatever the gradient)."""
    from playground.apps.overfitting import OPTIMIZER_LR
    from playground.config import preset
    from playground.session import Session
    from playground.validation import weight_stats

    stats = {}
    for opt, lr in OPTIMIZER_LR.items():
        s = Session(preset("overfit", optimizer=opt, lr=lr, reg="l1", reg_rate=0.01))
        s.train_epochs(300)
        stats[opt] = weight_stats(s)
    assert stats["adam"]["zero"] < 0.6 * stats["momentum"]["zero"]
    assert np.abs(stats["adam"]["values"]).mean() > 1.5 * np.abs(stats["momentum"]["values"]).mean()


def test_overfitting_more_data_and_smaller_model_rebuild():
    app = overfit_app()
    app.controls.w["n_points"].value = 200
    assert len(app.session.X) == 200 and "New data" in app.messages.value
    assert len(app.figure.fig.data[app.figure.TRAIN].x) == 100
    app.controls.w["model"].value = (4,)
    assert app.session.config.layer_sizes == (2, 4, 1)
    assert sum(app.figure.fig.data[app.figure.HIST].y) == 2 * 4 + 4
    app.controls.w["dropout"].value = 0.3
    assert app.session.config.dropout == 0.3


def test_overfitting_pin_keeps_a_histogram_to_compare():
    app = overfit_app()
    app._pin()
    pinned = app.figure.fig.data[app.figure.PINNED]
    assert pinned.visible and "no regularisation" in pinned.name and sum(pinned.y) == 560


def test_early_stopping_stops_and_restores_the_best_weights():
    app = overfit_app()
    app.early.value = True
    app.patience.value = 20

    async def run():
        app.start()
        while app.loop.running:
            await asyncio.sleep(0.01)

    run_async(run())
    assert app.stopped_early and "Early stopping" in app.messages.value
    best_epoch, best_val, _ = app.best
    s = app.session
    assert s.epoch >= best_epoch + 20
    assert s.evaluate(s.Xte, s.yte)[0] == pytest.approx(best_val, abs=1e-6)  # the restored weights
    assert list(app.figure.fig.data[app.figure.BEST].x) == [best_epoch]


# --- CrossValidation -----------------------------------------------------------------------------

def cv_app(**kw):
    from playground.apps.cross_validation import CrossValidation
    return CrossValidation(**{"k": 3, "epochs": 20, **kw})


def test_cross_validation_shows_the_split_of_the_chosen_fold():
    app = cv_app()
    f, fig = app.figure, app.figure.fig
    r = app.cv.result
    n = len(app.cv.y)
    assert len(fig.data[f.TRAIN].x) + len(fig.data[f.VAL].x) + len(fig.data[f.TEST].x) == n
    assert len(fig.data[f.TEST].x) == len(r.test_idx)
    first_val = list(fig.data[f.VAL].x)
    app.w_fold.value = 2
    assert list(fig.data[f.VAL].x) != first_val
    assert "Fold 2 of 3" in fig.layout.annotations[0].text and "test" in fig.layout.annotations[0].text


def test_cross_validation_runs_with_progress_and_plots_per_fold_scores():
    app = cv_app()
    app.data_controls.w["points"].value = 60
    seen = []
    app.progress.observe(lambda ch: seen.append(ch["new"]), "value")
    r = app.run()
    assert seen[-1] == app.progress.max == app.cv.total and seen == sorted(seen)
    f = app.figure.fig
    folds = f.data[app.figure.FOLDS]
    assert len(folds.y) == r.scores.size
    np.testing.assert_allclose(sorted(folds.y), sorted(r.scores.ravel()))
    np.testing.assert_allclose(f.data[app.figure.MEAN].y, r.mean)
    np.testing.assert_allclose(f.data[app.figure.MEAN].error_y.array, r.std)
    assert list(f.data[app.figure.BEST].x) == [str(r.best_value)]
    assert "Best L2 strength" in app.messages.value and "test points" in app.messages.value


def test_cross_validation_runs_as_a_task_and_can_be_cancelled():
    app = cv_app()

    async def run_and_cancel():
        app.start()
        await asyncio.sleep(0.05)
        assert app.run_button.description == "Cancel"
        app._toggle_run()  # the Cancel click
        await app.task

    run_async(run_and_cancel())
    assert "Stopped" in app.messages.value and app.run_button.description == "Run cross-validation"
    assert app.cv.result.done < app.cv.result.scores.size


def test_cross_validation_other_hyperparameters():
    app = cv_app()
    app.w_param.value = "dropout"
    assert app.cv.param == "dropout" and app.cv.configs[0].reg == "none"
    assert "5 values × 3 folds" in app.status.value


# --- ClassifierMetrics ---------------------------------------------------------------------------

def metrics_app(data="blobs", **kw):
    from playground.apps.classifier_metrics import ClassifierMetrics
    return ClassifierMetrics(data, **kw)


def sklearn_metrics(y_true, y_pred, k):
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support
    p, r, _, _ = precision_recall_fscore_support(y_true, y_pred, labels=list(range(k)), zero_division=0)
    return confusion_matrix(y_true, y_pred, labels=list(range(k))), accuracy_score(y_true, y_pred), p, r


@pytest.mark.parametrize("data", ["blobs", "iris", "spiral3"])
def test_metrics_shown_equal_scikit_learns(data):
    app = metrics_app(data)
    s = app.session
    s.train_epochs(20)
    app.render()
    pred = s.predict(s.X[s.test_idx]).argmax(axis=1)  # the oracle: a direct forward pass, then scikit-learn
    cm, acc, p, r = sklearn_metrics(s.y[s.test_idx], pred, 3)
    f = app.figure.fig
    assert np.array_equal(np.array(f.data[app.figure.CONFUSION].z), cm)
    np.testing.assert_allclose(f.data[app.figure.PRECISION].y, np.round(p, 4))
    np.testing.assert_allclose(f.data[app.figure.RECALL].y, np.round(r, 4))
    assert f"{acc:.1%}" in app.scores.value


def test_metrics_on_training_points():
    app = metrics_app()
    app.w_split.value = "train"
    s = app.session
    cm, *_ = sklearn_metrics(s.y[s.train_idx], s.predict(s.X[s.train_idx]).argmax(axis=1), 3)
    assert np.array_equal(np.array(app.figure.fig.data[app.figure.CONFUSION].z), cm)
    assert "training points" in app.figure.fig.layout.annotations[1].text


def test_binary_threshold_trades_precision_for_recall():
    app = metrics_app("moons")
    s = app.session
    s.train_epochs(40)
    assert not app.w_threshold.disabled
    p_blue = s.predict(s.X[s.test_idx])
    shown = {}
    for t in (0.2, 0.5, 0.8):
        app.w_threshold.value = t
        cm, acc, p, r = sklearn_metrics(s.y[s.test_idx], (p_blue >= t).astype(int), 2)
        assert np.array_equal(np.array(app.figure.fig.data[app.figure.CONFUSION].z), cm)
        shown[t] = (app.figure.fig.data[app.figure.PRECISION].y[1], app.figure.fig.data[app.figure.RECALL].y[1])
        np.testing.assert_allclose(shown[t], np.round([p[1], r[1]], 4))
    assert shown[0.2][1] >= shown[0.5][1] >= shown[0.8][1]  # recall of blue falls as the threshold rises
    assert shown[0.8][0] >= shown[0.2][0]  # and its precision rises
    curve = app.figure.fig.data[app.figure.CURVE_R]
    assert len(curve.x) == 99 and list(app.figure.fig.data[app.figure.THRESHOLD].x) == [0.8, 0.8]


def test_precision_recall_curve_equals_scikit_learn():
    from sklearn.metrics import precision_score, recall_score

    from playground.apps.classifier_metrics import precision_recall_curve
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 200)
    p = np.clip(y * 0.3 + rng.uniform(0, 0.7, 200), 0, 1)
    ths = np.array([0.1, 0.4, 0.6, 0.9])
    prec, rec = precision_recall_curve(y, p, ths)
    for i, t in enumerate(ths):
        assert prec[i] == pytest.approx(precision_score(y, p >= t, zero_division=1))
        assert rec[i] == pytest.approx(recall_score(y, p >= t))


def test_iris_uses_two_chosen_measurements_and_multiclass_disables_the_threshold():
    app = metrics_app("iris")
    assert app.w_threshold.disabled and app.session.config.problem == "multiclass"
    assert len(app.session.X) == 150 and app.class_names == ["setosa", "versicolor", "virginica"]
    assert app.figure.fig.layout.xaxis.title.text.startswith("petal length")
    app.w_fx.value = 0
    assert app.figure.fig.layout.xaxis.title.text.startswith("sepal length")
    app.w_fy.value = 0
    assert "two different" in app.messages.value


def test_metrics_app_plays_live():
    app = metrics_app()

    async def run():
        app.start()
        while app.session.epoch < 5:
            await asyncio.sleep(0.01)
        app.pause()

    run_async(run())
    assert app.session.epoch >= 5 and "Epoch" in app.epoch_label.value


def test_cross_validation_changing_a_setting_mid_run_stops_it():
    app = cv_app()

    async def run_and_change():
        app.start()
        await asyncio.sleep(0.05)
        app.w_k.value = 2  # a new split: the old run must not write into the new one
        await app.task

    run_async(run_and_change())
    assert "Stopped" in app.messages.value and app.cv.result.k == 2 and app.cv.result.done == 0
    assert app.progress.value == 0
