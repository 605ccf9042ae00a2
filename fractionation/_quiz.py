"""Quiz mode: seeded problem sets from the catalogue and the formulas, with answers, tolerances and the working.

A set is fixed by its seed, its number of questions, its topics and its level, so a
whole class given the same four gets the same questions (question i draws from its own
stream, ``numpy.random.default_rng([seed, i])``: the first five of ten are the five of
a set of five). Each question states its tolerance; :meth:`Question.check` marks an
answer, and :attr:`Question.working` is the worked solution, step by step, from the
same functions as the tables (:func:`fractionation.working` where it applies).

Levels: "easy" draws the six schemes of the source document and the tumour, late and
cord presets; "medium" the whole catalogue and every tissue preset; "hard" adds schemes
made up from whole fractions and doses, and the lumbar cord in the cumulative question.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from fractionation._checks import check_choice, check_collection, check_flag, check_instance
from fractionation._citations import cite
from fractionation._errors import FractionationError, WrongTypeError
from fractionation._lq import bed
from fractionation._scheme import Scheme
from fractionation._working import Step, working

if TYPE_CHECKING:
    import pandas as pd

    from fractionation._data import Tissue
    from fractionation._source import Source

__all__ = [
    "MAX_QUIZ_QUESTIONS",
    "QUIZ_LEVELS",
    "QUIZ_TOPICS",
    "Marked",
    "Question",
    "latex_text",
    "quiz",
    "quiz_table",
    "step_text",
]

#: The topics a teacher can choose, by id, with what each asks.
QUIZ_TOPICS: dict[str, str] = {
    "eqd2": "the EQD2 of a scheme",
    "bed": "the BED of a scheme",
    "dose-per-fraction": "the dose per fraction that matches another scheme",
    "n-fractions": "the number of fractions that matches another scheme",
    "spares-cord": "which scheme spares the spinal cord most",
    "missed": "what a missed fraction costs the tumour",
    "cumulative-cord": "a cumulative spinal cord dose against a cited limit",
}
QUIZ_LEVELS = ("easy", "medium", "hard")
MAX_QUIZ_QUESTIONS = 50

#: Answers in Gy are asked to one decimal and accepted within 0.1 Gy of the exact value, so
#: that a correctly rounded answer always passes; numbers of fractions likewise within 0.1.
TOLERANCE = 0.1


@dataclass(frozen=True, slots=True, kw_only=True)
class Marked:
    """The verdict on one answer: right or not, and a sentence saying why."""

    correct: bool
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """One question: its text, the answer (a number, or one of ``choices``), the tolerance and the working.

    ``inputs`` holds what the question was made from (schemes as notations, alpha/beta in Gy, ...),
    so that its answer can be checked against the library directly; ``sources`` the references
    it rests on (its catalogue schemes', tissues' and rules', and the formulas'), as
    :func:`cite` takes them.
    """

    number: int
    topic: str
    text: str
    answer: float | str
    unit: str
    tolerance: float
    working: tuple[Step, ...]
    choices: tuple[str, ...] = ()
    source: str = ""
    inputs: dict[str, str | float | list[str] | list[int]] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()  # the references the question rests on, as cite() takes them

    @property
    def answer_text(self) -> str:
        if isinstance(self.answer, str):
            return self.answer
        return f"{self.answer:.2f} {self.unit}".strip()

    def check(self, response: object) -> Marked:
        """Mark an answer: a number (or text such as "37.5" or "37.5 Gy") within the tolerance, or the right choice.

        >>> q = quiz(seed=1, count=1, topics=["eqd2"])[0]
        >>> q.check(round(q.answer, 1)).correct, q.check(q.answer + 1).correct
        (True, False)
        >>> q.check("seven").message
        "Expected a number (Gy), got 'seven'."
        """
        if self.choices:
            given = str(response).strip()
            if given not in self.choices:
                return Marked(correct=False, message=f"Expected one of {', '.join(self.choices)}, got {given!r}.")
            if given == self.answer:
                return Marked(correct=True, message=f"Right: {self.answer}.")
            return Marked(correct=False, message=f"Not quite: the answer is {self.answer}.")
        value = _number(response)
        if value is None:
            return Marked(correct=False, message=f"Expected a number ({self.unit}), got {str(response)[:40]!r}.")
        assert isinstance(self.answer, float)
        off = value - self.answer
        if abs(off) <= self.tolerance + 1e-9:
            return Marked(correct=True, message=f"Right: {self.answer:.2f} {self.unit} (within ±{self.tolerance:g}).")
        return Marked(
            correct=False,
            message=f"Not quite: {value:g} is {abs(off):.2f} {'above' if off > 0 else 'below'} "
            f"{self.answer:.2f} {self.unit} (accepted within ±{self.tolerance:g}).",
        )


_NUMBER = re.compile(r"\s*([-+]?\d+(?:[.,]\d+)?)\s*(gy|fractions?)?\s*", re.IGNORECASE)


def _step(title: str, latex: str, value: float) -> Step:
    """A working step (Step is keyword-only: title, formula and value cannot be swapped)."""
    return Step(title=title, latex=latex, value=value)


def _number(response: object) -> float | None:
    if isinstance(response, bool):
        return None
    if isinstance(response, int | float):
        try:
            value = float(response)
        except OverflowError:  # an int beyond float: not an answer
            return None
    else:
        match = _NUMBER.fullmatch(str(response))
        value = float(match[1].replace(",", ".")) if match else math.nan
    return value if math.isfinite(value) else None  # "9" * 400 reads as inf: not an answer either


def quiz(
    *, seed: int, count: int = 10, topics: Iterable[str] | None = None, level: str = "medium"
) -> tuple[Question, ...]:
    """``count`` questions on ``topics`` (default: all, taken in turn) at ``level``, fixed by ``seed``.

    >>> for q in quiz(seed=7, count=3, topics=["eqd2", "bed"], level="easy"):
    ...     print(q.number, q.topic, "|", q.answer_text)
    1 eqd2 | 70.00 Gy
    2 bed | 157.50 Gy
    3 eqd2 | 23.33 Gy
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or not 0 <= seed < 2**63:
        raise FractionationError(argument="seed", value=seed, expected="a whole number from 0 to 2**63 - 1")
    if isinstance(count, bool) or not isinstance(count, int | np.integer) or not 1 <= count <= MAX_QUIZ_QUESTIONS:
        raise FractionationError(
            argument="count", value=count, expected=f"a whole number from 1 to {MAX_QUIZ_QUESTIONS}"
        )
    check_choice(level, "level", QUIZ_LEVELS)
    expected = f"a list of topic ids among {', '.join(QUIZ_TOPICS)}"
    given = list(QUIZ_TOPICS) if topics is None else check_collection(topics, "topics", expected)
    for index, topic in enumerate(given):
        if not isinstance(topic, str):
            raise WrongTypeError(argument="topics", value=topic, expected=expected, index=index)
    chosen = list(dict.fromkeys(given))
    unknown = [t for t in chosen if t not in QUIZ_TOPICS]
    if unknown or not chosen:
        raise FractionationError(argument="topics", value=unknown or chosen, expected=f"among {', '.join(QUIZ_TOPICS)}")
    questions = []
    for index in range(int(count)):
        rng = np.random.default_rng([int(seed), index])
        topic = chosen[index % len(chosen)]
        questions.append(_MAKERS[topic](rng, index + 1, level))
    return tuple(questions)


