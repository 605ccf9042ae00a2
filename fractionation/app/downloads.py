"""Downloads: the comparison at full precision."""

from __future__ import annotations

import json

import streamlit as st

import fractionation as fr
from fractionation.app.common import AlphaBeta


def render(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta]) -> None:
    """Full-precision exports of the comparison, built only when a button is clicked."""

    def csv() -> str:
        return str(fr.compare(schemes, alpha_betas).to_csv(index=False))

    def records() -> str:
        return json.dumps(fr.compare(schemes, alpha_betas).to_dict(orient="records"), indent=2, ensure_ascii=False)

    left, right = st.columns(2)
    left.download_button("Download CSV", csv, "fractionation.csv", "text/csv", key="csv")
    right.download_button("Download JSON", records, "fractionation.json", "application/json", key="json")
