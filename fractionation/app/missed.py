"""Missed fractions: what a gap costs the tumour, the ways to make it up, and the calendar before and after."""

from __future__ import annotations

import streamlit as st

import fractionation as fr
from fractionation import charts
from fractionation.app.common import TISSUES, literal, panel

#: This panel's inputs and their defaults: a head and neck course, as Dale et al. 2002 discuss.
INPUTS = {
    "gap_scheme": "2 Gy x 35", "gap_days": [14, 15], "gap_normal": ["late", "cord"], "gap_interval": 6.0,
    "gap_half_time": 4.0,
}  # fmt: skip


def render(big: bool) -> None:
    for key, default in INPUTS.items():  # kept while the panel is closed (Streamlit forgets undrawn widgets)
        st.session_state[key] = st.session_state.get(key, default)
    if (body := panel("Missed fractions: the cost of a gap, and how to make it up", "panel_missed")) is None:
        return
    with body:
        left, right = st.columns([1, 2])
        text = left.text_input("Planned scheme (once a day, Mon-Fri)", key="gap_scheme")
        try:
            scheme = fr.Scheme.parse(text)
            dates = fr.treatment_dates(n_fractions=scheme.n_fractions)
        except fr.FractionationError as error:
            st.error("The scheme could not be read:")
            st.text(str(error))  # the user's text, shown literally
            return
        first = dates[0]
        offered = [(d - first).days for d in dates]
        if any(day not in offered for day in st.session_state.gap_days):
            st.session_state.gap_days = [day for day in st.session_state.gap_days if day in offered]
        right.multiselect(
            "Missed treatment days", offered, key="gap_days",
            format_func=lambda day: f"day {day} ({dates[offered.index(day)].strftime('%a')}, week {day // 7 + 1})",
        )  # fmt: skip
        a, b, c = st.columns(3)
        normal = a.multiselect("Normal tissues", list(TISSUES), key="gap_normal")
        interval = b.number_input("Hours between two fractions a day", min_value=6.0, max_value=11.5, step=0.5,
                                  key="gap_interval")  # fmt: skip
        half_time = c.number_input("Normal-tissue repair half-time (h)", min_value=0.25, max_value=12.0, step=0.25,
                                   key="gap_half_time")  # fmt: skip
        if not st.session_state.gap_days or not normal:
            st.info("Choose at least one missed day and one normal tissue.")
            return
        try:
            gap = fr.missed_fractions(scheme, missed=list(st.session_state.gap_days),
                                      normal_tissues=[TISSUES[t] for t in normal], interval_hours=float(interval),
                                      repair_half_time_hours=float(half_time))  # fmt: skip
        except fr.FractionationError as error:
            st.error(literal(str(error)))  # the message may quote what was typed
            return
        st.markdown(
            f"**Tumour EQD2 lost without compensation: {gap.eqd2_lost:.2f} Gy** "
            f"(α/β {gap.tumour_alpha_beta:g} Gy, time-corrected). The options, side by side:"
        )
        table = gap.table()
        number = st.column_config.NumberColumn
        labels = {c: number(c.replace(": EQD2 change", " Δ (Gy)"), format="%+.2f", help=f"{c} against the plan")
                  for c in table.columns if c.endswith("EQD2 change")}  # fmt: skip
        st.dataframe(table, hide_index=True, width="stretch", column_config={
            **labels, "n_fractions": number("n"), "overall_time": number("T (d)", help="overall time, days"),
            "tumour_eqd2": number("Tumour EQD2_T (Gy)", format="%.2f", help="time-corrected"),
            "tumour_change": number("Tumour Δ (Gy)", format="%+.2f", help="against the plan"),
        })  # fmt: skip
        rows = gap.calendar_rows()
        st.altair_chart(charts.interruption_calendar(rows, big=big), width="stretch",
                        height=60 * len(gap.options) + 120)  # fmt: skip
        st.markdown("**Assumptions**")
        for assumption in gap.assumptions:
            st.text(assumption)
