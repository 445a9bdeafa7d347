"""The app template (apps/base.py): an app declares its fields, its views and what it draws; the
cycle controls → Config → Session.apply → show → message → redraw is the template's."""

import ipywidgets as W
import pytest

from playground.apps.base import LiveApp
from playground.config import Config
from playground.controls import (ACTIVATION_LABELS, LEARNING_RATES, FieldControls, choice, depth_width, flag, number,
                                 percent, selection)
from playground.i18n import t


class TinyApp(LiveApp):
    """The docstring's example, with counters instead of figures."""

    def __init__(self, config=None, *, lang=None, **changes):
        super().__init__(config or Config(n_points=60, hidden=(3,)), lang=lang, **changes)
        self.drawn = {"redraw": 0, "render": 0}
        self.listen(FieldControls(self.session.config, {
            "lr": selection("lr", LEARNING_RATES, description=t("controls.lr")),
            "activation": choice("activation", ("tanh", "relu"), ACTIVATION_LABELS),
            "noise": percent("noise", min=0, max=50, step=5),
            "batch_norm": flag("batch_norm"),
        }, css="pg-tiny-"))
        self.widget = W.VBox([self.toolbar, self.messages, *self.controls.w.values(), self.pacer])
        self.redraw()
        self.render()

    def redraw(self):
        self.drawn["redraw"] += 1

    def render(self):
        self.drawn["render"] += 1


def test_a_live_change_keeps_the_weights_and_says_nothing():
    app = TinyApp()
    app.session.train_epochs(2)
    app.messages.say("old news")
    app.controls.w["lr"].value = 0.1
    assert app.session.config.lr == 0.1 and app.session.epoch == 2
    assert "old news" not in app.messages.value
    assert app.drawn == {"redraw": 1, "render": 2}


def test_a_structural_change_rebuilds_says_so_and_redraws():
    app = TinyApp()
    app.session.train_epochs(2)
    app.controls.w["activation"].value = "relu"
    assert app.session.config.activation == "relu" and app.session.epoch == 0
    assert "it was rebuilt with new initial weights" in app.messages.value
    assert app.drawn == {"redraw": 2, "render": 2}
    app.controls.w["noise"].value = 20
    assert app.session.config.noise == 0.2 and "New data: the network starts again" in app.messages.value


def test_set_from_code_shows_the_new_config_in_the_widgets_without_a_second_apply():
    app = TinyApp()
    applied = []
    app.session.apply = (lambda apply: lambda c: applied.append(c) or apply(c))(app.session.apply)
    assert app.set(activation="relu", lr=0.3) == "rebuilt"
    assert app.controls.w["activation"].value == "relu" and app.controls.w["lr"].value == 0.3
    assert len(applied) == 1  # showing the config fired no change callback
    assert app.set(activation="relu") == "same"


def test_a_bad_value_is_a_message_and_the_widgets_go_back():
    app = TinyApp(batch_size=1)
    app.controls.w["batch_norm"].value = True  # batch norm needs batches of 2 or more
    assert "batch_size=1 is not allowed with batch norm" in app.messages.value
    assert not app.session.config.batch_norm and not app.controls.w["batch_norm"].value


def test_a_link_value_off_the_choices_is_offered_and_shown():
    app = TinyApp(activation="sigmoid", lr=0.05)
    assert app.controls.w["activation"].value == "sigmoid"
    assert "sigmoid" in [v for _label, v in app.controls.w["activation"].options]
    assert app.controls.w["lr"].value == 0.05 and 0.05 in app.controls.w["lr"].options


def test_every_widget_gets_its_class():
    app = TinyApp()
    assert "pg-tiny-batch-norm" in app.controls.w["batch_norm"]._dom_classes


@pytest.mark.parametrize("narrowing, depth, width, hidden", [(False, 3, 5, (5, 5, 5)), (True, 3, 5, (5, 4, 3)),
                                                             (True, 0, 5, ())])
def test_depth_and_width_make_hidden(narrowing, depth, width, hidden):
    c = Config(hidden=(2, 2))
    controls = FieldControls(c, {"depth": depth_width("depth", narrowing=narrowing, min=0, max=8),
                                 "width": depth_width("width", narrowing=narrowing, min=1, max=8)})
    controls.w["depth"].value, controls.w["width"].value = depth, width
    assert controls.read(c).hidden == hidden
    controls.show(c.replace(hidden=(6, 4, 2)))  # a link's uneven widths are kept while nothing changes
    assert controls.read(c.replace(hidden=(6, 4, 2))).hidden == (6, 4, 2)


def test_a_field_can_be_off_and_a_number_is_rounded():
    c = Config(reg="none")
    controls = FieldControls(c, {"reg_rate": selection("reg_rate", (0.0, 0.1)).off(lambda c: c.reg == "none"),
                                 "dropout": number("dropout", widget=W.FloatSlider, digits=2, max=0.8)})
    assert controls.w["reg_rate"].disabled
    controls.show(c.replace(reg="l2", reg_rate=0.1))
    assert not controls.w["reg_rate"].disabled
    controls.w["dropout"].value = 0.30000000004
    assert controls.read(c).dropout == 0.3
