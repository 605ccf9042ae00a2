"""The charts section: EQD2 per scheme and tissue, and EQD2 against alpha/beta."""

from __future__ import annotations

from typing import Any

import streamlit as st

import fractionation as fr
from fractionation import charts
from fractionation.app.common import AlphaBeta


@st.cache_data(max_entries=32, show_spinner=False)
def chart_spec(name: str, big: bool, bands: tuple[tuple[str, float, float], ...] = ()) -> dict[str, Any]:
    """A chart's specification without data, built once: each rerun sends only the data."""
    chart = charts.eqd2_bars(big=big) if name == "bars" else charts.eqd2_against_alpha_beta(big=big, bands=bands)
    return charts.without_data(chart.to_dict(validate=False))


def render(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta], big: bool) -> None:
    bars = charts.bar_data(fr.compare(schemes, alpha_betas, alpha_beta_ranges=True))
    bar_px = (14 if big else 10) * len(alpha_betas) + 12  # per scheme: a bar per tissue, and a gap
    height = max(280, len(schemes) * bar_px + 140)
    st.vega_lite_chart(bars, chart_spec("bars", big), width="stretch", height=height)
    curve = fr.compare(schemes, charts.ALPHA_BETA_AXIS)
    bands = tuple((ab.name, ab.low, ab.high) for ab in alpha_betas if isinstance(ab, fr.Tissue) and ab.low and ab.high)
    st.vega_lite_chart(curve, chart_spec("curve", big, bands), width="stretch", height=480 if big else 380)
    if bands:
        ranges = "; ".join(f"{name}, {low:g}-{high:g} Gy" for name, low, high in bands)
        st.caption(f"Error bars and the shaded band: EQD2 over the alpha/beta range of {ranges}.")
