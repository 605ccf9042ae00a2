"""Streamlit front end: compare fractionation schemes side by side.

The entry point only: each section of the page is a module of `fractionation.app`,
and every number comes from the `fractionation` library.
Run it with `streamlit run app.py` (see README.md).
"""

from __future__ import annotations

import time

import streamlit as st

from fractionation.app import (
    charts,
    comparison,
    controls,
    dose_grid,
    downloads,
    handout,
    isoeffect,
    missed,
    models,
    quiz,
    reirradiation,
    schedule,
    session,
    style,
    uncertainty,
    working,
)
from fractionation.app.common import DISCLAIMER, chosen_alpha_betas, chosen_schemes

SCRIPT_STARTED = time.perf_counter()


def main() -> None:
    st.set_page_config(page_title="fractionation: BED and EQD2", layout="wide")
    if quiz.render():  # a quiz link (?quiz=1): the class's questions instead of the comparison
        return
    session.start()
    session.keep_panel_inputs()
    head, toggle = st.columns([3, 1], vertical_alignment="center")
    head.title("Fractionation schemes side by side")
    big = toggle.toggle("Presentation mode", key="presentation", help="Hide the controls and enlarge table and charts")
    st.caption(f"⚕ {DISCLAIMER} Linear-quadratic model; doses in Gy. Sources: expand under each table.")
    style.render(big)
    for problem in st.session_state.problems:
        st.warning(problem)
    # Widget values are in session state before the widgets are drawn, so the tables come first
    # and reach the screen sooner; the sidebar's place on the page does not depend on the order.
    schemes, alpha_betas = chosen_schemes(), chosen_alpha_betas()
    session.write_link()
    if schemes and alpha_betas:
        comparison.render(schemes, alpha_betas)
    controls.render()
    if not schemes or not alpha_betas:
        st.info("Choose at least one scheme and one tissue in the sidebar.")
        return
    charts.render(schemes, alpha_betas, big)
    uncertainty.render(schemes, alpha_betas, big)
    isoeffect.render(schemes, alpha_betas)
    models.render(schemes)
    reirradiation.render(big)
    dose_grid.render(alpha_betas, big)
    working.render(schemes, alpha_betas)
    schedule.render(schemes)
    missed.render(big)
    downloads.render(schemes, alpha_betas)
    handout.render(schemes, alpha_betas)
    st.link_button("Quiz for the class: seeded questions with the working", "?quiz=1")


main()
# How long this rerun took, for benchmarks/bench_app.py (AppTest's own wall time includes its polling).
st.session_state["script_seconds"] = time.perf_counter() - SCRIPT_STARTED
