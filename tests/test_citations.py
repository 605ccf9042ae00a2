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
        fr.missed_fractions("2 Gy x 35", missed=[14]),  # the method's references
        fr.reirradiation_report(history, recovery=fr.Recovery()),  # the recovery assumption's
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
    models = ["bed", "eqd2", "incomplete-repair", "interruptions", "interruptions-guidance", "lql", "recovery",
              "repopulation", "usc"]  # fmt: skip
    assert sorted(model_sources()) == models


def test_cite_takes_scheme_objects() -> None:
    with pytest.raises(
        fr.WrongTypeError, match="schemes must be a list of Scheme objects, got str '8 Gy x 1' at index 0"
    ):
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


#: Each command's result with --cite: exactly the references it rests on, in the order the library gives them.
CITED_BY_COMMAND = [
    (["solve", "--like", "30 Gy/10", "--n-fractions", "5", "--alpha-beta", "late", "--other-alpha-beta", "cord"],
     ["convention", "nieder-2006", "fowler-1989", "withers-1983"]),  # late, cord, then the formulas
    (["solve", "--target-eqd2", "40", "--dose-per-fraction", "4", "--alpha-beta", "10", "--model", "lql",
      "--transition-dose", "6"], ["fowler-1989", "withers-1983", "astrahan-2008"]),  # a number has no source
    (["cumulative", "30 Gy/10", "20 Gy/5", "--months", "12"],
     ["nieder-2006", "fowler-1989", "withers-1983"]),  # the cord preset and the rules checked: one paper
    (["cumulative", "20 Gy/5", "24 Gy/2", "--months", "9", "--sbrt", "--alpha-beta", "cord-lumbar"],
     ["nieder-2006", "fowler-1989", "withers-1983", "sahgal-2012"]),
    (["cumulative", "30 Gy/10", "20 Gy/5", "--months", "12", "--recovery"],
     ["nieder-2006", "fowler-1989", "withers-1983", "doi-2021"]),  # the recovery assumption shown beside the sums
    (["cumulative", "30 Gy/10", "20 Gy/5", "--months", "12", "--model", "usc"],
     ["nieder-2006", "fowler-1989", "withers-1983", "park-2008"]),  # LQ for the verdict, USC's values beside
    (["missed", "2 Gy x 35", "--missed", "14", "--normal", "late"],
     ["dale-2002", "rcr-interruptions-2019", "convention-fowler", "convention", "fowler-1989", "withers-1983",
      "thames-1985", "dale-1989", "pedicini-2015"]),  # method, tumour, late, formulas, two a day, time correction
    (["missed", "2 Gy x 35", "--missed", "14", "--tumour", "10", "--normal", "3", "--kickoff-days", "21",
      "--dprolif", "0.9"], ["dale-2002", "rcr-interruptions-2019", "fowler-1989", "withers-1983", "thames-1985",
                            "dale-1989"]),  # numbers and a time correction of one's own: no preset's source
    (["quiz", "--seed", "1", "--count", "1", "--topic", "cumulative-cord", "--level", "easy"],
     ["nieder-2006", "fowler-1989", "withers-1983"]),
    (["quiz", "--seed", "1", "--count", "1", "--topic", "missed"],
     ["dale-2002", "rcr-interruptions-2019", "convention-fowler", "fowler-1989", "withers-1983", "dale-1989",
      "pedicini-2015"]),  # the question asks the tumour's loss only: no normal tissue, no two-a-day repair
    (["quiz", "--seed", "1", "--count", "2", "--topic", "eqd2", "--level", "easy"],  # 3 Gy x 10 late, 8 Gy x 3 tumour
     ["bone-metastases", "convention", "fowler-1989", "withers-1983", "convention-fowler"]),
    (["tissues"], ["convention-fowler", "convention", "nieder-2006", "schultheiss-2008", "share", "thames-1990"]),
    (["catalogue"], ["bone-metastases", "rtog-9714", "dbms", "astro-2017", "astro-2024", "scorad", "sc20", "sc24",
                     "rtog-0631", "braam", "sabr-comet", "rcr-2019"]),  # listings: no formula was used
]  # fmt: skip


