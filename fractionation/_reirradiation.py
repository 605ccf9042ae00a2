"""The re-irradiation view: one report that the CLI and the app both render.

It gathers what a front end shows: the per-course table, the checks (each with its
rule's basis and any assumption beside it), a one-line verdict, the cumulative EQD2 as
steps at the courses' dates, the limits as EQD2 with their labels, and each citation
once. Front ends render it; they compute nothing.

Like with like: the tables, the checks and the verdict are computed as the limits were
derived, with LQ at the cord's alpha/beta. Under another model (LQ-L, USC) the model's
values stand beside them, in the columns and fields named ``..._under_model``, as an
assumption the limits' sources did not make; the verdict says when the model would
change it, either way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fractionation._checks import check_instance, check_number
from fractionation._citations import cite, references
from fractionation._cumulative import cumulative
from fractionation._data import Tissue, model_sources
from fractionation._history import History, Recovery, add_months
from fractionation._lq import lq_caution
from fractionation._models import LQ, Model, as_model
from fractionation._rules import SUMMED_MEASURES, Rule, RuleCheck, basis_model, check_plan, model_alpha_beta
from fractionation.bounds import ALPHA_BETA

if TYPE_CHECKING:
    import pandas as pd

    from fractionation._source import Source

__all__ = ["Limit", "ReirradiationReport", "reirradiation_report"]

NOTICE = ("For teaching: check every tolerance figure against the institution's protocol. The doses are those "
          "the spinal cord receives (its point maximum), not the prescription.")  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Limit:
    """A rule's limit as a cumulative EQD2 (Gy), to draw beside the cumulative EQD2, with its label and source."""

    label: str
    eqd2: float
    rule_id: str
    citation: str
    holds: bool


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ReirradiationReport:
    """Everything the re-irradiation view shows; see :func:`reirradiation_report`.

    ``alpha_beta`` is the cord's: with LQ, the limits' basis, it gives ``courses``
    (one row per course and a total: BED, EQD2, share; with a recovery assumption, its
    columns beside), ``timeline`` (the cumulative EQD2 as step vertices: ``month`` from
    the first course, ``date`` when the courses are dated, ``cumulative_eqd2``, and
    ``course`` on the rows where a course is given, from 0), ``cumulative_eqd2``, the
    checks and the verdict. Under another ``model`` (computed at ``model_alpha_beta``:
    the cord's, or USC's own), ``courses`` has ``bed_under_model`` and
    ``eqd2_under_model`` beside, ``timeline`` ``cumulative_eqd2_under_model``, each check
    its ``value_under_model``, and ``cumulative_eqd2_under_model`` is set; under LQ they
    are absent or None. ``sources``: the references the report rests on (the alpha/beta
    preset's, the formulas' and the model's, the rules checked), as :func:`cite` takes them.
    """

    history: History
    alpha_beta: float
    model: str
    model_alpha_beta: float
    courses: pd.DataFrame
    checks: tuple[RuleCheck, ...]
    verdict: str
    timeline: pd.DataFrame
    limits: tuple[Limit, ...]
    citations: tuple[str, ...]
    assumptions: tuple[str, ...]
    cautions: tuple[str, ...]
    cumulative_eqd2: float
    cumulative_eqd2_assuming_recovery: float | None
    cumulative_eqd2_under_model: float | None
    sources: tuple[Source, ...]
    notice: str = NOTICE

    @property
    def failing(self) -> tuple[RuleCheck, ...]:
        return tuple(c for c in self.checks if not c.holds)

    def checks_table(self) -> pd.DataFrame:
        """One row per check: rule, value, limit, verdict, basis, the values assuming recovery and under the model
        (each an assumption: None without one), assumptions, source."""
        import pandas as pd

        rows = [
            {"rule": c.rule.name, "value": c.value, "unit": c.unit,
             "limit": f"{c.rule.comparison} {c.rule.limit:g} {c.unit}".strip(), "verdict": c.mark, "holds": c.holds,
             "basis": c.rule.basis if c.rule.measure in SUMMED_MEASURES else "",
             "value_assuming_recovery": c.value_assuming_recovery, "value_under_model": c.value_under_model,
             "verdict_under_model": c.mark_under_model,
             "assumptions": "; ".join(c.assumptions), "source": c.rule.source.citation}
            for c in self.checks
        ]  # fmt: skip
        columns = ["rule", "value", "unit", "limit", "verdict", "holds", "basis", "value_assuming_recovery",
                   "value_under_model", "verdict_under_model", "assumptions", "source"]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def __str__(self) -> str:
        lines = [self.verdict, *(str(c) for c in self.checks)]
        lines += [f"Assumption: {a}" for a in self.assumptions] + [f"Caution: {c}" for c in self.cautions]
        return "\n".join(lines)


