"""The page's CSS: numbers right-aligned, and larger type in presentation mode."""

from __future__ import annotations

import streamlit as st


def render(big: bool) -> None:
    # Numbers right-aligned: the tables hold formatted text, which st.table aligns left inline.
    # The last column of each table is text (a note, a source), read from the left.
    st.markdown(
        '<style>[data-testid="stTable"] td {text-align: right !important;}'
        '[data-testid="stTable"] td:last-child {text-align: left !important;}</style>',
        unsafe_allow_html=True,
    )
    if big:
        st.markdown(
            """<style>
            section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
            [data-testid="stTable"] table {font-size: 1.35rem;}
            .stMainBlockContainer p, .stMainBlockContainer li {font-size: 1.25rem;}
            </style>""",
            unsafe_allow_html=True,
        )
