"""A learner's own points from a CSV file: reading it, every malformed file's message, the config
of one's own points, and the Playground loading a file (headless)."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
import pytest

from playground.apps import Playground
from playground.config import Config
from playground.errors import SettingError
from playground.export import data_csv
from playground.own_data import MAX_ROWS, OWN, PointsSource, read_csv
from playground.session import Session


def rows(n=40, labels=lambda i: 1 if i % 2 else -1, header="x1,x2,label", sep=","):
    lines = [header] if header else []
    lines += [sep.join(map(str, (i % 7 - 3, (i * 3) % 5 - 2.5, labels(i)))) for i in range(n)]
    return "\n".join(lines) + "\n"


def refused(content) -> SettingError:
    with pytest.raises(SettingError) as info:
        read_csv(content)
    return info.value


# -- reading ------------------------------------------------------------------------------------
def test_labels_minus_one_and_one_become_classes_zero_and_one():
    own = read_csv(rows().encode())
    assert (own.kind, own.n_classes, own.classes) == ("binary", 2, (-1.0, 1.0))
    assert own.X.shape == (40, 2) and own.X[3].tolist() == [0.0, 1.5]
    assert own.y.tolist() == [i % 2 for i in range(40)]
    assert own.train_idx is None


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_separators_and_no_header_read_the_same(sep):
    a = read_csv(rows(sep=sep, header=None))
    b = read_csv(rows())
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y)


def test_a_header_names_the_columns_in_any_order():
    text = "Label,X2,x1\n" + "\n".join(f"{i % 3},{i},{-i}" for i in range(12))
    own = read_csv(text)
    assert own.X[:, 0].tolist() == [-i for i in range(12)] and own.X[:, 1].tolist() == list(range(12))
    assert (own.kind, own.n_classes) == ("multiclass", 3)


def test_numbers_that_are_not_few_whole_classes_are_values_scaled_into_minus_one_one():
    own = read_csv(rows(labels=lambda i: 10 * i))  # 40 different whole numbers: values, not classes
    assert own.kind == "regression" and own.n_classes == 1 and own.scale == 390
    assert np.allclose(own.y * 390, [10 * i for i in range(40)]) and np.abs(own.y).max() == 1
    small = read_csv(rows(labels=lambda i: i / 100))
    assert small.kind == "regression" and small.scale == 1 and np.allclose(small.y, np.arange(40) / 100)


def test_a_split_column_is_kept_and_the_download_loads_again_the_same():
    session = Session(Config().replace(dataset="spiral3", n_points=90, noise=0.2))
    own = read_csv(data_csv(session))
    assert np.array_equal(own.X, session.X) and np.array_equal(own.y, session.y)
    assert np.array_equal(own.train_idx, session.train_idx)
    X, y, train, test = own.points(Config().replace(**own.config_changes()))
    assert np.array_equal(train, session.train_idx) and np.array_equal(test, session.test_idx)


def test_without_a_split_the_config_splits_the_same_way_each_time():
    own = read_csv(rows())
    c = Config().replace(**own.config_changes(), train_fraction=0.7, seed=3)
    first, again, other = own.points(c), own.points(c), own.points(c.replace(seed=4))
    assert len(first[2]) == 28 and np.array_equal(first[2], again[2]) and not np.array_equal(first[2], other[2])
    assert sorted([*first[2], *first[3]]) == list(range(40))


# -- every malformed file: a message naming what and where -----------------------------------------
@pytest.mark.parametrize("content, code, words", [
    ("x1,x2\n1,2\n3,4\n5,6\n7,8\n", "own.header", "x1, x2"),
    ("a,b,c\n1,2,0\n", "own.header", "a, b, c"),
    ("x1,x2,label,label\n1,2,0,0\n", "own.header", "label"),
    ("1,2\n3,4\n", "own.columns", "has 2"),
    ("x1,x2,label\n1,2,0\n1,2,1\n1,two,0\n3,4,1\n", "own.not_number", "Line 4, column x2: \"two\""),
    ("x1,x2,label\n1,2,0\n1,2,1\n1,nan,0\n3,4,1\n", "own.not_finite", "Line 4"),
    ("x1,x2,label\n1,2,0\n1,2\n1,3,0\n3,4,1\n", "own.row_length", "Line 3 has 2"),
    ("x1,x2,label\n1,2,0\n1,2,1\n", "own.too_few", "2 rows"),
    (rows(n=MAX_ROWS + 1), "own.too_many", "2,001 rows"),
    (rows(labels=lambda i: 1), "own.one_class", "Every label is 1"),
    ("x1,x2,label,split\n1,2,0,train\n1,2,1,test\n1,3,0,later\n3,4,1,test\n", "own.bad_split", "\"later\""),
    ("x1,x2,label,split\n1,2,0,test\n1,2,1,test\n1,3,0,test\n3,4,1,test\n", "own.no_train", "no point"),
    ("\n# only a comment\n\n", "own.empty", "no rows"),
    (b"\x89PNG\r\n\x1a\n\0\0\0IHDR", "own.not_text", "not text"),
    (b"x" * 1_000_001, "own.too_large", "1,000,001 bytes"),
])
def test_a_malformed_file_is_refused_with_a_message(content, code, words):
    error = refused(content)
    assert error.code == code and words in str(error), str(error)
    assert any("\uac00" <= ch <= "\ud7a3" for ch in error.words("ko"))  # worded in Korean too


def test_korean_excel_files_in_cp949_are_read():
    own = read_csv(rows().encode("cp949").replace(b"x1,x2,label", "x1,x2,label".encode("cp949")))
    assert len(own.y) == 40


# -- the config and the session of one's own points -----------------------------------------------
def test_the_config_of_ones_own_points():
    c = Config().replace(dataset=OWN, problem="multiclass", classes=3)
    assert (c.n_classes, c.n_outputs, c.kind, c.problems) == (3, 3, "multiclass", ("multiclass",))
    assert Config.from_query(c.to_query()) == c and "classes=3" in c.to_query()
    assert "classes" not in Config().to_query()  # the generated sets know their classes
    assert Config(classes=5).classes == 2
    two = Config().replace(dataset=OWN)
    assert two.problems == ("binary", "multiclass") and two.replace(problem="multiclass").n_outputs == 2
    with pytest.raises(SettingError, match="problem"):
        Config(dataset=OWN, problem="binary", classes=3)
    with pytest.raises(SettingError, match="classes"):
        Config(dataset=OWN, problem="multiclass", classes=9)
    back = c.replace(dataset="circle")
    assert (back.problem, back.loss, back.classes) == ("binary", "bce", 2)


def test_a_session_without_a_file_refuses_and_keeps_what_runs():
    points = PointsSource()
    s = Session(Config(), data=points)
    before = s.X.copy()
    with pytest.raises(SettingError) as info:
        s.apply(s.config.replace(dataset=OWN))
    assert info.value.code == "own.no_file"
    assert s.config == Config() and np.array_equal(s.X, before) and s.bounds == (-6.0, 6.0)


def test_a_session_trains_on_the_points_of_a_file():
    own = read_csv(rows())
    s = Session(Config().replace(**own.config_changes()), data=PointsSource(own))
    assert np.array_equal(s.X, own.X) and s.bounds[0] < -3 < 3 < s.bounds[1]
    s.train_epochs(30)
    assert np.isfinite(s.train_loss) and len(s.history["train_loss"]) > 1


# -- the Playground ------------------------------------------------------------------------------
def upload(app, content: bytes, name="mine.csv"):
    app.upload.value = ({"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
                         "last_modified": datetime.now(timezone.utc)},)


def test_the_playground_loads_a_file_from_its_upload_button():
    app = Playground()
    upload(app, rows(labels=lambda i: i % 3).encode())
    c = app.session.config
    assert (c.dataset, c.problem, c.classes, c.n_points) == (OWN, "multiclass", 3, 40)
    assert app.session.model(app.session.Xtr).shape[1] == 3
    assert "Loaded 40 points from mine.csv: 3 classes" in app.messages.value
    assert app.controls.dataset.value == OWN and app.controls.dataset.buttons[OWN].layout.display is None
    assert "data:image/png" in app.controls.dataset._own_css.value
    assert app.controls.n_points.disabled and app.controls.noise.disabled
    app.controls.dataset.value = "circle"  # back to a generated set, and to the file again
    assert (app.session.config.dataset, app.session.config.problem) == ("circle", "binary")
    assert not app.controls.n_points.disabled
    app.controls.dataset.value = OWN
    assert app.session.config.n_classes == 3 and np.array_equal(app.session.X, app.points.own.X)


def test_another_file_with_the_same_settings_brings_its_points():
    app = Playground()
    app.load_points(rows())
    first = app.session.X.copy()
    app.load_points(rows(labels=lambda i: 1 if i % 4 else -1).replace("\n-3,", "\n-4,"))
    assert app.session.config.dataset == OWN and not np.array_equal(app.session.X, first)
    assert app.session.epoch == 0


def test_a_regression_file_sets_a_regression_problem_and_its_loss():
    app = Playground()
    app.load_points(rows(labels=lambda i: 10 * i))
    c = app.session.config
    assert (c.problem, c.loss, c.n_outputs) == ("regression", "mse", 1)
    assert "divided by 390" in app.messages.value


def test_a_malformed_file_is_a_message_and_the_run_goes_on():
    app = Playground()
    app.session.train_epochs(2)
    upload(app, b"x1,x2,label\n1,2,0\n1,two,1\n3,4,0\n5,6,1\n")
    assert "pg-error" in app.messages.value and "Line 3, column x2" in app.messages.value
    assert app.session.config == Config() and app.session.epoch == 2


def test_a_link_to_ones_own_points_without_the_file_says_to_load_it():
    app = Playground(query=Config().replace(dataset=OWN, problem="multiclass", classes=3, hidden=(3,)).to_query())
    assert app.session.config == Config()
    assert "no file is loaded" in app.messages.value


def test_the_korean_page_words_the_messages_in_korean():
    app = Playground(lang="ko")
    upload(app, b"x1,x2,label\n1,2,0\n1,2,1\n")
    assert "파일에 점이 2줄" in app.messages.value
    app.load_points(rows())
    assert "점 40개를 불러왔습니다" in app.messages.value
