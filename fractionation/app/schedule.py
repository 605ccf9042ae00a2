"""Schedule: treatment days and overall time of each scheme, as a calendar strip."""

from __future__ import annotations

from typing import Any

import streamlit as st

import fractionation as fr
from fractionation import charts
from fractionation.app.common import panel


def schedule_of(n_fractions: int, per_week: int | None, per_day: int) -> tuple[list[int], str]:
    """Treatment days and how the schedule was set; an unstated one takes the library's default (Mon-Fri)."""
    days = fr.treatment_days(n_fractions=n_fractions, fractions_per_week=per_week, fractions_per_day=per_day)
    return days, f"{per_week} a week" if per_week else "not stated (shown Mon-Fri)"


@st.cache_data(max_entries=64, show_spinner=False)
def schedule_spec(schemes: tuple[tuple[str, int, int | None, int], ...]) -> dict[str, Any]:
    """Cached: the schedule depends on the schemes only."""
    rows: list[charts.ScheduleRow] = []
    for name, n, per_week, per_day in schemes:
        days, stated = schedule_of(n, per_week, per_day)
        label = f"{name} — {stated}, T = {days[-1]} d"
        rows += [{"scheme": label, "day": d, "fractions": days.count(d)} for d in sorted(set(days))]
    return charts.schedule_strip(rows).to_dict(validate=False)


def render(schemes: list[fr.Scheme]) -> None:
    if (body := panel("Schedule: treatment days and overall time", "panel_schedule")) is None:
        return
    with body:
        key = tuple((str(s), s.n_fractions, s.fractions_per_week, s.fractions_per_day) for s in schemes)
        st.vega_lite_chart(schedule_spec(key), width="stretch", height=max(160, 34 * len(schemes) + 90))
        st.caption("Overall time T: days from the first fraction to the last, the first on day 0 (a Monday); "
                   "3 a week is Mon/Wed/Fri, 5 a week Mon-Fri.")  # fmt: skip
