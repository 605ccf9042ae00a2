"""Streamlit front end: compare fractionation schemes side by side.

Layout and widgets only: every number comes from the `fractionation` package.
Run it with `streamlit run app.py` (see README.md).
"""

from __future__ import annotations

import itertools
import json
import math
import time
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import streamlit as st

import fractionation as fr
from fractionation import charts
from fractionation._courses import DAYS_PER_MONTH

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

SCRIPT_STARTED = time.perf_counter()
DOCUMENT = [s for s in fr.catalogue() if s.source and s.source.kind == "document"]
LITERATURE = [s for s in fr.catalogue() if s.source and s.source.kind == "literature"]
BY_NAME = {str(s.name): s for s in fr.catalogue()}
TISSUES = {t.id: t for t in fr.tissues()}
DEFAULT_TISSUES = ["tumour", "late", "cord"]
DISCLAIMER = "Educational and research reference for the linear-quadratic model, not a prescribing system."
GROUPS = {"palliative": "Palliative", "stereotactic": "Stereotactic", "": "Added schemes"}


# --- state: the URL's query parameters are read once, then mirror the widgets -------------------


def initial_state() -> list[str]:
    """Seed the widgets from the link; return a message for each malformed parameter."""
    params, problems = st.query_params, []
    state: dict[str, list[Any]] = {
        "doc_pick": [s.name for s in DOCUMENT], "lit_pick": [], "custom_schemes": [],
        "tissue_pick": list(DEFAULT_TISSUES), "custom_alpha_betas": [],
    }  # fmt: skip
    if "doc" in params:
        state["doc_pick"] = []
    for key, target, valid in (("doc", "doc_pick", DOCUMENT), ("lit", "lit_pick", LITERATURE)):
        for name in params.get_all(key):
            if name == "-":
                continue
            if name in {s.name for s in valid}:
                state[target].append(name)
            else:
                problems.append(f"Link parameter {key}: no scheme named {name!r} in the catalogue; ignored.")
    for text in params.get_all("custom"):
        try:
            state["custom_schemes"].append(fr.Scheme.parse(text).label)
        except fr.FractionationError as error:
            problems.append(f"Link parameter custom: {error}; ignored.")
    if "tissue" in params:
        state["tissue_pick"] = []
        for tissue_id in params.get_all("tissue"):
            if tissue_id in TISSUES:
                state["tissue_pick"].append(tissue_id)
            elif tissue_id != "-":
                problems.append(f"Link parameter tissue: no tissue preset {tissue_id!r}; ignored.")
    for text in params.get_all("ab"):
        alpha_beta, problem = parse_alpha_beta(text)
        if problem:
            problems.append(f"Link parameter ab: {problem}; ignored.")
        else:
            state["custom_alpha_betas"].append(alpha_beta)
    for key, picked in state.items():
        st.session_state[key] = picked
    st.session_state["presentation"] = params.get("present") == "1"
    st.session_state["live_on"], st.session_state["live_ab"] = False, 3.0
    if "live" in params:
        live, problem = parse_alpha_beta(params["live"])
        if problem is None and 0.5 <= live <= 20 and (2 * live).is_integer():
            st.session_state["live_on"], st.session_state["live_ab"] = True, live
        else:
            problems.append(
                f"Link parameter live: expected 0.5 to 20 Gy in steps of 0.5, got {params['live']!r}; ignored."
            )
    st.session_state["custom_pick"] = list(state["custom_schemes"])
    st.session_state["ab_pick"] = list(state["custom_alpha_betas"])
    return problems


# The inputs inside the panels, with their defaults. A closed panel draws none of its widgets, and
# Streamlit forgets the state of a widget it did not draw, so keep_panel_inputs() writes each back.
PANEL_INPUTS: dict[str, Any] = {
    "iso_n": 5, "lql_dt": 6.0, "re_prior": "30 Gy/10", "re_months": 6.0, "re_planned": "6 Gy x 2",
    "re_sbrt": True, "re_recovery": False, "re_steps": "6:0.25, 12:0.5", "rtdose_example": False,
    "grid_n": 5, "grid_relative": 20.0,
}  # fmt: skip
# Choices among the schemes and tissues shown (one no longer offered falls back to the first). Not kept:
# an uploaded file (Streamlit does not allow it) and the slice slider, whose range is that file's.
PANEL_CHOICES = ("iso_scheme", "iso_tissue", "iso_other", "re_cord", "grid_tissue", "work_scheme", "work_tissue")


