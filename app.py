"""Streamlit front end: compare fractionation schemes side by side.

Layout and widgets only: every number comes from the `fractionation` package.
Run it with `streamlit run app.py` (see README.md).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

import fractionation as fr

DOCUMENT = [s for s in fr.catalogue() if s.source and s.source.kind == "document"]
LITERATURE = [s for s in fr.catalogue() if s.source and s.source.kind == "literature"]
BY_NAME = {str(s.name): s for s in fr.catalogue()}
TISSUES = {t.id: t for t in fr.tissues()}
DEFAULT_TISSUES = ["tumour", "late", "cord"]
DISCLAIMER = "Educational and research reference for the linear-quadratic model, not a prescribing system."
GROUPS = {"palliative": "Palliative", "stereotactic": "Stereotactic", "": "Added schemes"}
CHART_ALPHA_BETAS = [x / 10 for x in range(5, 201, 5)]  # 0.5 to 20 Gy
DEFAULT_SCHEDULE = 5  # sessions a week assumed when a source does not state one; the page says so


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
    st.session_state["custom_pick"] = list(state["custom_schemes"])
    st.session_state["ab_pick"] = list(state["custom_alpha_betas"])
    return problems


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
        st.text_input("Add an alpha/beta in Gy", key="new_ab", placeholder="e.g. 4")
        st.button("Add alpha/beta", key="add_ab", on_click=add_alpha_beta)
        if st.session_state.get("ab_error"):
            st.error(st.session_state.ab_error)


def chosen_schemes() -> list[fr.Scheme]:
    ss = st.session_state
    return [BY_NAME[n] for n in ss.doc_pick + ss.lit_pick] + [fr.Scheme.parse(c) for c in ss.custom_pick]


def chosen_alpha_betas() -> list[fr.Tissue | float]:
    return [TISSUES[t] for t in st.session_state.tissue_pick] + list(st.session_state.ab_pick)


def column_label(alpha_beta: fr.Tissue | float) -> str:
    """Short enough for a table header: the preset's id and its alpha/beta."""
    if isinstance(alpha_beta, fr.Tissue):
        return f"{alpha_beta.id} ({alpha_beta.alpha_beta:g})"
    return f"α/β {alpha_beta:g}"


def tissue_label(alpha_beta: fr.Tissue | float) -> str:
    if isinstance(alpha_beta, fr.Tissue):
        return f"{alpha_beta.name} (α/β {alpha_beta.alpha_beta:g})"
    return f"α/β {alpha_beta:g} Gy"


def schedule_of(scheme: fr.Scheme) -> tuple[int, str]:
    per_week = scheme.sessions_per_week or DEFAULT_SCHEDULE
    stated = f"{per_week} a week" if scheme.sessions_per_week else f"not stated (shown as {per_week} a week)"
    time = fr.overall_time(n_fractions=scheme.n_fractions, sessions_per_week=per_week,
                           sessions_per_day=scheme.sessions_per_day)  # fmt: skip
    return time, stated


def wide_table(schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float]) -> pd.DataFrame:
    long = fr.compare(schemes, alpha_betas)
    rows = []
    for i, scheme in enumerate(schemes):
        block = long.iloc[i * len(alpha_betas) : (i + 1) * len(alpha_betas)]
        time, _ = schedule_of(scheme)
        row: dict[str, Any] = {
            "Scheme": str(scheme), "Fractions": scheme.n_fractions, "Gy/fraction": scheme.dose_per_fraction,
            "Total (Gy)": scheme.total_dose, "T (days)": time,
        }  # fmt: skip
        for ab, bed, eqd2 in zip(alpha_betas, block["bed"], block["eqd2"], strict=True):
            row[f"BED {column_label(ab)}"] = bed
            row[f"EQD2 {column_label(ab)}"] = eqd2
        caution = fr.lq_caution(scheme.dose_per_fraction)
        row["Note"] = "⚠ LQ less certain above 10 Gy/fraction" if caution else ""
        rows.append(row)
    return pd.DataFrame(rows)


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
        table = wide_table(group, alpha_betas)
        numbers: dict[Any, str | Callable[[object], str] | None] = {
            c: "{:.2f}" for c in table.columns if c.startswith(("BED", "EQD2", "Gy/", "Total"))
        }
        st.table(table.style.format(numbers).hide(axis="index"))
        for scheme in group:
            if caution := fr.lq_caution(scheme.dose_per_fraction):
                st.warning(f"{scheme}: {caution}", icon="⚠")
        with st.expander(f"Sources: {title.lower()}"):
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


