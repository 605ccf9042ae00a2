"""The rule engine: cited tolerance rules, and a plan checked against those that apply.

FOR TEACHING: the tolerance figures (schemes/tolerances.toml) must be checked against
the institution's protocol.

Like with like. Each rule states the basis of its limit: "one course" (a de novo
figure), "summed without recovery" (Nieder 2006 and Sahgal 2012 summed the courses'
doses with no recovery discount), or "summed with recovery" under the recovery model
its source states. A check measures the plan on its rule's basis. A recovery assumption
the user asks for is computed and shown beside the value, labelled as an assumption;
the verdict never uses it.

The figures were derived with LQ at the cord's alpha/beta. So a check's value is
computed with LQ at the cord's alpha/beta whatever the model chosen (with Thames'
incomplete repair when the days hold several fractions: see :func:`basis_model`);
another model (LQ-L, USC) gives a value shown beside, labelled as an assumption the
limit's source did not make, and never used for the verdict. USC fixes its own
alpha/beta: its values are computed at that one, the cord's still gives the basis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fractionation._checks import check_choice, check_collection, check_instance, check_number
from fractionation._data import COMPARISONS, tolerance_rules
from fractionation._errors import FractionationError, WrongTypeError
from fractionation._history import History, Recovery, eqd2_of_bed
from fractionation._models import LQ, PARK_BETA_AS_QUOTED, USC, Model, as_model
from fractionation._source import Source
from fractionation.bounds import ALPHA_BETA, TARGET_DOSE, Bound

__all__ = ["Rule", "RuleCheck", "check_plan"]

MEASURES = ("course_physical", "course_eqd2", "each_course_bed", "cumulative_bed", "cumulative_eqd2",
            "planned_share", "shortest_interval_months")  # fmt: skip
#: The measures a recovery discount changes: those that sum the courses.
SUMMED_MEASURES = ("cumulative_bed", "cumulative_eqd2", "planned_share")
#: The measures a model changes: those computed from a BED.
MODEL_MEASURES = ("course_eqd2", "each_course_bed", *SUMMED_MEASURES)
#: The model every tolerance figure here was derived with: LQ at the cord's alpha/beta.
BASIS_MODEL = LQ()


def basis_model(model: Model) -> Model:
    """The model a check's verdict uses: LQ, with the incomplete repair of ``model`` if it is LQ with several a day.

    Thames' H is LQ's BED for the days that really happen, not another dose-response
    model: leaving it out would understate the BED and could pass a plan on an
    assumption (complete repair between fractions) the limits' sources never made.
    LQ-L and USC are other models: their values are shown beside, never used.

    >>> basis_model(LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=1.5)).name
    'LQ, 2 a day 6 h apart, repair half-time 1.5 h (H = 0.0625)'
    >>> basis_model(USC()).name
    'LQ'
    """
    return model if isinstance(model, LQ) else BASIS_MODEL


BASES = ("one course", "summed without recovery", "summed with recovery")
APPLIES = ("de novo", "re-irradiation")
#: A limit: a dose (Gy), a share or months, finite and above 0.
LIMIT = Bound(0.0, TARGET_DOSE.high, "", "a dose in Gy, a share or months; finite and above 0", low_open=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A tolerance figure: the quantity it limits, the limit, its basis, when it applies and its source.

    ``comparison`` is "at most" or "at least": how the value is held against ``limit``.
    ``basis`` says how the source summed the courses ("one course", "summed without
    recovery", "summed with recovery", then with the source's ``recovery`` model);
    ``basis_quote`` quotes the source where it says so. The source's ``note`` gives the
    figure's context.
    """

    id: str
    name: str
    applies: str
    measure: str
    quantity: str
    comparison: str
    limit: float
    source: Source
    basis: str
    basis_quote: str = ""
    recovery: Recovery | None = None
    alpha_beta: float | None = None
    n_fractions: int | None = None
    max_n_fractions: int | None = None
    max_dose_per_fraction: float | None = None
    stereotactic: bool | None = None

    def __post_init__(self) -> None:
        check_choice(self.applies, "applies", APPLIES)
        check_choice(self.measure, "measure", MEASURES)
        check_choice(self.comparison, "comparison", COMPARISONS)
        check_number(self.limit, "limit", LIMIT)
        check_instance(self.source, "source", Source, "a Source")
        check_choice(self.basis, "basis", BASES)
        if (self.basis == "one course") != (self.applies == "de novo"):
            expected = "'one course' for a de novo rule" if self.applies == "de novo" else "a sum for re-irradiation"
            raise FractionationError(argument="basis", value=self.basis, expected=expected)
        if self.recovery is not None:
            check_instance(self.recovery, "recovery", Recovery, "a Recovery or None")
        if (self.basis == "summed with recovery") != (self.recovery is not None):
            expected = "a Recovery" if self.recovery is None else "None: the basis has no recovery"
            raise FractionationError(argument="recovery", value=self.recovery, expected=expected)

    def limit_as_eqd2(self, alpha_beta: float, model: Model | None = None) -> float | None:
        """The limit as a cumulative EQD2 (Gy) at ``alpha_beta``, to draw beside the cumulative EQD2.

        A cumulative BED limit converted, a cumulative EQD2 limit as it is; None for a
        rule on another measure.

        >>> from fractionation import tolerance_rule
        >>> nieder = tolerance_rule("nieder-2006-cumulative")
        >>> nieder.limit, nieder.limit_as_eqd2(2.0)
        (135.5, 67.75)
        """
        ab = check_number(alpha_beta, "alpha_beta", ALPHA_BETA)
        if self.measure == "cumulative_eqd2":
            return self.limit
        return eqd2_of_bed(self.limit, ab, model) if self.measure == "cumulative_bed" else None

    def applies_to(self, history: History) -> bool:
        planned = history.planned
        if (self.applies == "de novo") != (len(history.courses) == 1):
            return False
        if self.stereotactic is not None and planned.stereotactic != self.stereotactic:
            return False
        if self.n_fractions is not None and planned.n_fractions != self.n_fractions:
            return False
        if self.max_n_fractions is not None and planned.n_fractions > self.max_n_fractions:
            return False
        return self.max_dose_per_fraction is None or planned.max_dose_per_fraction <= self.max_dose_per_fraction

    def holds(self, value: float) -> bool:
        return value <= self.limit if self.comparison == "at most" else value >= self.limit


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleCheck:
    """One rule applied to a plan: the value on the rule's basis, the limit, whether it holds, the source.

    ``value_assuming_recovery`` is the value under a recovery assumption the user asked
    for (None without one, or where it changes nothing): shown beside, never used for
    ``holds``. Likewise ``value_under_model`` is the value under the model chosen when
    it is not the limit's LQ (``model`` names it, at its ``model_alpha_beta``): None
    under LQ, or where the model changes nothing (a physical dose, an interval).
    """

    rule: Rule
    value: float
    holds: bool
    unit: str
    assumptions: tuple[str, ...] = ()
    value_assuming_recovery: float | None = None
    value_under_model: float | None = None
    model: str = "LQ"
    model_alpha_beta: float | None = None

    @property
    def mark(self) -> str:
        """holds, EXCEEDED (an upper limit) or NOT MET (a lower limit)."""
        return self._mark(self.holds)

    @property
    def mark_under_model(self) -> str | None:
        """:attr:`mark` under the model chosen, an assumption (None where it gives no value of its own)."""
        return None if self.holds_under_model is None else self._mark(self.holds_under_model)

    def _mark(self, holds: bool) -> str:
        return "holds" if holds else "EXCEEDED" if self.rule.comparison == "at most" else "NOT MET"

    @property
    def passes_only_assuming_recovery(self) -> bool:
        """Whether the rule fails on its basis but would hold under the recovery assumption."""
        return (
            not self.holds
            and self.value_assuming_recovery is not None
            and self.rule.holds(self.value_assuming_recovery)
        )

    @property
    def holds_under_model(self) -> bool | None:
        """Whether the rule would hold under the model chosen (None where it gives no value of its own)."""
        return None if self.value_under_model is None else self.rule.holds(self.value_under_model)

    @property
    def passes_only_under_model(self) -> bool:
        """Whether the rule fails on its basis (LQ) but would hold under the model chosen."""
        return not self.holds and self.holds_under_model is True

    @property
    def fails_only_under_model(self) -> bool:
        """Whether the rule holds on its basis (LQ) but would not under the model chosen: a stricter model."""
        return self.holds and self.holds_under_model is False

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        rule = self.rule
        text = f"{rule.name}: {self.value:.2f}{unit}, limit {rule.comparison} {rule.limit:g}{unit}: {self.mark}"
        if self.value_assuming_recovery is not None:
            assumed = f"{self.value_assuming_recovery:.2f}{unit}"
            text += f" (assuming recovery: {assumed}, an assumption the limit does not make)"
        if self.value_under_model is not None:
            text += (f" (under {self.model}: {self.value_under_model:.2f}{unit}, {self.mark_under_model}; an "
                     "assumption the limit does not make)")  # fmt: skip
        return text


