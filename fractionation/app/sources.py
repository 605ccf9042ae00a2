"""The sources behind a group of schemes: citation, quote and the reading taken.

A passage of the source document read by several schemes is quoted at the first of them only.
"""

from __future__ import annotations

import streamlit as st

import fractionation as fr


def render(schemes: list[fr.Scheme]) -> None:
    quoted: set[tuple[str | None, str]] = set()
    for scheme in schemes:
        source = scheme.source
        if source is None:
            st.markdown(f"**{scheme}**: added in this session; no source.")
            continue
        text = f"**{scheme}** ({source.origin}): {source.citation}"
        if source.quote and source.passage is not None:
            if (source.id, source.passage) in quoted:
                text += "\n\n*Quoting the passage above.*"
            else:
                text += f"\n\n> {source.quote}"
                quoted.add((source.id, source.passage))
        if source.reading:
            text += f"\n\n*Reading taken:* {source.reading}"
        if source.note:
            text += f"\n\n*Note:* {source.note}"
        st.markdown(text)
