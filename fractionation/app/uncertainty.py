"""Uncertainty: alpha/beta (and the time correction) as distributions, the 95% intervals and a tornado chart."""

from __future__ import annotations

import streamlit as st

import fractionation as fr
from fractionation import charts
from fractionation.app.common import AlphaBeta, literal, panel

#: The time corrections offered: none, or a repopulation preset by id.
NO_TIME_CORRECTION = "none"
#: This panel's inputs and their defaults (the library's default number of samples, seed 0).
INPUTS = {"unc_samples": 20_000, "unc_seed": 0, "unc_repopulation": NO_TIME_CORRECTION}


def render(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta], big: bool) -> None:
    for key, default in INPUTS.items():  # kept while the panel is closed (Streamlit forgets undrawn widgets)
        st.session_state[key] = st.session_state.get(key, default)
    if (body := panel("Uncertainty: alpha/beta as a distribution", "panel_uncertainty")) is None:
        return
    with body:
        left, middle, right = st.columns(3)
        samples = left.number_input("Samples", min_value=1000, max_value=200_000, step=1000, key="unc_samples")
        seed = middle.number_input("Seed", min_value=0, max_value=2**31 - 1, step=1, key="unc_seed")
        presets = [NO_TIME_CORRECTION, *(str(r.id) for r in fr.repopulations())]
        chosen = right.selectbox("Time correction", presets, key="unc_repopulation",
                                 help="A repopulation preset: its Tk and Dprolif are drawn too")  # fmt: skip
        repopulation = None if chosen in (None, NO_TIME_CORRECTION) else fr.repopulation(str(chosen))
        try:
            table = fr.uncertainty(schemes, alpha_betas, repopulation=repopulation, samples=int(samples),
                                   seed=int(seed))  # fmt: skip
            swings = fr.sensitivity(schemes, alpha_betas, repopulation=repopulation)
        except fr.FractionationError as error:
            st.error(literal(str(error)))  # the message may quote what was typed
            return
        height = max(280, len(schemes) * ((14 if big else 10) * len(alpha_betas) + 12) + 140)
        st.altair_chart(charts.uncertainty_intervals(table, big=big), width="stretch", height=height)
        st.caption(
            f"Median (dot) and 95% interval (line) of {'time-corrected ' if repopulation else ''}EQD2 from "
            f"{int(samples):,} draws, seed {int(seed)}: the same seed gives the same numbers in the CLI "
            f"(compare --uncertainty --samples {int(samples)} --seed {int(seed)})."
        )
        names = list(dict.fromkeys(str(s) for s in schemes))
        picked = st.selectbox("Tornado chart for", names, key="unc_scheme")
        scheme = picked if picked in names else names[0]
        st.altair_chart(charts.sensitivity_tornado(swings, scheme=scheme, big=big), width="stretch")
        st.caption("Each input moved to the ends of its 95% range, the others at their medians; widest swing on top.")
        columns = ["scheme", "tissue", "eqd2", "eqd2_low", "eqd2_median", "eqd2_high", "bed_low", "bed_median",
                   "bed_high"]  # fmt: skip
        st.dataframe(table[columns], hide_index=True, width="stretch", height=min(36 * (len(table) + 1) + 2, 420),
                     column_config={c: st.column_config.NumberColumn(format="%.2f") for c in columns[2:]})  # fmt: skip
        st.markdown("**Each input's distribution, and where it comes from**")
        for distribution in fr.input_distributions(alpha_betas, repopulation=repopulation):
            st.text(str(distribution))
