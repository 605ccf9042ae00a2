"""Quiz mode: a seeded problem set for a class, from a link (``?quiz=1&seed=...``), with marking and the working.

The link carries the seed and the settings, so a whole class opening it gets the same
questions; ``teacher=1`` shows the answers. The questions, answers, tolerances and working
come from :func:`fractionation.quiz`; this page only lays them out and marks with
:meth:`fractionation.Question.check`. ``read_quiz_link`` and ``quiz_link`` are plain
functions, tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

import fractionation as fr
from fractionation import MAX_QUIZ_QUESTIONS, QUIZ_LEVELS, QUIZ_TOPICS
from fractionation.app.common import literal

DEFAULTS: dict[str, Any] = {"seed": 1, "count": 10, "level": "medium", "topics": list(QUIZ_TOPICS), "teacher": False}


def read_quiz_link(params: Mapping[str, Sequence[str]]) -> tuple[dict[str, Any] | None, list[str]]:
    """The quiz's settings from a link's query parameters (None without ``quiz=1``), and a message per bad value.

    >>> read_quiz_link({"quiz": ["1"], "seed": ["42"], "topic": ["eqd2", "bed"], "level": ["expert"]})
    ({'seed': 42, 'count': 10, 'level': 'medium', 'topics': ['eqd2', 'bed'], 'teacher': False}, \
["Link parameter level: expected one of easy, medium, hard, got 'expert'; medium used."])
    >>> read_quiz_link({"doc": ["x"]})
    (None, [])
    """
    if list(params.get("quiz", ()))[-1:] != ["1"]:
        return None, []
    settings, problems = dict(DEFAULTS), []
    for key, low, high in (("seed", 0, 2**31 - 1), ("count", 1, MAX_QUIZ_QUESTIONS)):
        if values := params.get(key):
            text = values[-1]
            if text.isdigit() and low <= int(text) <= high:
                settings[key] = int(text)
            else:
                problems.append(f"Link parameter {key}: expected a whole number from {low} to {high}, got {text!r}; "
                                f"{settings[key]} used.")  # fmt: skip
    if values := params.get("level"):
        if values[-1] in QUIZ_LEVELS:
            settings["level"] = values[-1]
        else:
            problems.append(f"Link parameter level: expected one of {', '.join(QUIZ_LEVELS)}, got {values[-1]!r}; "
                            f"{settings['level']} used.")  # fmt: skip
    if "topic" in params:
        topics = [t for t in params["topic"] if t in QUIZ_TOPICS]
        for unknown in (t for t in params["topic"] if t not in QUIZ_TOPICS):
            problems.append(f"Link parameter topic: no topic {unknown!r}; ignored.")
        settings["topics"] = topics or list(QUIZ_TOPICS)
    settings["teacher"] = list(params.get("teacher", ()))[-1:] == ["1"]
    return settings, problems


def quiz_link(settings: Mapping[str, Any]) -> dict[str, list[str]]:
    """The query parameters of a quiz: what a class needs to get the same questions.

    >>> quiz_link({"seed": 42, "count": 5, "level": "easy", "topics": ["eqd2"], "teacher": False})
    {'quiz': ['1'], 'seed': ['42'], 'count': ['5'], 'level': ['easy'], 'topic': ['eqd2']}
    """
    params = {"quiz": ["1"], "seed": [str(settings["seed"])], "count": [str(settings["count"])],
              "level": [str(settings["level"])]}  # fmt: skip
    if list(settings["topics"]) != list(QUIZ_TOPICS):
        params["topic"] = list(settings["topics"])
    if settings.get("teacher"):
        params["teacher"] = ["1"]
    return params


def _settings_controls() -> dict[str, Any]:
    ss = st.session_state
    with st.expander("Settings (the teacher's): change them, then share the link", expanded=False):
        a, b, c = st.columns(3)
        a.number_input("Seed", min_value=0, max_value=2**31 - 1, step=1, key="quiz_seed")
        b.number_input("Questions", min_value=1, max_value=MAX_QUIZ_QUESTIONS, step=1, key="quiz_count")
        c.selectbox("Level", QUIZ_LEVELS, key="quiz_level")
        st.multiselect("Topics", list(QUIZ_TOPICS), key="quiz_topics", format_func=lambda t: f"{t}: {QUIZ_TOPICS[t]}")
        st.toggle("Teacher view: show the answers", key="quiz_teacher")
    return {"seed": int(ss.quiz_seed), "count": int(ss.quiz_count), "level": ss.quiz_level,
            "topics": list(ss.quiz_topics) or list(QUIZ_TOPICS), "teacher": bool(ss.quiz_teacher)}  # fmt: skip


def _working(question: fr.Question) -> None:
    for step in question.working:
        st.markdown(f"**{step.title}**")
        st.latex(step.latex)
    if question.source:
        st.caption(f"Source: {question.source}")


def render() -> bool:
    """The quiz page when the link asks for one (``quiz=1``), and True; else nothing, and False."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    settings, problems = read_quiz_link(params)
    if settings is None:
        return False
    if "quiz_seed" not in st.session_state:  # a session's first run: the widgets start from the link
        for key, value in settings.items():
            st.session_state[f"quiz_{key}"] = value
        st.session_state.quiz_problems = problems
    st.title("Quiz: fractionation")
    st.caption("⚕ For teaching, not for prescribing. Linear-quadratic model; doses in Gy.")
    for problem in st.session_state.quiz_problems:
        st.warning(literal(problem))  # quotes the link
    settings = _settings_controls()
    link = quiz_link(settings)
    if {key: st.query_params.get_all(key) for key in st.query_params} != link:
        st.query_params.from_dict(link)
    shared = dict(link)
    shared.pop("teacher", None)
    query = "&".join(f"{key}={value}" for key, values in shared.items() for value in values)
    st.markdown("**The link for the class** (the same questions for everyone; it leaves out the teacher view):")
    page = (st.context.url or "").split("?")[0]  # the page's own address, where the server knows it
    st.code(f"{page}?{query}", language=None)
    st.caption(f"Or on the command line: fractionation quiz --seed {settings['seed']} --count {settings['count']} "
               f"--level {settings['level']}" + "".join(f" --topic {t}" for t in shared.get("topic", [])))  # fmt: skip
    questions = fr.quiz(seed=settings["seed"], count=settings["count"], topics=settings["topics"],
                        level=settings["level"])  # fmt: skip
    if settings["teacher"]:
        for question in questions:
            st.markdown(f"**{question.number}.** {question.text}")
            tolerance = "" if question.choices else f" (accepted within ±{question.tolerance:g} {question.unit})"
            st.success(f"Answer: {question.answer_text}{tolerance}")
            _working(question)
        return True
    with st.form("quiz_form"):
        for question in questions:
            st.markdown(f"**{question.number}.** {question.text}")
            key = f"quiz_answer_{settings['seed']}_{question.number}"
            if question.choices:
                st.radio("Your answer", question.choices, index=None, horizontal=True, key=key)
            else:
                st.number_input(f"Your answer ({question.unit})", value=None, step=0.1, format="%.2f", key=key)
        submitted = st.form_submit_button("Check my answers", type="primary")
    if not submitted and not st.session_state.get("quiz_checked"):
        return True
    st.session_state.quiz_checked = True
    score = 0
    for question in questions:
        response = st.session_state.get(f"quiz_answer_{settings['seed']}_{question.number}")
        marked = question.check(response) if response is not None else None
        score += bool(marked and marked.correct)
        st.markdown(f"**{question.number}.** {question.text}")
        if marked is None:
            st.info(f"No answer. The answer: {question.answer_text}.")
        elif marked.correct:
            st.success(literal(marked.message))  # may quote the answer typed
        else:
            st.error(literal(marked.message))
        with st.expander(f"Show the working for question {question.number}"):
            _working(question)
    st.subheader(f"Score: {score} / {len(questions)}")
    return True
