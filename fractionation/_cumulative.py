"""The cumulative table: each course's BED and EQD2, summed, with any recovery assumption beside the sum.

A course whose fractions differ (a boost, an unequal split) is a list of parts, and its
BED sums fraction by fraction, never through an average dose per fraction. The ``bed``
and ``eqd2`` columns are always summed without a recovery discount (the basis of the
published re-irradiation limits); with ``recovery``, the discounted figures are extra
columns named ``..._assuming_recovery``, never a replacement.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from fractionation._checks import check_collection, check_instance, check_number
from fractionation._errors import FractionationError
from fractionation._history import History, Recovery, eqd2_of_bed
from fractionation._models import Model, as_model
from fractionation.bounds import ALPHA_BETA

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["cumulative"]

COLUMNS = ["course", "alpha_beta", "date", "interval_months", "interval_days", "months_before_planned", "bed", "eqd2",
           "share"]  # fmt: skip
RECOVERY_COLUMNS = ["recovery_discount", "bed_assuming_recovery", "eqd2_assuming_recovery"]


def cumulative(
    history: History, alpha_betas: Sequence[float], *, recovery: Recovery | None = None, model: Model | None = None
) -> pd.DataFrame:
    """One row per course and alpha/beta, then a total row per alpha/beta: BED, EQD2 and share.

    The doses are summed with no recovery discount. With ``recovery`` (an assumption),
    three more columns give the discount of each earlier course and the discounted
    BED and EQD2 beside the undiscounted ones. ``model`` (LQ by default; LQL, USC)
    computes every course's BED and the EQD2.

    >>> from fractionation._history import Course
    >>> h = History.of([Course.of("8 Gy x 1"), Course.of("8 Gy x 1", months_after=2)])
    >>> cumulative(h, [2])[["course", "eqd2", "share"]]
         course  eqd2  share
    0  8 Gy x 1  20.0    0.5
    1  8 Gy x 1  20.0    0.5
    2     total  40.0    1.0
    """
    import pandas as pd

    check_instance(history, "history", History, "a History")
    if recovery is not None:
        check_instance(recovery, "recovery", Recovery, "a Recovery or None")
    chosen = as_model(model)
    expected = "a list of alpha/beta values in Gy (at least one)"
    given = check_collection(alpha_betas, "alpha_betas", expected)
    if not given:
        raise FractionationError(argument="alpha_betas", value=alpha_betas, expected=expected)
    ratios = [float(chosen.check_alpha_beta(check_number(ab, "alpha_betas", ALPHA_BETA))) for ab in given]
    before = history.months_before_planned()
    intervals = [None, *history.intervals]
    last = len(history.courses) - 1
    # the planned course is never discounted; an earlier one by the time before the planned one
    discounts = [recovery.fraction(m) if recovery and i < last else 0.0 for i, m in enumerate(before)]
    rows: list[dict[str, object]] = []
    for ab in ratios:
        beds = [course.bed(ab, chosen) for course in history.courses]
        total = sum(beds)
        for index, (course, course_bed) in enumerate(zip(history.courses, beds, strict=True)):
            interval = intervals[index]
            row: dict[str, object] = {
                "course": course.label, "alpha_beta": ab, "date": course.date,
                "interval_months": math.nan if interval is None else interval.months,
                "interval_days": None if interval is None else interval.days,
                "months_before_planned": before[index], "bed": course_bed,
                "eqd2": eqd2_of_bed(course_bed, ab, chosen), "share": course_bed / total,
            }  # fmt: skip
            if recovery is not None:
                discount = discounts[index]
                row.update(recovery_discount=discount, bed_assuming_recovery=course_bed * (1 - discount),
                           eqd2_assuming_recovery=eqd2_of_bed(course_bed * (1 - discount), ab, chosen))  # fmt: skip
            rows.append(row)
        total_row: dict[str, object] = {"course": "total", "alpha_beta": ab, "bed": total,
                                        "eqd2": eqd2_of_bed(total, ab, chosen), "share": 1.0}  # fmt: skip
        if recovery is not None:
            discounted = sum(bed * (1 - discount) for bed, discount in zip(beds, discounts, strict=True))
            total_row.update(bed_assuming_recovery=discounted,
                             eqd2_assuming_recovery=eqd2_of_bed(discounted, ab, chosen))  # fmt: skip
        rows.append(total_row)
    table = pd.DataFrame(rows, columns=COLUMNS + (RECOVERY_COLUMNS if recovery is not None else []))
    table["interval_days"] = pd.Series([row.get("interval_days") for row in rows], dtype=object)  # whole days or None
    return table