@pytest.mark.parametrize(("argv", "expected"), CITED_BY_COMMAND, ids=lambda v: " ".join(v[:1]) if v else "")
def test_every_command_cites_what_its_result_rests_on(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: list[str]
) -> None:
    assert cli.main([*argv, "--cite", "csl-json"]) == 0
    assert [item["id"] for item in json.loads(capsys.readouterr().out)] == expected
    assert cli.main([*argv, "--cite", "bibtex"]) == 0
    entries = bibtexparser.load(io.StringIO(capsys.readouterr().out)).entries
    assert [entry["ID"] for entry in entries] == expected


def test_results_name_their_sources_for_cite() -> None:
    report = fr.reirradiation_report(
        fr.History.of([fr.Course.of("30 Gy/10"), fr.Course.of("8 Gy x 1", months_after=8)]),
        alpha_beta=fr.tissue("cord"),
    )
    assert [s.id for s in fr.cite(report).sources] == ["nieder-2006", "fowler-1989", "withers-1983"]
    assert report.alpha_beta == 2.0  # a preset is taken at its alpha/beta
    questions = fr.quiz(seed=5, count=14)
    merged = fr.cite(*questions).sources
    assert set(merged) == {s for q in questions for s in q.sources}
    assert len(set(merged)) == len(merged)
    for q in questions:  # a catalogue scheme a question names brings its source
        named = [s for s in fr.catalogue() if s.label == q.inputs.get("scheme") and s.source is not None]
        assert not named or {s.source.reference for s in named} & set(q.sources), q.text
    # Results alone add only what they name; the keywords add the formulas with what they name.
    assert fr.cite(fr.tissue_table()).sources == tuple(dict.fromkeys(t.source.reference for t in fr.tissues()))
    both = [s.id for s in fr.cite(fr.tissue_table(), schemes=[fr.scheme("sc24-12x2")]).sources]
    assert both[-3:] == ["sc24", "fowler-1989", "withers-1983"]


@pytest.mark.parametrize("result", ["a report", 3.0, fr.compare(["8 Gy x 1"], [10])])
def test_cite_refuses_what_names_no_sources(result: object) -> None:
    with pytest.raises(fr.WrongTypeError) as caught:
        fr.cite(result)  # type: ignore[arg-type]
    assert caught.value.argument == "results"


def test_quote_once_cites_each_reference_once_and_each_quote_once() -> None:
    document = fr.catalogue(origin="document")
    shown = [*document, fr.scheme("sc24-12x2"), fr.Scheme.parse("7 Gy x 5"), fr.tissue("cord"), *document[:2]]
    listed = fr.quote_once(shown)
    assert [q.reference.id if q.reference else None for q in listed] == ["bone-metastases", "sc24", "nieder-2006",
                                                                          None]  # fmt: skip
    bone = listed[0]
    assert [p.quote for p in bone.passages] == list(dict.fromkeys(s.source.quote for s in document))  # two passages
    palliative, stereotactic = [str(s) for s in document[:3]], [str(s) for s in document[3:]]
    assert [[i.label for i in p.items] for p in bone.passages] == [palliative + palliative[:2], stereotactic]
    assert [i.reading for i in bone.passages[1].items] == [s.source.reading for s in document[3:]]  # each its own
    assert bone.reference == document[0].source.reference  # the reference alone: its quote is the passage's
    assert listed[-1].items == (fr.SourcedItem(label="7 Gy x 5"),)  # no source: last, no quote
    assert listed[-1].passages[0].quote is None
    assert listed[2].items[0].label == "Spinal cord, cervical and thoracic (α/β 2 Gy)"
    with pytest.raises(fr.WrongTypeError) as refused:
        fr.quote_once(["8 Gy x 1"])
    assert refused.value.argument == "items"