def quiz_table(questions: Sequence[Question], *, answers: bool = False) -> pd.DataFrame:
    """The questions as a table (number, topic, question, choices; with ``answers``, answer, tolerance, working).

    >>> quiz_table(quiz(seed=1, count=2), answers=True).columns.tolist()
    ['number', 'topic', 'question', 'choices', 'answer', 'tolerance', 'working', 'source']
    """
    import pandas as pd

    given = check_collection(questions, "questions", "a list of Question objects (from quiz)")
    for index, question in enumerate(given):
        check_instance(question, "questions", Question, "a list of Question objects (from quiz)", index=index)
    answers = check_flag(answers, "answers")
    rows = []
    for q in given:
        row: dict[str, Any] = {
            "number": q.number,
            "topic": q.topic,
            "question": q.text,
            "choices": ", ".join(q.choices),
        }
        if answers:
            row |= {"answer": q.answer_text, "tolerance": f"±{q.tolerance:g} {q.unit}" if not q.choices else "",
                    "working": " | ".join(step_text(s) for s in q.working), "source": q.source}  # fmt: skip
        rows.append(row)
    return pd.DataFrame(rows)


# --- the plain-text form of a step's LaTeX (for a printed sheet and the handout) -----------------------


def step_text(step: Step) -> str:
    r"""A step of the working in plain text: its title and its formula with the numbers.

    >>> print(step_text(working(Scheme.parse("8 Gy x 3"), 10)[1]))
    BED: BED = n d (1 + d/(α/β)) = 3 × 8 (1 + 8/10) = 43.2 Gy
    """
    check_instance(step, "step", Step, "a Step (from fractionation.working)")
    return f"{step.title}: {latex_text(step.latex)}"