def _summed_bed(history: History, alpha_beta: float, model: Model, recovery: Recovery | None) -> float:
    """The courses' BED summed, each earlier course discounted by ``recovery`` (None: no discount)."""
    before = history.months_before_planned()
    last = len(history.courses) - 1
    return sum(course.bed(alpha_beta, model) * (1 - (recovery.fraction(before[i]) if recovery and i < last else 0.0))
               for i, course in enumerate(history.courses))  # fmt: skip


def _measure(rule: Rule, history: History, alpha_beta: float, model: Model, recovery: Recovery | None) -> float:
    """The plan's value of ``rule.measure``; the summed measures with ``recovery`` (None: summed as they are)."""
    planned = history.planned
    if rule.measure == "course_physical":
        return planned.total_dose
    if rule.measure == "course_eqd2":
        return planned.eqd2(alpha_beta, model)
    if rule.measure == "each_course_bed":
        return max(c.bed(alpha_beta, model) for c in history.courses)
    if rule.measure == "shortest_interval_months":
        return min(interval.months for interval in history.intervals)
    summed = _summed_bed(history, alpha_beta, model, recovery)
    if rule.measure == "cumulative_bed":
        return summed
    if rule.measure == "cumulative_eqd2":
        return eqd2_of_bed(summed, alpha_beta, model)
    return planned.bed(alpha_beta, model) / summed  # planned_share: the planned course by identity


