"""The page's choices read from a link's query parameters, and written back: plain functions, no Streamlit.

A link holds ``doc`` and ``lit`` (catalogue schemes by name), ``custom`` (notations),
``tissue`` (preset ids), ``ab`` (alpha/beta values in Gy), ``present=1`` and ``live``
(the live alpha/beta column). ``-`` stands for an empty choice.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import fractionation as fr

DEFAULT_TISSUES = ("tumour", "late", "cord")
#: The session-state keys a link records.
LINK_KEYS = ("doc_pick", "lit_pick", "custom_pick", "tissue_pick", "ab_pick", "presentation", "live_on", "live_ab")


def parse_alpha_beta(text: str) -> tuple[float, str | None]:
    """An alpha/beta in Gy from text, or NaN and a message saying what was wrong."""
    try:
        value = float(text)
    except ValueError:
        return math.nan, f"alpha/beta must be a number of Gy, got {text!r}"
    if not (math.isfinite(value) and value > 0):
        return math.nan, f"alpha/beta must be a finite number of Gy greater than 0, got {text!r}"
    return value, None


def read_link(
    params: Mapping[str, Sequence[str]],
    *,
    document: Sequence[str],
    literature: Sequence[str],
    tissues: Sequence[str],
) -> tuple[dict[str, Any], list[str]]:
    """The page's choices from a link (each key with all its values), and a message per malformed value.

    ``document``, ``literature`` and ``tissues`` are what the page offers.

    >>> state, problems = read_link({"tissue": ["cord", "bone"]}, document=["A"], literature=[], tissues=["cord"])
    >>> state["tissue_pick"], problems
    (['cord'], ["Link parameter tissue: no tissue preset 'bone'; ignored."])
    """
    problems: list[str] = []
    state: dict[str, Any] = {
        "doc_pick": list(document), "lit_pick": [], "custom_schemes": [],
        "tissue_pick": list(DEFAULT_TISSUES), "custom_alpha_betas": [],
    }  # fmt: skip
    if "doc" in params:
        state["doc_pick"] = []
    for key, target, valid in (("doc", "doc_pick", document), ("lit", "lit_pick", literature)):
        for scheme_id in params.get(key, ()):
            if scheme_id == "-":
                continue
            if scheme_id in valid:
                state[target].append(scheme_id)
            else:
                problems.append(f"Link parameter {key}: no scheme {scheme_id!r} in the catalogue; ignored.")
    for text in params.get("custom", ()):
        try:
            state["custom_schemes"].append(fr.Scheme.parse(text).label)
        except fr.FractionationError as error:
            problems.append(f"Link parameter custom: {error}; ignored.")
    if "tissue" in params:
        state["tissue_pick"] = []
        for tissue_id in params["tissue"]:
            if tissue_id in tissues:
                state["tissue_pick"].append(tissue_id)
            elif tissue_id != "-":
                problems.append(f"Link parameter tissue: no tissue preset {tissue_id!r}; ignored.")
    for text in params.get("ab", ()):
        alpha_beta, problem = parse_alpha_beta(text)
        if problem:
            problems.append(f"Link parameter ab: {problem}; ignored.")
        else:
            state["custom_alpha_betas"].append(alpha_beta)
    state["presentation"] = list(params.get("present", ()))[-1:] == ["1"]
    state["live_on"], state["live_ab"] = False, 3.0
    if live_values := params.get("live"):
        text = live_values[-1]
        live, problem = parse_alpha_beta(text)
        if problem is None and 0.5 <= live <= 20 and (2 * live).is_integer():
            state["live_on"], state["live_ab"] = True, live
        else:
            problems.append(f"Link parameter live: expected 0.5 to 20 Gy in steps of 0.5, got {text!r}; ignored.")
    state["custom_pick"] = list(state["custom_schemes"])
    state["ab_pick"] = list(state["custom_alpha_betas"])
    return state, problems


def link_of(state: Mapping[str, Any], *, document: Sequence[str]) -> dict[str, list[str]]:
    """The query parameters of the page's choices: only what differs from the first page.

    >>> link_of({"doc_pick": ["A"], "lit_pick": [], "custom_pick": [], "tissue_pick": ["cord"],
    ...          "ab_pick": [4.0], "presentation": True, "live_on": False, "live_ab": 3.0}, document=["A"])
    {'tissue': ['cord'], 'ab': ['4'], 'present': ['1']}
    """
    params: dict[str, list[str]] = {}
    number: Callable[[float], str] = "{:g}".format
    if list(state["doc_pick"]) != list(document):
        params["doc"] = list(state["doc_pick"]) or ["-"]
    if state["lit_pick"]:
        params["lit"] = list(state["lit_pick"])
    if state["custom_pick"]:
        params["custom"] = list(state["custom_pick"])
    if list(state["tissue_pick"]) != list(DEFAULT_TISSUES):
        params["tissue"] = list(state["tissue_pick"]) or ["-"]
    if state["ab_pick"]:
        params["ab"] = [number(v) for v in state["ab_pick"]]
    if state["presentation"]:
        params["present"] = ["1"]
    if state["live_on"]:
        params["live"] = [number(state["live_ab"])]
    return params
