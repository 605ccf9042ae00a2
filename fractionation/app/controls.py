"""The sidebar: schemes, tissues and alpha/beta, with the callbacks that add to them.

Callbacks run before the rerun, so an error shows inline and the last valid state is kept.
"""

from __future__ import annotations

import streamlit as st

import fractionation as fr
from fractionation.app.common import DOCUMENT, LITERATURE, TISSUES, scheme_name
from fractionation.app.state import parse_alpha_beta


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


def render() -> None:
    with st.sidebar:
        st.header("Schemes")
        st.multiselect("From the source document", [s.id for s in DOCUMENT], key="doc_pick", format_func=scheme_name)
        st.multiselect(
            "From guidelines and trials", [s.id for s in LITERATURE], key="lit_pick", format_func=scheme_name
        )
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
