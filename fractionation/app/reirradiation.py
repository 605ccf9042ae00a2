"""Re-irradiation: cumulative spinal cord dose over two courses, checked against cited rules (teaching).

Renders :func:`fractionation.reirradiation_report`: the verdict above the chart, the
courses and the checks (failing rules marked, each rule's basis, the values assuming
recovery and under another model beside, never instead), the cumulative EQD2 as steps at
the courses' dates with the labelled limits, and each citation once. The verdict is the
library's, on the limits' basis (LQ at the cord's alpha/beta) under every model.
"""

from __future__ import annotations

import datetime

import pandas as pd
import streamlit as st

import fractionation as fr
from fractionation import charts
from fractionation.app.common import TISSUES, literal, panel
from fractionation.app.models import usc_beta, usc_in_use


def render(big: bool) -> None:
    if (body := panel("Re-irradiation: cumulative spinal cord dose (teaching)", "panel_reirradiation")) is None:
        return
    with body:
        st.warning(
            "For teaching: check every tolerance figure against the institution's protocol. Enter the doses "
            "the spinal cord receives (its point maximum), not the prescription.",
            icon=":material/medical_information:",
        )
        by_dates = st.toggle(
            "Give the courses' dates", key="re_by_dates",
            help="Intervals between dates count calendar months (1 January to 1 July is 6 months; a day "
            "clamps to a shorter month's last day), with the days shown.",
        )  # fmt: skip
        first, gap, second = st.columns([2, 1, 2])
        prior = first.text_input("Earlier course, dose to the cord", key="re_prior")
        planned = second.text_input("Planned course, dose to the cord", key="re_planned")
        months, dates = None, None
        if by_dates:
            start = first.date_input("Earlier course started", value=datetime.date(2025, 1, 1), key="re_prior_date")
            end = second.date_input("Planned course starts", value=datetime.date(2025, 7, 1), key="re_planned_date")
            dates = (start, end)
        else:
            months = float(gap.number_input("Months between", min_value=0.0, max_value=240.0, step=1.0,
                                            key="re_months"))  # fmt: skip
        left, middle, right = st.columns([1, 2, 1.2])  # the cord's name and alpha/beta whole at 1280 px
        sbrt = left.checkbox("Planned course is SBRT", key="re_sbrt")
        cord = middle.selectbox("Cord", ["cord", "cord-lumbar"], key="re_cord",
                                format_func=lambda t: f"{TISSUES[t].name} (α/β {TISSUES[t].alpha_beta:g})")  # fmt: skip
        discount = right.toggle(
            "Recovery assumption", key="re_recovery",
            help="An assumption, shown beside the verdict and never used for it: by default 25% of an earlier "
            "course's BED after 6 months, 50% after 12 (Doi and Nieder, Strahlenther Onkol 2021;197:463). The "
            "limits of Nieder 2006 and Sahgal 2012 were derived from sums without it. Edit the steps below.",
        )  # fmt: skip
        steps = st.text_input("Recovery steps (months:fraction, ...)", key="re_steps") if discount else ""
        kind, dose = st.columns(2)
        model = kind.selectbox(
            "Model", ["LQ", "LQ-L", "USC"], key="re_model",
            help="LQ-L (Astrahan 2008) is LQ up to a transition dose and linear above it; USC (Park 2008) is LQ "
            "up to its transition and the multi-target line above it. The tolerance figures were derived with "
            "LQ: the verdict stays LQ's at the cord's alpha/beta, and another model's values are shown beside, "
            "as an assumption.",
        )  # fmt: skip
        chosen: fr.LQL | fr.USC | None = None
        alpha_beta = TISSUES[cord].alpha_beta  # the cord's under every model: the limits' basis
        if model == "LQ-L":
            chosen = fr.LQL(transition_dose=float(dose.number_input(
                "LQ-L transition dose (Gy)", min_value=0.5, max_value=30.0, step=0.5, key="re_lql_dt",
                help="No default in the literature (Voyant 2014 uses about 2 alpha/beta): choose and state one.",
            )))  # fmt: skip
        elif model == "USC":
            with dose:
                chosen = usc_beta("re_usc_beta")
            st.warning(
                f"USC computes every course at its own {usc_in_use(chosen)} The cord's alpha/beta ({alpha_beta:g} "
                "Gy) is not used for USC's values: Park's parameters (Park et al., IJROBP 2008;70:847) were fitted "
                "for a lung cancer cell line, not the spinal cord. The limits were derived with LQ at the cord's "
                "alpha/beta: the verdict uses that, and USC's values are shown beside it, as an assumption.",
                icon=":material/warning:",
            )  # fmt: skip
        try:
            report = reirradiation(prior, planned, months, dates, sbrt, alpha_beta, steps, chosen)
        except fr.FractionationError as error:
            st.error(literal(str(error)))
            return
        show(report, big)


