"""Downloads: the comparison at full precision, and the references behind it (BibTeX, CSL-JSON)."""

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

    def bibtex() -> str:
        return fr.cite(schemes=schemes, alpha_betas=alpha_betas).bibtex()

    def csl_json() -> str:
        return fr.cite(schemes=schemes, alpha_betas=alpha_betas).csl_json()

    first, second, third, fourth = st.columns(4)
    first.download_button("Download CSV", csv, "fractionation.csv", "text/csv", key="csv")
    second.download_button("Download JSON", records, "fractionation.json", "application/json", key="json")
    third.download_button(
        "References (BibTeX)",
        bibtex,
        "fractionation-references.bib",
        "application/x-bibtex",
        key="bibtex",
        help="The sources of the schemes and tissues shown, and of the formulas",
    )
    fourth.download_button(
        "References (CSL-JSON)",
        csl_json,
        "fractionation-references.json",
        "application/json",
        key="csl_json",
        help="The same references, for Zotero, pandoc and citation styles",
    )
