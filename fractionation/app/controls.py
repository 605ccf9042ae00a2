"""The controls: schemes, tissues and alpha/beta, and the forms that add to them.

The teacher's controls (the document's schemes, the tissues, the live alpha/beta) sit in
the sidebar, or above the table in presentation mode, with the same keys, so a switch
keeps their values. The forms submit on Enter; their callbacks run before the rerun, so
an error shows inline, clears on the next good entry, and the last valid state is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

import fractionation as fr
from fractionation.app import state
from fractionation.app.common import DOCUMENT, LITERATURE, TISSUES, literal, scheme_chip, scheme_name, tissue_chip

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator


def add_scheme(scheme: fr.Scheme) -> None:
    """Add a scheme to the comparison (a value: it is never parsed again)."""
    st.session_state.scheme_error = None
    if scheme not in st.session_state.added_options:
        st.session_state.added_options = [*st.session_state.added_options, scheme]
    if scheme not in st.session_state.added_pick:
        st.session_state.added_pick = [*st.session_state.added_pick, scheme]


def add_notation() -> None:
    try:
        scheme = state.added_scheme(st.session_state.new_notation)
    except fr.FractionationError as error:
        st.session_state.scheme_error = str(error)
        return
    add_scheme(scheme)


def add_by_numbers() -> None:
    """The numbers exactly as shown in the two fields; the library's bounds decide, with its message."""
    try:
        scheme = fr.Scheme(dose_per_fraction=st.session_state.new_d, n_fractions=st.session_state.new_n)
        named = state.added(scheme)
    except fr.FractionationError as error:
        st.session_state.scheme_error = str(error)
        return
    add_scheme(named)


def add_alpha_beta() -> None:
    """A number of Gy becomes a column; a tissue's id ('cord') adds that preset."""
    try:
        value = fr.parse_alpha_beta(st.session_state.new_ab, argument="alpha/beta")
    except fr.FractionationError as error:
        st.session_state.ab_error = str(error)
        return
    st.session_state.ab_error = None
    if isinstance(value, fr.Tissue):
        if value.id not in st.session_state.tissue_pick:
            st.session_state.tissue_pick = [*st.session_state.tissue_pick, value.id]
        return
    if value not in st.session_state.ab_options:
        st.session_state.ab_options = [*st.session_state.ab_options, value]
    if value not in st.session_state.ab_pick:
        st.session_state.ab_pick = [*st.session_state.ab_pick, value]


def teacher_controls(where: DeltaGenerator, *, columns: bool) -> None:
    """The document's schemes, the tissues and the live alpha/beta: in the sidebar, or in a row above the table."""
    schemes, tissues, live, slider = (
        where.columns([3.5, 4.1, 1.6, 2.4], vertical_alignment="bottom") if columns else (where,) * 4
    )
    schemes.multiselect("Schemes from the source document", [str(s.id) for s in DOCUMENT], key="doc_pick",
                        format_func=scheme_chip)  # fmt: skip
    tissues.multiselect(
        "Tissues", list(TISSUES), key="tissue_pick", format_func=tissue_chip,
        help="Alpha/beta presets, each with its source: " + "; ".join(
            f"{t.id}: {t.name}, {t.alpha_beta:g} Gy" for t in TISSUES.values()),
    )  # fmt: skip
    live.toggle("Live α/β", key="live_on", help="A column whose alpha/beta follows the slider")
    slider.slider("Live alpha/beta (Gy)", min_value=state.LIVE_LOW, max_value=state.LIVE_HIGH, step=state.LIVE_STEP,
                  key="live_ab", on_change=live_on)  # fmt: skip


def live_on() -> None:
    """Moving the slider shows its column: the slider is never a control that does nothing."""
    st.session_state.live_on = True


def teacher_row() -> None:
    """Presentation mode: the teacher's controls in a row above the table."""
    teacher_controls(st.container(), columns=True)


def sidebar(present: bool) -> None:
    """The sidebar: hidden in presentation mode, but drawn, so that Streamlit keeps its values."""
    with st.sidebar:
        st.header("Schemes")
        if not present:
            teacher_controls(st.sidebar, columns=False)
        st.multiselect("From guidelines and trials", [str(s.id) for s in LITERATURE], key="lit_pick",
                       format_func=scheme_name)  # fmt: skip
        st.multiselect("Added schemes", st.session_state.added_options, key="added_pick", format_func=str)
        with st.form("add_notation_form", border=False):
            st.text_input("Add a scheme", key="new_notation", placeholder="8 Gy x 1, 20 Gy/5, 5 x 4 Gy ...")
            st.form_submit_button("Add scheme", key="add_notation", on_click=add_notation)
        with st.form("add_numbers_form", border=False):
            left, right = st.columns(2)
            # No min or max: a field clamps silently; the library's bounds give a message instead.
            left.number_input("Fractions", value=5, step=1, key="new_n")
            right.number_input("Gy per fraction", value=4.0, step=0.5, key="new_d")
            st.form_submit_button("Add by numbers", key="add_numbers", on_click=add_by_numbers)
        if st.session_state.get("scheme_error"):
            st.error(literal(st.session_state.scheme_error))
        st.header("Alpha/beta")
        st.multiselect(
            "Your alpha/beta values", st.session_state.ab_options, key="ab_pick", format_func="{:g} Gy".format
        )
        with st.form("add_ab_form", border=False):
            st.text_input("Add an alpha/beta in Gy, or a tissue id", key="new_ab", placeholder="4, 4 Gy, cord ...")
            st.form_submit_button("Add alpha/beta", key="add_ab", on_click=add_alpha_beta)
        if st.session_state.get("ab_error"):
            st.error(literal(st.session_state.ab_error))
