"""Streamlit's session state: seeded once from the link, read back as a View, the link kept in step.

The widgets' keys: ``doc_pick``, ``lit_pick`` (catalogue ids), ``added_options`` and
``added_pick`` (Scheme values, never re-parsed labels), ``tissue_pick`` (preset ids),
``ab_options`` and ``ab_pick`` (alpha/beta values in Gy), ``presentation``, ``live_on``
and ``live_ab``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import fractionation as fr
from fractionation.app import state
from fractionation.app.common import BY_ID, OFFERED, TISSUES, AlphaBeta


def start() -> list[str]:
    """On a session's first run, the widgets' values from the link and its problems (said this once); else []."""
    if "doc_pick" in st.session_state:
        return []
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    view, problems = state.read_link(params, OFFERED)
    st.session_state.update(
        doc_pick=list(view.document), lit_pick=list(view.literature),
        added_options=list(view.added), added_pick=list(view.added),
        tissue_pick=list(view.tissues), ab_options=list(view.alpha_betas), ab_pick=list(view.alpha_betas),
        presentation=view.present, live_on=view.live is not None,
        live_ab=state.LIVE_DEFAULT if view.live is None else view.live,
    )  # fmt: skip
    return problems


def view() -> state.View:
    ss = st.session_state
    return state.View(
        document=tuple(ss.doc_pick), literature=tuple(ss.lit_pick), added=tuple(ss.added_pick),
        tissues=tuple(ss.tissue_pick), alpha_betas=tuple(ss.ab_pick), present=bool(ss.presentation),
        live=float(ss.live_ab) if ss.live_on else None,
    )  # fmt: skip


def schemes(shown: state.View) -> list[fr.Scheme]:
    return [BY_ID[i] for i in shown.document + shown.literature] + list(shown.added)


def alpha_betas(shown: state.View) -> list[AlphaBeta]:
    live = [] if shown.live is None else [shown.live]
    return [TISSUES[t] for t in shown.tissues] + [*shown.alpha_betas, *live]


# The inputs inside the panels, with their defaults. A closed panel draws none of its widgets, and
# Streamlit forgets the state of a widget it did not draw, so keep_panel_inputs() writes each back.
PANEL_INPUTS: dict[str, Any] = {
    "iso_n": 5, "lql_dt": 6.0, "usc_beta": "derived from Park's parameters",
    "re_prior": "30 Gy/10", "re_months": 6.0, "re_planned": "6 Gy x 2", "re_model": "LQ", "re_lql_dt": 4.0,
    "re_usc_beta": "derived from Park's parameters",
    "re_sbrt": True, "re_recovery": False, "re_steps": "6:0.25, 12:0.5", "rtdose_example": False,
    "grid_n": 5, "grid_relative": 20.0, "rep_per_day": 1, "rep_interval": 6.0, "rep_half_time": 1.5, "rep_pattern": "",
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


def write_link(shown: state.View) -> None:
    """The link shows the view, rewritten only when it differs (a link's unusable parts go at once)."""
    params = state.link_of(shown, OFFERED)
    if {key: st.query_params.get_all(key) for key in st.query_params} != params:
        st.query_params.from_dict(params)
