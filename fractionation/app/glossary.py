"""The page's vocabulary, one click away: each word in one sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

GLOSSARY = {
    "Fraction": "One session of treatment; a scheme is n fractions of d Gy each (8 Gy x 1 is one fraction of 8 Gy).",
    "alpha/beta (α/β)": "A tissue's sensitivity to the size of each fraction, in Gy: about 10 for tumours and "
    "early-responding tissue, about 3 for late-responding tissue, 2 for the spinal cord.",
    "BED": "Biologically effective dose: the total dose that would have the same effect given in infinitely "
    "small fractions, BED = n d (1 + d / (α/β)), in Gy.",
    "EQD2": "The total dose in 2 Gy fractions with the same effect, EQD2 = BED / (1 + 2 / (α/β)), in Gy: "
    "comparable with conventional prescriptions and tolerance figures.",
    "Overall time (T)": "Days from the first fraction to the last; tumours can repopulate during a long course.",
}


def render(where: DeltaGenerator) -> None:
    with where.popover("Glossary", icon=":material/menu_book:", width="stretch"):
        st.markdown("\n".join(f"- **{word}**: {meaning}" for word, meaning in GLOSSARY.items()))
