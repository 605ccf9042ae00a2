"""The shipped catalogue is valid and cited; a broken copy fails naming file, entry and field."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import fractionation as fr
from fractionation._catalogue import load_repopulation, load_schemes, load_tissues, schemes_dir
from tests.conftest import SEEDS

SEED = SEEDS / "000_0e53780f4933217c.txt"


def document_schemes() -> list[fr.Scheme]:
    return [s for s in fr.catalogue() if s.source is not None and s.source.kind == "document"]


def test_the_six_document_schemes() -> None:
    found = [(s.intent, s.dose_per_fraction, s.n_fractions, s.fractions_per_week) for s in document_schemes()]
    assert found == [
        ("palliative", 8.0, 1, None),
        ("palliative", 4.0, 5, None),
        ("palliative", 3.0, 10, None),
        ("stereotactic", 8.0, 3, 3),
        ("stereotactic", 6.0, 5, 3),
        ("stereotactic", 7.0, 5, 3),
    ]
    assert all(s.fractions_per_day == 1 for s in document_schemes())


@pytest.mark.skipif(
    not SEED.exists() and not os.environ.get("CI"),
    reason="the source documents are not at ../shared/seeds (set FRACTIONATION_SEEDS to their folder)",
)
def test_document_quotes_are_verbatim_sentences_of_the_document() -> None:
    if not SEED.exists():
        pytest.fail(f"CI=true needs the source document at {SEED}: set FRACTIONATION_SEEDS to its folder")
    text = " ".join(SEED.read_text(encoding="utf-8").split())
    for scheme in document_schemes():
        assert scheme.source is not None
        assert scheme.source.quote
        assert scheme.source.quote in text, scheme.name
        assert "000_0e53780f4933217c.txt" in scheme.source.citation


def test_the_ambiguous_stereotactic_phrase_is_quoted_whole_with_its_reading() -> None:
    phrase = "which usually takes from 3 to 8 Gy and 5 sessions from 6 to 7 Gy, one session per day and three sessions per week"
    for scheme in document_schemes():
        if scheme.intent == "stereotactic":
            assert scheme.source is not None
            assert phrase in str(scheme.source.quote)
            assert str(scheme.source.reading).startswith("Ambiguous. ")


def test_every_literature_scheme_is_cited_and_marked_literature() -> None:
    literature = [s for s in fr.catalogue() if s.source is not None and s.source.kind == "literature"]
    assert len(literature) == len(fr.catalogue()) - 6
    for scheme in literature:
        assert scheme.source is not None
        assert re.search(r"(19|20)\d\d", scheme.source.citation), scheme.name  # a year in every citation
        assert scheme.source.quote is None


def test_reference_section_5_schemes_are_in_the_catalogue() -> None:
    labels = {(str(s.name).split(":")[0], s.label) for s in fr.catalogue()}
    expected = {
        ("RTOG 9714", "8 Gy x 1"), ("RTOG 9714", "3 Gy x 10"), ("Dutch BMS", "4 Gy x 6"),
        ("ASTRO 2017", "4 Gy x 5"), ("ASTRO 2024", "8 Gy x 2"), ("SCORAD III", "4 Gy x 5"),
        ("SC.20", "2.5 Gy x 8"), ("SC.24", "12 Gy x 2"), ("RTOG 0631", "16 Gy x 1"), ("RTOG 0631", "18 Gy x 1"),
        ("Braam RCT", "20 Gy x 1"), ("SABR-COMET", "7 Gy x 5"), ("SABR-COMET", "10 Gy x 3"), ("RCR 2019", "8 Gy x 1"),
    }  # fmt: skip
    assert expected <= labels


def test_tissue_presets_of_reference_section_4() -> None:
    presets = {t.id: t.alpha_beta for t in fr.tissues()}
    assert presets == {
        "tumour": 10.0, "late": 3.0, "cord": 2.0, "cord-lumbar": 4.0, "cord-fitted": 0.87, "prostate": 1.5,
        "breast-early": 9.0, "breast-late": 3.0, "melanoma": 0.6, "liposarcoma": 0.4,
    }  # fmt: skip
    for tissue in fr.tissues():
        assert tissue.source.citation


# --- broken copies -------------------------------------------------------------------------------


@pytest.fixture
def copy_of(tmp_path: Path):  # type: ignore[no-untyped-def]
    def make(name: str, old: str, new: str, count: int = 1) -> Path:
        text = (schemes_dir() / name).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path = tmp_path / name
        path.write_text(text.replace(old, new, count), encoding="utf-8")
        return path

    return make


BROKEN_SCHEMES = [
    (
        "document.toml",
        "n_fractions = 10\n",
        "",
        "document.toml: schemes[2] ('Document: 3 Gy x 10'): field 'n_fractions' is missing",
    ),
    (
        "document.toml",
        "n_fractions = 10",
        'n_fractions = "ten"',
        "field 'n_fractions' must be a whole number, got 'ten'",
    ),
    (
        "document.toml",
        "dose_per_fraction = 4.0",
        "dose_per_fraction = 400.0",
        "schemes[1] ('Document: 4 Gy x 5'): dose_per_fraction must be at most 30 Gy per fraction, got 400.0 (did you pass cGy?",
    ),
    (
        "document.toml",
        'intent = "palliative"',
        'intent = "curative"',
        "schemes[0] ('Document: 8 Gy x 1'): field 'intent' must be one of palliative, stereotactic, got 'curative'",
    ),
    (
        "document.toml",
        'source = "seed-000"',
        'source = "seed-999"',
        "field 'source' must be one of the [sources] keys ['seed-000']",
    ),
    (
        "document.toml",
        'quote = "If there is',
        'quoted = "If there is',
        "schemes[0] ('Document: 8 Gy x 1'): field 'quote' is missing",
    ),
    (
        "literature.toml",
        'note = "Metastatic spinal canal compression."',
        'notes = "x"',
        "field 'notes' is not a known field",
    ),
    (
        "literature.toml",
        'kind = "literature"',
        'kind = "blog"',
        "literature.toml: sources.rtog-9714: field 'kind' must be 'document' or 'literature', got 'blog'",
    ),
    ("literature.toml", "[[schemes]]\nname", "[[schemes]\nname", "literature.toml: not valid TOML"),
    (
        "literature.toml",
        'name = "RTOG 9714: 8 Gy x 1"',
        'name = ""',
        "field 'name' must be a string (not empty), got ''",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "message"), BROKEN_SCHEMES)
def test_broken_scheme_file(copy_of, name: str, old: str, new: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(fr.DataFileError) as caught:
        load_schemes(copy_of(name, old, new))
    assert message in str(caught.value)


BROKEN_TISSUES = [
    (
        "alpha_beta = 2.0",
        "alpha_beta = 0.0",
        "tissues.toml: tissues[2] ('cord'): field 'alpha_beta' must be a number of Gy greater than 0, got 0.0",
    ),
    ("high = 12.0\n", "", "tissues[0] ('tumour'): field 'high' low and high go together"),
    ('id = "late"', 'id = "tumour"', "tissues[1] ('tumour'): field 'id' 'tumour' is used twice"),
    ("low = 8.0", "low = 11.0", "must satisfy 0 < low <= alpha_beta <= high, got 11.0, 10.0, 12.0"),
    (
        'citation = "Conventional value; e.g.',
        'cite = "Conventional value; e.g.',
        "tissues.toml: sources.convention-fowler: field 'citation' is missing",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), BROKEN_TISSUES)
def test_broken_tissue_file(copy_of, old: str, new: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(fr.DataFileError) as caught:
        load_tissues(copy_of("tissues.toml", old, new))
    assert message in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(fr.DataFileError, match="catalogue file not found"):
        load_schemes(tmp_path / "nothing.toml")


def test_shipped_files_are_all_loaded() -> None:
    shipped = sorted(p.name for p in schemes_dir().glob("*.toml"))
    assert shipped == ["document.toml", "literature.toml", "repopulation.toml", "tissues.toml", "tolerances.toml"]
    for name in ("document.toml", "literature.toml"):
        assert load_schemes(schemes_dir() / name)
    assert load_tissues(schemes_dir() / "tissues.toml")
    assert load_repopulation(schemes_dir() / "repopulation.toml")
    assert fr.tolerance_rules(schemes_dir() / "tolerances.toml")


def test_broken_repopulation_file(copy_of) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(
        fr.DataFileError, match=r"repopulation\[0\] \('hnscc-pedicini-2015'\): field 'kickoff_days' is missing"
    ):
        load_repopulation(copy_of("repopulation.toml", "kickoff_days = 19.2\n", ""))
    with pytest.raises(fr.DataFileError, match="kickoff_days must be a finite number 0 or more, got -1"):
        load_repopulation(copy_of("repopulation.toml", "kickoff_days = 19.2", "kickoff_days = -1"))


def test_duplicate_names_across_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in schemes_dir().glob("*.toml"):
        shutil.copy(path, tmp_path)
    text = (tmp_path / "literature.toml").read_text(encoding="utf-8")
    (tmp_path / "literature.toml").write_text(
        text.replace("RTOG 9714: 8 Gy x 1", "Document: 8 Gy x 1"), encoding="utf-8"
    )
    monkeypatch.setattr("fractionation._catalogue.schemes_dir", lambda: tmp_path)
    fr.catalogue.cache_clear()
    try:
        with pytest.raises(fr.DataFileError, match="scheme name 'Document: 8 Gy x 1' is used twice"):
            fr.catalogue()
    finally:
        fr.catalogue.cache_clear()
