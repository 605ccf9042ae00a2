"""Missed fractions: what an unscheduled interruption costs the tumour, and the ways to make it up.

Following Dale RG, Hendry JH, Jones B, Robertson AG, Deehan C, Sinclair JA. Practical
methods for compensating for missed treatment days in radiotherapy, with particular
reference to head and neck schedules. Clin Oncol 2002;14:382-393 (doi:10.1053/clon.2002.0111),
which builds on Hendry JH et al., A modelled comparison of the effects of using
different ways to compensate for missed treatment days in radiotherapy, Clin Oncol
1996;8:297-307; and the Royal College of Radiologists, Timely delivery of radical
radiotherapy: guidelines for the management of unscheduled treatment interruptions,
fourth edition, 2019 (it replaced the third edition of 2008).

What was confirmed here, and what was not: the title, authors, journal, volume, pages
and DOI of Dale et al. 2002 and its abstract (compensation by the methods of Hendry et
al. 1996); from Hendry et al. 1996's abstract, the order of preference: keep the overall
time and the dose per fraction by treating at the weekend (their method 1a) or with two
fractions a day, 6-8 h apart rather than 24 h, at a small cost in late-reaction
tolerance (method 1b); and the RCR guidance's title, fourth edition and year (2019, from
the RCR's publication page, which said in 2023 that it was under review). Not
confirmed: the parameter values Dale et al. 2002 suggest (their tables were not
available here), so the time correction is the library's own
(:class:`fractionation.Repopulation`, a preset with its citation), and the RCR's
tumour categories are not applied.

The model, stated with every result (:attr:`Interruption.assumptions`):

- Tumour: EQD2 less Dprolif per day of overall time past the kick-off time (Dale's
  correction, :func:`fractionation.time_corrected_eqd2`); the overall time runs from the
  first fraction to the last (first on day 0). Repair between two fractions of one day
  is taken as complete for the tumour, which gives it no credit the normal tissue
  does not get.
- Normal tissues: no time correction (late effects are taken to be independent of
  overall time); on a day of two fractions, Thames' incomplete repair with the
  interval and repair half-time given, complete repair overnight, day by day
  (:func:`fractionation.bed_of_days`).
- The options: no compensation (the missed fractions at the end); the days off
  (weekends) before the planned end; a second fraction on treatment days after the
  gap; or extra fractions of the same dose at the end until the tumour's EQD2 is
  restored, accepting the longer time. Each missed fraction is made up at the first
  free slot after it; what does not fit before the planned last day goes at the end.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from fractionation._checks import check_alpha_beta, check_choice, check_collection
from fractionation._data import Tissue
from fractionation._errors import FractionationError, WrongTypeError
from fractionation._scheme import Scheme
from fractionation._time import Repopulation

if TYPE_CHECKING:
    import pandas as pd

    from fractionation._models import Model
    from fractionation._source import Source

__all__ = [
    "MINIMUM_INTERVAL_HOURS", "CalendarRow", "Interruption", "InterruptionOption", "TreatmentDay", "missed_fractions",
]  # fmt: skip

#: Two fractions of one day at least this far apart: "two fractions a day at least 6 h apart"
#: (Hendry et al. 1996, as summarised in the project's radiobiology reference, section 8).
MINIMUM_INTERVAL_HOURS = 6.0

#: What a day of a calendar holds, and why (:attr:`TreatmentDay.status`), in the order a legend lists them.
DAY_STATUSES = ("as planned", "missed", "day off used", "second fraction", "added at the end")

#: The options of :attr:`Interruption.options`, by id, in order.
OPTION_IDS = ("planned", "uncompensated", "days-off", "twice-daily", "extend")

#: Normal-tissue repair half-time (hours) when none is given: a teaching default, within the
#: half-times tabulated for late effects in Joiner and van der Kogel, Basic Clinical
#: Radiobiology (subcutaneous fibrosis 4.4 h, temporal lobe necrosis over 4 h, myelopathy
#: over 5 h; secondary, as reproduced by others and not checked against the book here). It
#: is also the half-time of the worked incomplete-repair case in the project's reference.
DEFAULT_REPAIR_HALF_TIME_HOURS = 4.0

#: Presets used when none are given: the tumour, late-responding tissue and spinal cord
#: (schemes/tissues.toml), and the head and neck repopulation (schemes/repopulation.toml).
DEFAULT_TUMOUR, DEFAULT_NORMAL_TISSUES, DEFAULT_REPOPULATION = "tumour", ("late", "cord"), "hnscc-pedicini-2015"


@dataclass(frozen=True, slots=True, kw_only=True)
class TreatmentDay:
    """One calendar day of a schedule: its date, the fractions given, and its status, which says why.

    ``status`` is one of "as planned", "missed", "day off used", "second fraction" and
    "added at the end" (:data:`DAY_STATUSES`).
    """

    date: datetime.date
    fractions: int
    status: str


class CalendarRow(TypedDict):
    """One day of one option's calendar, a row of :meth:`Interruption.calendar_rows` (for a chart or a table).

    ``date`` is ISO 8601 ("2024-01-15"), ``day`` counts from the first fraction (day 0),
    ``weekday`` is short ("Mon"), ``status`` as in :class:`TreatmentDay`.
    """

    option: str
    date: str
    day: int
    weekday: str
    fractions: int
    status: str


@dataclass(frozen=True, slots=True, kw_only=True)
class InterruptionOption:
    """One way to go on after the interruption, with its calendar and what it does to each tissue.

    ``tumour_eqd2`` is time-corrected (Gy); ``normal_eqd2`` maps each normal tissue's
    name to its EQD2 (Gy). ``changes`` are against the plan as prescribed.
    """

    id: str
    name: str
    calendar: tuple[TreatmentDay, ...]
    n_fractions: int
    overall_time_days: int
    tumour_eqd2: float
    tumour_change: float
    normal_eqd2: dict[str, float]
    normal_change: dict[str, float]
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Interruption:
    """A schedule, the days missed, and the options side by side (the first is the plan as prescribed)."""

    scheme: Scheme
    missed: tuple[datetime.date, ...]
    tumour: str
    tumour_alpha_beta: float
    normal_tissues: tuple[tuple[str, float], ...]  # (short name, alpha/beta): a preset's id, or "α/β 3 Gy"
    options: tuple[InterruptionOption, ...]
    assumptions: tuple[str, ...]
    sources: tuple[Source, ...] = ()  # what the result rests on, as cite() takes it

    @property
    def eqd2_lost(self) -> float:
        """The tumour EQD2 (Gy) lost without compensation: the plan's less the uncompensated option's."""
        return -self.option("uncompensated").tumour_change

    def option(self, option_id: str) -> InterruptionOption:
        check_choice(option_id, "option_id", [o.id for o in self.options])
        return next(option for option in self.options if option.id == option_id)

    def table(self) -> pd.DataFrame:
        """One row per option: fractions, overall time, tumour EQD2 and its change, each normal tissue's change."""
        import pandas as pd

        rows = []
        for option in self.options:
            row: dict[str, Any] = {
                "option": option.name, "n_fractions": option.n_fractions,
                "overall_time": option.overall_time_days, "tumour_eqd2": option.tumour_eqd2,
                "tumour_change": option.tumour_change,
            }  # fmt: skip
            for name, _ in self.normal_tissues:
                row[f"{name}: EQD2 change"] = option.normal_change[name]
            row["note"] = option.note
            rows.append(row)
        return pd.DataFrame(rows)

    def changes(self) -> pd.DataFrame:
        """The days on which an option departs from the plan: option, date, weekday, fractions, status."""
        import pandas as pd

        rows = [row for row in self.calendar_rows() if row["status"] != "as planned"]
        return pd.DataFrame(rows, columns=["option", "date", "weekday", "day", "fractions", "status"])

    def calendar_rows(self) -> list[CalendarRow]:
        """Every option's calendar as rows (option, date, day, fractions, status) for a chart; day 0: first fraction."""
        first = self.options[0].calendar[0].date
        return [
            {"option": option.name, "date": day.date.isoformat(), "day": (day.date - first).days,
             "weekday": day.date.strftime("%a"), "fractions": day.fractions, "status": day.status}
            for option in self.options
            for day in option.calendar
        ]  # fmt: skip


