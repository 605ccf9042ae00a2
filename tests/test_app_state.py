"""The app's link-to-state logic as plain functions, without Streamlit."""

from __future__ import annotations

import pytest

from fractionation.app.state import DEFAULT_TISSUES, link_of, parse_alpha_beta, read_link

OFFERED = {
    "document": ["document-8x1", "document-4x5"],
    "literature": ["rcr-2019-8x1"],
    "tissues": ["cord", "tumour", "late"],
}


def test_an_empty_link_gives_the_first_page() -> None:
    state, problems = read_link({}, **OFFERED)
    assert problems == []
    assert state["doc_pick"] == OFFERED["document"]
    assert state["tissue_pick"] == list(DEFAULT_TISSUES)
    assert link_of(state, document=OFFERED["document"]) == {}


def test_a_link_round_trips() -> None:
    params = {"doc": ["document-4x5"], "lit": ["rcr-2019-8x1"], "custom": ["12 Gy x 2"], "tissue": ["cord"],
              "ab": ["4.5"], "present": ["1"], "live": ["6.5"]}  # fmt: skip
    state, problems = read_link(params, **OFFERED)
    assert problems == []
    assert link_of(state, document=OFFERED["document"]) == params


def test_an_empty_choice_is_written_as_a_dash_and_read_back() -> None:
    state, _ = read_link({"doc": ["-"], "tissue": ["-"]}, **OFFERED)
    assert state["doc_pick"] == []
    assert state["tissue_pick"] == []
    assert link_of(state, document=OFFERED["document"]) == {"doc": ["-"], "tissue": ["-"]}


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"lit": ["No such trial"]}, "Link parameter lit: no scheme 'No such trial' in the catalogue; ignored."),
        ({"tissue": ["bone"]}, "Link parameter tissue: no tissue preset 'bone'; ignored."),
        ({"ab": ["zero"]}, "Link parameter ab: alpha/beta must be a number of Gy, got 'zero'; ignored."),
        ({"live": ["0.7"]}, "Link parameter live: expected 0.5 to 20 Gy in steps of 0.5, got '0.7'; ignored."),
    ],
)
def test_each_malformed_value_is_named(params: dict[str, list[str]], problem: str) -> None:
    assert read_link(params, **OFFERED)[1] == [problem]


@pytest.mark.parametrize(("text", "value"), [("4", 4.0), ("0.87", 0.87), ("1e1", 10.0)])
def test_parse_alpha_beta(text: str, value: float) -> None:
    assert parse_alpha_beta(text) == (value, None)


def test_the_link_logic_needs_no_streamlit() -> None:
    import subprocess
    import sys

    code = "import sys, fractionation.app.state; print('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
