"""Re-irradiation: cumulative spinal cord dose over two courses, checked against cited rules (teaching)."""

from __future__ import annotations

import itertools
from typing import Any

import pandas as pd
import streamlit as st

import fractionation as fr
from fractionation import charts
from fractionation._courses import DAYS_PER_MONTH
from fractionation.app.common import TISSUES, literal, panel


def render(big: bool) -> None:
    if (body := panel("Re-irradiation: cumulative spinal cord dose (teaching)", "panel_reirradiation")) is None:
        return
    with body:
        st.warning(
            "For teaching: check every tolerance figure against the institution's protocol. Enter the doses "
            "the spinal cord receives (its point maximum), not the prescription.",
            icon=":material/medical_information:",
        )
        first, gap, second = st.columns([2, 1, 2])
        prior = first.text_input("Earlier course, dose to the cord", key="re_prior")
        months = gap.number_input("Months between", min_value=0.0, max_value=240.0, step=1.0, key="re_months")
        planned = second.text_input("Planned course, dose to the cord", key="re_planned")
        left, middle, right = st.columns(3)
        sbrt = left.checkbox("Planned course is SBRT", key="re_sbrt")
        cord = middle.selectbox("Cord", ["cord", "cord-lumbar"], key="re_cord",
                                format_func=lambda t: f"{TISSUES[t].name} (α/β {TISSUES[t].alpha_beta:g})")  # fmt: skip
        discount = right.toggle(
            "Recovery discount", key="re_recovery",
            help="An assumption: by default 25% of an earlier course's BED after 6 months, 50% after 12 "
            "(Doi and Nieder, Strahlenther Onkol 2021;197:463). Edit the steps below.",
        )  # fmt: skip
        steps = ""
        if discount:
            steps = st.text_input("Recovery steps (months:fraction, ...)", key="re_steps")
        try:
            result = reirradiation(prior, float(months), planned, sbrt, TISSUES[cord].alpha_beta, steps, big)
        except fr.FractionationError as error:
            st.error(literal(str(error)))  # the message quotes what was typed or uploaded
            return
        courses, checks, timeline, recovery_text = result
        if recovery_text:
            st.info(f"Recovery discount applied to the earlier course: {recovery_text}.")
        st.table(courses)
        st.table(checks)
        st.vega_lite_chart(timeline, width="stretch", height=340)


@st.cache_data(max_entries=64, show_spinner=False)
def reirradiation(
    prior: str, months: float, planned: str, sbrt: bool, alpha_beta: float, steps: str, big: bool
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any], str]:
    """The panel's tables and chart, cached on its own inputs: other controls do not recompute it.

    ``steps`` is the recovery discount as "months:fraction, ..." ("" for none).
    """
    history = fr.History.of([
        fr.Course.parse(prior),
        fr.Course.parse(planned, interval_days=months * DAYS_PER_MONTH, stereotactic=sbrt),
    ])  # fmt: skip
    recovery = fr.Recovery.parse(steps) if steps.strip() else None
    table = fr.cumulative(history, [alpha_beta], recovery=recovery)
    courses = pd.DataFrame({
        "Course": table["course"], "BED (Gy)": table["bed"].map("{:.2f}".format),
        "EQD2 (Gy)": table["eqd2"].map("{:.2f}".format), "Share": table["share"].map("{:.0%}".format),
        "Discount": table["recovery_discount"].map(lambda v: "" if pd.isna(v) else f"{v:.0%}"),
    }).set_index("Course")  # fmt: skip
    checks = fr.check_plan(history, alpha_beta=alpha_beta, recovery=recovery)
    checks_table = pd.DataFrame({
        "Rule": [c.rule.name for c in checks],
        "Value": [f"{c.value:.2f} {c.unit}".strip() for c in checks],
        "Limit": [f"{c.rule.comparison} {c.rule.limit:g} {c.unit}".strip() for c in checks],
        "Holds": ["✓ yes" if c.holds else "✗ NO" for c in checks],
        "Source": [c.rule.source.citation for c in checks],
    }).set_index("Rule")  # fmt: skip
    rows = table.iloc[:-1]
    starts = [0.0, *itertools.accumulate(d / DAYS_PER_MONTH for d in history.intervals_days)]
    timeline = [
        {"course": course, "month": month, "eqd2": eqd2, "cumulative": running}
        for course, month, eqd2, running in zip(
            rows["course"], starts, rows["eqd2"], rows["eqd2"].cumsum(), strict=True
        )
    ]
    limits = [(c.rule.name if c.rule.measure == "cumulative_eqd2" else f"{c.rule.name} (as EQD2)", limit)
              for c in checks if (limit := c.rule.limit_as_eqd2(alpha_beta)) is not None]  # fmt: skip
    spec = charts.cumulative_timeline(timeline, limits, big=big).to_dict(validate=False)
    return courses, checks_table, spec, str(recovery) if recovery and recovery.discounts(history) else ""
