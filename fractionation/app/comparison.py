"""The main tables: one per group of schemes, BED and EQD2 per tissue."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

import fractionation as fr
from fractionation.app import sources
from fractionation.app.common import AlphaBeta, column_label, panel, ratio, tissue_label

GROUPS = {"palliative": "Palliative", "stereotactic": "Stereotactic", "": "Added schemes"}


def wide_table(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta]) -> pd.DataFrame:
    """One row per scheme; BED and EQD2 per alpha/beta as columns, formatted as shown."""
    dose = np.array([[s.dose_per_fraction] for s in schemes])
    count = np.array([[s.n_fractions] for s in schemes])
    ratios = np.array([ratio(ab) for ab in alpha_betas])
    bed = np.asarray(fr.bed(dose_per_fraction=dose, n_fractions=count, alpha_beta=ratios))  # schemes x alpha/betas
    eqd2 = np.asarray(fr.eqd2(dose_per_fraction=dose, n_fractions=count, alpha_beta=ratios))
    columns: dict[str, list[Any]] = {
        "Scheme": [str(s) for s in schemes],
        "Fractions": [s.n_fractions for s in schemes],
        "Gy/fraction": [f"{s.dose_per_fraction:.2f}" for s in schemes],
        "Total (Gy)": [f"{s.total_dose:.2f}" for s in schemes],
        "T (days)": [
            fr.overall_time(
                n_fractions=s.n_fractions,
                fractions_per_week=s.fractions_per_week,
                fractions_per_day=s.fractions_per_day,
            )
            for s in schemes
        ],
    }
    for j, ab in enumerate(alpha_betas):
        columns[f"BED {column_label(ab)}"] = [f"{v:.2f}" for v in bed[:, j]]
        columns[f"EQD2 {column_label(ab)}"] = [f"{v:.2f}" for v in eqd2[:, j]]
    cautions = [fr.lq_caution(s.dose_per_fraction) for s in schemes]
    columns["Note"] = ["⚠ LQ less certain above 10 Gy/fraction" if c else "" for c in cautions]
    # Formatted here as text: a plain table renders ~15x faster than a pandas Styler.
    return pd.DataFrame(columns).set_index("Scheme")


def render(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta]) -> None:
    key = "; ".join(f"**{column_label(ab)}** {tissue_label(ab)}" for ab in alpha_betas if isinstance(ab, fr.Tissue))
    st.markdown(
        "Doses in Gy. T: overall time in days, first to last fraction, assuming 5 sessions a week where "
        f"the source states no schedule (see Schedule below). {key}."
    )
    for intent, title in GROUPS.items():
        group = [s for s in schemes if (s.intent or "") == intent]
        if not group:
            continue
        st.subheader(title)
        st.table(wide_table(group, alpha_betas))
        for scheme in group:
            if caution := fr.lq_caution(scheme.dose_per_fraction):
                st.warning(f"{scheme}: {caution}", icon=":material/warning:")
        if (body := panel(f"Sources: {title.lower()}", f"panel_sources_{intent or 'added'}")) is None:
            continue
        with body:
            sources.render(group)
