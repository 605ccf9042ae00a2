"""A printable handout: a one- or two-page PDF of a comparison, for a class or a file.

Needs the ``handout`` extra (``pip install "fractionation[handout]"``):

- fpdf2 (https://py-pdf.github.io/fpdf2/) writes the PDF. Chosen because it is pure
  Python (one wheel, no system libraries such as Cairo or Pango that WeasyPrint needs),
  actively maintained under the py-pdf organisation with frequent releases, and has
  tables, images and text flow built in, which is all a two-page handout needs;
  ReportLab would do too but is larger and its open-source part is updated less often.
- vl-convert-python (https://github.com/vega/vl-convert), from the Vega project, draws
  the charts: the same Vega-Lite specifications as the app (:mod:`fractionation.charts`)
  become PNG images without a browser. altair itself uses it to save charts as images.

The PDF uses the standard Helvetica font, which covers Latin-1 only: Greek letters and a
few symbols are spelled out (α/β as "alpha/beta", ≈ as "~"), so every PDF viewer and
``pdftotext`` read the same text.

The handout holds the comparison table (BED and EQD2 per tissue), the two charts
(EQD2 per scheme and tissue; EQD2 against alpha/beta), the working for one scheme and
tissue, the sources with their quotes and the reading taken, how to get the view back
(the app's link or the command), the software version and the disclaimer.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fractionation as fr

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DISCLAIMER", "check_output", "handout_pdf", "pdf_text", "write_pdf"]

DISCLAIMER = (
    "Educational and research reference for the linear-quadratic model, not a prescribing system. "
    "Check every number against the institution's protocol."
)

#: Characters outside Latin-1, as the standard PDF fonts can show them.
_SPELLED = {
    "α/β": "alpha/beta", "α": "alpha", "β": "beta", "≈": "~", "–": "-", "—": "-", "’": "'", "‘": "'",
    "“": '"', "”": '"', "≤": "<=", "≥": ">=", "√": "sqrt", "⚠": "!", "…": "...", "−": "-", "²": "2",
}  # fmt: skip


def pdf_text(text: str) -> str:
    """Text as the handout prints it: Latin-1, with Greek letters and a few symbols spelled out.

    >>> pdf_text("EQD2 ≈ 36 Gy at α/β 10 Gy")
    'EQD2 ~ 36 Gy at alpha/beta 10 Gy'
    """
    for old, new in _SPELLED.items():
        text = text.replace(old, new)
    return text.encode("latin-1", errors="replace").decode("latin-1")


def _chart_png(chart: Any) -> bytes:
    import vl_convert

    png: bytes = vl_convert.vegalite_to_png(vl_spec=chart.to_dict(), scale=2)
    return png


def _wide(table: pd.DataFrame, alpha_betas: Sequence[fr.Tissue | float]) -> tuple[list[str], list[list[str]]]:
    """One row per scheme: n, d, D, then EQD2 and BED per tissue, as the app's main table."""
    labels = [ab.id if isinstance(ab, fr.Tissue) else f"a/b {ab:g}" for ab in alpha_betas]
    headers = ["Scheme", "n", "d (Gy)", "D (Gy)", *(f"EQD2 {x}" for x in labels), *(f"BED {x}" for x in labels)]
    rows = []
    per_scheme = len(alpha_betas)
    for start in range(0, len(table), per_scheme):
        block = table.iloc[start : start + per_scheme]
        first = block.iloc[0]
        rows.append([
            str(first["scheme"]), f"{int(first['n_fractions'])}", f"{first['dose_per_fraction']:.2f}",
            f"{first['total_dose']:.2f}", *(f"{v:.2f}" for v in block["eqd2"]), *(f"{v:.2f}" for v in block["bed"]),
        ])  # fmt: skip
    return headers, rows