def keep_panel_inputs() -> None:
    """What was set in a panel survives closing it (Streamlit's way: write the value back every run)."""
    for key, default in PANEL_INPUTS.items():
        st.session_state[key] = st.session_state.get(key, default)
    for key in PANEL_CHOICES:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def write_state_to_url() -> None:
    ss = st.session_state
    params: dict[str, list[str]] = {}
    if ss.doc_pick != [s.name for s in DOCUMENT]:
        params["doc"] = ss.doc_pick or ["-"]
    if ss.lit_pick:
        params["lit"] = ss.lit_pick
    if ss.custom_pick:
        params["custom"] = ss.custom_pick
    if ss.tissue_pick != DEFAULT_TISSUES:
        params["tissue"] = ss.tissue_pick or ["-"]
    if ss.ab_pick:
        params["ab"] = [f"{v:g}" for v in ss.ab_pick]
    if ss.presentation:
        params["present"] = ["1"]
    if ss.live_on:
        params["live"] = [f"{ss.live_ab:g}"]
    if dict(st.query_params.to_dict()) != {k: v[-1] for k, v in params.items()} or any(
        st.query_params.get_all(k) != v for k, v in params.items()
    ):
        st.query_params.from_dict(params)


def parse_alpha_beta(text: str) -> tuple[float, str | None]:
    try:
        value = float(text)
    except ValueError:
        return math.nan, f"alpha/beta must be a number of Gy, got {text!r}"
    if not (math.isfinite(value) and value > 0):
        return math.nan, f"alpha/beta must be a finite number of Gy greater than 0, got {text!r}"
    return value, None


# --- callbacks: run before the rerun, so errors show inline and the last valid state is kept ------


def add_notation() -> None:
    text = st.session_state.new_notation
    try:
        label = fr.Scheme.parse(text).label
    except fr.FractionationError as error:
        st.session_state.scheme_error = str(error)
        return
    add_custom(label)


def add_by_numbers() -> None:
    try:
        scheme = fr.Scheme(dose_per_fraction=st.session_state.new_d, n_fractions=st.session_state.new_n)
    except fr.FractionationError as error:
        st.session_state.scheme_error = str(error)
        return
    add_custom(scheme.label)


def add_custom(label: str) -> None:
    st.session_state.scheme_error = None
    if label not in st.session_state.custom_schemes:
        st.session_state.custom_schemes.append(label)
    if label not in st.session_state.custom_pick:
        st.session_state.custom_pick = [*st.session_state.custom_pick, label]


def add_alpha_beta() -> None:
    value, problem = parse_alpha_beta(st.session_state.new_ab.strip())
    st.session_state.ab_error = f"Custom {problem}" if problem else None
    if problem:
        return
    if value not in st.session_state.custom_alpha_betas:
        st.session_state.custom_alpha_betas.append(value)
    if value not in st.session_state.ab_pick:
        st.session_state.ab_pick = [*st.session_state.ab_pick, value]


# --- page ----------------------------------------------------------------------------------------