def _as_dates(missed: Iterable[datetime.date | int], planned: Sequence[datetime.date]) -> tuple[datetime.date, ...]:
    found = []
    for value in check_collection(missed, "missed", "a list of dates or day numbers"):
        if isinstance(value, datetime.date):
            date = value
        elif isinstance(value, int) and not isinstance(value, bool):
            last = (planned[-1] - planned[0]).days
            if not 0 <= value <= last:  # checked before the date arithmetic, which overflows past year 9999
                raise FractionationError(
                    argument="missed", value=value,
                    expected=f"day numbers from 0 (the first fraction) to {last} (the last)",
                )  # fmt: skip
            date = planned[0] + datetime.timedelta(days=value)
        else:
            raise WrongTypeError(argument="missed", value=value,
                                 expected="dates or day numbers (0 = the first fraction's day)")  # fmt: skip
        if date not in planned:
            day = (date - planned[0]).days
            raise FractionationError(
                argument="missed", value=date.isoformat(),
                expected=f"a treatment day of this schedule, which runs {planned[0].isoformat()} to "
                f"{planned[-1].isoformat()}", hint=f"day {day} is a {date.strftime('%A')}",
            )  # fmt: skip
        found.append(date)
    if not found:
        raise FractionationError(argument="missed", value=[], expected="at least one treatment day")
    if len(set(found)) == len(set(planned)):
        raise FractionationError(
            argument="missed", value=[d.isoformat() for d in sorted(set(found))],
            expected="some of the treatment days, not all (nothing would be left to compensate)",
        )  # fmt: skip
    return tuple(sorted(set(found)))


