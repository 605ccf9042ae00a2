"""parse_alpha_beta: the one reading of an alpha/beta typed by a user (CLI and app)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fractionation as fr


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4", 4.0), ("4 Gy", 4.0), ("4gy", 4.0), ("4 GY", 4.0), (" 2.5 ", 2.5), (".5", 0.5), ("1e1 Gy", 10.0),
     ("10.", 10.0), ("+3", 3.0)],
)  # fmt: skip
def test_numbers_of_gy(text: str, expected: float) -> None:
    assert fr.parse_alpha_beta(text) == expected


@pytest.mark.parametrize("text", ["cord", "CORD", " late ", "cord-lumbar"])
def test_tissue_ids(text: str) -> None:
    tissue = fr.parse_alpha_beta(text)
    assert isinstance(tissue, fr.Tissue)
    assert tissue.id == text.strip().lower()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "alpha_beta must be a number of Gy (such as 3 or 3 Gy) or a tissue id (tumour, late, cord, "),
        ("", "alpha_beta must be a number of Gy"),
        ("4 Gy x 5", "got '4 Gy x 5'"),
        ("4 Gy/fraction", "alpha_beta must be a number of Gy"),
        ("300 cGy", "alpha_beta must be a number of Gy, not cGy, got '300 cGy' (300 cGy = 3 Gy)"),
        ("0", "alpha_beta must be a number of Gy from 0.01 to 1000, got 0.0"),
        ("-3", "alpha_beta must be a number of Gy from 0.01 to 1000, got -3.0"),
        ("1e999", "got inf"),
        ("nan", "alpha_beta must be a number of Gy"),
        ("inf", "alpha_beta must be a number of Gy"),
        ("x" * 10_000, "…' (10000 characters)"),
    ],
)
def test_refused_with_the_argument_and_the_text(text: str, message: str) -> None:
    with pytest.raises(fr.FractionationError) as caught:
        fr.parse_alpha_beta(text)
    assert message in str(caught.value)
    assert len(str(caught.value)) < 300  # a message quotes a short excerpt, never the whole input


def test_the_argument_is_named_as_the_caller_says() -> None:
    with pytest.raises(fr.FractionationError, match=r"^--other-alpha-beta must be"):
        fr.parse_alpha_beta("x", argument="--other-alpha-beta")


@pytest.mark.parametrize("value", [4, 4.0, None, b"4", fr.tissues()[0]])
def test_anything_but_text_is_a_type_error(value: object) -> None:
    with pytest.raises(fr.WrongTypeError, match="alpha_beta must be text"):
        fr.parse_alpha_beta(value)  # type: ignore[arg-type]


def _read(text: str) -> fr.Tissue | float | str:
    """The preset or number, or the message of the library's error."""
    try:
        return fr.parse_alpha_beta(text)
    except fr.FractionationError as error:
        return str(error)


@given(st.text(max_size=30))
def test_any_text_is_a_preset_a_positive_number_or_a_library_error(text: str) -> None:
    value = _read(text)
    if isinstance(value, str):
        assert value.startswith("alpha_beta ")
    else:
        assert isinstance(value, fr.Tissue) or 0 < value < float("inf")


@given(st.floats(min_value=0.01, max_value=1000), st.sampled_from(["", " ", "Gy", " Gy", "gy", " GY"]))
def test_a_number_reads_back_as_itself(number: float, unit: str) -> None:
    assert fr.parse_alpha_beta(f"{number!r}{unit}") == number