def latex_text(latex: str) -> str:
    r"""The small LaTeX of the working as plain text.

    >>> latex_text(r"\mathrm{EQD2} = \frac{\mathrm{BED}}{1 + 2/(\alpha/\beta)} \approx 36\ \mathrm{Gy}")
    'EQD2 = BED/(1 + 2/(α/β)) ≈ 36 Gy'
    """
    text = latex
    for _ in range(8):  # innermost first: \mathrm{..}, then fractions whose parts hold no braces
        text = re.sub(r"\\mathrm\{([^{}]*)\}", r"\1", text)
        text = re.sub(r"\\sqrt\{([^{}]*)\}", r"√(\1)", text)
        text = re.sub(
            r"\\frac\{([^{}]*)\}\{([^{}]*)\}", lambda m: f"{_part(m[1])}/{_part(m[2], denominator=True)}", text
        )
    for old, new in ((r"\left(", " ("), (r"\right)", ")"), (r"\times", "×"), (r"\approx", "≈"), (r"\alpha", "α"),
                     (r"\beta", "β"), (r"\cdot", "·"), (r"\ln", "ln"), (r"\geq", "≥"), (r"\leq", "≤"),
                     (r"\max", "max"), (r"\,", " "), (r"\ ", " "), (r"\;", " ")):  # fmt: skip
        text = text.replace(old, new)
    text = text.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def _part(text: str, *, denominator: bool = False) -> str:
    """A numerator or denominator, in brackets when it has more than one term (a denominator: any operator)."""
    plain = text.strip()
    operators = r"[\s+\-/×]" if denominator else r"[\s+\-]"
    return f"({plain})" if re.search(operators, plain) and not re.fullmatch(r"\([^()]*\)", plain) else plain


# --- the question makers -----------------------------------------------------------------------------


def _schemes(level: str) -> list[Scheme]:
    from fractionation._data import catalogue

    if level == "easy":
        return list(catalogue(origin="document"))
    return list(catalogue())


def _tissues(level: str) -> list[Tissue]:
    from fractionation._data import tissues

    wanted = ("tumour", "late", "cord") if level == "easy" else None
    return [t for t in tissues() if wanted is None or t.id in wanted]


def _pick(rng: np.random.Generator, items: Sequence[Any]) -> Any:
    return items[int(rng.integers(len(items)))]


def _made_up(rng: np.random.Generator) -> Scheme:
    """A plausible scheme: at most 5 fractions above 5 Gy, and at most 70 Gy in all."""
    while True:
        n = int(_pick(rng, (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25)))
        d = float(_pick(rng, (1.8, 2.0, 2.5, 2.75, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 12.0)))
        if n * d <= 70 and (d <= 5 or n <= 5):
            return Scheme(dose_per_fraction=d, n_fractions=n)


def _scheme(rng: np.random.Generator, level: str) -> Scheme:
    if level == "hard" and rng.random() < 0.5:
        return _made_up(rng)
    return _pick(rng, _schemes(level))  # type: ignore[no-any-return]


def _describe(scheme: Scheme) -> str:
    """A scheme as a question names it: its label, the total dose and the fractions."""
    return f"{scheme.label} ({scheme.total_dose:g} Gy in {scheme.n_fractions} fraction{'s' * (scheme.n_fractions > 1)})"


