"""The page's choices as values, read from a link and written back: plain functions, no Streamlit.

A link holds ``doc`` and ``lit`` (catalogue schemes by id), ``custom`` (added schemes as
notations), ``tissue`` (preset ids), ``ab`` (alpha/beta values in Gy), ``present=1``
and ``live`` (the live alpha/beta column's value). ``-`` stands for an empty choice.
Everything a link sets goes through the library's own constructors and parsers, so
the library's bounds apply to it: no link makes a page cost more than a normal one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

import fractionation as fr

DEFAULT_TISSUES = ("tumour", "late", "cord")
#: The live alpha/beta slider's range and step (Gy).
LIVE_LOW, LIVE_HIGH, LIVE_STEP, LIVE_DEFAULT = 0.5, 20.0, 0.5, 3.0
PARAMETERS = ("doc", "lit", "custom", "tissue", "ab", "present", "live")
EMPTY = "-"


@dataclass(frozen=True, kw_only=True)
class View:
    """What the page shows: catalogue ids, added schemes as values, tissue ids, alpha/beta values in Gy."""

    document: tuple[str, ...]
    literature: tuple[str, ...] = ()
    added: tuple[fr.Scheme, ...] = ()
    tissues: tuple[str, ...] = DEFAULT_TISSUES
    alpha_betas: tuple[float, ...] = ()
    present: bool = False
    live: float | None = None


@dataclass(frozen=True, kw_only=True)
class Offered:
    """What the page offers: the document's and the literature's scheme ids, the tissue presets' ids."""

    document: tuple[str, ...]
    literature: tuple[str, ...]
    tissues: tuple[str, ...]
    defaults: View = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "defaults", View(document=self.document))


def notation(scheme: fr.Scheme) -> str:
    """A scheme's dose and fractions written exactly, for a link or a label: '0.126 Gy x 2', never rounded.

    >>> notation(fr.Scheme.parse(".126 Gy x 2")), notation(fr.Scheme.parse("0.004 Gy x 1"))
    ('0.126 Gy x 2', '0.004 Gy x 1')
    """
    dose = np.format_float_positional(scheme.dose_per_fraction, trim="-")
    return f"{dose} Gy x {scheme.n_fractions}"


def added(scheme: fr.Scheme) -> fr.Scheme:
    """A scheme added to the comparison, named by its dose and fractions: exact, or marked ≈ where rounded.

    >>> str(added(fr.Scheme.parse(".126 Gy x 2"))), str(added(fr.Scheme(dose_per_fraction=20 / 3, n_fractions=3)))
    ('0.126 Gy x 2', '≈6.667 Gy x 3')
    """
    dose = scheme.dose_per_fraction
    name = (
        f"{dose:.6g} Gy x {scheme.n_fractions}"
        if float(f"{dose:.6g}") == dose
        else f"≈{dose:.4g} Gy x {scheme.n_fractions}"
    )
    return fr.Scheme(dose_per_fraction=dose, n_fractions=scheme.n_fractions, name=name)


def added_scheme(text: str) -> fr.Scheme:
    """A scheme typed or linked; the library's parser and bounds decide.

    >>> str(added_scheme("20 Gy in 5 fractions"))
    '4 Gy x 5'
    """
    return added(fr.Scheme.parse(text))


def _unique(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(values))


def read_link(params: Mapping[str, Sequence[str]], offered: Offered) -> tuple[View, list[str]]:
    """The view a link asks for, and one message per value it could not use (each said once).

    A parameter whose values are all unusable leaves its default in place.

    >>> offered = Offered(document=("a", "b"), literature=(), tissues=("cord", "tumour", "late"))
    >>> view, problems = read_link({"doc": ["b", "b", "zz"], "present": ["yes"]}, offered)
    >>> view.document, view.present
    (('b',), False)
    >>> for problem in problems:
    ...     print(problem)
    Link parameter doc: no scheme 'zz' in the catalogue; ignored.
    Link parameter present: expected 1, got 'yes'; ignored.
    """
    problems: list[str] = []
    defaults = offered.defaults

    def said(key: str, message: str) -> None:
        if (line := f"Link parameter {key}: {message}; ignored.") not in problems:
            problems.append(line)

    def ids(key: str, valid: Sequence[str], default: tuple[str, ...], what: str) -> tuple[str, ...]:
        values = _unique(params.get(key, ()))
        if not values:
            return default
        for value in values:
            if value not in valid and value != EMPTY:
                said(key, f"no {what} {value!r} in the catalogue")
        kept = tuple(v for v in values if v in valid)
        return kept if kept or EMPTY in values else default

    for key in params:
        if key not in PARAMETERS:
            said(key, "not one this page reads")
    document = ids("doc", offered.document, defaults.document, "scheme")
    literature = ids("lit", offered.literature, (), "scheme")
    tissues = ids("tissue", offered.tissues, defaults.tissues, "tissue preset")
    added: list[fr.Scheme] = []
    for text in _unique(params.get("custom", ())):
        try:
            scheme = added_scheme(text)
        except fr.FractionationError as error:
            said("custom", str(error))
            continue
        if scheme not in added:
            added.append(scheme)
    alpha_betas: list[float] = []
    for text in _unique(params.get("ab", ())):
        try:
            value = fr.parse_alpha_beta(text, argument="ab")
        except fr.FractionationError as error:
            said("ab", str(error))
            continue
        if isinstance(value, fr.Tissue):
            tissues = (*tissues, value.id) if value.id not in tissues else tissues
        elif value not in alpha_betas:
            alpha_betas.append(value)
    present = False
    if values := params.get("present"):
        present = values[-1] == "1"
        if not present:
            said("present", f"expected 1, got {values[-1]!r}")
    live = None
    if values := params.get("live"):
        live = live_value(values[-1])
        if live is None:
            said("live", f"expected {LIVE_LOW:g} to {LIVE_HIGH:g} Gy in steps of {LIVE_STEP:g}, got {values[-1]!r}")
    view = View(document=document, literature=literature, added=tuple(added), tissues=tissues,
                alpha_betas=tuple(alpha_betas), present=present, live=live)  # fmt: skip
    return view, problems


def live_value(text: str) -> float | None:
    """The live slider's value from a link, or None if the slider cannot show it."""
    try:
        value = fr.parse_alpha_beta(text, argument="live")
    except fr.FractionationError:
        return None
    if isinstance(value, fr.Tissue) or not LIVE_LOW <= value <= LIVE_HIGH or (value / LIVE_STEP) % 1:
        return None
    return value


def link_of(view: View, offered: Offered) -> dict[str, list[str]]:
    """The query parameters of a view: only what differs from the first page.

    >>> offered = Offered(document=("a", "b"), literature=(), tissues=("cord", "tumour", "late"))
    >>> link_of(View(document=(), tissues=("cord",), alpha_betas=(4.0,), present=True), offered)
    {'doc': ['-'], 'tissue': ['cord'], 'ab': ['4'], 'present': ['1']}
    """
    defaults = offered.defaults
    params: dict[str, list[str]] = {}
    if view.document != defaults.document:
        params["doc"] = list(view.document) or [EMPTY]
    if view.literature:
        params["lit"] = list(view.literature)
    if view.added:
        params["custom"] = [notation(s) for s in view.added]
    if view.tissues != defaults.tissues:
        params["tissue"] = list(view.tissues) or [EMPTY]
    if view.alpha_betas:
        params["ab"] = [np.format_float_positional(v, trim="-") for v in view.alpha_betas]
    if view.present:
        params["present"] = ["1"]
    if view.live is not None:
        params["live"] = [f"{view.live:g}"]
    return params