def controls() -> None:
    with st.sidebar:
        st.header("Schemes")
        st.multiselect("From the source document", [s.name for s in DOCUMENT], key="doc_pick")
        st.multiselect("From guidelines and trials", [s.name for s in LITERATURE], key="lit_pick")
        st.multiselect("Added schemes", st.session_state.custom_schemes, key="custom_pick")
        st.text_input("Add a scheme", key="new_notation", placeholder="8 Gy x 1, 20 Gy/5, 5 x 4 Gy ...")
        st.button("Add scheme", key="add_notation", on_click=add_notation)
        left, right = st.columns(2)
        left.number_input("Fractions", min_value=1, max_value=100, value=5, step=1, key="new_n")
        right.number_input("Gy per fraction", min_value=0.1, max_value=30.0, value=4.0, step=0.5, key="new_d")
        st.button("Add by numbers", key="add_numbers", on_click=add_by_numbers)
        if st.session_state.get("scheme_error"):
            st.error(st.session_state.scheme_error)
        st.header("Tissues")
        st.multiselect(
            "Alpha/beta presets", list(TISSUES), key="tissue_pick",
            format_func=lambda t: f"{TISSUES[t].name} ({TISSUES[t].alpha_beta:g} Gy)",
        )  # fmt: skip
        st.multiselect("Custom alpha/beta (Gy)", st.session_state.custom_alpha_betas, key="ab_pick")
        live = st.toggle("Live alpha/beta column", key="live_on", help="Add a column that follows the slider")
        # Always drawn (disabled when off), so that Streamlit keeps its value between uses.
        st.slider("Live alpha/beta (Gy)", min_value=0.5, max_value=20.0, step=0.5, key="live_ab", disabled=not live)
        st.text_input("Add an alpha/beta in Gy", key="new_ab", placeholder="e.g. 4")
        st.button("Add alpha/beta", key="add_ab", on_click=add_alpha_beta)
        if st.session_state.get("ab_error"):
            st.error(st.session_state.ab_error)


def chosen_schemes() -> list[fr.Scheme]:
    ss = st.session_state
    return [BY_NAME[n] for n in ss.doc_pick + ss.lit_pick] + [fr.Scheme.parse(c) for c in ss.custom_pick]


def chosen_alpha_betas() -> list[fr.Tissue | float]:
    live = [st.session_state.live_ab] if st.session_state.live_on else []
    return [TISSUES[t] for t in st.session_state.tissue_pick] + list(st.session_state.ab_pick) + live


def column_label(alpha_beta: fr.Tissue | float) -> str:
    """Short enough for a table header: the preset's id and its alpha/beta."""
    if isinstance(alpha_beta, fr.Tissue):
        return f"{alpha_beta.id} ({alpha_beta.alpha_beta:g})"
    return f"α/β {alpha_beta:g}"


def tissue_label(alpha_beta: fr.Tissue | float) -> str:
    if isinstance(alpha_beta, fr.Tissue):
        return f"{alpha_beta.name} (α/β {alpha_beta.alpha_beta:g})"
    return f"α/β {alpha_beta:g} Gy"


def schedule_of(n_fractions: int, per_week: int | None, per_day: int) -> tuple[list[int], str]:
    """Treatment days and how the schedule was set; an unstated one takes the library's default (Mon-Fri)."""
    days = fr.treatment_days(n_fractions=n_fractions, fractions_per_week=per_week, fractions_per_day=per_day)
    return days, f"{per_week} a week" if per_week else "not stated (shown Mon-Fri)"


def ratio(alpha_beta: fr.Tissue | float) -> float:
    """The alpha/beta in Gy of a preset or of a plain number."""
    return alpha_beta.alpha_beta if isinstance(alpha_beta, fr.Tissue) else alpha_beta


def wide_table(schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float]) -> pd.DataFrame:
    """One row per scheme; BED and EQD2 per alpha/beta as columns, formatted as shown."""
    dose = np.array([[s.dose_per_fraction] for s in schemes])
    count = np.array([[s.n_fractions] for s in schemes])
    ratios = np.array([ratio(ab) for ab in alpha_betas])
    bed = fr.bed(dose_per_fraction=dose, n_fractions=count, alpha_beta=ratios)  # schemes x alpha/betas
    eqd2 = fr.eqd2(dose_per_fraction=dose, n_fractions=count, alpha_beta=ratios)
    columns: dict[str, list[Any]] = {
        "Scheme": [str(s) for s in schemes],
        "Fractions": [s.n_fractions for s in schemes],
        "Gy/fraction": [f"{s.dose_per_fraction:.2f}" for s in schemes],
        "Total (Gy)": [f"{s.total_dose:.2f}" for s in schemes],
        "T (days)": [
            fr.overall_time(
                n_fractions=s.n_fractions,
                fractions_per_week=s.fractions_per_week,
                fractions_per_day=s.fractions_per_day,
            )
            for s in schemes
        ],
    }
    for j, ab in enumerate(alpha_betas):
        columns[f"BED {column_label(ab)}"] = [f"{v:.2f}" for v in bed[:, j]]
        columns[f"EQD2 {column_label(ab)}"] = [f"{v:.2f}" for v in eqd2[:, j]]
    cautions = [fr.lq_caution(s.dose_per_fraction) for s in schemes]
    columns["Note"] = ["⚠ LQ less certain above 10 Gy/fraction" if c else "" for c in cautions]
    # Formatted here as text: a plain table renders ~15x faster than a pandas Styler.
    return pd.DataFrame(columns).set_index("Scheme")


