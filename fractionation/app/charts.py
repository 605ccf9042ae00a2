"""The charts section: EQD2 per scheme and tissue, and EQD2 against alpha/beta, one colour per tissue."""

from __future__ import annotations

from typing import Any

import streamlit as st

import fractionation as fr
from fractionation import charts
from fractionation.app.common import AlphaBeta, panel

Named = tuple[tuple[str, float], ...]
Bands = tuple[tuple[str, float, float], ...]


@st.cache_data(max_entries=32, show_spinner=False)
def chart_spec(name: str, big: bool, tissues: Named, bands: Bands = ()) -> dict[str, Any]:
    """A chart's specification without data, built once: each rerun sends only the data."""
    if name == "bars":
        chart = charts.eqd2_bars(big=big, tissues=[n for n, _ in tissues])
    else:
        chart = charts.eqd2_against_alpha_beta(big=big, bands=bands, tissues=tissues)
    return charts.without_data(chart.to_dict(validate=False))


def render(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta], big: bool) -> None:
    if (body := panel("Charts: EQD2 per scheme and tissue, and against alpha/beta", "panel_charts")) is None:
        return
    with body:
        bars = charts.bar_data(fr.compare(schemes, alpha_betas, alpha_beta_ranges=True))
        tissues: Named = tuple(dict.fromkeys(zip(bars["tissue"], bars["alpha_beta"], strict=True)))
        bar_px = (14 if big else 10) * len(alpha_betas) + 12  # per scheme: a bar per tissue, and a gap
        height = max(280, len(schemes) * bar_px + 140)
        st.vega_lite_chart(bars, chart_spec("bars", big, tissues), width="stretch", height=height)
        curve = fr.compare(schemes, charts.ALPHA_BETA_AXIS)
        bands: Bands = tuple(
            (ab.name, ab.low, ab.high) for ab in alpha_betas if isinstance(ab, fr.Tissue) and ab.low and ab.high
        )
        st.vega_lite_chart(curve, chart_spec("curve", big, tissues, bands), width="stretch", height=480 if big else 380)
        if bands:
            ranges = "; ".join(f"{name}, {low:g}-{high:g} Gy" for name, low, high in bands)
            st.caption(f"Error bars and the shaded band: EQD2 over the alpha/beta range of {ranges}.")
