"""Streamlit front end: compare fractionation schemes side by side.

The entry point only: each section of the page is a module of `fractionation.app`,
and every number comes from the `fractionation` library.
Run it with `streamlit run app.py` (see README.md).
"""

from __future__ import annotations

import streamlit as st

from fractionation.app import style


def main() -> None:
    st.set_page_config(page_title="fractionation: EQD2 and BED", layout="wide")
    # The CSS goes out before the page's modules load (pandas with them, most of a cold start): meanwhile
    # the browser fetches the code that draws HTML elements, so the table is drawn the moment it arrives,
    # not after the code of every widget in the sidebar (that wait was most of the first render's excess).
    style.render_page()
    from fractionation.app import comparison, controls, glossary, quiz, session, state
    from fractionation.app.common import DISCLAIMER, OFFERED, literal

    if quiz.render():  # a quiz link (?quiz=1): the class's questions instead of the comparison
        return
    problems = session.start()
    session.keep_panel_inputs()
    head, words, mode = st.columns([5, 1.5, 2.4], vertical_alignment="center")
    head.title("Fractionation schemes side by side")
    glossary.render(words)
    mode.toggle(
        "Presentation mode", key="presentation", help="Large type for a projector; the controls above the table"
    )
    st.caption(f"⚕ {DISCLAIMER} Linear-quadratic model; doses in Gy.")
    view = session.view()
    if view.present:
        style.render_presentation()
    for problem in problems:  # said once, on the visit that opened the link; the link is rewritten below
        st.warning(literal(problem), icon=":material/link_off:")
    session.write_link(view)
    if view.present:
        controls.teacher_row()
    schemes, alpha_betas = session.schemes(view), session.alpha_betas(view)
    if schemes and alpha_betas:
        comparison.render(schemes, alpha_betas)
    # After the table, so the table reaches the screen first; the sidebar's place does not depend on it.
    controls.sidebar(view.present)
    if not schemes or not alpha_betas:
        st.info("Choose at least one scheme and one tissue.")
        return
    # The panels below the first screen, collapsed: their modules load once the table has gone out.
    from fractionation.app import (
        charts,
        dose_grid,
        downloads,
        handout,
        isoeffect,
        missed,
        models,
        reirradiation,
        schedule,
        uncertainty,
        working,
    )

    charts.render(schemes, alpha_betas, view.present)
    uncertainty.render(schemes, alpha_betas, view.present)
    isoeffect.render(schemes, alpha_betas)
    models.render(schemes, alpha_betas)
    reirradiation.render(view.present)
    dose_grid.render(alpha_betas, view.present)
    working.render(schemes, alpha_betas)
    schedule.render(schemes)
    missed.render(view.present)
    downloads.render(schemes, alpha_betas, state.link_of(view, OFFERED))
    handout.render(schemes, alpha_betas)
    st.link_button("Quiz for the class: seeded questions with the working", "?quiz=1")


main()
