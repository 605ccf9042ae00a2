"""The main table: EQD2 per scheme and tissue first, BED one tab away, every header explained on hover.

Every number is a cell of :func:`fractionation.compare`'s table, reshaped to one row per
scheme; nothing is computed here. The table is plain HTML built from escaped text, so
that it never wraps a header or a scheme name, scales for a projector, and carries a
tooltip per header; no text in it is read as markdown or HTML. A scheme the library
has cautions for (:attr:`fractionation.Scheme.cautions`: LQ less certain above 10 Gy
per fraction, an unusual dose per fraction, a total typed as a dose per fraction) is
marked, and every caution is written out below the table, literally.
"""

from __future__ import annotations

from html import escape

import streamlit as st

import fractionation as fr
from fractionation import charts
from fractionation.app import sources
from fractionation.app.common import VALUE_KEYS, AlphaBeta, column_label, literal, panel, tissue_label

GROUPS = {"palliative": "Palliative", "stereotactic": "Stereotactic"}
OTHER = "Added schemes"
QUANTITIES = {
    "eqd2": ("EQD2", "the total dose in 2 Gy fractions with the same effect"),
    "bed": (
        "BED",
        "the biologically effective dose, the total dose in vanishingly small fractions with the same effect",
    ),
}


def group_of(scheme: fr.Scheme) -> str:
    if scheme.intent in GROUPS:
        return GROUPS[scheme.intent]
    return scheme.intent.capitalize() if scheme.intent else OTHER


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=VALUE_KEYS)
def table_html(schemes: tuple[fr.Scheme, ...], alpha_betas: tuple[AlphaBeta, ...], quantity: str) -> str:
    """One row per scheme, grouped, and a column per tissue: the compare() table as escaped HTML.

    Cached on the view: a rerun that changes nothing recomputes nothing.
    """
    # Its columns as numpy arrays: the first table of a cold start is drawn before pandas has loaded.
    table = fr.compare(list(schemes), list(alpha_betas), as_frame=False)
    short, meaning = QUANTITIES[quantity]
    values = table[quantity].reshape(len(schemes), len(alpha_betas))
    colours = charts.tissue_colours([tissue_label(ab) for ab in alpha_betas])
    head = [
        '<th scope="col" class="name" title="The scheme: n fractions of d Gy. Schemes from the source document '
        'are named Document; open the sources below the table for the sentence each comes from.">Scheme</th>',
        '<th scope="col" title="Physical total dose: number of fractions times dose per fraction, in Gy.">Total</th>',
    ]
    for ab in alpha_betas:
        label = tissue_label(ab)
        tip = f"{short} for {label}: {meaning}, in Gy."
        swatch = f'<span class="swatch" style="background:{colours[label]}"></span>'
        head.append(f'<th scope="col" title="{escape(tip)}">{swatch}{escape(column_label(ab))}</th>')
    rows, group = [], None
    for i, scheme in enumerate(schemes):
        if (this := group_of(scheme)) != group:
            group = this
            rows.append(f'<tr class="group"><th colspan="{len(alpha_betas) + 2}">{escape(group)}</th></tr>')
        tip = f"{scheme.n_fractions} x {scheme.dose_per_fraction:g} Gy"
        cautions = " ".join(str(caution) for caution in scheme.cautions)
        mark = f' <span class="caution" title="{escape(cautions)}">⚠</span>' if cautions else ""
        cells = "".join(f"<td>{v:.2f}</td>" for v in values[i])
        total = table["total_dose"][i * len(alpha_betas)]
        rows.append(
            f'<tr><th scope="row" class="name" title="{escape(tip)}">{escape(str(scheme))}{mark}</th>'
            f"<td>{total:.2f}</td>{cells}</tr>"
        )
    return (
        f'<div class="fr-table"><table data-quantity="{quantity}"><thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def ordered(schemes: list[fr.Scheme]) -> list[fr.Scheme]:
    """Grouped as the table shows them: palliative, stereotactic, then the rest, each in the order chosen."""
    order = [*GROUPS.values()]
    return sorted(schemes, key=lambda s: order.index(g) if (g := group_of(s)) in order else len(order))


def render(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta]) -> None:
    shown = ordered(schemes)
    eqd2, bed = st.tabs(["EQD2 (Gy)", "BED (Gy)"], key="quantity", on_change="rerun")
    for tab, quantity in ((eqd2, "eqd2"), (bed, "bed")):
        if tab.open:
            tab.html(table_html(tuple(shown), tuple(alpha_betas), quantity))
    st.caption("Doses in Gy, α/β in brackets; hover a header for its meaning. ⚠: a caution, written out below.")
    cautions = [f"{literal(str(scheme))}: {literal(str(caution))}" for scheme in shown for caution in scheme.cautions]
    if cautions:
        st.warning("\n\n".join(cautions), icon="⚠️")
    if (body := panel("Sources: where each scheme comes from", "panel_sources")) is not None:
        with body:
            sources.render(shown)
