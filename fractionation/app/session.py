"""Streamlit's session state: seeded once from the link, the link then kept in step with the widgets."""

from __future__ import annotations

from typing import Any

import streamlit as st

from fractionation.app import state
from fractionation.app.common import DOCUMENT, LITERATURE, TISSUES

DOCUMENT_IDS = [str(s.id) for s in DOCUMENT]


def start() -> None:
    """On a session's first run: the widgets' values from the link, and its problems to show."""
    if "problems" in st.session_state:
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    values, problems = state.read_link(
        params, document=DOCUMENT_IDS, literature=[str(s.id) for s in LITERATURE], tissues=list(TISSUES)
    )
    for key, value in values.items():
        st.session_state[key] = value
    st.session_state.problems = problems


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


def write_link() -> None:
    """The link shows the page's choices, rewritten only when they changed."""
    params = state.link_of({key: st.session_state[key] for key in state.LINK_KEYS}, document=DOCUMENT_IDS)
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != params:
        st.query_params.from_dict(params)