def _named_ratio(value: Tissue | float, argument: str) -> tuple[str, float]:
    """A short name (a preset's id, which fits a column header) and the alpha/beta in Gy."""
    if isinstance(value, Tissue):
        return value.id, value.alpha_beta
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WrongTypeError(argument=argument, value=value, expected="a number of Gy or a Tissue preset")
    ratio = float(check_alpha_beta(value, argument))
    return f"α/β {ratio:g} Gy", ratio


def missed_fractions(
    scheme: Scheme | str,
    *,
    missed: Iterable[datetime.date | int],
    tumour: Tissue | float | None = None,
    normal_tissues: Iterable[Tissue | float] | None = None,
    repopulation: Repopulation | None = None,
    repair_half_time_hours: float = DEFAULT_REPAIR_HALF_TIME_HOURS,
    interval_hours: float = MINIMUM_INTERVAL_HOURS,
    start: datetime.date | None = None,
) -> Interruption:
    """The cost of the missed days and the options to make them up, side by side; see the module docstring.

    ``missed`` holds dates or day numbers (0 = the first fraction's day) of planned
    treatment days. The schedule is ``scheme``'s (5 a week where it states none),
    from ``start`` (default: a Monday). Two fractions of a day are ``interval_hours``
    apart (at least 6) and repair with ``repair_half_time_hours`` in normal tissue.
    Without ``tumour``, ``normal_tissues`` or ``repopulation``, the presets named by
    :data:`DEFAULT_TUMOUR`, :data:`DEFAULT_NORMAL_TISSUES` and :data:`DEFAULT_REPOPULATION`.

    >>> import fractionation as fr
    >>> gap = missed_fractions("2 Gy x 35", missed=[14, 15], normal_tissues=[fr.tissue("late")])
    >>> round(gap.eqd2_lost, 2)  # Mon and Tue missed: the course ends 4 days later, 0.69 Gy/day past Tk
    2.76
    >>> for o in gap.options:
    ...     print(f"{o.name:<40} T {o.overall_time_days} d, tumour {o.tumour_change:+.2f} Gy, "
    ...           f"late {o.normal_change['late']:+.2f} Gy")
    As planned                               T 46 d, tumour +0.00 Gy, late +0.00 Gy
    No compensation: missed fractions added  T 50 d, tumour -2.76 Gy, late +0.00 Gy
    Treat on days off (e.g. weekend)         T 46 d, tumour +0.00 Gy, late +0.00 Gy
    Two fractions a day                      T 46 d, tumour +0.00 Gy, late +1.13 Gy
    Extra fractions, longer overall time     T 53 d, tumour +1.17 Gy, late +6.00 Gy
    """
    scheme = _once_a_day(scheme)
    tumour, normal_tissues, repopulation = _presets(tumour, normal_tissues, repopulation)
    interval = _checked_interval(interval_hours)
    from fractionation._models import LQ

    # Checks the repair parameters up front, and gives H for two fractions a day, stated with the result.
    twice = LQ(fractions_per_day=2, interval_hours=interval, repair_half_time_hours=repair_half_time_hours)
    tumour_name, tumour_ratio = _named_ratio(tumour, "tumour")
    normal_tissues = _normal_tissues(normal_tissues)
    normals = tuple(_named_ratio(t, "normal_tissues") for t in normal_tissues)
    gap = _Gap.of(scheme, missed, start)
    effects = _Effects(
        dose_per_fraction=scheme.dose_per_fraction, tumour_ratio=tumour_ratio, repopulation=repopulation,
        normals=normals, interval_hours=interval, repair_half_time_hours=repair_half_time_hours,
    )  # fmt: skip
    return Interruption(
        scheme=scheme, missed=gap.missed, tumour=tumour_name, tumour_alpha_beta=tumour_ratio,
        normal_tissues=normals, options=_options(gap, effects, most_extra=scheme.n_fractions),
        assumptions=_assumptions(effects, tumour_name, h=twice.h),
        sources=_sources(scheme, [tumour, *normal_tissues], twice, repopulation),
    )  # fmt: skip