def _eqd2_question(rng: np.random.Generator, number: int, level: str, quantity: str = "eqd2") -> Question:
    scheme = _scheme(rng, level)
    preset = _pick(rng, _tissues(level))
    name, ab = preset.name, preset.alpha_beta
    steps = tuple(working(scheme, ab))
    answer = steps[-1].value if quantity == "eqd2" else steps[1].value
    label = "EQD2" if quantity == "eqd2" else "BED"
    return Question(
        number=number, topic=quantity, unit="Gy", tolerance=TOLERANCE, answer=float(answer),
        text=f"What is the {label} of {_describe(scheme)} for {name} (α/β {ab:g} Gy)? Answer in Gy to one decimal.",
        working=steps if quantity == "eqd2" else steps[:2], inputs={"scheme": scheme.label, "alpha_beta": ab},
        sources=cite(schemes=[scheme], alpha_betas=[preset]).sources,
    )  # fmt: skip


def _bed_question(rng: np.random.Generator, number: int, level: str) -> Question:
    return _eqd2_question(rng, number, level, "bed")


def _tumour_and_reference(rng: np.random.Generator, level: str) -> tuple[Scheme, Tissue]:
    reference = _scheme(rng, level)
    return reference, _pick(rng, _tissues(level))


def _dose_question(rng: np.random.Generator, number: int, level: str) -> Question:
    from fractionation._solve import solve_dose_per_fraction

    for _ in range(50):
        reference, preset = _tumour_and_reference(rng, level)
        name, ab = preset.name, preset.alpha_beta
        n_new = int(_pick(rng, [n for n in (1, 2, 3, 5, 10, 15, 20) if n != reference.n_fractions]))
        target = float(reference.eqd2(ab))
        dose = float(solve_dose_per_fraction(n_fractions=n_new, alpha_beta=ab, target_eqd2=target))
        if dose <= 25:
            break
    target_bed = float(reference.bed(ab))
    formula = _step(
        "Dose per fraction",
        rf"d = \frac{{-1 + \sqrt{{1 + 4\,\mathrm{{BED}}/(n\,\alpha/\beta)}}}}{{2/(\alpha/\beta)}} = "
        rf"\frac{{-1 + \sqrt{{1 + 4 \times {target_bed:.6g}/({n_new} \times {ab:g})}}}}{{2/{ab:g}}} = "
        rf"{dose:.4g}\ \mathrm{{Gy}}",
        dose,
    )
    return Question(
        number=number, topic="dose-per-fraction", unit="Gy", tolerance=TOLERANCE, answer=dose,
        text=f"What dose per fraction in {n_new} fraction{'s' * (n_new > 1)} gives {name} (α/β {ab:g} Gy) the same "
        f"EQD2 as {_describe(reference)}? Answer in Gy to one decimal.",
        working=(*working(reference, ab)[1:], formula),
        inputs={"scheme": reference.label, "alpha_beta": ab, "n_fractions": n_new},
        sources=cite(schemes=[reference], alpha_betas=[preset]).sources,
    )  # fmt: skip


def _fractions_question(rng: np.random.Generator, number: int, level: str) -> Question:
    from fractionation._solve import solve_n_fractions

    reference, preset = _tumour_and_reference(rng, level)
    name, ab = preset.name, preset.alpha_beta
    d_new = float(_pick(rng, [d for d in (2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0) if d != reference.dose_per_fraction]))
    target_bed = float(reference.bed(ab))
    solution = solve_n_fractions(dose_per_fraction=d_new, alpha_beta=ab, target_bed=target_bed)
    per_fraction = d_new * (1 + d_new / ab)
    step = _step(
        "Number of fractions",
        rf"n = \frac{{\mathrm{{BED}}}}{{d\,(1 + d/(\alpha/\beta))}} = \frac{{{target_bed:.6g}}}"
        rf"{{{d_new:g} \times (1 + {d_new:g}/{ab:g})}} = \frac{{{target_bed:.6g}}}{{{per_fraction:.4g}}} = "
        rf"{solution.exact:.4g}",
        solution.exact,
    )
    return Question(
        number=number, topic="n-fractions", unit="fractions", tolerance=TOLERANCE, answer=float(solution.exact),
        text=f"How many fractions of {d_new:g} Gy give {name} (α/β {ab:g} Gy) the same EQD2 as {_describe(reference)}? "
        f"Give the exact (fractional) number to one decimal.",
        working=(working(reference, ab)[1], step),
        inputs={"scheme": reference.label, "alpha_beta": ab, "dose_per_fraction": d_new},
        sources=cite(schemes=[reference], alpha_betas=[preset]).sources,
    )  # fmt: skip