def _verdict(checks: Sequence[RuleCheck], assumed: bool, alpha_beta: float, model: str | None) -> str:
    """The verdict on the rules' basis; where the model chosen (None: LQ) would change it, a sentence says so."""
    if not checks:
        return "No tolerance rule applies to this history: nothing was checked."
    failing = [c for c in checks if not c.holds]
    basis = "" if model is None else f" (LQ at the cord's alpha/beta {alpha_beta:g} Gy)"
    # The cord's alpha/beta where a source's figure assumes another (Nieder's 4 Gy lumbar cord included): said.
    other_ratios = sorted({r for c in checks if (r := c.rule.alpha_beta) is not None and r != alpha_beta})
    discount = "; no recovery discount used" if assumed else ""
    if not failing and other_ratios:
        assumes = " or ".join(f"{r:g}" for r in other_ratios)
        verdict = (f"All {len(checks)} rules that apply hold, at the cord's alpha/beta {alpha_beta:g} Gy{discount}; "
                   f"the sources' figures assume {assumes} Gy, so that alpha/beta is an input to check.")  # fmt: skip
    elif not failing:
        verdict = f"All {len(checks)} rules that apply hold, each on its source's basis{basis}{discount}."
    else:
        names = "; ".join(f"{c.rule.name} {c.mark}" for c in failing)
        on_basis = f", on the limits' basis{basis}" if basis else ""
        verdict = f"FAILS: {len(failing)} of {len(checks)} rules that apply do not hold ({names}){on_basis}."
    if any(c.passes_only_assuming_recovery for c in failing):
        verdict += " The recovery assumption would pass some of them; the limits' sources did not assume it."
    if passed := [c.rule.name for c in checks if c.passes_only_under_model]:
        verdict += (f" Under {model}, {len(passed)} of them would hold ({'; '.join(passed)}): an assumption the "
                    "limits' sources did not make, not used for the verdict.")  # fmt: skip
    if stricter := [c.rule.name for c in checks if c.fails_only_under_model]:
        verdict += (f" Under {model}, {len(stricter)} of them would NOT hold ({'; '.join(stricter)}): this model is "
                    "stricter here than the limits' basis; weigh it.")  # fmt: skip
    return verdict


def _limit(check: RuleCheck, alpha_beta: float, number: int) -> Limit | None:
    """The limit line of a check on a cumulative measure: "Nieder 2006 [1]: cumulative BED, ... at most ..."."""
    rule: Rule = check.rule
    eqd2 = rule.limit_as_eqd2(alpha_beta)  # on the limit's basis, LQ, as the cumulative EQD2 it is drawn beside
    if eqd2 is None:
        return None
    source = rule.source
    first = source.authors[0].split(",")[0] if source.authors else None
    who = f"{first} {source.year} " if first and source.year else ""
    label = f"{who}[{number}]: {rule.quantity} {rule.comparison} {rule.limit:g} Gy"
    if rule.measure != "cumulative_eqd2":
        label += f" (EQD2 {eqd2:.1f} Gy at α/β {alpha_beta:g})"
    return Limit(label=label, eqd2=eqd2, rule_id=rule.id, citation=source.citation, holds=check.holds)