def _once_a_day(scheme: object) -> Scheme:
    if isinstance(scheme, str):
        scheme = Scheme.parse(scheme)
    if not isinstance(scheme, Scheme):
        raise WrongTypeError(argument="scheme", value=scheme, expected="a Scheme or a notation like '2 Gy x 35'")
    if scheme.fractions_per_day != 1:
        raise FractionationError(
            argument="scheme", value=scheme.label, expected="a scheme given once a day",
            hint=f"it has {scheme.fractions_per_day} fractions a day",
        )  # fmt: skip
    return scheme


def _presets(
    tumour: Tissue | float | None, normal_tissues: Iterable[Tissue | float] | None, repopulation: object
) -> tuple[Tissue | float, Iterable[Tissue | float], Repopulation]:
    """The tissues and the repopulation given, or the default presets for those not given."""
    from fractionation._data import repopulation as default_repopulation
    from fractionation._data import tissue

    tumour = tissue(DEFAULT_TUMOUR) if tumour is None else tumour
    normal_tissues = [tissue(t) for t in DEFAULT_NORMAL_TISSUES] if normal_tissues is None else normal_tissues
    if repopulation is None:
        repopulation = default_repopulation(DEFAULT_REPOPULATION)
    if not isinstance(repopulation, Repopulation):
        raise WrongTypeError(argument="repopulation", value=repopulation, expected="a Repopulation")
    return tumour, normal_tissues, repopulation


def _checked_interval(interval_hours: object) -> float:
    if (
        isinstance(interval_hours, bool)
        or not isinstance(interval_hours, int | float)
        or not MINIMUM_INTERVAL_HOURS <= interval_hours < 12
    ):
        raise FractionationError(
            argument="interval_hours", value=interval_hours,
            expected=f"at least {MINIMUM_INTERVAL_HOURS:g} hours (and below 12, so that the night is longer)",
        )  # fmt: skip
    return float(interval_hours)


def _normal_tissues(normal_tissues: Iterable[Tissue | float]) -> list[Tissue | float]:
    given = check_collection(normal_tissues, "normal_tissues", "a list of Tissue presets or numbers")
    if not given:
        raise FractionationError(argument="normal_tissues", value=[], expected="at least one tissue")
    return given


