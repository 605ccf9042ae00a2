"""Downloads: the comparison at full precision as CSV, JSON and Markdown, each with the view's link and sources,
and the references behind it as BibTeX and CSL-JSON (:func:`fractionation.cite`).

Each file is built when its button is clicked (cached on the view), and a click does
not rerun the page (``on_click="ignore"``): ten quick clicks give ten files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import streamlit as st

import fractionation as fr
from fractionation.app.common import DISCLAIMER, VALUE_KEYS, AlphaBeta

TITLE = "Fractionation schemes side by side: BED and EQD2 (linear-quadratic model)"


def link(base: str | None, params: dict[str, list[str]]) -> str:
    """The view's address: the page's own, with the view's query parameters.

    >>> link("http://127.0.0.1:8501/", {"tissue": ["cord"], "ab": ["4"]})
    'http://127.0.0.1:8501/?tissue=cord&ab=4'
    """
    query = urlencode(params, doseq=True)
    return f"{base or 'app.py'}{'?' + query if query else ''}"


def source_records(schemes: list[fr.Scheme]) -> list[dict[str, Any]]:
    """:func:`fractionation.quote_once` as plain records: each reference once, each quote once, with its schemes."""
    return [
        {"citation": entry.reference.citation if entry.reference else None,
         "origin": entry.reference.origin if entry.reference else "added in the app",
         "passages": [{"quote": passage.quote, "schemes": [{"scheme": item.label, "reading": item.reading,
                                                            "note": item.note} for item in passage.items]}
                      for passage in entry.passages]}
        for entry in fr.quote_once(schemes)
    ]  # fmt: skip


def markdown_cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


@st.cache_data(max_entries=32, show_spinner=False, hash_funcs=VALUE_KEYS)
def references(schemes: tuple[fr.Scheme, ...], alpha_betas: tuple[AlphaBeta, ...]) -> tuple[bytes, bytes]:
    """The references behind the view, as BibTeX and as CSL-JSON."""
    cited = fr.cite(schemes=schemes, alpha_betas=alpha_betas)
    return cited.bibtex().encode(), cited.csl_json().encode()


@st.cache_data(max_entries=32, show_spinner=False, hash_funcs=VALUE_KEYS)
def exports(
    schemes: tuple[fr.Scheme, ...], alpha_betas: tuple[AlphaBeta, ...], address: str
) -> tuple[bytes, bytes, bytes]:
    """CSV, JSON and Markdown of compare(schemes, alpha_betas), each naming the view's link and its sources."""
    table = fr.compare(list(schemes), list(alpha_betas))
    records = source_records(list(schemes))
    header = [f"# {TITLE}", f"# {DISCLAIMER}", f"# View: {address}"]
    for r in records:
        shown = ", ".join(s["scheme"] for p in r["passages"] for s in p["schemes"])
        header.append(f"# Source of {shown}: {r['citation'] or r['origin']}")
    csv = "\n".join(header) + "\n" + str(table.to_csv(index=False))
    document = {"title": TITLE, "disclaimer": DISCLAIMER, "link": address, "sources": records,
                "rows": table.to_dict(orient="records")}  # fmt: skip
    columns = ["scheme", "tissue", "alpha_beta", "n_fractions", "dose_per_fraction", "total_dose", "bed", "eqd2"]
    lines = [f"# {TITLE}", "", DISCLAIMER, "", f"View: <{address}>", "", "| " + " | ".join(columns) + " |",
             "|" + "---|" * len(columns)]  # fmt: skip
    for row in table[columns].itertuples(index=False):
        lines.append("| " + " | ".join(markdown_cell(v) for v in row) + " |")
    lines += ["", "## Sources", ""]
    for r in records:
        lines.append(f"- {markdown_cell(r['citation'] or r['origin'])}")
        for p in r["passages"]:
            lines += [f"  > {markdown_cell(p['quote'])}"] if p["quote"] else []
            for s in p["schemes"]:
                notes = "".join(f" {label} {markdown_cell(s[key])}" for key, label in
                                (("reading", "Reading taken:"), ("note", "Note:")) if s[key])  # fmt: skip
                lines.append(f"  - **{markdown_cell(s['scheme'])}**.{notes}")
    return (
        csv.encode(),
        json.dumps(document, indent=2, ensure_ascii=False, default=_plain).encode(),
        ("\n".join(lines) + "\n").encode(),
    )


def _plain(value: object) -> object:
    """numpy numbers as plain ones, for json."""
    return value.item() if hasattr(value, "item") else str(value)


def render(schemes: list[fr.Scheme], alpha_betas: list[AlphaBeta], params: dict[str, list[str]]) -> None:
    view = (tuple(schemes), tuple(alpha_betas))
    address = link(st.context.url, params)
    # Each file is built when its button is clicked, not at every rerun: a slider step
    # would otherwise rebuild files nobody may download (about 35 ms for the three
    # exports). The builders are cached, so rapid clicks share one build.
    files: tuple[tuple[str, Callable[[], bytes], str, str, str | None], ...] = (
        ("Download CSV", lambda: exports(*view, address)[0], "fractionation.csv", "text/csv", None),
        ("Download JSON", lambda: exports(*view, address)[1], "fractionation.json", "application/json", None),
        ("Download Markdown", lambda: exports(*view, address)[2], "fractionation.md", "text/markdown", None),
        ("References (BibTeX)", lambda: references(*view)[0], "fractionation-references.bib", "application/x-bibtex",
         "The sources of the schemes and tissues shown, and of the formulas"),
        ("References (CSL-JSON)", lambda: references(*view)[1], "fractionation-references.json", "application/json",
         "The same references, for Zotero, pandoc and citation styles"),
    )  # fmt: skip
    # Each button as wide as its label, in a row that wraps: equal columns cut "References (CSL-JSON)" at 1280x720.
    row = st.container(horizontal=True)
    for label, data, name, mime, tip in files:
        row.download_button(label, data, name, mime, key=name, help=tip, on_click="ignore", width="content")