@st.cache_data(max_entries=64, show_spinner=False)
def reirradiation(
    prior: str, planned: str, months: float | None, dates: tuple[datetime.date, datetime.date] | None, sbrt: bool,
    alpha_beta: float, steps: str, model: fr.LQL | fr.USC | None = None,
) -> fr.ReirradiationReport:  # fmt: skip
    """The library's report, cached on the panel's own inputs.

    The planned course follows the earlier one by ``months``, or the two have ``dates``;
    ``steps`` is the recovery assumption as "months:fraction, ..." ("" for none);
    ``alpha_beta`` is the cord's; ``model`` LQ-L or USC (None: LQ), its values beside.
    """
    first, second = (None, None) if dates is None else dates
    courses = [fr.Course.parse(prior, date=first),
               fr.Course.parse(planned, date=second, months_after=months, stereotactic=sbrt)]  # fmt: skip
    recovery = fr.Recovery.parse(steps) if steps.strip() else None
    return fr.reirradiation_report(fr.History.of(courses), alpha_beta=alpha_beta, recovery=recovery, model=model)


def _gy(value: float, unit: str) -> str:
    return f"{value:.2f} {unit}".strip()


def show(report: fr.ReirradiationReport, big: bool) -> None:
    """The verdict above the chart, failing rules marked, the assumptions beside, each citation once."""
    (st.error if report.failing else st.success)(report.verdict)
    table = report.courses
    courses = pd.DataFrame({
        "Course": table["course"], "BED (Gy)": table["bed"].map("{:.2f}".format),
        "EQD2 (Gy)": table["eqd2"].map("{:.2f}".format), "Share": table["share"].map("{:.0%}".format),
    })  # fmt: skip
    if report.history.dated:
        courses.insert(1, "Date", table["date"].map(lambda d: "" if d is None or pd.isna(d) else d.isoformat()))
        courses.insert(2, "Interval", [
            "" if pd.isna(m) else f"{m:.2f} months ({d} days)"
            for m, d in zip(table["interval_months"], table["interval_days"], strict=True)
        ])  # fmt: skip
    if "eqd2_under_model" in table.columns:
        courses["EQD2 under the model (assumption, Gy)"] = table["eqd2_under_model"].map("{:.2f}".format)
    if "eqd2_assuming_recovery" in table.columns:
        courses["Discount (assumption)"] = table["recovery_discount"].map(lambda v: "" if pd.isna(v) else f"{v:.0%}")
        courses["EQD2 assuming recovery (Gy)"] = table["eqd2_assuming_recovery"].map("{:.2f}".format)
    st.table(courses.set_index("Course"))
    checks = report.checks_table()
    if len(checks):
        units = checks["unit"].tolist()
        shown = pd.DataFrame({
            "Rule": checks["rule"],
            "Value": [_gy(v, u) for v, u in zip(checks["value"], units, strict=True)],
            "Limit": checks["limit"],
            "Verdict": ["✓ holds" if h else f"✗ {m}" for h, m in zip(checks["holds"], checks["verdict"], strict=True)],
            "Basis": checks["basis"],
            "Assuming recovery (not used)": ["" if pd.isna(v) else _gy(v, u)
                                             for v, u in zip(checks["value_assuming_recovery"], units, strict=True)],
        })  # fmt: skip
        if checks["value_under_model"].notna().any():
            shown["Under the model (not used)"] = [
                "" if pd.isna(v) else f"{_gy(v, u)}, {m}"
                for v, u, m in zip(checks["value_under_model"], units, checks["verdict_under_model"], strict=True)
            ]
        st.table(shown.set_index("Rule"))
    for text in report.assumptions:  # shown beside, never used for the verdict
        st.info(f"Assumption: {text}.")
    for text in report.cautions:
        st.warning(text)
    spec = charts.cumulative_timeline(report, big=big).to_dict(validate=False)
    st.vega_lite_chart(spec, width="stretch", height=380 if big else 340)
    if report.cumulative_eqd2_under_model is not None:
        st.caption(f"Black: on the limits' basis (LQ at the cord's alpha/beta {report.alpha_beta:g} Gy). Grey dotted: "
                   f"under {report.model}, an assumption, not used for the verdict.")  # fmt: skip
    if report.citations:
        st.caption("Sources: " + " ".join(f"[{i}] {c}" for i, c in enumerate(report.citations, start=1)))