def handout_pdf(
    schemes: Iterable[fr.Scheme | str],
    alpha_betas: Iterable[fr.Tissue | float],
    *,
    working_scheme: fr.Scheme | str | None = None,
    working_alpha_beta: fr.Tissue | float | None = None,
    link: str | None = None,
    title: str = "Fractionation schemes side by side",
) -> bytes:
    """The handout as PDF bytes: see the module docstring for what it holds.

    ``working_scheme`` and ``working_alpha_beta`` choose the working shown (default: the
    first scheme and the first tissue); ``link`` says how to get the view back. The
    numbers are plain LQ, without a time correction, as the app's main table shows them.

    >>> pdf = handout_pdf(["8 Gy x 1", "4 Gy x 5"], [10, 2], link="fractionation compare '8 Gy x 1' '4 Gy x 5'")
    >>> pdf[:5], pdf.rstrip()[-5:]
    (b'%PDF-', b'%%EOF')
    """
    from fpdf import FPDF

    from fractionation import charts

    scheme_list = [s if isinstance(s, fr.Scheme) else fr.Scheme.parse(s) for s in schemes]
    ab_list = list(alpha_betas)
    table = fr.compare(scheme_list, ab_list, alpha_beta_ranges=True)  # checks every argument
    chosen = working_scheme if working_scheme is not None else scheme_list[0]
    chosen = chosen if isinstance(chosen, fr.Scheme) else fr.Scheme.parse(chosen)
    chosen_ab = working_alpha_beta if working_alpha_beta is not None else ab_list[0]
    ratio = chosen_ab.alpha_beta if isinstance(chosen_ab, fr.Tissue) else float(chosen_ab)
    steps = fr.working(chosen, ratio)
    bars = _chart_png(charts.eqd2_bars(table))
    bands = [(ab.name, ab.low, ab.high) for ab in ab_list if isinstance(ab, fr.Tissue) and ab.low and ab.high]
    curve = _chart_png(charts.eqd2_against_alpha_beta(fr.compare(scheme_list, charts.ALPHA_BETA_AXIS), bands=bands))

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_margins(12, 12, 12)
    pdf.set_title(pdf_text(title))
    pdf.set_creator(f"fractionation {fr.__version__}")
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def heading(text: str, size: float = 11) -> None:
        pdf.set_font("Helvetica", "B", size)
        pdf.multi_cell(width, size * 0.5, pdf_text(text), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1)

    def paragraph(text: str, size: float = 8.5, style: str = "") -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(width, size * 0.45, pdf_text(text), new_x="LMARGIN", new_y="NEXT", align="L")

    heading(title, 15)
    paragraph(f"fractionation {fr.__version__}. {DISCLAIMER}", 8, "I")
    if link:
        paragraph(f"This view: {link}", 8)
    pdf.ln(2)
    heading("BED and EQD2 (Gy), linear-quadratic model")
    headers, rows = _wide(table, ab_list)
    pdf.set_font("Helvetica", "", 7.5)
    scheme_width = min(48.0, width * 0.3)
    rest = (width - scheme_width) / (len(headers) - 1)
    with pdf.table(col_widths=(scheme_width, *([rest] * (len(headers) - 1))), text_align="RIGHT",
                   line_height=4.2, first_row_as_headings=True) as grid:  # fmt: skip
        for values in [headers, *rows]:
            row = grid.row()
            for index, value in enumerate(values):
                row.cell(pdf_text(value), align="LEFT" if index == 0 else "RIGHT")
    tissues = [f"{ab.id}: {ab.name}, alpha/beta {ab.alpha_beta:g} Gy" for ab in ab_list if isinstance(ab, fr.Tissue)]
    if tissues:
        paragraph("; ".join(tissues) + ".", 7)
    pdf.ln(2)
    heading(f"The working: {chosen} at alpha/beta {ratio:g} Gy")
    for step in steps:
        paragraph(fr.step_text(step), 8.5)
    pdf.ln(2)
    image_width = (width - 4) / 2
    top = pdf.get_y()
    if top + image_width * 0.9 > pdf.h - pdf.b_margin:
        pdf.add_page()
        top = pdf.get_y()
    pdf.image(io.BytesIO(bars), x=pdf.l_margin, y=top, w=image_width)
    pdf.image(io.BytesIO(curve), x=pdf.l_margin + image_width + 4, y=top, w=image_width)
    pdf.set_y(top + max(_height(bars, image_width), _height(curve, image_width)) + 3)
    heading("Sources")
    quoted: set[tuple[str | None, str | None]] = set()
    for scheme in scheme_list:
        source = scheme.source
        if source is None:
            paragraph(f"{scheme}: added by the user; no source.", 7.5)
            continue
        paragraph(f"{scheme} ({source.origin}): {source.citation}", 7.5, "B")
        if source.quote and (source.id, source.passage) not in quoted:
            paragraph(f'"{source.quote}"', 7.5, "I")
            quoted.add((source.id, source.passage))
        if source.reading:
            paragraph(f"Reading taken: {source.reading}", 7.5)
    for ab in ab_list:
        if isinstance(ab, fr.Tissue):
            paragraph(f"alpha/beta {ab.id} ({ab.alpha_beta:g} Gy): {ab.source.citation}", 7.5)
    return bytes(pdf.output())


def _height(png: bytes, width_mm: float) -> float:
    """The height (mm) of a PNG drawn ``width_mm`` wide."""
    import struct

    pixels_wide, pixels_high = struct.unpack(">II", png[16:24])  # the IHDR chunk
    return float(width_mm * pixels_high / pixels_wide)


def check_output(path: str | os.PathLike[str]) -> Path:
    """The output path, if a file can be written there: refused before any work is done otherwise.

    >>> check_output("/")
    Traceback (most recent call last):
    ...
    fractionation.FractionationError: output must be a file, not a folder, got '/'
    """
    target = Path(path)
    if target.is_dir():
        raise fr.FractionationError(argument="output", value=str(target), expected="a file, not a folder")
    if not target.parent.is_dir():
        raise fr.FractionationError(argument="output", value=str(target), expected="a file in a folder that exists")
    return target


def write_pdf(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` to ``path`` whole or not at all: a temporary file beside it, then renamed over it.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_pdf(b"%PDF-1.4 ...", folder / "h.pdf").read_bytes()[:8]
    b'%PDF-1.4'
    """
    target = check_output(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