def panel(label: str, key: str) -> DeltaGenerator | None:
    """A collapsed expander whose contents are built only while it is open, else None.

    Opening one reruns the script (``on_change="rerun"``), so the first page pays for none
    of the panels: their charts, formulae and tables were most of the cold first render.
    """
    expander = st.expander(label, key=key, on_change="rerun")
    return expander if expander.open else None


def tables(schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float]) -> None:
    key = "; ".join(f"**{column_label(ab)}** {tissue_label(ab)}" for ab in alpha_betas if isinstance(ab, fr.Tissue))
    st.markdown(
        "Doses in Gy. T: overall time in days, first to last fraction, assuming 5 sessions a week where "
        f"the source states no schedule (see Schedule below). {key}."
    )
    for intent, title in GROUPS.items():
        group = [s for s in schemes if (s.intent or "") == intent]
        if not group:
            continue
        st.subheader(title)
        st.table(wide_table(group, alpha_betas))
        for scheme in group:
            if caution := fr.lq_caution(scheme.dose_per_fraction):
                st.warning(f"{scheme}: {caution}", icon=":material/warning:")
        if (sources := panel(f"Sources: {title.lower()}", f"panel_sources_{intent or 'added'}")) is None:
            continue
        with sources:
            for scheme in group:
                source_lines(scheme)


def source_lines(scheme: fr.Scheme) -> None:
    source = scheme.source
    if source is None:
        st.markdown(f"**{scheme}**: added in this session; no source.")
        return
    text = f"**{scheme}** ({source.kind}): {source.citation}"
    if source.quote:
        text += f"\n\n> {source.quote}"
    if source.reading:
        text += f"\n\n*Reading taken:* {source.reading}"
    if source.note:
        text += f"\n\n*Note:* {source.note}"
    st.markdown(text)


@st.cache_data(max_entries=32, show_spinner=False)
def chart_spec(name: str, big: bool, bands: tuple[tuple[str, float, float], ...] = ()) -> dict[str, Any]:
    """A chart's specification without data, built once: each rerun sends only the data."""
    chart = charts.eqd2_bars(big=big) if name == "bars" else charts.eqd2_against_alpha_beta(big=big, bands=bands)
    return charts.without_data(chart.to_dict(validate=False))


def chart_panel(schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float], big: bool) -> None:
    bars = charts.bar_data(fr.compare(schemes, alpha_betas, alpha_beta_ranges=True))
    bar_px = (14 if big else 10) * len(alpha_betas) + 12  # per scheme: a bar per tissue, and a gap
    height = max(280, len(schemes) * bar_px + 140)
    st.vega_lite_chart(bars, chart_spec("bars", big), width="stretch", height=height)
    curve = fr.compare(schemes, charts.ALPHA_BETA_AXIS)
    bands = tuple((ab.name, ab.low, ab.high) for ab in alpha_betas if isinstance(ab, fr.Tissue) and ab.low and ab.high)
    st.vega_lite_chart(curve, chart_spec("curve", big, bands), width="stretch", height=480 if big else 380)
    if bands:
        ranges = "; ".join(f"{name}, {low:g}-{high:g} Gy" for name, low, high in bands)
        st.caption(f"Error bars and the shaded band: EQD2 over the alpha/beta range of {ranges}.")


