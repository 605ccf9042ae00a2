"""The printable handout: this view as a one- or two-page PDF, built when its panel is open."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

import fractionation as fr
from fractionation.app.common import VALUE_KEYS, AlphaBeta, panel, tissue_label


@st.cache_data(max_entries=16, show_spinner="Drawing the handout...", hash_funcs=VALUE_KEYS)
def handout_bytes(
    schemes: tuple[fr.Scheme, ...], alpha_betas: tuple[AlphaBeta, ...], scheme: fr.Scheme, alpha_beta: AlphaBeta,
    link: str,
) -> bytes:  # fmt: skip
    """Cached: the charts are drawn by vl-convert, about a second each."""
    from fractionation.handout import handout_pdf

    return handout_pdf(
        list(schemes), list(alpha_betas), working_scheme=scheme, working_alpha_beta=alpha_beta, link=link
    )


def render(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta]) -> None:
    if (body := panel("Printable handout (PDF)", "panel_handout")) is None:
        return
    with body:
        try:
            import fractionation.handout  # noqa: F401  (the optional extra)
        except ImportError:
            st.info('The handout needs the handout extra: pip install "fractionation[handout]"')
            return
        left, right = st.columns(2)
        names = [str(s) for s in schemes]
        labels = [tissue_label(ab) for ab in alpha_betas]
        chosen = left.selectbox("The working for", names, key="handout_scheme")
        tissue = right.selectbox("At", labels, key="handout_tissue")
        scheme = schemes[names.index(chosen) if chosen in names else 0]
        ab = alpha_betas[labels.index(tissue) if tissue in labels else 0]
        query = urlencode([(key, value) for key in st.query_params for value in st.query_params.get_all(key)])
        page = (st.context.url or "").split("?")[0]
        page += "/" if page.count("/") == 2 else ""  # http://host:port -> http://host:port/
        link = f"{page}?{query}".rstrip("?") or "(the app's first page)"
        data = handout_bytes(tuple(schemes), tuple(alpha_betas), scheme, ab, link)
        st.download_button("Download the handout (PDF)", data, "fractionation-handout.pdf", "application/pdf",
                           key="handout_pdf", on_click="ignore")  # fmt: skip
        st.caption("The tables, the two charts, the working chosen above, the sources with their quotes, this "
                   "view's link, the software version and the disclaimer, on one or two A4 pages.")  # fmt: skip
