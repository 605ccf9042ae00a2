"""What every section shares: the catalogue as the page offers it, labels, literal text, the collapsed panel."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import streamlit as st

import fractionation as fr
from fractionation.app.state import Offered

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

DOCUMENT = list(fr.catalogue(origin="document"))
LITERATURE = list(fr.catalogue(origin="literature"))
BY_ID = {str(s.id): s for s in fr.catalogue()}
TISSUES = {t.id: t for t in fr.tissues()}
OFFERED = Offered(
    document=tuple(str(s.id) for s in DOCUMENT),
    literature=tuple(str(s.id) for s in LITERATURE),
    tissues=tuple(TISSUES),
)
DISCLAIMER = "Educational and research reference for the linear-quadratic model, not a prescribing system."

AlphaBeta = fr.Tissue | float
#: st.cache_data keys for schemes and tissues: their repr, every field's value (a Scheme's source too). Streamlit
#: would otherwise hash each one field by field through dataclasses.asdict, which cost a rerun over 50 ms.
VALUE_KEYS: dict[str | type[Any], Callable[[Any], Any]] = {fr.Scheme: repr, fr.Tissue: repr}

_MARKDOWN_SIGNS = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark: CommonMark escapes each


def literal(text: str) -> str:
    r"""Text from a user, a link or a file, escaped for Streamlit's markdown so that it shows exactly as written.

    Links, images, emphasis, colour directives, HTML and formulae all lose their meaning.

    >>> literal("![t](http://host/x.png) :red[**URGENT**]")
    '\\!\\[t\\]\\(http\\:\\/\\/host\\/x\\.png\\) \\:red\\[\\*\\*URGENT\\*\\*\\]'
    """
    return _MARKDOWN_SIGNS.sub(r"\\\1", text).replace("\n", " ")


def scheme_name(scheme_id: str) -> str:
    """What a catalogue scheme's id stands for on the page: its name."""
    return str(BY_ID[scheme_id].name)


def scheme_chip(scheme_id: str) -> str:
    """A document scheme as a chip shows it, short enough to keep its dose: 'SBRT 8 Gy x 3'."""
    scheme = BY_ID[scheme_id]
    return f"{'SBRT ' if scheme.intent == 'stereotactic' else ''}{scheme.label}"


def tissue_chip(tissue_id: str) -> str:
    """A tissue as a chip shows it, short enough to keep its alpha/beta: 'cord · 2 Gy'."""
    return f"{tissue_id} · {TISSUES[tissue_id].alpha_beta:g} Gy"


def column_label(alpha_beta: AlphaBeta) -> str:
    """Short enough for a table header: the preset's id and its alpha/beta."""
    if isinstance(alpha_beta, fr.Tissue):
        return f"{alpha_beta.id} ({alpha_beta.alpha_beta:g})"
    return f"α/β {alpha_beta:g}"


def tissue_label(alpha_beta: AlphaBeta) -> str:
    if isinstance(alpha_beta, fr.Tissue):
        return f"{alpha_beta.name} (α/β {alpha_beta.alpha_beta:g})"
    return f"α/β {alpha_beta:g} Gy"


def ratio(alpha_beta: AlphaBeta) -> float:
    """The alpha/beta in Gy of a preset or of a plain number."""
    return alpha_beta.alpha_beta if isinstance(alpha_beta, fr.Tissue) else alpha_beta


def panel(label: str, key: str) -> DeltaGenerator | None:
    """A collapsed expander whose contents are built only while it is open, else None.

    Opening one reruns the script (``on_change="rerun"``), so the first page pays for none
    of the panels: their charts, formulae and tables were most of the cold first render.
    """
    expander = st.expander(label, key=key, on_change="rerun")
    return expander if expander.open else None
