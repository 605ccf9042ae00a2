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
(the app's link or the command), the software version and the disclaimer; on request,
the uncertainty over alpha/beta (the median and 95% interval of EQD2 and BED, each
input's distribution, and the intervals chart).
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
    labels = [_short(ab) for ab in alpha_betas]
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


def _short(alpha_beta: fr.Tissue | float) -> str:
    """A tissue as a narrow column names it: its preset id, or its alpha/beta."""
    return alpha_beta.id if isinstance(alpha_beta, fr.Tissue) else f"a/b {alpha_beta:g}"


def _intervals(spread: pd.DataFrame, alpha_betas: Sequence[fr.Tissue | float]) -> tuple[list[str], list[list[str]]]:
    """One row per scheme and tissue: EQD2 and BED, each as its 2.5th percentile, median and 97.5th percentile."""
    headers = ["Scheme", "Tissue", "EQD2 2.5%", "EQD2 median", "EQD2 97.5%", "BED 2.5%", "BED median", "BED 97.5%"]
    columns = ["eqd2_low", "eqd2_median", "eqd2_high", "bed_low", "bed_median", "bed_high"]
    tissues = [_short(ab) for ab in alpha_betas] * (len(spread) // max(1, len(alpha_betas)))
    rows = [
        [str(row["scheme"]), tissue, *(f"{row[c]:.2f}" for c in columns)]
        for tissue, (_, row) in zip(tissues, spread.iterrows(), strict=True)
    ]
    return headers, rows


class _Page:
    """The handout's A4 pages: headings, paragraphs, tables and images in the flow of the text."""

    def __init__(self, title: str) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=12)
        self.pdf.set_margins(12, 12, 12)
        self.pdf.set_title(pdf_text(title))
        self.pdf.set_creator(f"fractionation {fr.__version__}")
        self.pdf.add_page()
        self.width = self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def heading(self, text: str, size: float = 11) -> None:
        self.pdf.set_font("Helvetica", "B", size)
        self.pdf.multi_cell(self.width, size * 0.5, pdf_text(text), new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.ln(1)

    def paragraph(self, text: str, size: float = 8.5, style: str = "") -> None:
        self.pdf.set_font("Helvetica", style, size)
        self.pdf.multi_cell(self.width, size * 0.45, pdf_text(text), new_x="LMARGIN", new_y="NEXT", align="L")

    def gap(self, mm: float = 2) -> None:
        self.pdf.ln(mm)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], first_width: float = 48.0) -> None:
        """A grid: the first column (the scheme) left-aligned and wider, the numbers right-aligned."""
        self.pdf.set_font("Helvetica", "", 7.5)
        first = min(first_width, self.width * 0.3)
        rest = (self.width - first) / (len(headers) - 1)
        with self.pdf.table(col_widths=(first, *([rest] * (len(headers) - 1))), text_align="RIGHT",
                            line_height=4.2, first_row_as_headings=True) as grid:  # fmt: skip
            for values in [headers, *rows]:
                row = grid.row()
                for index, value in enumerate(values):
                    row.cell(pdf_text(value), align="LEFT" if index == 0 else "RIGHT")

    def images(self, pngs: Sequence[bytes]) -> None:
        """PNG images two to a row, each half the width; a row that does not fit starts a new page."""
        image_width = (self.width - 4) / 2
        for start in range(0, len(pngs), 2):
            pair = pngs[start : start + 2]
            height = max(_height(png, image_width) for png in pair)
            top = self.pdf.get_y()
            if top + height > self.pdf.h - self.pdf.b_margin:
                self.pdf.add_page()
                top = self.pdf.get_y()
            for index, png in enumerate(pair):
                self.pdf.image(io.BytesIO(png), x=self.pdf.l_margin + index * (image_width + 4), y=top, w=image_width)
            self.pdf.set_y(top + height + 3)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def handout_pdf(
    schemes: Iterable[fr.Scheme | str],
    alpha_betas: Iterable[fr.Tissue | float],
    *,
    working_scheme: fr.Scheme | str | None = None,
    working_alpha_beta: fr.Tissue | float | None = None,
    link: str | None = None,
    title: str = "Fractionation schemes side by side",
    uncertainty: bool = False,
    samples: int | None = None,
    seed: int = 0,
) -> bytes:
    """The handout as PDF bytes: see the module docstring for what it holds.

    ``working_scheme`` and ``working_alpha_beta`` choose the working shown (default: the
    first scheme and the first tissue); ``link`` says how to get the view back. The
    numbers are plain LQ, without a time correction, as the app's main table shows them.
    With ``uncertainty``, the handout adds :func:`fractionation.uncertainty`'s median and
    95% interval of EQD2 and BED per scheme and tissue (``samples`` draws, default the
    library's, from ``seed``), each input's distribution, and the intervals chart.

    >>> pdf = handout_pdf(["8 Gy x 1", "4 Gy x 5"], [10, 2], link="fractionation compare '8 Gy x 1' '4 Gy x 5'")
    >>> pdf[:5], pdf.rstrip()[-5:]
    (b'%PDF-', b'%%EOF')
    """
    scheme_list = [s if isinstance(s, fr.Scheme) else fr.Scheme.parse(s) for s in schemes]
    ab_list = list(alpha_betas)
    table = fr.compare(scheme_list, ab_list, alpha_beta_ranges=True)  # checks every argument
    spread = None
    if uncertainty:
        spread = (fr.uncertainty(scheme_list, ab_list, seed=seed) if samples is None  # the library's default
                  else fr.uncertainty(scheme_list, ab_list, samples=samples, seed=seed))  # fmt: skip
    page = _Page(title)
    _opening(page, title, link)
    _comparison(page, table, ab_list)
    if spread is not None:
        _uncertainty(page, spread, ab_list)
    _working(page, working_scheme or scheme_list[0], ab_list[0] if working_alpha_beta is None else working_alpha_beta)
    page.images(_charts(scheme_list, ab_list, table, spread))
    _sources(page, scheme_list, ab_list)
    return page.bytes()


def _opening(page: _Page, title: str, link: str | None) -> None:
    page.heading(title, 15)
    page.paragraph(f"fractionation {fr.__version__}. {DISCLAIMER}", 8, "I")
    if link:
        page.paragraph(f"This view: {link}", 8)
    page.gap()


def _comparison(page: _Page, table: pd.DataFrame, alpha_betas: Sequence[fr.Tissue | float]) -> None:
    page.heading("BED and EQD2 (Gy), linear-quadratic model")
    page.table(*_wide(table, alpha_betas))
    tissues = [
        f"{ab.id}: {ab.name}, alpha/beta {ab.alpha_beta:g} Gy" for ab in alpha_betas if isinstance(ab, fr.Tissue)
    ]
    if tissues:
        page.paragraph("; ".join(tissues) + ".", 7)
    page.gap()


def _uncertainty(page: _Page, spread: pd.DataFrame, alpha_betas: Sequence[fr.Tissue | float]) -> None:
    samples, seed = spread.attrs["samples"], spread.attrs["seed"]
    page.heading("Uncertainty: median and 95% interval (Gy) over alpha/beta")
    page.paragraph(f"{samples:,} samples, seed {seed}; the 95% interval runs from the 2.5th to the 97.5th percentile. "
                   "The same seed gives the same numbers in the app and the command line.", 7.5)  # fmt: skip
    page.table(*_intervals(spread, alpha_betas), first_width=40.0)
    for distribution in spread.attrs["distributions"]:
        page.paragraph(str(distribution), 7)
    page.gap()


def _working(page: _Page, scheme: fr.Scheme | str, alpha_beta: fr.Tissue | float) -> None:
    chosen = scheme if isinstance(scheme, fr.Scheme) else fr.Scheme.parse(scheme)
    ratio = alpha_beta.alpha_beta if isinstance(alpha_beta, fr.Tissue) else float(alpha_beta)
    page.heading(f"The working: {chosen} at alpha/beta {ratio:g} Gy")
    for step in fr.working(chosen, ratio):
        page.paragraph(fr.step_text(step), 8.5)
    page.gap()


def _charts(
    schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float], table: pd.DataFrame, spread: pd.DataFrame | None
) -> list[bytes]:
    """EQD2 per scheme and tissue (with the uncertainty, its intervals beside); EQD2 against alpha/beta."""
    from fractionation import charts

    bands = [(ab.name, ab.low, ab.high) for ab in alpha_betas if isinstance(ab, fr.Tissue) and ab.low and ab.high]
    curve = charts.eqd2_against_alpha_beta(fr.compare(schemes, charts.ALPHA_BETA_AXIS), bands=bands)
    drawn = [charts.eqd2_bars(table), curve]
    if spread is not None:  # beside the bars: both have a row per scheme
        drawn.insert(1, charts.uncertainty_intervals(spread))
    return [_chart_png(chart) for chart in drawn]


def _sources(page: _Page, schemes: list[fr.Scheme], alpha_betas: list[fr.Tissue | float]) -> None:
    """Each reference once, each quote once, and under it the schemes and tissues it gives, with the reading taken."""
    page.heading("Sources")
    for entry in fr.quote_once([*schemes, *(ab for ab in alpha_betas if isinstance(ab, fr.Tissue))]):
        if entry.reference is None:
            page.paragraph(f"{', '.join(item.label for item in entry.items)}: added by the user; no source.", 7.5)
            continue
        page.paragraph(f"{entry.reference.citation} ({entry.reference.origin})", 7.5, "B")
        for passage in entry.passages:
            if passage.quote:
                page.paragraph(f'"{passage.quote}"', 7.5, "I")
            for item in passage.items:
                notes = (("Reading taken", item.reading), ("Note", item.note))
                page.paragraph(f"- {item.label}." + "".join(f" {label}: {text}" for label, text in notes if text), 7.5)


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