#: A calendar being built: each date's fractions and status (one of :data:`DAY_STATUSES`).
_Days = dict[datetime.date, tuple[int, str]]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Effect:
    """What one calendar does: its fractions, overall time, time-corrected tumour EQD2 and normal tissues' EQD2."""

    n_fractions: int
    overall_time_days: int
    tumour_eqd2: float
    normal_eqd2: dict[str, float]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Effects:
    """The model of the module docstring for one dose per fraction: what a calendar does to each tissue."""

    dose_per_fraction: float
    tumour_ratio: float
    repopulation: Repopulation
    normals: tuple[tuple[str, float], ...]
    interval_hours: float
    repair_half_time_hours: float

    def of(self, days: _Days) -> _Effect:
        from fractionation._models import bed_of_days

        counts = Counter({date: fractions for date, (fractions, _) in days.items() if fractions})
        d, count = self.dose_per_fraction, sum(counts.values())
        overall = (max(counts) - min(counts)).days
        tumour_eqd2 = count * d * (d + self.tumour_ratio) / (2 + self.tumour_ratio)
        tumour_eqd2 -= self.repopulation.eqd2_loss(overall_time_days=overall, alpha_beta=self.tumour_ratio)
        by_day = [[d] * counts[date] for date in sorted(counts)]  # each day its own fractions: H day by day
        normal = {
            name: bed_of_days(by_day, alpha_beta=ratio, interval_hours=self.interval_hours,
                              repair_half_time_hours=self.repair_half_time_hours) / (1 + 2 / ratio)
            for name, ratio in self.normals
        }  # fmt: skip
        return _Effect(n_fractions=count, overall_time_days=overall, tumour_eqd2=tumour_eqd2, normal_eqd2=normal)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Gap:
    """The planned treatment days, the schedule's weekdays and the days missed: each option's calendar."""

    planned: tuple[datetime.date, ...]
    weekdays: tuple[int, ...]
    missed: tuple[datetime.date, ...]

    @classmethod
    def of(cls, scheme: Scheme, missed: Iterable[datetime.date | int], start: datetime.date | None) -> _Gap:
        from fractionation._schedule import WEEKDAY_PATTERNS, treatment_dates

        per_week = scheme.fractions_per_week
        planned = tuple(treatment_dates(n_fractions=scheme.n_fractions, fractions_per_week=per_week, start=start))
        weekdays = WEEKDAY_PATTERNS[5 if per_week is None else per_week]
        return cls(planned=planned, weekdays=weekdays, missed=_as_dates(missed, planned))

    @property
    def given(self) -> list[datetime.date]:
        return [day for day in self.planned if day not in self.missed]

    @property
    def lost(self) -> int:
        return len(self.planned) - len(self.given)

    def after(self, last: datetime.date, count: int) -> list[datetime.date]:
        """The next ``count`` treatment days of the schedule's weekdays after ``last``."""
        found: list[datetime.date] = []
        day = last
        while len(found) < count:
            day += datetime.timedelta(days=1)
            if day.weekday() in self.weekdays:
                found.append(day)
        return found

    def days_off(self) -> list[datetime.date]:
        """The days from the first planned fraction to the last that are not treatment weekdays (weekends)."""
        first, last = self.planned[0], self.planned[-1]
        span = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
        return [day for day in span if day.weekday() not in self.weekdays]

    def as_planned(self) -> _Days:
        return {date: (1, "as planned") for date in self.planned}

    def uncompensated(self) -> _Days:
        """The missed fractions on the next treatment days after the planned end."""
        return self._at_the_end(self._with_gap(), self.lost)

    def compensated(self, free: Sequence[datetime.date], status: str, fractions: int) -> tuple[_Days, str]:
        """Each missed fraction on the first free day after it; what does not fit goes after the planned end."""
        days, used, late = self._with_gap(), set[datetime.date](), 0
        for gap in self.missed:
            slot = next((s for s in free if s > gap and s not in used), None)
            if slot is None:
                late += 1
                continue
            used.add(slot)
            days[slot] = (fractions, status)
        note = f"{late} of {self.lost} missed fraction(s) did not fit before the planned end: added after it"
        return self._at_the_end(days, late), note if late else ""

    def extended(self, effects: _Effects, target_eqd2: float, most: int) -> tuple[_Days, int]:
        """Extra fractions at the end until the tumour's EQD2 is back to the target: each also lengthens the course."""
        days, extra = self.uncompensated(), 0
        while True:
            if effects.of(days).tumour_eqd2 >= target_eqd2 - 1e-9 or extra >= most:
                return days, extra
            (next_day,) = self.after(max(date for date, (fractions, _) in days.items() if fractions), 1)
            days[next_day] = (1, "added at the end")
            extra += 1

    def _with_gap(self) -> _Days:
        """The plan with the missed days empty and nothing made up yet."""
        days = {date: (1, "as planned") for date in self.given}
        days.update({date: (0, "missed") for date in self.missed})
        return days

    def _at_the_end(self, days: _Days, count: int) -> _Days:
        days.update({date: (1, "added at the end") for date in self.after(self.planned[-1], count)})
        return days