_UNITS = {"shortest_interval_months": "months", "planned_share": ""}


def model_alpha_beta(model: Model, alpha_beta: float) -> float:
    """The alpha/beta (Gy) ``model`` computes at for a cord of ``alpha_beta``: the cord's, or USC's own.

    USC fixes its own alpha/beta. Given it as the cord's, derived (8.605 Gy) or as quoted
    (8.68 Gy, the old way of calling this), it would put the limits' basis there (LQ at
    8.6 Gy, a far lower BED than at the cord's 2 Gy): refused as ambiguous.

    >>> model_alpha_beta(USC(), 2.0), model_alpha_beta(LQ(), 2.0)
    (8.60479855138072, 2.0)
    """
    if not isinstance(model, USC):
        return float(model.check_alpha_beta(alpha_beta))
    # USC's alpha/beta, derived or as quoted (the old way of calling this), is never a cord's: refused below.
    parks = (model, USC(alpha=model.alpha, d0=model.d0, dq=model.dq), USC(alpha=model.alpha, d0=model.d0, dq=model.dq,
                                                                           beta=PARK_BETA_AS_QUOTED))  # fmt: skip
    if not any(_is_own(usc, alpha_beta) for usc in parks):
        return float(model.alpha_beta)  # a cord's alpha/beta, not USC's: USC computes at its own
    raise FractionationError(
        argument="alpha_beta", value=alpha_beta,
        expected=f"the cord's alpha/beta (2 Gy cervical and thoracic, 4 Gy lumbar), not USC's ("
        f"{parks[1].alpha_beta:.3f} Gy derived, {parks[2].alpha_beta:.3f} Gy as quoted)",
        hint="the limits were derived with LQ at the cord's alpha/beta; USC computes at its own, shown beside",
    )  # fmt: skip


def _is_own(usc: USC, alpha_beta: float) -> bool:
    """Whether ``alpha_beta`` is ``usc``'s own, within the tolerance its check allows."""
    try:
        usc.check_alpha_beta(alpha_beta)
    except FractionationError:
        return False
    return True


