"""What every section shares: the catalogue as the page offers it, labels, and the collapsed panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

import fractionation as fr

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

DOCUMENT = [s for s in fr.catalogue() if s.source and s.source.origin == "document"]
LITERATURE = [s for s in fr.catalogue() if s.source and s.source.origin == "literature"]
BY_ID = {str(s.id): s for s in fr.catalogue()}
TISSUES = {t.id: t for t in fr.tissues()}
DISCLAIMER = "Educational and research reference for the linear-quadratic model, not a prescribing system."

AlphaBeta = fr.Tissue | float


def chosen_schemes() -> list[fr.Scheme]:
    ss = st.session_state
    return [BY_ID[i] for i in ss.doc_pick + ss.lit_pick] + [fr.Scheme.parse(c) for c in ss.custom_pick]


def chosen_alpha_betas() -> list[AlphaBeta]:
    live = [st.session_state.live_ab] if st.session_state.live_on else []
    return [TISSUES[t] for t in st.session_state.tissue_pick] + list(st.session_state.ab_pick) + live


def scheme_name(scheme_id: str) -> str:
    """What a scheme's id stands for on the page: its name."""
    return str(BY_ID[scheme_id].name)


def column_label(alpha_beta: AlphaBeta) -> str:
    """Short enough for a table header: the preset's id and its alpha/beta."""
    if isinstance(alpha_beta, fr.Tissue):
        return f"{alpha_beta.id} ({alpha_beta.alpha_beta:g})"
    return f"α/β {alpha_beta:g}"


def tissue_label(alpha_beta: AlphaBeta) -> str:
    if isinstance(alpha_beta, fr.Tissue):
        return f"{alpha_beta.name} (α/β {alpha_beta.alpha_beta:g})"
    return f"α/β {alpha_beta:g} Gy"


def ratio(alpha_beta: AlphaBeta) -> float:
    """The alpha/beta in Gy of a preset or of a plain number."""
    return alpha_beta.alpha_beta if isinstance(alpha_beta, fr.Tissue) else alpha_beta


def panel(label: str, key: str) -> DeltaGenerator | None:
    """A collapsed expander whose contents are built only while it is open, else None.

    Opening one reruns the script (``on_change="rerun"``), so the first page pays for none
    of the panels: their charts, formulae and tables were most of the cold first render.
    """
    expander = st.expander(label, key=key, on_change="rerun")
    return expander if expander.open else None