def charts(schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float], big: bool) -> None:
    size = {"labelFontSize": 16 if big else 12, "titleFontSize": 18 if big else 13}
    long = fr.compare(schemes, alpha_betas).assign(
        tissue=lambda t: [tissue_label(ab) for ab in alpha_betas] * len(schemes)
    )
    bars = (
        alt.Chart(long, title="EQD2 per scheme and tissue")
        .mark_bar()
        .encode(
            y=alt.Y("scheme:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("tissue:N", sort=None),
            x=alt.X("eqd2:Q", title="EQD2 (Gy)"),
            color=alt.Color("tissue:N", sort=None, title="Tissue", scale=alt.Scale(scheme="tableau10"),
                            legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
            tooltip=["scheme", "tissue", alt.Tooltip("eqd2:Q", format=".2f"), alt.Tooltip("bed:Q", format=".2f")],
        )
        .configure_axis(**size).configure_legend(**size)
    )  # fmt: skip
    curve = fr.compare(schemes, CHART_ALPHA_BETAS)
    lines = (
        alt.Chart(curve, title="EQD2 against alpha/beta")
        .mark_line(strokeWidth=3 if big else 2)
        .encode(
            x=alt.X("alpha_beta:Q", title="α/β (Gy)", scale=alt.Scale(domain=[0.5, 20])),
            y=alt.Y("eqd2:Q", title="EQD2 (Gy)"),
            color=alt.Color("scheme:N", sort=None, title="Scheme", scale=alt.Scale(scheme="tableau10"),
                            legend=alt.Legend(labelLimit=400)),
            tooltip=["scheme", alt.Tooltip("alpha_beta:Q", format=".1f"), alt.Tooltip("eqd2:Q", format=".2f")],
        )
        .configure_axis(**size).configure_legend(**size)
    )  # fmt: skip
    bar_px = (14 if big else 10) * len(alpha_betas) + 12  # per scheme: a bar per tissue, and a gap
    st.altair_chart(bars, width="stretch", height=max(280, len(schemes) * bar_px + 140))
    st.altair_chart(lines, width="stretch", height=480 if big else 380)


def working_panel(schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float]) -> None:
    with st.expander("Show the working", expanded=False):
        left, right = st.columns(2)
        names = [str(s) for s in schemes]
        chosen = left.selectbox("Scheme", names, key="work_scheme")
        labels = [tissue_label(ab) for ab in alpha_betas]
        tissue = right.selectbox("Tissue", labels, key="work_tissue")
        scheme = schemes[names.index(chosen) if chosen in names else 0]
        ab = alpha_betas[labels.index(tissue) if tissue in labels else 0]
        value = ab.alpha_beta if isinstance(ab, fr.Tissue) else ab
        for step in fr.working(scheme, value):
            st.markdown(f"**{step.title}**")
            st.latex(step.latex)


def schedule_strip(schemes: list[fr.Scheme]) -> None:
    with st.expander("Schedule: treatment days and overall time", expanded=False):
        rows = []
        for scheme in schemes:
            per_week = scheme.sessions_per_week or DEFAULT_SCHEDULE
            time, stated = schedule_of(scheme)
            days = fr.treatment_days(n_fractions=scheme.n_fractions, sessions_per_week=per_week,
                                     sessions_per_day=scheme.sessions_per_day)  # fmt: skip
            label = f"{scheme} — {stated}, T = {time} d"
            rows += [{"scheme": label, "day": d, "fractions": days.count(d)} for d in sorted(set(days))]
        chart = (
            alt.Chart(pd.DataFrame(rows))
            .mark_rect(stroke="white")
            .encode(
                x=alt.X("day:O", title="Day (0 = first fraction, a Monday)"),
                y=alt.Y("scheme:N", sort=None, title=None, axis=alt.Axis(labelLimit=520)),
                color=alt.Color("fractions:O", title="Fractions that day"),
            )
        )
        st.altair_chart(chart, width="stretch")
        st.caption("Overall time T: days from the first fraction to the last, the first on day 0 (a Monday); "
                   "3 a week is Mon/Wed/Fri, 5 a week Mon-Fri.")  # fmt: skip


def downloads(schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float]) -> None:
    table = fr.compare(schemes, alpha_betas)
    left, right = st.columns(2)
    left.download_button("Download CSV", table.to_csv(index=False), "fractionation.csv", "text/csv", key="csv")
    records = json.dumps(table.to_dict(orient="records"), indent=2, ensure_ascii=False)
    right.download_button("Download JSON", records, "fractionation.json", "application/json", key="json")


def presentation_style(big: bool) -> None:
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
    head, toggle = st.columns([3, 1], vertical_alignment="center")
    head.title("Fractionation schemes side by side")
    big = toggle.toggle("Presentation mode", key="presentation", help="Hide the controls and enlarge table and charts")
    st.caption(f"⚕ {DISCLAIMER} Linear-quadratic model; doses in Gy. Sources: expand under each table.")
    presentation_style(big)
    controls()
    for problem in st.session_state.problems:
        st.warning(problem)
    schemes, alpha_betas = chosen_schemes(), chosen_alpha_betas()
    write_state_to_url()
    if not schemes or not alpha_betas:
        st.info("Choose at least one scheme and one tissue in the sidebar.")
        return
    tables(schemes, alpha_betas)
    charts(schemes, alpha_betas, big)
    working_panel(schemes, alpha_betas)
    schedule_strip(schemes)
    downloads(schemes, alpha_betas)


main()