def isoeffect_panel(schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float]) -> None:
    if (body := panel("Iso-effect: the same EQD2 in another number of fractions", "panel_isoeffect")) is None:
        return
    with body:
        names = [str(s) for s in schemes]
        labels = [tissue_label(ab) for ab in alpha_betas]
        left, middle, right, last = st.columns(4)
        chosen = left.selectbox("Scheme", names, key="iso_scheme")
        n_new = middle.number_input("Fractions", min_value=1, max_value=60, step=1, key="iso_n")
        match = right.selectbox("Same EQD2 for", labels, key="iso_tissue")
        if st.session_state.get("iso_other") not in labels:
            st.session_state.iso_other = labels[-1]  # the other end of the list: the contrast is the point
        other = last.selectbox("Show the effect on", labels, key="iso_other")
        scheme = schemes[names.index(chosen) if chosen in names else 0]

        def chosen_ratio(label: str | None) -> float:
            return ratio(alpha_betas[labels.index(label) if label in labels else 0])

        try:
            iso = fr.isoeffective_scheme(scheme, n_fractions=int(n_new), alpha_beta=chosen_ratio(match),
                                         other_alpha_beta=chosen_ratio(other))  # fmt: skip
        except fr.FractionationError as error:
            st.error(str(error))
            return
        d = iso.converted.dose_per_fraction
        st.markdown(
            f"**{scheme}** gives EQD2 {iso.eqd2:.2f} Gy for {match}. The same in {int(n_new)} fractions: "
            f"**{d:.2f} Gy x {int(n_new)}** ({iso.converted.total_dose:.2f} Gy). For {other}: "
            f"{iso.other_eqd2_original:.2f} Gy before, {iso.other_eqd2_converted:.2f} Gy after "
            f"({iso.other_change:+.2f} Gy)."
        )
        if caution := fr.lq_caution(d):
            st.warning(caution, icon=":material/warning:")
        st.button("Add to the comparison", key="iso_add", on_click=add_custom, args=(iso.converted.label,))


def models_panel(schemes: list[fr.Scheme]) -> None:
    stereotactic = [s for s in schemes if s.intent == "stereotactic" or s.dose_per_fraction > 6]
    if not stereotactic:
        return
    if (body := panel("High doses per fraction: LQ, LQ-L and USC side by side", "panel_models")) is None:
        return
    with body:
        usc = fr.USC()
        transition = st.number_input(
            "LQ-L transition dose (Gy)", min_value=1.0, max_value=30.0, step=0.5, key="lql_dt",
            help="There is no consensus value; choose one and say so. Above it LQ-L grows linearly, with the "
            "slope LQ has there (the tangent form).",
        )  # fmt: skip
        lql = fr.LQL(transition_dose=float(transition))
        ab = usc.alpha_beta
        rows = {
            "Scheme": [str(s) for s in stereotactic],
            "Gy/fraction": [f"{s.dose_per_fraction:.2f}" for s in stereotactic],
            "EQD2 LQ": [f"{s.eqd2(ab):.2f}" for s in stereotactic],
            f"EQD2 LQ-L (dT {transition:g})": [f"{s.eqd2(ab, model=lql):.2f}" for s in stereotactic],
            "EQD2 USC": [f"{s.eqd2(ab, model=usc):.2f}" for s in stereotactic],
        }
        st.table(pd.DataFrame(rows).set_index("Scheme"))
        st.caption(
            f"All three at alpha/beta {ab:.2f} Gy, the value implied by Park's USC parameters for NSCLC "
            f"(alpha {usc.alpha:g}/Gy, D0 {usc.d0:g} Gy, Dq {usc.dq:g} Gy; transition {usc.transition_dose:.2f} Gy; "
            "Park et al., IJROBP 2008;70:847). LQ-L: Astrahan, Med Phys 2008;35:4161. The models agree below "
            "their transition and part above it: the gap is how far LQ can be trusted there."
        )


def reirradiation_panel(big: bool) -> None:
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
            st.error(str(error))
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
        "Limit": [f"{c.rule.kind} {c.rule.limit:g} {c.unit}".strip() for c in checks],
        "Holds": ["✓ yes" if c.holds else "✗ NO" for c in checks],
        "Source": [c.rule.citation for c in checks],
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


