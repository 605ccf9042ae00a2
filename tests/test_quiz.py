"""Quiz mode: the same settings give the same questions, every answer equals the library's, marking is fair."""

from __future__ import annotations

import json

import pytest

import fractionation as fr
from fractionation import QUIZ_LEVELS, QUIZ_TOPICS
from fractionation._quiz import latex_text
from tests.test_cli import run

SEEDS = range(40)


def test_the_same_settings_give_the_same_questions() -> None:
    first = fr.quiz(seed=11, count=8, topics=["eqd2", "missed"], level="hard")
    assert first == fr.quiz(seed=11, count=8, topics=["eqd2", "missed"], level="hard")
    assert first != fr.quiz(seed=12, count=8, topics=["eqd2", "missed"], level="hard")
    assert fr.quiz(seed=11, count=3, topics=["eqd2", "missed"], level="hard") == first[:3]  # a prefix


def test_topics_are_taken_in_turn_and_numbered() -> None:
    questions = fr.quiz(seed=1, count=9, topics=["bed", "spares-cord"])
    assert [q.topic for q in questions] == ["bed", "spares-cord"] * 4 + ["bed"]
    assert [q.number for q in questions] == list(range(1, 10))
    assert {q.topic for q in fr.quiz(seed=1, count=len(QUIZ_TOPICS))} == set(QUIZ_TOPICS)


@pytest.mark.parametrize("level", QUIZ_LEVELS)
def test_every_answer_equals_the_library(level: str) -> None:
    for seed in SEEDS:
        for q in fr.quiz(seed=seed, count=len(QUIZ_TOPICS), level=level):
            given = q.inputs
            if q.topic in ("eqd2", "bed"):
                scheme = fr.Scheme.parse(given["scheme"])
                expected = scheme.eqd2(given["alpha_beta"]) if q.topic == "eqd2" else scheme.bed(given["alpha_beta"])
                assert q.answer == pytest.approx(expected)
            elif q.topic == "dose-per-fraction":
                reference = fr.Scheme.parse(given["scheme"])
                found = fr.Scheme(dose_per_fraction=q.answer, n_fractions=given["n_fractions"])
                assert found.eqd2(given["alpha_beta"]) == pytest.approx(reference.eqd2(given["alpha_beta"]))
            elif q.topic == "n-fractions":
                reference = fr.Scheme.parse(given["scheme"])
                d = given["dose_per_fraction"]
                assert q.answer * d * (1 + d / given["alpha_beta"]) == pytest.approx(reference.bed(given["alpha_beta"]))
            elif q.topic == "spares-cord":
                values = [fr.Scheme.parse(s).eqd2(2.0) for s in given["schemes"]]
                assert q.answer == "ABC"[values.index(min(values))]
                assert q.choices == ("A", "B", "C")
            elif q.topic == "missed":
                gap = fr.missed_fractions(given["scheme"], missed=given["missed"])
                assert q.answer == pytest.approx(gap.eqd2_lost)
                assert q.answer > 0
            else:
                total = sum(fr.Scheme.parse(s).bed(given["alpha_beta"]) for s in given["schemes"])
                assert q.answer == pytest.approx(total)
                assert given["limit"] == fr.tolerance_rule("nieder-2006-cumulative").limit
                assert "Nieder" in q.source
            assert q.working
            assert q.check(q.answer).correct


def test_easy_questions_draw_the_document_and_three_tissues() -> None:
    document = {s.label for s in fr.catalogue() if s.source and s.source.origin == "document"}
    for seed in SEEDS:
        for q in fr.quiz(seed=seed, count=2, topics=["eqd2", "bed"], level="easy"):
            assert q.inputs["scheme"] in document
            assert q.inputs["alpha_beta"] in (10.0, 3.0, 2.0)


