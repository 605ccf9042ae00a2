"""Scheme notation, labels and the scheme's own methods."""

from __future__ import annotations

import pytest

import fractionation as fr

NOTATIONS = [
    ("8 Gy x 1", 8.0, 1),
    ("1 x 8 Gy", 8.0, 1),
    ("8Gy×1", 8.0, 1),
    ("5 x 4 Gy", 4.0, 5),
    ("20 Gy/5", 4.0, 5),
    ("20 Gy/5 fx", 4.0, 5),
    ("20 Gy in 5 fractions", 4.0, 5),
    ("  20  gy   IN 5 Fractions ", 4.0, 5),
    ("3 Gy x 10 fractions", 3.0, 10),
    ("10 sessions of 3 Gy", 3.0, 10),
    ("1 session of 8 Gy", 8.0, 1),
    ("24 Gy/2", 12.0, 2),
    ("2 x 1200 cGy", 12.0, 2),
    ("800 cGy x 1", 8.0, 1),
    ("2.5 Gy * 8", 2.5, 8),
    ("30 Gy/3 #", 10.0, 3),
]


@pytest.mark.parametrize(("text", "dose", "count"), NOTATIONS)
def test_notations(text: str, dose: float, count: int) -> None:
    scheme = fr.Scheme.parse(text)
    assert (scheme.dose_per_fraction, scheme.n_fractions) == (dose, count)


def test_bare_times_is_ambiguous_and_shows_both_readings() -> None:
    with pytest.raises(fr.SchemeNotationError) as caught:
        fr.Scheme.parse("8x1")
    message = str(caught.value)
    assert "8 Gy x 1 (8 Gy in 1 fraction)" in message
    assert "1 Gy x 8 (8 Gy in 8 fractions)" in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("8 Gy", "^cannot read '8 Gy' as a scheme; expected a scheme notation such as '8 Gy x 1'"),
        ("", "^cannot read '' as a scheme: empty; expected"),
        ("2,5 Gy x 10", "expected a decimal point, not a comma"),
        ("20 Gy/0", ": 0 fractions; expected a whole number of fractions from 1 to 1000$"),
        ("2.5 x 4 Gy", ": 2.5 fractions; expected a whole number of fractions from 1 to 1000$"),
        ("1 x 200 Gy", ": 200 Gy per fraction; did you pass cGy[?] 200 cGy = 2 Gy; expected"),
        ("eight Gy x 1", "cannot read"),
    ],
)
def test_unreadable_notations(text: str, message: str) -> None:
    with pytest.raises(fr.SchemeNotationError, match=message):
        fr.Scheme.parse(text)


def test_notation_must_be_text() -> None:
    with pytest.raises(fr.WrongTypeError, match=r"^text must be a scheme notation such as .*, got int 8$"):
        fr.Scheme.parse(8)  # type: ignore[arg-type]


def test_parse_passes_other_fields_through() -> None:
    scheme = fr.Scheme.parse("8 Gy x 3", name="SBRT", intent="Stereotactic", fractions_per_week=3)
    assert (scheme.name, scheme.intent, scheme.fractions_per_week, str(scheme)) == ("SBRT", "stereotactic", 3, "SBRT")


def test_labels() -> None:
    assert fr.Scheme.parse("8 Gy x 1").label == "8 Gy x 1"
    assert fr.Scheme.parse("20 Gy/8").label == "2.5 Gy x 8"
    assert fr.Scheme.parse("20 Gy/3").label == "20 Gy/3"


def test_from_total_dose() -> None:
    assert fr.Scheme.from_total_dose(total_dose=24, n_fractions=6) == fr.Scheme.parse("4 Gy x 6")
    with pytest.raises(
        fr.FractionationError, match=r"^total_dose must be a number of Gy greater than 0 and at most 600, got 0$"
    ):
        fr.Scheme.from_total_dose(total_dose=0, n_fractions=6)


def test_scheme_methods_equal_the_functions() -> None:
    scheme = fr.Scheme.parse("7 Gy x 5")
    kw = {"dose_per_fraction": 7.0, "n_fractions": 5}
    assert scheme.total_dose == fr.total_dose(**kw) == 35.0
    assert scheme.bed(10) == fr.bed(**kw, alpha_beta=10)
    assert scheme.eqd2(2) == fr.eqd2(**kw, alpha_beta=2)
    assert scheme.eqdx(3, 1.8) == fr.eqdx(**kw, alpha_beta=3, reference_dose_per_fraction=1.8)
    assert scheme.eqd2([10, 3, 2]).tolist() == [fr.eqd2(**kw, alpha_beta=ab) for ab in (10, 3, 2)]


def test_equality_ignores_the_source_but_not_the_schedule() -> None:
    plain = fr.Scheme.parse("8 Gy x 3")
    cited = fr.Scheme.parse("8 Gy x 3", source=fr.Source(origin="literature", citation="me"))
    assert plain == cited
    assert plain != fr.Scheme.parse("8 Gy x 3", fractions_per_week=3)