def _spares_cord_question(rng: np.random.Generator, number: int, level: str) -> Question:
    from fractionation._data import tissue

    cord = tissue("cord")
    letters = ("A", "B", "C")
    if level == "easy":
        pool = _schemes(level)
        for _ in range(50):
            picked = [pool[i] for i in rng.choice(len(pool), size=3, replace=False)]
            values = [float(s.eqd2(cord.alpha_beta)) for s in picked]
            if len({round(v, 1) for v in values}) == 3:
                break
        based_on = picked
        lead = "Which of these schemes gives the spinal cord the lowest EQD2"
    else:  # the same tumour EQD2 in different numbers of fractions: the teaching point of fractionation
        from fractionation._solve import solve_dose_per_fraction

        reference = _pick(rng, [s for s in _schemes(level) if s.n_fractions >= 5])
        based_on = [reference]
        counts = sorted(int(n) for n in rng.choice([1, 2, 3, 5, 8, 10, 15, 20], size=3, replace=False))
        target = float(reference.eqd2(10.0))
        picked = [
            Scheme(dose_per_fraction=float(solve_dose_per_fraction(n_fractions=n, alpha_beta=10.0,
                                                                   target_eqd2=target)), n_fractions=n)
            for n in counts
        ]  # fmt: skip
        values = [float(s.eqd2(cord.alpha_beta)) for s in picked]
        lead = (
            f"These schemes give the tumour (α/β 10 Gy) the same EQD2 as {reference.label}. "
            "Which spares the spinal cord most"
        )
    order = rng.permutation(3)
    picked, values = [picked[i] for i in order], [values[i] for i in order]
    named = [f"{letter}: {s.label}" for letter, s in zip(letters, picked, strict=True)]
    best = letters[int(np.argmin(values))]
    steps = tuple(
        _step(f"{letter}: cord EQD2", rf"\mathrm{{EQD2}} = {s.total_dose:.4g} \times "
              rf"\frac{{{s.dose_per_fraction:.4g} + {cord.alpha_beta:g}}}{{2 + {cord.alpha_beta:g}}} = "
              rf"{v:.4g}\ \mathrm{{Gy}}", v)
        for letter, s, v in zip(letters, picked, values, strict=True)
    )  # fmt: skip
    return Question(
        number=number, topic="spares-cord", unit="", tolerance=0.0, answer=best, choices=letters,
        text=f"{lead} ({cord.name}, α/β {cord.alpha_beta:g} Gy)? {'; '.join(named)}.",
        working=steps, source=cord.source.citation, inputs={"schemes": [s.label for s in picked]},
        sources=cite(schemes=based_on, alpha_betas=[cord]).sources,
    )  # fmt: skip


