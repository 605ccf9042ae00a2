"""The page's CSS: a compact first screen, the table's look, neutral chips, and presentation mode's large type."""

from __future__ import annotations

import streamlit as st

PAGE = """<style>
.stMainBlockContainer {padding-top: 2.2rem; padding-bottom: 3rem;}
h1 {font-size: 1.85rem !important; padding: 0 !important; white-space: nowrap;}
.fr-table {overflow-x: auto;}
.fr-table table {border-collapse: collapse; color: #111; font-variant-numeric: tabular-nums; margin: 0.1rem 0;}
.fr-table th, .fr-table td {white-space: nowrap; padding: 0.2rem 0.75rem; border-bottom: 1px solid #d9d9d9;}
.fr-table td {text-align: right;}
.fr-table thead th {font-weight: 650; text-align: right; border-bottom: 2px solid #333; cursor: help;}
.fr-table th.name {text-align: left; font-weight: 600;}
.fr-table tr.group th {text-align: left; font-weight: 700; background: #f0f2f5; padding-top: 0.3rem;}
.fr-table .swatch {display: inline-block; width: 0.75em; height: 0.75em; margin-right: 0.35em; border-radius: 2px;}
.fr-table .caution {cursor: help;}
[data-testid="stMultiSelectTagsContainer"] [data-tag] {background-color: #e4e7ec !important; color: #111 !important;}
</style>"""

# Presentation mode: no sidebar (its controls are above the table), type for the back of a room.
PRESENT = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] {display: none;}
.stMainBlockContainer {padding-top: 1.5rem;}
.fr-table table {font-size: clamp(1.45rem, 1.6vw, 2.4rem);}
.fr-table th, .fr-table td {padding: 0.05rem 0.9rem;}
.fr-table tr.group th {padding-top: 0.05rem;}
.stMainBlockContainer p, .stMainBlockContainer li, .stMainBlockContainer label p {font-size: 1.15rem;}
</style>"""


def render_page() -> None:
    """The page's CSS. app.py sends it first: the browser then loads the code that draws HTML before the table."""
    st.html(PAGE)


def render_presentation() -> None:
    st.html(PRESENT)
