"""The sources behind the schemes shown: each reference once, each quote once, and the reading taken."""

from __future__ import annotations

import streamlit as st

import fractionation as fr
from fractionation.app.common import literal


def render(schemes: list[fr.Scheme]) -> None:
    """The list :func:`fractionation.quote_once` gives, every text shown literally."""
    for entry in fr.quote_once(schemes):
        if entry.reference is None:
            added = ", ".join(item.label for item in entry.items)
            st.markdown(f"**Added in this session, no source:** {literal(added)}.")
            continue
        lines = [f"**{literal(entry.reference.citation)}** ({literal(entry.reference.origin)})"]
        for passage in entry.passages:
            if passage.quote:
                lines.append(f"> {literal(passage.quote)}")
            for item in passage.items:
                notes = (("Reading taken", item.reading), ("Note", item.note))
                detail = "".join(f" *{label}:* {literal(text)}" for label, text in notes if text)
                lines.append(f"- **{literal(item.label)}**.{detail}")
        st.markdown("\n\n".join(lines))