def _missed_question(rng: np.random.Generator, number: int, level: str) -> Question:
    from fractionation._data import tissue
    from fractionation._interruptions import DEFAULT_TUMOUR, method_sources, missed_fractions

    n = int(_pick(rng, (30, 33, 35) if level != "easy" else (35,)))
    scheme = Scheme(dose_per_fraction=2.0, n_fractions=n)
    week = int(rng.integers(1, 5))
    weekday = int(rng.integers(0, 5))
    days = [7 * week + weekday]
    if level == "hard" and weekday < 4:
        days.append(days[0] + 1)
    gap = missed_fractions(scheme, missed=days, normal_tissues=[3.0])
    planned, late = gap.option("planned"), gap.option("uncompensated")
    rate = gap.assumptions[0]
    from fractionation._data import repopulation

    hn = repopulation("hnscc-pedicini-2015")
    dprolif, tk = float(hn.dprolif_gy_per_day or 0), hn.kickoff_days
    steps = (
        _step("Overall time as planned", rf"T = {planned.overall_time_days}\ \mathrm{{d}}", planned.overall_time_days),
        _step("Overall time with the missed fractions at the end", rf"T' = {late.overall_time_days}\ \mathrm{{d}}",
             late.overall_time_days),
        _step("EQD2 lost", rf"D_{{prolif}} \times (\max(0, T' - T_k) - \max(0, T - T_k)) = {dprolif:g} \times "
             rf"({max(0.0, late.overall_time_days - tk):.4g} - {max(0.0, planned.overall_time_days - tk):.4g}) = "
             rf"{gap.eqd2_lost:.4g}\ \mathrm{{Gy}}", gap.eqd2_lost),
    )  # fmt: skip
    missed_text = " and ".join(
        f"{'Day' if i == 0 else 'day'} {d} ({['Mon', 'Tue', 'Wed', 'Thu', 'Fri'][d % 7]})" for i, d in enumerate(days)
    )
    return Question(
        number=number, topic="missed", unit="Gy", tolerance=TOLERANCE, answer=float(gap.eqd2_lost),
        text=f"{_describe(scheme)}, Monday to Friday from day 0 (a Monday), for head and neck cancer. {missed_text} "
        f"{'is' if len(days) == 1 else 'are'} missed and the fraction{'s' * (len(days) > 1)} given after the "
        f"planned end. With Tk {tk:g} d and Dprolif {dprolif:g} Gy/day, how much tumour EQD2 is lost? Answer in Gy "
        "to one decimal.",
        working=steps, source=hn.source.citation if hn.source else rate,
        inputs={"scheme": scheme.label, "missed": days},
        sources=(*method_sources(), *cite(alpha_betas=[tissue(DEFAULT_TUMOUR)], repopulation=hn).sources),
    )  # fmt: skip


def _cumulative_question(rng: np.random.Generator, number: int, level: str) -> Question:
    from fractionation._data import tissue, tolerance_rule

    rule = tolerance_rule("nieder-2006-cumulative")
    cord = tissue("cord-lumbar" if level == "hard" and rng.random() < 0.5 else "cord")
    first = Scheme.parse(_pick(rng, ("30 Gy/10", "20 Gy/5", "8 Gy x 1", "36 Gy/12", "40 Gy/20")))
    second = Scheme.parse(_pick(rng, ("8 Gy x 1", "20 Gy/5", "16 Gy/2", "30 Gy/10", "24 Gy/2")))
    months = int(_pick(rng, (6, 8, 12)))
    ab = cord.alpha_beta
    beds = [float(bed(dose_per_fraction=s.dose_per_fraction, n_fractions=s.n_fractions, alpha_beta=ab))
            for s in (first, second)]  # fmt: skip
    total = sum(beds)
    verdict = "within" if total <= rule.limit else "above"
    steps = (
        *(_step(f"BED of course {i + 1}", rf"{s.n_fractions} \times {s.dose_per_fraction:.4g} \left(1 + "
               rf"\frac{{{s.dose_per_fraction:.4g}}}{{{ab:g}}}\right) = {b:.4g}\ \mathrm{{Gy}}", b)
          for i, (s, b) in enumerate(zip((first, second), beds, strict=True))),
        _step("Cumulative BED", rf"{beds[0]:.4g} + {beds[1]:.4g} = {total:.4g}\ \mathrm{{Gy}}\ ({verdict}\ "
             rf"{rule.limit:g}\ \mathrm{{Gy}})", total),
    )  # fmt: skip
    return Question(
        number=number, topic="cumulative-cord", unit="Gy", tolerance=TOLERANCE, answer=total,
        text=f"The {cord.name.lower()} (α/β {ab:g} Gy) received {first.label}, and {months} months later "
        f"{second.label}, both at the prescribed dose. What is the cumulative BED, summed without any recovery "
        f"discount as Nieder et al. 2006 did? Answer in Gy to one decimal; is it within their {rule.limit:g} Gy "
        "limit?",
        working=steps, source=rule.source.citation,
        inputs={"schemes": [first.label, second.label], "alpha_beta": ab, "limit": rule.limit},
        sources=cite(alpha_betas=[cord], rules=[rule]).sources,
    )  # fmt: skip


_MAKERS = {
    "eqd2": _eqd2_question,
    "bed": _bed_question,
    "dose-per-fraction": _dose_question,
    "n-fractions": _fractions_question,
    "spares-cord": _spares_cord_question,
    "missed": _missed_question,
    "cumulative-cord": _cumulative_question,
}