def _timeline(history: History, eqd2s: Sequence[float], under_model: Sequence[float] | None) -> pd.DataFrame:
    """Step vertices: the cumulative EQD2 jumps at each course's start and stays until the next.

    ``under_model`` (None under LQ): the courses' EQD2 under the model, summed as
    ``cumulative_eqd2_under_model`` (with ``eqd2_under_model`` on a course's rows).
    """
    import pandas as pd

    starts = history.months_from_first()
    span = starts[-1]
    pad = max(1.0, round(0.15 * span))
    model_eqd2s = [None] * len(eqd2s) if under_model is None else under_model
    rows: list[dict[str, object]] = []
    running, running_under_model = 0.0, 0.0
    for course, start, eqd2, model_eqd2 in zip(history.courses, starts, eqd2s, model_eqd2s, strict=True):
        rows.append({"month": start, "date": course.date, "cumulative_eqd2": running, "course": None, "eqd2": None,
                     "cumulative_eqd2_under_model": running_under_model, "eqd2_under_model": None})  # fmt: skip
        running += eqd2
        running_under_model += model_eqd2 or 0.0
        rows.append({"month": start, "date": course.date, "cumulative_eqd2": running, "course": course.label,
                     "eqd2": eqd2, "cumulative_eqd2_under_model": running_under_model,
                     "eqd2_under_model": model_eqd2})  # fmt: skip
    last = history.planned.date
    end = None if last is None else add_months(last, int(pad))
    rows.append({"month": span + int(pad), "date": end, "cumulative_eqd2": running, "course": None, "eqd2": None,
                 "cumulative_eqd2_under_model": running_under_model, "eqd2_under_model": None})  # fmt: skip
    columns = ["month", "date", "cumulative_eqd2", "course", "eqd2"]
    if under_model is not None:
        columns += ["cumulative_eqd2_under_model", "eqd2_under_model"]
    return pd.DataFrame(rows, columns=columns)  # the columns under a model only where one is chosen