def check_plan(
    history: History, *, alpha_beta: float = 2.0, recovery: Recovery | None = None, model: Model | None = None,
    rules: Sequence[Rule] | None = None,
) -> list[RuleCheck]:  # fmt: skip
    """Every tolerance rule that applies to the planned (last) course of ``history``, checked on its basis.

    ``alpha_beta`` (Gy) is the cord's, under every model: 2 for the cervical and thoracic
    cord, 4 for the lumbar cord (Nieder 2006). Each value, and the verdict, is computed
    as the limits were derived: with LQ at the cord's alpha/beta (with the incomplete
    repair of an LQ model of several fractions a day: see :func:`basis_model`). Another ``model``
    (LQ-L, USC; USC at its own alpha/beta) gives each value beside, as an assumption
    (``value_under_model``), never used for the verdict. A ``recovery`` discount is an
    assumption too: each check that sums courses shows the value it would give beside
    the value on the rule's basis, and the verdict ignores it.

    >>> from fractionation._history import Course
    >>> h = History.of([Course.of("2 Gy x 25"), Course.of("4 Gy x 5", months_after=12)])
    >>> for check in check_plan(h, recovery=Recovery()):
    ...     print(check)  # doctest: +NORMALIZE_WHITESPACE
    Re-irradiation: cumulative BED: 160.00 Gy, limit at most 135.5 Gy: EXCEEDED
        (assuming recovery: 110.00 Gy, an assumption the limit does not make)
    Re-irradiation: BED of each course: 100.00 Gy, limit at most 98 Gy: EXCEEDED
    Re-irradiation: interval between courses: 12.00 months, limit at least 6 months: holds
    >>> for check in check_plan(h, model=USC()):  # the verdict stays LQ's at the cord's 2 Gy
    ...     print(check)  # doctest: +NORMALIZE_WHITESPACE
    Re-irradiation: cumulative BED: 160.00 Gy, limit at most 135.5 Gy: EXCEEDED
        (under USC (alpha 0.33, D0 1.25, Dq 1.8; beta 0.03835 derived, a/b 8.605): 90.92 Gy, holds;
        an assumption the limit does not make)
    Re-irradiation: BED of each course: 100.00 Gy, limit at most 98 Gy: EXCEEDED
        (under USC (alpha 0.33, D0 1.25, Dq 1.8; beta 0.03835 derived, a/b 8.605): 61.62 Gy, holds;
        an assumption the limit does not make)
    Re-irradiation: interval between courses: 12.00 months, limit at least 6 months: holds
    """
    check_instance(history, "history", History, "a History")
    if recovery is not None:
        check_instance(recovery, "recovery", Recovery, "a Recovery or None")
    chosen = as_model(model)
    ab = float(check_number(alpha_beta, "alpha_beta", ALPHA_BETA))
    model_ab = model_alpha_beta(chosen, ab)
    basis = basis_model(chosen)
    other = basis is not chosen
    assumed = recovery is not None and recovery.discounts(history)
    checks = []
    expected = "a list of Rule objects, or None for the bundled rules"
    chosen_rules = tolerance_rules() if rules is None else check_collection(rules, "rules", expected)
    for index, rule in enumerate(chosen_rules):
        if not isinstance(rule, Rule):
            raise WrongTypeError(argument="rules", value=rule, expected=expected, index=index)
    for rule in chosen_rules:
        if not rule.applies_to(history):
            continue
        value = _measure(rule, history, ab, basis, rule.recovery)
        notes = []
        if rule.alpha_beta is not None and ab != rule.alpha_beta:
            notes.append(f"alpha/beta {ab:g} Gy used; the source's figure assumes {rule.alpha_beta:g} Gy")
        if rule.recovery is not None and rule.measure in SUMMED_MEASURES:
            notes.append(f"summed with the source's recovery model: {rule.recovery}")
        with_assumption = None
        if assumed and rule.measure in SUMMED_MEASURES and recovery != rule.recovery:
            with_assumption = _measure(rule, history, ab, basis, recovery)
            notes.append(f"assumption, not the limit's basis: recovery {recovery}")
        under_model = None
        if other and rule.measure in MODEL_MEASURES:
            under_model = _measure(rule, history, model_ab, chosen, rule.recovery)
            notes.append(f"assumption, not the limit's basis: model {chosen.name} (the source's figure uses LQ)")
        checks.append(RuleCheck(
            rule=rule, value=value, holds=rule.holds(value), unit=_UNITS.get(rule.measure, "Gy"),
            assumptions=tuple(notes), value_assuming_recovery=with_assumption, value_under_model=under_model,
            model=chosen.name, model_alpha_beta=model_ab,
        ))  # fmt: skip
    return checks
