"""Show the working: the formulae of one scheme and tissue, ending in the number the table shows."""

from __future__ import annotations

import streamlit as st

import fractionation as fr
from fractionation.app.common import AlphaBeta, panel, ratio, tissue_label


def render(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta]) -> None:
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
        for step in fr.working(scheme, ratio(ab)):
            st.markdown(f"**{step.title}**")
            st.latex(step.latex)