def test_the_working_ends_in_the_answer_and_reads_as_plain_text() -> None:
    for q in fr.quiz(seed=5, count=2 * len(QUIZ_TOPICS), level="hard"):
        if not q.choices:
            assert q.working[-1].value == pytest.approx(q.answer)
        for step in q.working:
            text = fr.step_text(step)
            assert "\\" not in text
            assert "{" not in text


def test_latex_text_reads_the_working_formulas() -> None:
    steps = fr.working(fr.Scheme.parse("8 Gy x 3"), 10)
    assert [latex_text(s.latex) for s in steps] == [
        "D = n d = 3 × 8 = 24 Gy",
        "BED = n d (1 + d/(α/β)) = 3 × 8 (1 + 8/10) = 43.2 Gy",
        "EQD2 = BED/(1 + 2/(α/β)) = 43.2/(1 + 2/10) = 36 Gy",
    ]


@pytest.mark.parametrize(
    ("response", "correct"),
    [(37.5, True), ("37.5", True), ("37,5 Gy", True), (" 37.45 gy ", True), (37.4, True), (37.6, True),
     (37.39, False), (37.61, False), ("37.5 cGy", False), ("", False), (True, False), (float("nan"), False)],
)  # fmt: skip
def test_marking_within_the_stated_tolerance(response: object, correct: bool) -> None:
    question = fr.Question(number=1, topic="eqd2", text="?", answer=37.5, unit="Gy", tolerance=0.1, working=())
    marked = question.check(response)
    assert marked.correct is correct
    assert ("Right" in marked.message) is correct


def test_marking_a_choice() -> None:
    question = next(q for q in fr.quiz(seed=2, count=len(QUIZ_TOPICS)) if q.choices)
    wrong = next(c for c in question.choices if c != question.answer)
    assert question.check(question.answer).correct
    assert not question.check(wrong).correct
    assert "Expected one of A, B, C" in question.check("D").message


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"seed": -1}, "seed"), ({"seed": 1.5}, "seed"), ({"seed": 1, "count": 0}, "count"),
     ({"seed": 1, "count": 51}, "count"), ({"seed": 1, "level": "expert"}, "level"),
     ({"seed": 1, "topics": ["eqd3"]}, "topics"), ({"seed": 1, "topics": []}, "topics"),
     ({"seed": 1, "topics": "eqd2"}, "topics")],
)  # fmt: skip
def test_bad_settings_are_refused_by_name(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(fr.FractionationError, match=message):
        fr.quiz(**kwargs)  # type: ignore[arg-type]


def test_cli_prints_the_same_questions_with_answers_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    questions = fr.quiz(seed=9, count=5, level="easy")
    code, sheet, _ = run(capsys, "quiz", "--seed", "9", "--count", "5", "--level", "easy")
    assert code == 0
    assert all(f"{q.number}. {q.text}" in sheet for q in questions)
    assert "Answer:" not in sheet
    code, answers, _ = run(capsys, "quiz", "--seed", "9", "--count", "5", "--level", "easy", "--answers")
    assert all(f"Answer: {q.answer_text}" in answers for q in questions)
    assert fr.step_text(questions[0].working[-1]) in answers
    code, out, _ = run(
        capsys, "quiz", "--seed", "9", "--count", "5", "--level", "easy", "--format", "json", "--answers"
    )
    shown = json.loads(out)
    assert shown["settings"] == {"seed": 9, "count": 5, "level": "easy", "topics": "all"}
    assert [q["answer"] for q in shown["questions"]] == [q.answer_text for q in questions]
    code, out, _ = run(capsys, "quiz", "--seed", "9", "--count", "2", "--format", "markdown", "--answers")
    assert out.startswith("# Quiz: seed 9")
    assert "**Answer:**" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [((), "--seed"), (("--seed", "x"), "invalid int"), (("--seed", "1", "--count", "99"), "count must be"),
     (("--seed", "1", "--topic", "eqd3"), "invalid choice"), (("--seed", "1", "--level", "expert"), "invalid choice")],
)  # fmt: skip
def test_cli_refuses_odd_input_in_one_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "quiz", *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1