MAX_UPLOAD_MB = 50  # also server.maxUploadSize in .streamlit/config.toml


def dose_grid_panel(alpha_betas: list[fr.Tissue | float], big: bool) -> None:
    if (body := panel("Dose grid: an RT Dose file, voxel by voxel", "panel_dose_grid")) is None:
        return
    with body:
        upload = st.file_uploader(f"RT Dose file (DICOM, at most {MAX_UPLOAD_MB} MB)", type=["dcm"], key="rtdose")
        example = st.toggle(
            "Use pydicom's example RT Dose instead", key="rtdose_example",
            help="A 15 x 10 x 10 grid in RELATIVE units, shipped with pydicom for its tests.",
        )  # fmt: skip
        if upload is None and not example:
            st.caption("Upload a file or use the example to see physical dose and EQD2 side by side.")
            return
        if upload is not None and upload.size > MAX_UPLOAD_MB * 2**20:
            st.error(f"The file is {upload.size / 2**20:.1f} MB; the limit here is {MAX_UPLOAD_MB} MB.")
            return
        left, middle, right = st.columns(3)
        n = left.number_input("Fractions the dose was given in", min_value=1, max_value=60, key="grid_n")
        labels = [tissue_label(ab) for ab in alpha_betas]
        chosen = middle.selectbox("Tissue", labels, key="grid_tissue")
        ab = alpha_betas[labels.index(chosen) if chosen in labels else 0]
        relative = right.number_input("For RELATIVE doses: Gy of a relative 1", min_value=0.1, max_value=200.0,
                                      key="grid_relative")  # fmt: skip
        data = upload.getvalue() if upload is not None else None
        try:
            physical, eqd2 = dose_grids(data, int(n), ratio(ab), relative)
        except fr.FractionationError as error:
            st.error(str(error))
            return
        frame = st.slider("Slice", 0, physical.shape[0] - 1, physical.shape[0] // 2, key="grid_slice")
        top = float(max(np.nanmax(physical), np.nanmax(eqd2)))
        first, second = st.columns(2)
        first.altair_chart(charts.dose_slice(physical[frame], title="Physical dose", top=top, big=big), width="stretch")
        second.altair_chart(charts.dose_slice(eqd2[frame], title=f"EQD2, {chosen}", top=top, big=big), width="stretch")
        st.caption(f"Grid {' x '.join(map(str, physical.shape))}; maximum physical {np.nanmax(physical):.2f} Gy, "
                   f"EQD2 {np.nanmax(eqd2):.2f} Gy; one colour scale for both.")  # fmt: skip


@st.cache_data(max_entries=4, show_spinner=False)
def dose_grids(data: bytes | None, n_fractions: int, alpha_beta: float, relative_to_gy: float) -> tuple[Any, Any]:
    """Physical dose and EQD2 grids (Gy) of an uploaded RT Dose, or of pydicom's example when ``data`` is None."""
    import io

    from fractionation.dicom import read_rt_dose

    if data is None:
        try:
            from pydicom.data import get_testdata_file
        except ImportError:
            raise fr.FractionationError("the example needs pydicom: pip install 'fractionation[dicom]'") from None
        source: Any = get_testdata_file("rtdose.dcm")
    else:
        source = io.BytesIO(data)
    _, physical = read_rt_dose(source, relative_to_gy=relative_to_gy)
    return physical, fr.eqd2_from_total_dose(physical, n_fractions=n_fractions, alpha_beta=alpha_beta)


def working_panel(schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float]) -> None:
    if (body := panel("Show the working", "panel_working")) is None:
        return
    with body:
        left, right = st.columns(2)
        names = [str(s) for s in schemes]
        chosen = left.selectbox("Scheme", names, key="work_scheme")
        labels = [tissue_label(ab) for ab in alpha_betas]
        tissue = right.selectbox("Tissue", labels, key="work_tissue")
        scheme = schemes[names.index(chosen) if chosen in names else 0]
        ab = alpha_betas[labels.index(tissue) if tissue in labels else 0]
        value = ratio(ab)
        for step in fr.working(scheme, value):
            st.markdown(f"**{step.title}**")
            st.latex(step.latex)


