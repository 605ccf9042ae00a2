"""The app's link-to-state logic as plain functions, without Streamlit: a link in, a view and its problems out."""

from __future__ import annotations

import subprocess
import sys

import pytest

import fractionation as fr
from fractionation.app.state import DEFAULT_TISSUES, Offered, View, added, added_scheme, link_of, notation, read_link

OFFERED = Offered(document=("document-8x1", "document-4x5"), literature=("rcr-2019-8x1",),
                  tissues=("cord", "tumour", "late", "prostate"))  # fmt: skip


def test_an_empty_link_gives_the_first_page() -> None:
    view, problems = read_link({}, OFFERED)
    assert problems == []
    assert view == View(document=OFFERED.document)
    assert view.tissues == DEFAULT_TISSUES
    assert link_of(view, OFFERED) == {}


def test_a_link_round_trips() -> None:
    params = {"doc": ["document-4x5"], "lit": ["rcr-2019-8x1"], "custom": ["12 Gy x 2"], "tissue": ["cord"],
              "ab": ["4.5"], "present": ["1"], "live": ["6.5"]}  # fmt: skip
    view, problems = read_link(params, OFFERED)
    assert problems == []
    assert view.added == (added(fr.Scheme(dose_per_fraction=12, n_fractions=2)),)
    assert view.alpha_betas == (4.5,)
    assert link_of(view, OFFERED) == params


@pytest.mark.parametrize("text", ["0.004 Gy x 1", ".126 Gy x 2", "20 Gy/3", "1.23456789 Gy x 7"])
def test_added_schemes_are_values_that_survive_a_link_exactly(text: str) -> None:
    scheme = added_scheme(text)
    view, problems = read_link(link_of(View(document=(), added=(scheme,)), OFFERED), OFFERED)
    assert problems == []
    (again,) = view.added
    assert again.dose_per_fraction == scheme.dose_per_fraction == fr.Scheme.parse(text).dose_per_fraction
    assert again.n_fractions == scheme.n_fractions
    assert str(again) == str(scheme)


def test_an_added_scheme_is_named_exactly_or_marked_as_rounded() -> None:
    assert str(added_scheme("0.004 Gy x 1")) == "0.004 Gy x 1"
    assert str(added_scheme(".126 Gy x 2")) == "0.126 Gy x 2"
    assert str(added(fr.Scheme(dose_per_fraction=20 / 3, n_fractions=3))) == "≈6.667 Gy x 3"
    assert notation(fr.Scheme(dose_per_fraction=20 / 3, n_fractions=3)) == "6.666666666666667 Gy x 3"


def test_an_empty_choice_is_written_as_a_dash_and_read_back() -> None:
    view, problems = read_link({"doc": ["-"], "tissue": ["-"]}, OFFERED)
    assert problems == []
    assert view.document == ()
    assert view.tissues == ()
    assert link_of(view, OFFERED) == {"doc": ["-"], "tissue": ["-"]}


def test_nonsense_keeps_the_defaults_and_says_so_once() -> None:
    view, problems = read_link({"doc": ["nonsense", "nonsense"], "tissue": ["bone"]}, OFFERED)
    assert view.document == OFFERED.document
    assert view.tissues == DEFAULT_TISSUES
    assert problems == [
        "Link parameter doc: no scheme 'nonsense' in the catalogue; ignored.",
        "Link parameter tissue: no tissue preset 'bone' in the catalogue; ignored.",
    ]
    assert link_of(view, OFFERED) == {}  # the rewritten link drops what was ignored


def test_repeated_values_give_one_of_each() -> None:
    view, _ = read_link({"doc": ["document-4x5"] * 3, "custom": ["4 Gy x 5", "20 Gy/5"], "ab": ["4", "4 Gy"]}, OFFERED)
    assert view.document == ("document-4x5",)
    assert view.added == (added(fr.Scheme(dose_per_fraction=4, n_fractions=5)),)
    assert view.alpha_betas == (4.0,)


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"lit": ["No such trial"]}, "Link parameter lit: no scheme 'No such trial' in the catalogue; ignored."),
        ({"present": ["yes"]}, "Link parameter present: expected 1, got 'yes'; ignored."),
        ({"live": ["0.7"]}, "Link parameter live: expected 0.5 to 20 Gy in steps of 0.5, got '0.7'; ignored."),
        ({"live": ["cord"]}, "Link parameter live: expected 0.5 to 20 Gy in steps of 0.5, got 'cord'; ignored."),
        ({"colour": ["red"]}, "Link parameter colour: not one this page reads; ignored."),
    ],
)
def test_each_unusable_value_is_named(params: dict[str, list[str]], problem: str) -> None:
    assert read_link(params, OFFERED)[1] == [problem]


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("custom", "8x1"),
        ("custom", "900 Gy x 1"),
        ("custom", "2 Gy x 1500000"),
        ("custom", "2 Gy x 3000000"),
        ("ab", "zero"),
        ("ab", "0"),
        ("ab", "1e308"),
    ],
)
def test_the_library_decides_what_a_link_may_set(key: str, text: str) -> None:
    """The message is the library's own, for the same text: one code path, one set of bounds."""
    parse = fr.Scheme.parse if key == "custom" else fr.parse_alpha_beta
    with pytest.raises(fr.FractionationError) as error:
        parse(text, **({"argument": "ab"} if key == "ab" else {}))  # type: ignore[operator]
    view, problems = read_link({key: [text]}, OFFERED)
    assert problems == [f"Link parameter {key}: {error.value}; ignored."]
    assert view.added == ()
    assert view.alpha_betas == ()


def test_a_tissue_id_given_as_an_alpha_beta_adds_the_preset() -> None:
    view, problems = read_link({"ab": ["prostate", "2.5 Gy"]}, OFFERED)
    assert problems == []
    assert view.tissues == (*DEFAULT_TISSUES, "prostate")
    assert view.alpha_betas == (2.5,)


def test_the_link_logic_needs_no_streamlit() -> None:
    code = "import sys, fractionation.app.state; print('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
