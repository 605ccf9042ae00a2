"""The sources behind a group of schemes: citation, quote and the reading taken."""

from __future__ import annotations

import streamlit as st

import fractionation as fr


def render(schemes: list[fr.Scheme]) -> None:
    for scheme in schemes:
        source = scheme.source
        if source is None:
            st.markdown(f"**{scheme}**: added in this session; no source.")
            continue
        text = f"**{scheme}** ({source.kind}): {source.citation}"
        if source.quote:
            text += f"\n\n> {source.quote}"
        if source.reading:
            text += f"\n\n*Reading taken:* {source.reading}"
        if source.note:
            text += f"\n\n*Note:* {source.note}"
        st.markdown(text)
