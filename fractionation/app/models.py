"""High doses per fraction: LQ, LQ-L and USC side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import fractionation as fr
from fractionation.app.common import literal, panel


def render(schemes: list[fr.Scheme]) -> None:
    stereotactic = [s for s in schemes if s.intent == "stereotactic"]  # by the scheme's intent, as its source says
    if not stereotactic:
        return
    if (body := panel("High doses per fraction: LQ, LQ-L and USC side by side", "panel_models")) is None:
        return
    with body:
        usc = fr.USC()
        transition = st.number_input(
            "LQ-L transition dose (Gy)", step=0.5, key="lql_dt",  # no min or max: LQL's bounds say what is wrong
            help="There is no consensus value; choose one and say so. Above it LQ-L grows linearly, with the "
            "slope LQ has there (the tangent form).",
        )  # fmt: skip
        try:
            lql = fr.LQL(transition_dose=float(transition))
        except fr.FractionationError as error:
            st.error(literal(str(error)))
            return
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
