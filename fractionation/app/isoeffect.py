"""The iso-effect panel: the same EQD2 in another number of fractions, and its effect on another tissue."""

from __future__ import annotations

import streamlit as st

import fractionation as fr
from fractionation.app.common import AlphaBeta, literal, panel, ratio, tissue_label
from fractionation.app.controls import add_scheme
from fractionation.app.state import added


def render(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta]) -> None:
    if (body := panel("Iso-effect: the same EQD2 in another number of fractions", "panel_isoeffect")) is None:
        return
    with body:
        names = [str(s) for s in schemes]
        labels = [tissue_label(ab) for ab in alpha_betas]
        left, middle, right, last = st.columns(4)
        chosen = left.selectbox("Scheme", names, key="iso_scheme")
        # No min or max: a field would keep its last valid value silently; the library says what is wrong.
        n_new = middle.number_input("Fractions", step=1, key="iso_n")
        match = right.selectbox("Same EQD2 for", labels, key="iso_tissue")
        if st.session_state.get("iso_other") not in labels:
            st.session_state.iso_other = labels[-1]  # the other end of the list: the contrast is the point
        other = last.selectbox("Show the effect on", labels, key="iso_other")
        scheme = schemes[names.index(chosen) if chosen in names else 0]

        def chosen_ratio(label: str | None) -> float:
            return ratio(alpha_betas[labels.index(label) if label in labels else 0])

        try:
            iso = fr.isoeffective_scheme(scheme, n_fractions=int(n_new), alpha_beta=chosen_ratio(match),
                                         other_alpha_beta=chosen_ratio(other))  # fmt: skip
        except fr.FractionationError as error:
            st.error(literal(str(error)))
            return
        d = iso.converted.dose_per_fraction
        st.markdown(
            f"**{scheme}** gives EQD2 {iso.eqd2:.2f} Gy for {match}. The same in {int(n_new)} fractions: "
            f"**{d:.2f} Gy x {int(n_new)}** ({iso.converted.total_dose:.2f} Gy). For {other}: "
            f"{iso.other_eqd2_original:.2f} Gy before, {iso.other_eqd2_converted:.2f} Gy after "
            f"({iso.other_change:+.2f} Gy)."
        )
        if caution := fr.lq_caution(d):
            st.warning(caution, icon=":material/warning:")
        st.button("Add to the comparison", key="iso_add", on_click=add_scheme, args=(added(iso.converted),))