@st.cache_data(max_entries=64, show_spinner=False)
def schedule_spec(schemes: tuple[tuple[str, int, int | None, int], ...]) -> dict[str, Any]:
    """Cached: the schedule depends on the schemes only."""
    rows = []
    for name, n, per_week, per_day in schemes:
        days, stated = schedule_of(n, per_week, per_day)
        label = f"{name} — {stated}, T = {days[-1]} d"
        rows += [{"scheme": label, "day": d, "fractions": days.count(d)} for d in sorted(set(days))]
    return charts.schedule_strip(rows).to_dict(validate=False)


def schedule_panel(schemes: list[fr.Scheme]) -> None:
    if (body := panel("Schedule: treatment days and overall time", "panel_schedule")) is None:
        return
    with body:
        key = tuple((str(s), s.n_fractions, s.fractions_per_week, s.fractions_per_day) for s in schemes)
        st.vega_lite_chart(schedule_spec(key), width="stretch", height=max(160, 34 * len(schemes) + 90))
        st.caption("Overall time T: days from the first fraction to the last, the first on day 0 (a Monday); "
                   "3 a week is Mon/Wed/Fri, 5 a week Mon-Fri.")  # fmt: skip


def downloads(schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float]) -> None:
    """Full-precision exports of the comparison, built only when a button is clicked."""

    def csv() -> str:
        return str(fr.compare(schemes, alpha_betas).to_csv(index=False))

    def records() -> str:
        return json.dumps(fr.compare(schemes, alpha_betas).to_dict(orient="records"), indent=2, ensure_ascii=False)

    left, right = st.columns(2)
    left.download_button("Download CSV", csv, "fractionation.csv", "text/csv", key="csv")
    right.download_button("Download JSON", records, "fractionation.json", "application/json", key="json")


def page_style(big: bool) -> None:
    # Numbers right-aligned: the tables hold formatted text, which st.table aligns left inline.
    # The last column of each table is text (a note, a source), read from the left.
    st.markdown(
        '<style>[data-testid="stTable"] td {text-align: right !important;}'
        '[data-testid="stTable"] td:last-child {text-align: left !important;}</style>',
        unsafe_allow_html=True,
    )
    if big:
        st.markdown(
            """<style>
            section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
            [data-testid="stTable"] table {font-size: 1.35rem;}
            .stMainBlockContainer p, .stMainBlockContainer li {font-size: 1.25rem;}
            </style>""",
            unsafe_allow_html=True,
        )


def main() -> None:
    st.set_page_config(page_title="fractionation: BED and EQD2", layout="wide")
    if "problems" not in st.session_state:
        st.session_state.problems = initial_state()
    keep_panel_inputs()
    head, toggle = st.columns([3, 1], vertical_alignment="center")
    head.title("Fractionation schemes side by side")
    big = toggle.toggle("Presentation mode", key="presentation", help="Hide the controls and enlarge table and charts")
    st.caption(f"⚕ {DISCLAIMER} Linear-quadratic model; doses in Gy. Sources: expand under each table.")
    page_style(big)
    for problem in st.session_state.problems:
        st.warning(problem)
    # Widget values are in session state before the widgets are drawn, so the tables come first
    # and reach the screen sooner; the sidebar's place on the page does not depend on the order.
    schemes, alpha_betas = chosen_schemes(), chosen_alpha_betas()
    write_state_to_url()
    if schemes and alpha_betas:
        tables(schemes, alpha_betas)
    controls()
    if not schemes or not alpha_betas:
        st.info("Choose at least one scheme and one tissue in the sidebar.")
        return
    chart_panel(schemes, alpha_betas, big)
    isoeffect_panel(schemes, alpha_betas)
    models_panel(schemes)
    reirradiation_panel(big)
    dose_grid_panel(alpha_betas, big)
    working_panel(schemes, alpha_betas)
    schedule_panel(schemes)
    downloads(schemes, alpha_betas)


main()
# How long this rerun took, for benchmarks/bench_app.py (AppTest's own wall time includes its polling).
st.session_state["script_seconds"] = time.perf_counter() - SCRIPT_STARTED