def _options(gap: _Gap, effects: _Effects, *, most_extra: int) -> tuple[InterruptionOption, ...]:
    """The plan, then each way to go on after the gap (:data:`OPTION_IDS`), against the plan."""
    plan = effects.of(gap.as_planned())

    def option(option_id: str, name: str, days: _Days, note: str = "") -> InterruptionOption:
        effect = effects.of(days)
        calendar = tuple(TreatmentDay(date=date, fractions=n, status=why) for date, (n, why) in sorted(days.items()))
        return InterruptionOption(
            id=option_id, name=name, calendar=calendar, n_fractions=effect.n_fractions,
            overall_time_days=effect.overall_time_days, tumour_eqd2=effect.tumour_eqd2,
            tumour_change=effect.tumour_eqd2 - plan.tumour_eqd2, normal_eqd2=effect.normal_eqd2,
            normal_change={n: effect.normal_eqd2[n] - plan.normal_eqd2[n] for n in effect.normal_eqd2}, note=note,
        )  # fmt: skip

    d, interval = effects.dose_per_fraction, effects.interval_hours
    on_days_off, days_off_note = gap.compensated(gap.days_off(), "day off used", 1)
    twice_daily, twice_daily_note = gap.compensated(gap.given, "second fraction", 2)
    extended, extra = gap.extended(effects, plan.tumour_eqd2, most=most_extra)
    return (
        option("planned", "As planned", gap.as_planned()),
        option("uncompensated", "No compensation: missed fractions added", gap.uncompensated(),
               f"the {gap.lost} missed fraction(s) on the next treatment days after the planned end"),
        option("days-off", "Treat on days off (e.g. weekend)", on_days_off, days_off_note),
        option("twice-daily", "Two fractions a day", twice_daily,
               twice_daily_note or f"second fractions {interval:g} h apart; normal tissue repairs incompletely"),
        option("extend", "Extra fractions, longer overall time", extended,
               f"{extra} extra fraction(s) of {d:g} Gy beyond the {gap.lost} missed" if extra else
               "no extra fraction needed: the longer time costs the tumour nothing before the kick-off"),
    )  # fmt: skip


def _assumptions(effects: _Effects, tumour_name: str, *, h: float) -> tuple[str, ...]:
    """The model's assumptions and parameters, stated with every result; ``h`` is Thames' H of two fractions a day."""
    repopulation = effects.repopulation
    if repopulation.dprolif_gy_per_day is not None:
        rate = f"Dprolif {repopulation.dprolif_gy_per_day:g} Gy/day"
    else:
        rate = f"alpha {repopulation.alpha_per_gy:g}/Gy, Tpot {repopulation.tpot_days:g} d"
    cited = repopulation.source.citation if repopulation.source else "no citation given"
    return (
        f"Tumour α/β {effects.tumour_ratio:g} Gy ({tumour_name}); time correction: "
        f"{repopulation.name or 'as given'}, Tk {repopulation.kickoff_days:g} d, {rate} ({cited}).",
        "Tumour: repair between two fractions of a day taken as complete (no extra credit).",
        "Normal tissues: no time correction (late effects taken as independent of overall time).",
        f"Two fractions a day {effects.interval_hours:g} h apart, "
        f"repair half-time {effects.repair_half_time_hours:g} h (Thames' incomplete repair, H = {h:.4f}), "
        "complete repair overnight.",
        "Overall time: days from the first fraction to the last (first on day 0).",
        "Following Dale et al., Clin Oncol 2002;14:382-393, and the RCR's guidelines on unscheduled treatment "
        "interruptions (4th ed., 2019); their own parameter values were not confirmed here.",
    )


def _sources(
    scheme: Scheme, ratios: list[Tissue | float], twice: Model, repopulation: Repopulation
) -> tuple[Source, ...]:
    """The method's references, then the scheme's, the tissues', the models' and the time correction's."""
    from fractionation._citations import cite

    cited = cite(schemes=[scheme], alpha_betas=ratios, models=[twice], repopulation=repopulation)
    return (*method_sources(), *cited.sources)


def method_sources() -> tuple[Source, ...]:
    """The references of the method: Dale et al. 2002 and the RCR's guidelines on unscheduled interruptions."""
    from fractionation._data import model_sources

    method = model_sources()
    return method["interruptions"].reference, method["interruptions-guidance"].reference