def reirradiation_report(
    history: History, *, alpha_beta: float | Tissue = 2.0, recovery: Recovery | None = None, model: Model | None = None,
    rules: Sequence[Rule] | None = None,
) -> ReirradiationReport:  # fmt: skip
    """The re-irradiation view of ``history`` at the cord's ``alpha_beta`` (Gy, or a preset): tables, checks, verdict.

    Every check is made on its rule's basis: LQ at the cord's ``alpha_beta`` (under
    every model), summed with no recovery discount for Nieder 2006 and Sahgal 2012. A
    ``recovery`` discount is an assumption shown beside, never instead. So is ``model``
    (LQ by default; LQL, USC; USC at its own alpha/beta): its values follow through the
    table, the timeline and the checks beside the basis's, and the verdict says when it
    would change a rule's verdict, either way.

    >>> from fractionation._history import Course
    >>> from fractionation._models import USC
    >>> history = History.of([Course.of("2 Gy x 25"), Course.of("4 Gy x 5", months_after=12)])
    >>> report = reirradiation_report(history, recovery=Recovery())
    >>> print(report.verdict)  # doctest: +NORMALIZE_WHITESPACE
    FAILS: 2 of 3 rules that apply do not hold (Re-irradiation: cumulative BED EXCEEDED; Re-irradiation: BED of
    each course EXCEEDED). The recovery assumption would pass some of them; the limits' sources did not assume it.
    >>> report.cumulative_eqd2, report.cumulative_eqd2_assuming_recovery
    (80.0, 55.0)
    >>> usc = reirradiation_report(history, model=USC())  # the cord's alpha/beta, 2 Gy, still gives the verdict
    >>> print(usc.verdict)  # doctest: +NORMALIZE_WHITESPACE
    FAILS: 2 of 3 rules that apply do not hold (Re-irradiation: cumulative BED EXCEEDED; Re-irradiation: BED of
    each course EXCEEDED), on the limits' basis (LQ at the cord's alpha/beta 2 Gy). Under USC (alpha 0.33, D0 1.25,
    Dq 1.8; beta 0.03835 derived, a/b 8.605), 2 of them would hold (Re-irradiation: cumulative BED; Re-irradiation:
    BED of each course): an assumption the limits' sources did not make, not used for the verdict.
    >>> usc.alpha_beta, round(usc.model_alpha_beta, 3), usc.cumulative_eqd2, round(usc.cumulative_eqd2_under_model, 2)
    (2.0, 8.605, 80.0, 73.77)
    >>> print(reirradiation_report(History.of([Course.of("8 Gy x 1")])).verdict)
    No tolerance rule applies to this history: nothing was checked.
    """
    check_instance(history, "history", History, "a History")
    chosen = as_model(model)
    preset = alpha_beta if isinstance(alpha_beta, Tissue) else None
    ab = float(check_number(alpha_beta if preset is None else preset.alpha_beta, "alpha_beta", ALPHA_BETA))
    model_ab = model_alpha_beta(chosen, ab)
    basis = basis_model(chosen)
    other = basis is not chosen
    table = cumulative(history, [ab], recovery=recovery, model=basis).drop(columns=["alpha_beta"])
    under_model = None
    if other:
        under_model = cumulative(history, [model_ab], model=chosen)
        table["bed_under_model"], table["eqd2_under_model"] = under_model["bed"], under_model["eqd2"]
    checks = tuple(check_plan(history, alpha_beta=ab, recovery=recovery, model=chosen, rules=rules))
    assumed = recovery is not None and recovery.discounts(history)
    total = float(table.iloc[-1]["eqd2"])
    total_under_model = None if under_model is None else float(under_model.iloc[-1]["eqd2"])
    with_recovery = float(table.iloc[-1]["eqd2_assuming_recovery"]) if assumed else None
    assumptions = []
    if assumed:
        assumptions.append(f"recovery {recovery}: cumulative EQD2 {with_recovery:.2f} Gy assuming it, "
                           f"{total:.2f} Gy without; the verdict uses the sum each rule's source used")  # fmt: skip
    if total_under_model is not None:
        assumptions.append(
            f"model {chosen.name} at alpha/beta {model_ab:.4g} Gy: cumulative EQD2 {total_under_model:.2f} Gy under "
            f"it, {total:.2f} Gy with LQ at the cord's {ab:g} Gy; the tolerance figures were derived with LQ, and the "
            "verdict uses LQ"
        )  # fmt: skip
    doses = sorted({p.dose_per_fraction for c in history.courses for p in c.parts})
    cautions = [text for d in doses[-1:] if (text := lq_caution(d)) is not None]  # the verdict's model is LQ
    if isinstance(chosen, LQ) and chosen.caution is not None:
        cautions.append(chosen.caution)
    used = cite(alpha_betas=[] if preset is None else [preset], models=[basis, chosen], rules=checks).sources
    recovery_source = [] if recovery is None else [model_sources()["recovery"]]  # where the assumption is stated
    citations = tuple(dict.fromkeys(c.rule.source.citation for c in checks))
    numbered = [(c, citations.index(c.rule.source.citation) + 1) for c in checks]
    limits = tuple(limit for c, number in numbered if (limit := _limit(c, ab, number)) is not None)
    course_eqd2s = [float(v) for v in table.iloc[:-1]["eqd2"]]
    model_eqd2s = None if under_model is None else [float(v) for v in under_model.iloc[:-1]["eqd2"]]
    return ReirradiationReport(
        history=history, alpha_beta=ab, model=chosen.name, model_alpha_beta=model_ab, courses=table, checks=checks,
        verdict=_verdict(checks, assumed, ab, chosen.name if other else None),
        timeline=_timeline(history, course_eqd2s, model_eqd2s), limits=limits, citations=citations,
        assumptions=tuple(assumptions), cautions=tuple(cautions), cumulative_eqd2=total,
        cumulative_eqd2_assuming_recovery=with_recovery, cumulative_eqd2_under_model=total_under_model,
        sources=references([*used, *recovery_source]),
    )  # fmt: skip
