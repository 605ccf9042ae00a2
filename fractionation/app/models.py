"""Beyond plain LQ: high doses per fraction (LQ, LQ-L and USC side by side), and several fractions a day."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import fractionation as fr
from fractionation.app.common import AlphaBeta, column_label, literal, panel


def render(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta]) -> None:
    """The two panels; the repair inputs start at one fraction a day (session.PANEL_INPUTS): today's numbers."""
    high_doses(schemes)
    incomplete_repair(schemes, alpha_betas)


# USC's beta, the two values in use (fractionation.USC's docstring sets them side by side).
USC_BETAS = {"derived from Park's parameters": fr.USC(), "as often quoted": fr.USC(beta=0.038)}


def usc_beta(key: str) -> fr.USC:
    """USC with the beta chosen in the radio ``key``: the same choice, in the same words, in every panel."""
    return USC_BETAS[st.radio(
        "USC beta", list(USC_BETAS), key=key, horizontal=True,
        format_func=lambda basis: f"{basis} ({USC_BETAS[basis].beta:.4g}/Gy²)",
        help="Park's parameters imply one beta; many codes and papers quote it rounded. Both are accepted; "
        "the text below gives both, with their alpha/beta, and says which is used.",
    )]  # fmt: skip


def usc_in_use(usc: fr.USC) -> str:
    """The alpha/beta and beta ``usc`` uses, then the two values in use side by side."""
    both = "; ".join(f"{m.beta:.4g}/Gy² (alpha/beta {m.alpha_beta:.3f}), {basis}" for basis, m in USC_BETAS.items())
    used = f"alpha/beta {usc.alpha_beta:.3f} Gy, from USC's beta {usc.beta:.4g}/Gy² ({usc.beta_basis})"
    return f"{used}. The two values in use: {both}."


def high_doses(schemes: list[fr.Scheme]) -> None:
    stereotactic = [s for s in schemes if s.intent == "stereotactic"]  # by the scheme's intent, as its source says
    if not stereotactic:
        return
    if (body := panel("High doses per fraction: LQ, LQ-L and USC side by side", "panel_models")) is None:
        return
    with body:
        usc = usc_beta("usc_beta")
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
            f"All three at {usc_in_use(usc)} "
            f"Park's USC for NSCLC (alpha {usc.alpha:g}/Gy, D0 {usc.d0:g} Gy, Dq {usc.dq:g} Gy; "
            f"transition {usc.transition_dose:.2f} Gy; "
            "Park et al., IJROBP 2008;70:847). LQ-L: Astrahan, Med Phys 2008;35:4161. The models agree below "
            "their transition and part above it: the gap is how far LQ can be trusted there."
        )


def repair_model() -> fr.LQ:
    """The LQ model the repair inputs describe; the library's bounds and its overnight rule decide."""
    ss = st.session_state
    pattern = str(ss.rep_pattern).strip()  # a pattern, when given, says the fractions of every day
    return fr.LQ(
        fractions_per_day=1 if pattern else ss.rep_per_day, interval_hours=ss.rep_interval,
        repair_half_time_hours=ss.rep_half_time,
        day_pattern=fr.parse_day_pattern(pattern, argument="fractions on each treatment day") if pattern else None,
    )  # fmt: skip


def incomplete_repair(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta]) -> None:
    if (body := panel("Several fractions a day: incomplete repair (Thames)", "panel_repair")) is None:
        return
    with body:
        per_day, interval, half_time = st.columns(3)
        # No min or max: a field clamps silently; the library's bounds give a message instead.
        per_day.number_input("Fractions a day", step=1, key="rep_per_day",
                             help="Every treatment day; a short last day has its own, smaller H.")  # fmt: skip
        interval.number_input("Hours between fractions", step=0.5, key="rep_interval")
        half_time.number_input(
            "Repair half-time (hours)", step=0.25, key="rep_half_time",
            help="No single value: published 0.5 to 4 hours (spinal cord about 1.5); choose one and say so.",
        )  # fmt: skip
        st.text_input(
            "Or the fractions on each treatment day", key="rep_pattern", placeholder="1x18, 2x12",
            help="Groups of 'fractions a day x days', e.g. 1x18, 2x12: 18 days of one fraction, then 12 days of "
            "two (a concomitant boost). Only schemes of the pattern's number of fractions are computed.",
        )  # fmt: skip
        try:
            model = repair_model()
        except fr.FractionationError as error:
            st.error(literal(str(error)))
            return
        if model.caution:
            st.warning(literal(model.caution))
        tables: dict[str, list[dict[str, str]]] = {"eqd2": [], "bed": []}
        refused: dict[str, list[str]] = {}  # why -> the schemes not computed for that reason
        for scheme in schemes:
            try:
                plain = fr.compare([scheme], alpha_betas)
                repaired = fr.compare([scheme], alpha_betas, model=model)
            except fr.FractionationError as error:  # a scheme that does not fit the per-day pattern
                why = f"{error.argument} must be {error.expected}" if error.expected else str(error)
                refused.setdefault(why, []).append(str(scheme))
                continue
            for quantity, rows in tables.items():
                row = {"Scheme": str(scheme)}
                for i, ab in enumerate(alpha_betas):  # compare's rows: one per alpha/beta, in the order given
                    row[f"{column_label(ab)} once a day"] = f"{plain[quantity].iloc[i]:.2f}"
                    row[f"{column_label(ab)} with H"] = f"{repaired[quantity].iloc[i]:.2f}"
                rows.append(row)
        if tables["eqd2"]:
            for tab, quantity in zip(st.tabs(["EQD2 (Gy)", "BED (Gy)"]), tables, strict=True):
                tab.table(pd.DataFrame(tables[quantity]).set_index("Scheme"))
        for why, names in refused.items():
            st.info(literal(f"Not computed: {', '.join(names)} ({why})."))
        st.caption(
            f"{model.name}. BED per fraction d (1 + (1 + H) d/(α/β)), H for each day's own number of fractions "
            "(Thames 1985; Voyant et al. 2014, eq. 5); complete repair overnight is assumed, and a night no longer "
            "than the interval is refused. EQD2 is in 2 Gy fractions once a day. One half-time for every tissue "
            "here: a simplification."
        )
