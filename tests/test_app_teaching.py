"""The teaching sections of the app through AppTest: every number equals a direct library call."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import fractionation as fr
from tests.test_app import fresh


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def test_uncertainty_panel_shows_the_library_intervals_and_each_distribution() -> None:
    at = fresh(panels=("panel_uncertainty",))
    assert not at.exception
    schemes = [s for s in fr.catalogue() if s.source and s.source.origin == "document"]
    tissues = [fr.tissue(t) for t in ("tumour", "late", "cord")]
    expected = fr.uncertainty(schemes, tissues, samples=20_000, seed=0)
    shown = at.dataframe[0].value
    assert list(shown["eqd2_low"]) == list(expected["eqd2_low"])
    assert list(shown["eqd2_high"]) == list(expected["eqd2_high"])
    distributions = [str(d) for d in fr.input_distributions(tissues)]
    assert all(d in texts(at) for d in distributions)
    assert len(at.get("vega_lite_chart")) >= 2  # the intervals and the tornado (the charts panel is closed)


def test_uncertainty_panel_follows_the_seed_and_the_time_correction() -> None:
    at = fresh({"doc": ["document-8x1"], "custom": "2 Gy x 35", "tissue": "tumour"}, panels=("panel_uncertainty",))
    at.number_input(key="unc_seed").set_value(5)
    at.number_input(key="unc_samples").set_value(5000)
    at.selectbox(key="unc_repopulation").set_value("hnscc-pedicini-2015").run()
    assert not at.exception
    schemes = [s for s in fr.catalogue() if s.id == "document-8x1"] + [fr.Scheme.parse("2 Gy x 35")]
    expected = fr.uncertainty(schemes, [fr.tissue("tumour")], samples=5000, seed=5,
                              repopulation=fr.repopulation("hnscc-pedicini-2015"))  # fmt: skip
    assert list(at.dataframe[0].value["eqd2_median"]) == list(expected["eqd2_median"])
    assert any("Dprolif" in t for t in texts(at))


def test_missed_fractions_panel_matches_the_library() -> None:
    at = fresh(panels=("panel_missed",))
    assert not at.exception
    gap = fr.missed_fractions("2 Gy x 35", missed=[14, 15], normal_tissues=[fr.tissue("late"), fr.tissue("cord")])
    table = at.dataframe[0].value
    assert list(table["tumour_change"]) == list(gap.table()["tumour_change"])
    assert list(table["cord: EQD2 change"]) == list(gap.table()["cord: EQD2 change"])
    assert any(f"{gap.eqd2_lost:.2f} Gy" in m.value for m in at.markdown)
    assert all(a in texts(at) for a in gap.assumptions)


@pytest.mark.parametrize("text", ["2 Gy x", "<b>35</b>"])
def test_missed_fractions_panel_shows_a_bad_scheme_literally(text: str) -> None:
    at = fresh(panels=("panel_missed",))
    at.text_input(key="gap_scheme").set_value(text).run()
    assert not at.exception
    assert at.error
    assert any(text in t for t in texts(at))


def quiz_page(params: dict[str, object]) -> AppTest:
    return fresh({"quiz": "1", **params})


def test_a_quiz_link_gives_the_class_the_library_questions() -> None:
    at = quiz_page({"seed": "3", "count": "4", "level": "easy"})
    questions = fr.quiz(seed=3, count=4, level="easy")
    shown = [m.value for m in at.markdown]
    assert all(any(q.text in text for text in shown) for q in questions)
    assert not at.table  # the comparison is not on the quiz page
    assert at.query_params["seed"] == "3"
    assert "teacher" not in at.query_params
    assert any("fractionation quiz --seed 3 --count 4 --level easy" in c.value for c in at.caption)


def test_answering_marks_each_question_and_gives_a_score() -> None:
    at = quiz_page({"seed": "8", "count": "3", "topic": ["eqd2", "bed"]})
    questions = fr.quiz(seed=8, count=3, topics=["eqd2", "bed"])
    at.number_input(key="quiz_answer_8_1").set_value(round(float(questions[0].answer), 1))
    at.number_input(key="quiz_answer_8_2").set_value(float(questions[1].answer) + 5)
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    assert len(at.success) == 1
    assert len(at.error) == 1
    assert len(at.info) == 1  # question 3 left blank
    assert at.subheader[-1].value == "Score: 1 / 3"
    assert at.latex  # the working, from fractionation.working


def test_the_teacher_view_shows_the_answers() -> None:
    at = quiz_page({"seed": "5", "count": "3", "teacher": "1"})
    answers = [q.answer_text for q in fr.quiz(seed=5, count=3)]
    assert all(any(a in s.value for s in at.success) for a in answers)
    assert at.query_params["teacher"] == "1"


def test_a_bad_quiz_link_is_named_and_the_rest_works() -> None:
    at = quiz_page({"seed": "-4", "count": "500", "level": "expert", "topic": ["eqd2", "sudoku"]})
    assert not at.exception
    problems = [w.value for w in at.warning]
    assert any("seed" in p for p in problems)
    assert any("count" in p for p in problems)
    assert any("expert" in p for p in problems)
    assert any("sudoku" in p for p in problems)
    questions = fr.quiz(seed=1, count=10, topics=["eqd2"], level="medium")
    assert any(questions[0].text in m.value for m in at.markdown)


def test_the_main_page_offers_the_quiz() -> None:
    at = fresh()
    assert not at.exception
    assert any(e.proto.label.startswith("Quiz for the class") for e in at.get("link_button"))


def test_the_handout_panel_offers_the_pdf() -> None:
    pytest.importorskip("fpdf")
    at = fresh(panels=("panel_handout",))
    assert not at.exception
    assert any(b.proto.label == "Download the handout (PDF)" for b in at.get("download_button"))
