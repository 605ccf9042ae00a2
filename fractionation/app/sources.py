"""The sources behind the schemes shown: each reference once, each quote once, and the reading taken."""

from __future__ import annotations

import streamlit as st

import fractionation as fr
from fractionation.app.common import literal


def render(schemes: list[fr.Scheme]) -> None:
    """Schemes that share a reference and a quote are listed under it together, each with its reading."""
    by_quote: dict[tuple[str, str, str], list[tuple[fr.Scheme, fr.Source]]] = {}
    added = []
    for scheme in schemes:
        if (source := scheme.source) is None:
            added.append(scheme)
        else:
            by_quote.setdefault((source.origin, source.citation, source.quote or ""), []).append((scheme, source))
    for (origin, citation, quote), group in by_quote.items():
        lines = [f"**{literal(citation)}** ({literal(origin)})"]
        if quote:
            lines.append(f"> {literal(quote)}")
        for scheme, source in group:
            notes = (("Reading taken", source.reading), ("Note", source.note))
            detail = "".join(f" *{label}:* {literal(text)}" for label, text in notes if text)
            lines.append(f"- **{literal(str(scheme))}**.{detail}")
        st.markdown("\n\n".join(lines))
    if added:
        st.markdown(f"**Added in this session, no source:** {literal(', '.join(map(str, added)))}.")
