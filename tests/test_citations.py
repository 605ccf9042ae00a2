"""Citations to take away: every entry parses as BibTeX, and CSL-JSON has the keys styles need."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import bibtexparser
import pytest

import fractionation as fr
from fractionation import cli
from fractionation._data import _bundled, _sources, model_sources, schemes_dir

#: The BibTeX fields each entry type needs (the standard styles' required fields, as the data holds them).
REQUIRED_BIBTEX = {"article": {"author", "title", "journal", "year"}, "book": {"title"},
                   "techreport": {"author", "title", "year"}, "misc": {"title"}}  # fmt: skip


def everything() -> fr.Citations:
    history = fr.History.of([fr.Course.of("30 Gy/10"), fr.Course.of("8 Gy x 1", months_after=8)])
    return fr.cite(
        schemes=fr.catalogue(),
        alpha_betas=[*fr.tissues(), 4.5],
        models=[fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=1.5), fr.LQL(transition_dose=6),
                fr.USC(), None],
        rules=[*fr.tolerance_rules(), *fr.check_plan(history)],
        repopulation=fr.repopulation("hnscc-pedicini-2015"),
    )  # fmt: skip


def every_source() -> Iterator[fr.Source]:
    for path in schemes_dir().iterdir():
        if path.name.endswith(".toml"):
            yield from _sources(_bundled_data(path.name), _bundled(path.name)).values()


def _bundled_data(name: str) -> dict[str, object]:
    import tomllib

    return tomllib.loads((schemes_dir() / name).read_text(encoding="utf-8"))


def test_every_source_of_the_data_is_cited_once() -> None:
    ids = {s.id for s in every_source()}
    assert {s.id for s in everything().sources} == ids
    assert len(everything().sources) == len(ids)


def test_a_source_used_in_two_files_is_the_same_reference() -> None:
    by_id: dict[str | None, fr.Source] = {}
    for source in every_source():
        assert by_id.setdefault(source.id, source) == source, source.id


def test_every_bibtex_entry_parses_with_its_required_fields() -> None:
    refs = everything()
    parsed = bibtexparser.loads(refs.bibtex())
    assert [e["ID"] for e in parsed.entries] == [s.id for s in refs.sources]
    for entry in parsed.entries:
        missing = REQUIRED_BIBTEX[entry["ENTRYTYPE"]] - set(entry)
        assert not missing, (entry["ID"], missing)
    assert not parsed.comments  # nothing the parser could not read as an entry
    assert refs.bibtex().count("{") == refs.bibtex().count("}")


def test_bibtex_of_the_document_names_it_by_its_title() -> None:
    text = fr.cite(schemes=[fr.scheme("document-8x1")]).bibtex()
    (entry, *_) = bibtexparser.loads(text).entries
    assert (entry["ENTRYTYPE"], entry["ID"], entry["title"]) == ("misc", "bone-metastases", "{Bone metastases}")
    assert "000_0e53780f4933217c" not in text


def test_csl_json_items_have_the_keys_citation_styles_need() -> None:
    items = json.loads(everything().csl_json())
    assert [i["id"] for i in items] == [s.id for s in everything().sources]
    for item in items:
        assert {"id", "type", "title"} <= set(item), item["id"]
        if item["type"] == "article-journal":
            assert {"author", "container-title", "issued"} <= set(item), item["id"]
            assert all({"family", "given"} <= set(a) for a in item["author"]), item["id"]
            assert isinstance(item["issued"]["date-parts"][0][0], int)
    rcr = next(i for i in items if i["id"] == "rcr-2019")
    assert rcr["author"] == [{"literal": "The Royal College of Radiologists"}]


def test_every_citation_text_agrees_with_its_fields() -> None:
    for source in every_source():
        if source.year is not None:
            assert str(source.year) in source.citation, source.id
        if source.authors and source.authors[0] != "{The Royal College of Radiologists}":
            family = source.authors[0].split(",")[0]
            assert source.citation.startswith(family), source.id
        if source.doi is not None:
            assert re.fullmatch(r"10\.\d{4,9}/\S+", source.doi)
        if source.volume is not None:
            assert source.volume in source.citation, source.id


def test_cite_counts_what_was_used() -> None:
    ids = [s.id for s in fr.cite(schemes=[fr.scheme("sc24-12x2"), fr.Scheme.parse("8 Gy x 1")]).sources]
    assert ids == ["sc24", "fowler-1989", "withers-1983"]  # a scheme without a source adds nothing
    plan = fr.check_plan(fr.History.of([fr.Course.of("30 Gy/10"), fr.Course.of("8 Gy x 1", months_after=8)]))
    assert [s.id for s in fr.cite(rules=plan).sources] == ["fowler-1989", "withers-1983", "nieder-2006"]
    twice = fr.cite(models=[fr.LQ(fractions_per_day=2, interval_hours=6, repair_half_time_hours=1.5)])
    assert [s.id for s in twice.sources] == ["fowler-1989", "withers-1983", "thames-1985"]
    assert sorted(model_sources()) == ["bed", "eqd2", "incomplete-repair", "lql", "repopulation", "usc"]


def test_cite_takes_scheme_objects() -> None:
    with pytest.raises(fr.WrongTypeError, match="schemes must hold Scheme objects, got str '8 Gy x 1'"):
        fr.cite(schemes=["8 Gy x 1"])


def test_cite_keeps_the_reference_not_a_datum_s_reading() -> None:
    (document, *_) = fr.cite(schemes=[fr.scheme("document-sbrt-8x3")]).sources
    assert (document.quote, document.reading, document.passage) == (None, None, None)


@pytest.mark.parametrize("form", ["bibtex", "csl-json"])
def test_the_cli_prints_the_references_behind_a_comparison(capsys: pytest.CaptureFixture[str], form: str) -> None:
    code = cli.main(["compare", "--document", "--alpha-beta", "cord", "--model", "lql", "--transition-dose", "6",
                     "--cite", form])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    expected = fr.cite(
        schemes=[s for s in fr.catalogue() if s.source.origin == "document"],
        alpha_betas=[fr.tissue("cord")],
        models=[fr.LQL(transition_dose=6)],
    )
    assert out == (expected.bibtex() if form == "bibtex" else expected.csl_json())
    assert len(bibtexparser.load(io.StringIO(out)).entries if form == "bibtex" else json.loads(out)) == 5
