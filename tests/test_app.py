"""The Streamlit app through AppTest: every control, each bad input, forged links, the link round trip.

Every number on the page must equal a direct `fractionation` call.
"""

from __future__ import annotations

import datetime
import json
from html.parser import HTMLParser
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import fractionation as fr
from fractionation.app.common import literal
from tests.conftest import REPO

APP = str(REPO / "app.py")
DOCUMENT = [s for s in fr.catalogue() if s.source and s.source.origin == "document"]
DEFAULT_COLUMNS = ["tumour (10)", "late (3)", "cord (2)"]
FORGED = "![t](http://host/x.png) [site](http://host) :red[**URGENT: dose too high**]"


def fresh(params: dict[str, Any] | None = None, *, panels: tuple[str, ...] = ()) -> AppTest:
    """The page as a first visit sees it, from a link's parameters, with the named panels then opened."""
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return opened(at, *panels) if panels else at


def opened(at: AppTest, *panels: str) -> AppTest:
    """Open panels as a click would: the expander's state is its key's, and opening reruns."""
    for key in panels:
        at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception
    return at


class _Table(HTMLParser):
    """The main table's HTML as rows of (tag, text, title) cells."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, str, str]]] = []
        self.cell: list[Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self.cell = [tag, "", dict(attrs).get("title") or ""]

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append((self.cell[0], self.cell[1].strip(), self.cell[2]))
            self.cell = None


def table_html(at: AppTest) -> str:
    return next(h.proto.body for h in at.get("html") if 'class="fr-table"' in h.proto.body)


def table(at: AppTest) -> pd.DataFrame:
    """The main table as shown: one row per scheme, its text as on the page, and its group."""
    parser = _Table()
    parser.feed(table_html(at))
    header, *rows = parser.rows
    records, group = [], ""
    for row in rows:
        if len(row) == 1:
            group = row[0][1]
            continue
        records.append({"Group": group, **{h[1]: cell[1].rstrip(" ⚠") for h, cell in zip(header, row, strict=True)}})
    return pd.DataFrame(records)


def headers(at: AppTest) -> dict[str, str]:
    """Each header of the main table and its hover text."""
    parser = _Table()
    parser.feed(table_html(at))
    return {text: title for _, text, title in parser.rows[0]}


def shown(value: float) -> str:
    """A dose as the page shows it."""
    return f"{value:.2f}"


def link(at: AppTest) -> dict[str, list[str]]:
    """The query parameters the page wrote; AppTest gives one value as str, several as a list."""
    return {k: v if isinstance(v, list) else [v] for k in at.query_params if (v := at.query_params[k]) is not None}


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def rendered_markdown(at: AppTest) -> list[str]:
    """Every piece of text the page renders as markdown."""
    kinds = ("markdown", "caption", "warning", "error", "info", "success")
    return [e.value for kind in kinds for e in at.get(kind)]


@pytest.fixture(scope="module")
def default() -> AppTest:
    return fresh()


def test_the_first_screen_shows_the_six_document_schemes_with_eqd2_per_tissue(default: AppTest) -> None:
    shown_table = table(default)
    assert shown_table["Scheme"].tolist() == [str(s) for s in DOCUMENT]
    assert shown_table["Group"].tolist() == ["Palliative"] * 3 + ["Stereotactic"] * 3
    assert list(shown_table.columns) == ["Group", "Scheme", "Total", *DEFAULT_COLUMNS]
    assert [t.label for t in default.tabs] == ["EQD2 (Gy)", "BED (Gy)"]
    assert 'data-quantity="eqd2"' in table_html(default)  # EQD2 leads


def test_every_number_in_the_table_is_the_library_s(default: AppTest) -> None:
    expected = fr.compare(DOCUMENT, [fr.tissue("tumour"), fr.tissue("late"), fr.tissue("cord")])
    rows = table(default)
    assert rows["Total"].tolist() == [shown(v) for v in expected["total_dose"][::3]]
    for j, column in enumerate(DEFAULT_COLUMNS):
        assert rows[column].tolist() == [shown(v) for v in expected["eqd2"][j::3]]


def test_bed_is_one_click_away() -> None:
    at = fresh()
    at.session_state["quantity"] = "BED (Gy)"
    at.run()
    assert 'data-quantity="bed"' in table_html(at)
    assert table(at)["cord (2)"].tolist() == [shown(v) for v in fr.compare(DOCUMENT, [fr.tissue("cord")])["bed"]]


def test_every_header_explains_itself_on_hover(default: AppTest) -> None:
    tips = headers(default)
    assert all(tips.values()), tips
    assert "EQD2 for Spinal cord, cervical and thoracic (α/β 2)" in tips["cord (2)"]
    assert "2 Gy fractions" in tips["cord (2)"]
    assert "Physical total dose" in tips["Total"]


def test_a_glossary_is_one_click_away(default: AppTest) -> None:
    text = " ".join(rendered_markdown(default))
    for word in ("**BED**", "**EQD2**", "**alpha/beta (α/β)**", "**Fraction**", "**Overall time (T)**"):
        assert word in text


def test_the_page_says_it_is_not_for_prescribing(default: AppTest) -> None:
    assert any("not a prescribing system" in c.value for c in default.caption)


def test_a_rerun_that_changes_nothing_recomputes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    at = fresh()
    calls: list[str] = []
    for name in fr.__all__:
        value = getattr(fr, name)
        if callable(value) and not isinstance(value, type):
            monkeypatch.setattr(fr, name, lambda *a, _n=name, _f=value, **k: calls.append(_n) or _f(*a, **k))
    at.run()
    assert not at.exception
    assert calls == []


def test_panels_are_built_only_when_opened(default: AppTest) -> None:
    labels = [e.label for e in default.expander]
    assert labels[0] == "Sources: where each scheme comes from"
    assert "Show the working" in labels
    assert all(not e.children for e in default.expander)  # closed: the label alone reaches the page
    at = fresh(panels=("panel_working",))
    assert at.latex
    assert not any(e.children for e in at.expander if e.label != "Show the working")
    at.session_state["panel_working"] = False
    assert not at.run().latex


def test_a_closed_panel_keeps_what_was_set_in_it() -> None:
    at = fresh(panels=("panel_reirradiation", "panel_isoeffect"))
    at.text_input(key="re_planned").set_value("24 Gy/2").run()
    at.selectbox(key="iso_scheme").set_value("Document: 3 Gy x 10").run()
    at.session_state["panel_reirradiation"] = at.session_state["panel_isoeffect"] = False
    at.run()
    assert "re_planned" not in [w.key for w in at.text_input]  # closed: not drawn
    opened(at, "panel_reirradiation", "panel_isoeffect")
    assert at.text_input(key="re_planned").value == "24 Gy/2"
    assert at.selectbox(key="iso_scheme").value == "Document: 3 Gy x 10"
    assert at.number_input(key="re_months").value == 6.0  # and an untouched input keeps its default


def test_sources_show_the_title_each_quote_once_and_the_reading_taken() -> None:
    at = fresh(panels=("panel_sources",))
    text = " ".join(m.value for m in at.markdown)
    assert text.count(literal("Bone metastases. A public patient-information text")) == 1  # cited once
    assert "000_0e53780f4933217c" not in text  # the document by its title, never its file name
    assert text.count(literal("1 session of 8 Gy, 5 sessions of 4 Gy and 10 sessions of 3 Gy")) == 1
    assert text.count(literal("which usually takes from 3 to 8 Gy and 5 sessions from 6 to 7 Gy")) == 1
    assert text.count("*Reading taken:*") == 6
    assert "*Reading taken:* Ambiguous" in text


def test_schedule_shows_overall_time() -> None:
    at = fresh(panels=("panel_schedule",))
    assert any("first on day 0 (a Monday)" in c.value for c in at.caption)


def test_a_scheme_above_10_gy_per_fraction_is_marked_with_the_library_s_caution() -> None:
    at = fresh()
    at.multiselect(key="lit_pick").set_value(["sc24-12x2", "rtog-9714-3x10"]).run()
    html = table_html(at)
    caution = fr.lq_caution(12.0)
    assert caution
    assert f'class="caution" title="{caution}"' in html
    rows = table(at)
    assert rows.set_index("Scheme").loc["SC.24: SBRT 24 Gy/2", "Group"] == "Stereotactic"
    assert rows.set_index("Scheme").loc["RTOG 9714: 30 Gy/10", "Group"] == "Palliative"
    assert html.count('class="caution"') == 1


def test_every_caution_the_library_gives_is_written_out_literally() -> None:
    at = fresh()
    assert not at.warning  # the document's schemes: no caution
    at.multiselect(key="lit_pick").set_value(["sc24-12x2"]).run()
    add_notation(at, "34 Gy x 1")  # above 30 Gy per fraction
    add_notation(at, "30 Gy x 10")  # a total typed as a dose per fraction
    (shown,) = [w.value for w in at.warning]
    expected = [(scheme, caution) for scheme in (fr.scheme("sc24-12x2"), fr.Scheme.parse("34 Gy x 1"),
                                                 fr.Scheme.parse("30 Gy x 10")) for caution in scheme.cautions]  # fmt: skip
    assert {c.kind for _, c in expected} == {"lq-uncertain", "unusual-dose-per-fraction", "total-as-dose-per-fraction"}
    lines = shown.split("\n\n")
    assert len(lines) == len(expected) == 5  # 12 Gy: LQ; 34 Gy: LQ, unusual; 30 Gy x 10: LQ, a total?
    for scheme, caution in expected:
        assert f"{literal(str(scheme))}: {literal(str(caution))}" in lines  # as text, never as markdown
    assert table_html(at).count('class="caution"') == 3


def add_notation(at: AppTest, text: str) -> AppTest:
    at.text_input(key="new_notation").input(text)
    return at.button(key="add_notation").click().run()


def add_alpha_beta(at: AppTest, text: str) -> AppTest:
    at.text_input(key="new_ab").input(text)
    return at.button(key="add_ab").click().run()


def test_add_schemes_by_notation_and_by_numbers_as_exact_values() -> None:
    at = fresh()
    add_notation(at, "20 Gy in 5 fractions")
    add_notation(at, "0.004 Gy x 1")
    add_notation(at, ".126 Gy x 2")
    at.number_input(key="new_n").set_value(2)
    at.number_input(key="new_d").set_value(8.0)
    at.button(key="add_numbers").click().run()
    assert not at.exception
    added = table(at).query("Group == 'Added schemes'")
    assert added["Scheme"].tolist() == ["4 Gy x 5", "0.004 Gy x 1", "0.126 Gy x 2", "8 Gy x 2"]
    assert added["cord (2)"].tolist() == [
        shown(fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=2))
        for d, n in ((4, 5), (0.004, 1), (0.126, 2), (8, 2))
    ]
    assert link(at)["custom"] == ["4 Gy x 5", "0.004 Gy x 1", "0.126 Gy x 2", "8 Gy x 2"]
    assert [s.dose_per_fraction for s in at.session_state["added_pick"]] == [4, 0.004, 0.126, 8]


def test_a_number_field_adds_the_value_it_shows_or_says_why_not() -> None:
    at = fresh()
    at.number_input(key="new_n").set_value(0)
    at.button(key="add_numbers").click().run()
    assert any(literal("n_fractions") in e.value for e in at.error)
    assert "Added schemes" not in table(at)["Group"].tolist()
    at.number_input(key="new_n").set_value(7)
    at.number_input(key="new_d").set_value(2.5)
    at.button(key="add_numbers").click().run()
    assert not at.error
    assert table(at)["Scheme"].tolist()[-1] == "2.5 Gy x 7"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("8x1", "cannot read '8x1' as a scheme: ambiguous"),
        ("banana", "cannot read 'banana' as a scheme"),
        ("900 Gy x 1", "cGy"),
    ],
)
def test_an_unreadable_scheme_is_an_inline_message_cleared_by_a_good_one(text: str, message: str) -> None:
    at = fresh()
    before = table(at)
    add_notation(at, text)
    assert not at.exception
    (error,) = at.error
    assert literal(message) in error.value
    pd.testing.assert_frame_equal(table(at), before)
    add_notation(at, "8 Gy x 1")
    assert not at.error


def test_tissues_and_alpha_beta_as_people_type_them() -> None:
    at = fresh()
    at.multiselect(key="tissue_pick").set_value(["cord-fitted"]).run()
    add_alpha_beta(at, "4.5")
    add_alpha_beta(at, "4 Gy")  # a box that says "in Gy" takes the unit
    add_alpha_beta(at, "prostate")  # a tissue's id adds the preset
    assert not at.error
    rows = table(at)
    assert [c for c in rows.columns if c not in ("Group", "Scheme", "Total")] == [
        "cord-fitted (0.87)", "prostate (1.5)", "α/β 4.5", "α/β 4",
    ]  # fmt: skip
    assert rows["α/β 4.5"].tolist() == [shown(s.eqd2(4.5)) for s in DOCUMENT]


@pytest.mark.parametrize(
    ("text", "expected"), [("0", "from 0.01 to 1000"), ("abc", "a number of Gy"), ("300 cGy", "not cGy")]
)
def test_a_bad_alpha_beta_is_an_inline_message_cleared_by_a_good_one(text: str, expected: str) -> None:
    at = fresh()
    add_alpha_beta(at, text)
    assert not at.exception
    (error,) = at.error
    assert literal(expected) in error.value
    assert len(table(at).columns) == 6  # unchanged: group, scheme, total and three tissues
    add_alpha_beta(at, "5")
    assert not at.error


def test_the_forms_submit_on_enter() -> None:
    """Each text box sits in a form with a submit button: Enter in the box submits it (Streamlit's forms)."""
    at = fresh()
    forms = {b.proto.form_id for b in at.get("button") if b.proto.is_form_submitter}
    assert forms == {"add_notation_form", "add_numbers_form", "add_ab_form"}


def test_show_the_working_ends_in_the_number_in_the_table() -> None:
    at = fresh(panels=("panel_working",))
    at.selectbox(key="work_scheme").set_value("Document: SBRT 7 Gy x 5").run()
    at.selectbox(key="work_tissue").select_index(2).run()
    latex = [x.value.strip("$\n") for x in at.latex]
    expected = table(at).set_index("Scheme").loc["Document: SBRT 7 Gy x 5", "cord (2)"]
    assert latex[0].startswith("D = n\\,d = 5 \\times 7 = 35")
    assert latex[2].endswith("= 78.75\\ \\mathrm{Gy}")
    assert expected == "78.75"


def test_presentation_mode_keeps_the_teacher_s_controls_on_the_page_and_in_the_link() -> None:
    at = fresh()
    at.toggle(key="presentation").set_value(True).run()
    teacher = {"doc_pick", "tissue_pick", "live_on", "live_ab"}
    in_main = {w.key for kind in ("multiselect", "toggle", "slider") for w in at.main.get(kind)}
    in_sidebar = {w.key for kind in ("multiselect", "toggle", "slider") for w in at.sidebar.get(kind)}
    assert teacher <= in_main
    assert not teacher & in_sidebar
    style = next(h.proto.body for h in at.get("html") if "stSidebar" in h.proto.body)
    assert "display: none" in style
    assert link(at)["present"] == ["1"]
    at.slider(key="live_ab").set_value(6.5).run()  # moving the slider shows its column
    assert table(at)["α/β 6.5"].tolist() == [shown(s.eqd2(6.5)) for s in DOCUMENT]
    assert fresh({"present": "1"}).toggle(key="presentation").value


def test_an_empty_selection_says_what_to_do() -> None:
    at = fresh()
    at.multiselect(key="doc_pick").set_value([]).run()
    assert any("Choose at least one scheme" in i.value for i in at.info)
    assert link(at)["doc"] == ["-"]


def test_downloads_are_built_on_the_click_and_carry_the_link_and_sources(default: AppTest) -> None:
    buttons = {b.label: b for b in default.get("download_button")}
    assert list(buttons) == [
        "Download CSV", "Download JSON", "Download Markdown", "References (BibTeX)", "References (CSL-JSON)",
    ]  # fmt: skip
    from fractionation.app.downloads import exports

    schemes = tuple(DOCUMENT)
    tissues = (fr.tissue("tumour"), fr.tissue("late"), fr.tissue("cord"))
    csv, document, markdown = exports(schemes, tissues, "http://host/?tissue=cord")
    expected = fr.compare(list(schemes), list(tissues))
    rows = pd.read_csv(pd.io.common.StringIO(csv.decode()), comment="#")
    assert rows["eqd2"].tolist() == pytest.approx(expected["eqd2"].tolist(), rel=1e-12)
    assert "# View: http://host/?tissue=cord" in csv.decode()
    parsed = json.loads(document)
    assert parsed["link"] == "http://host/?tissue=cord"
    assert [r["eqd2"] for r in parsed["rows"]] == pytest.approx(expected["eqd2"].tolist(), rel=1e-12)
    assert parsed["sources"][0]["citation"].startswith("Bone metastases")
    assert "Reading taken:" in markdown.decode()
    assert "View: <http://host/?tissue=cord>" in markdown.decode()
    for button in buttons.values():
        assert button.proto.deferred_file_id  # built when clicked, not at every rerun
        assert not button.proto.url
        assert button.proto.ignore_rerun  # and a click does not rerun the page


def test_link_round_trip() -> None:
    at = fresh()
    at.multiselect(key="doc_pick").set_value(["document-8x1"]).run()
    at.multiselect(key="lit_pick").set_value(["sabr-comet-7x5"]).run()
    add_notation(at, "24 Gy/2")
    at.multiselect(key="tissue_pick").set_value(["cord", "prostate"]).run()
    add_alpha_beta(at, "7")
    params = link(at)
    assert params == {
        "doc": ["document-8x1"], "lit": ["sabr-comet-7x5"], "custom": ["12 Gy x 2"],
        "tissue": ["cord", "prostate"], "ab": ["7"],
    }  # fmt: skip
    pd.testing.assert_frame_equal(table(fresh(params)), table(at))


def test_link_problems_are_said_once_and_the_link_is_rewritten() -> None:
    at = fresh({"lit": ["No such trial", "rcr-2019-8x1"], "custom": ["8x1", "5 x 4 Gy"], "tissue": ["bone", "cord"],
                "ab": ["zero", "5"], "present": "yes"})  # fmt: skip
    said = warnings(at)
    assert literal("Link parameter lit: no scheme 'No such trial' in the catalogue; ignored.") in said
    assert any(w.startswith(literal("Link parameter custom: cannot read '8x1' as a scheme: ambiguous")) for w in said)
    assert literal("Link parameter tissue: no tissue preset 'bone' in the catalogue; ignored.") in said
    assert literal("Link parameter present: expected 1, got 'yes'; ignored.") in said
    assert len(said) == len(set(said)) == 5
    assert link(at) == {"lit": ["rcr-2019-8x1"], "custom": ["4 Gy x 5"], "tissue": ["cord"], "ab": ["5"]}
    rows = table(at)
    assert "RCR 2019: 8 Gy x 1" in rows["Scheme"].tolist()
    assert at.multiselect(key="tissue_pick").value == ["cord"]
    at.run()  # the next interaction: said once, not for the whole session
    assert warnings(at) == []


def test_nonsense_doc_keeps_the_defaults_and_a_repeated_doc_gives_one_row() -> None:
    at = fresh({"doc": "nonsense"})
    assert table(at)["Scheme"].tolist() == [str(s) for s in DOCUMENT]
    assert len(warnings(at)) == 1
    at = fresh({"doc": ["document-4x5", "document-4x5", "document-4x5"]})
    assert table(at)["Scheme"].tolist() == ["Document: 4 Gy x 5"]


def test_a_forged_link_shows_its_text_literally_and_nothing_else() -> None:
    at = fresh({"doc": FORGED, "custom": FORGED, "tissue": FORGED, "ab": FORGED, "live": FORGED})
    rendered = rendered_markdown(at)
    assert rendered
    for text in rendered:
        assert "![" not in text.replace("\\![", "")
        assert "](http" not in text
        assert ":red[" not in text.replace("\\:red\\[", "")
        assert "**URGENT" not in text
    assert sum(literal(FORGED) in w for w in warnings(at)) >= 3
    assert FORGED not in table_html(at)


def test_a_link_cannot_make_the_page_cost_more_than_a_normal_one() -> None:
    """The library's bounds apply to what a link sets: 1,500,000 fractions is refused, not computed."""
    at = fresh({"custom": ["2 Gy x 1500000", "2 Gy x 3000000"]})
    said = warnings(at)
    assert len(said) == 2
    assert all(literal("from 1 to 1000") in w for w in said)
    assert "Added schemes" not in table(at)["Group"].tolist()
    assert "custom" not in link(at)


def test_live_alpha_beta_column_follows_the_slider_and_the_link() -> None:
    at = fresh()
    at.toggle(key="live_on").set_value(True).run()
    at.slider(key="live_ab").set_value(6.5).run()
    rows = table(at)
    assert rows["α/β 6.5"].tolist() == [shown(s.eqd2(6.5)) for s in DOCUMENT]
    assert link(at)["live"] == ["6.5"]
    pd.testing.assert_frame_equal(table(fresh({"live": "6.5"})), rows)


@pytest.mark.parametrize("value", ["0", "abc", "0.7", "25"])
def test_bad_live_link_parameter(value: str) -> None:
    at = fresh({"live": value})
    assert literal(f"Link parameter live: expected 0.5 to 20 Gy in steps of 0.5, got {value!r}; ignored.") in warnings(
        at
    )
    assert not at.toggle(key="live_on").value


def test_isoeffect_panel_matches_the_library_and_adds_the_scheme() -> None:
    at = fresh(panels=("panel_isoeffect",))
    at.selectbox(key="iso_scheme").set_value("Document: 3 Gy x 10").run()
    at.number_input(key="iso_n").set_value(5).run()
    iso = fr.isoeffective_scheme(fr.Scheme.parse("3 Gy x 10"), n_fractions=5, alpha_beta=10, other_alpha_beta=2)
    text = next(m.value for m in at.markdown if "gives EQD2" in m.value)
    assert f"**{iso.converted.dose_per_fraction:.2f} Gy x 5**" in text
    assert (
        f"{iso.other_eqd2_original:.2f} Gy before, {iso.other_eqd2_converted:.2f} Gy after ({iso.other_change:+.2f} Gy)"
        in text
    )
    at.button(key="iso_add").click().run()
    added = at.session_state["added_pick"]
    assert [s.dose_per_fraction for s in added] == [iso.converted.dose_per_fraction]  # the value, not its label
    assert table(at)["Scheme"].tolist()[-1].startswith("≈")


@pytest.mark.parametrize("n", [0, -3])
def test_isoeffect_out_of_range_is_an_inline_message_not_the_old_answer(n: int) -> None:
    at = fresh(panels=("panel_isoeffect",))
    at.number_input(key="iso_n").set_value(n).run()
    assert not at.exception
    assert any(literal("n_fractions") in e.value for e in at.error)
    assert not any("gives EQD2" in m.value for m in at.markdown)
    assert "iso_add" not in [b.key for b in at.button]


def test_isoeffect_contrasts_with_the_last_tissue_as_the_list_changes() -> None:
    at = fresh(panels=("panel_isoeffect",))
    assert at.selectbox(key="iso_other").value.endswith("(α/β 2)")
    at.multiselect(key="tissue_pick").set_value(["tumour", "late"]).run()
    assert at.selectbox(key="iso_other").value.endswith("(α/β 3)")


def test_models_panel_compares_lq_lql_and_usc_for_the_stereotactic_schemes() -> None:
    at = fresh(panels=("panel_models",))
    at.number_input(key="lql_dt").set_value(5.0).run()
    models = next(t.value.reset_index() for t in at.table if "EQD2 USC" in t.value.columns)
    assert models["Scheme"].tolist() == [str(s) for s in DOCUMENT if s.intent == "stereotactic"]
    usc, lql = fr.USC(), fr.LQL(transition_dose=5.0)
    row = models.set_index("Scheme").loc["Document: SBRT 7 Gy x 5"]
    scheme = fr.Scheme.parse("7 Gy x 5")
    assert row["EQD2 LQ"] == shown(scheme.eqd2(usc.alpha_beta))
    assert row["EQD2 LQ-L (dT 5)"] == shown(scheme.eqd2(usc.alpha_beta, model=lql))
    assert row["EQD2 USC"] == shown(scheme.eqd2(usc.alpha_beta, model=usc))
    at.number_input(key="lql_dt").set_value(-1.0).run()
    assert not at.exception
    assert any(literal("transition_dose") in e.value for e in at.error)


def test_models_panel_takes_usc_beta_as_derived_or_as_quoted() -> None:
    at = fresh(panels=("panel_models",))
    assert any("alpha/beta 8.605 Gy, from USC's beta 0.03835/Gy² (derived)" in c.value for c in at.caption)
    at.radio(key="usc_beta").set_value("as often quoted").run()
    models = next(t.value.reset_index() for t in at.table if "EQD2 USC" in t.value.columns)
    quoted = fr.USC(beta=0.038)
    row = models.set_index("Scheme").loc["Document: SBRT 7 Gy x 5"]
    assert row["EQD2 USC"] == shown(fr.Scheme.parse("7 Gy x 5").eqd2(quoted.alpha_beta, model=quoted))
    assert any("alpha/beta 8.684 Gy, from USC's beta 0.038/Gy² (stated)" in c.value for c in at.caption)


def test_stereotactic_is_the_scheme_s_intent_not_its_dose_per_fraction() -> None:
    def models_panel(at: AppTest) -> bool:
        return any(e.label.startswith("High doses per fraction") for e in at.expander)

    assert not models_panel(fresh({"doc": "document-8x1", "custom": "8 Gy x 3"}))  # 8 Gy, but no stated intent
    assert models_panel(fresh({"doc": "document-sbrt-6x5"}))


def test_the_charts_give_each_tissue_one_colour() -> None:
    at = fresh(panels=("panel_charts",))
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) == 2
    bars = specs[0]["layer"][0]["encoding"]["color"]["scale"]
    marks = specs[1]["layer"][1]["encoding"]["color"]["scale"]
    assert bars["range"][:3] == marks["range"][:3] == ["#0072B2", "#E69F00", "#009E73"]
    assert bars["domain"] == marks["domain"]
    assert any("alpha/beta range of Tumour, early-responding tissue, 8-12 Gy" in c.value for c in at.caption)


def reirradiation_checks(at: AppTest) -> pd.DataFrame:
    return next(t.value.reset_index() for t in at.table if "Verdict" in t.value.columns)


def test_reirradiation_panel_defaults_match_the_library() -> None:
    at = fresh(panels=("panel_reirradiation",))
    history = fr.History.of(
        [fr.Course.parse("30 Gy/10"), fr.Course.parse("6 Gy x 2", months_after=6, stereotactic=True)]
    )
    report = fr.reirradiation_report(history)
    checks = reirradiation_checks(at)
    assert checks["Rule"].tolist() == [c.rule.name for c in report.checks]
    assert checks["Verdict"].tolist() == ["✓ holds" if c.holds else f"✗ {c.mark}" for c in report.checks]
    assert any(report.verdict == s.value for s in at.success)  # the verdict line, above the chart
    sources = [c.value for c in at.caption if c.value.startswith("Sources:")]
    assert len(sources) == 1
    assert sources[0].count("Sahgal A, Ma L") == 1
    assert any("For teaching" in w.value for w in at.warning)


def test_reirradiation_panel_failures_recovery_and_lumbar_cord() -> None:
    at = fresh(panels=("panel_reirradiation",))
    at.text_input(key="re_planned").set_value("24 Gy/2").run()
    verdicts = dict(zip(reirradiation_checks(at)["Rule"], reirradiation_checks(at)["Verdict"], strict=True))
    assert verdicts["SBRT re-irradiation: SBRT point maximum EQD2"] == "✗ EXCEEDED"
    assert any(e.value.startswith("FAILS:") for e in at.error)
    at.number_input(key="re_months").set_value(13.0).run()
    at.toggle(key="re_recovery").set_value(True).run()
    assert any("recovery 25% after 6 months, 50% after 12 months" in i.value for i in at.info)
    at.selectbox(key="re_cord").set_value("cord-lumbar").run()
    checks = reirradiation_checks(at)
    values = dict(zip(checks["Rule"], checks["Value"], strict=True))
    history = fr.History.of(
        [fr.Course.parse("30 Gy/10"), fr.Course.parse("24 Gy/2", months_after=13, stereotactic=True)]
    )
    expected = fr.check_plan(history, alpha_beta=4, recovery=fr.Recovery())
    assert values["Re-irradiation: cumulative BED"] == f"{expected[0].value:.2f} Gy"  # undiscounted: the basis
    assumed = dict(zip(checks["Rule"], checks["Assuming recovery (not used)"], strict=True))
    assert assumed["Re-irradiation: cumulative BED"] == f"{expected[0].value_assuming_recovery:.2f} Gy"


def test_reirradiation_panel_by_dates_counts_calendar_months() -> None:
    """1 January to 1 July 2025: 6 calendar months (181 days), Nieder's 6-month condition met."""
    at = fresh(panels=("panel_reirradiation",))
    at.toggle(key="re_by_dates").set_value(True).run()
    assert not at.exception
    courses = next(t.value for t in at.table if "Interval" in t.value.columns)
    assert courses["Interval"].tolist()[1] == "6.00 months (181 days)"
    assert courses["Date"].tolist()[:2] == ["2025-01-01", "2025-07-01"]
    verdicts = dict(zip(reirradiation_checks(at)["Rule"], reirradiation_checks(at)["Verdict"], strict=True))
    assert verdicts["Re-irradiation: interval between courses"] == "✓ holds"
    at.date_input(key="re_planned_date").set_value(datetime.date(2025, 6, 30)).run()
    verdicts = dict(zip(reirradiation_checks(at)["Rule"], reirradiation_checks(at)["Verdict"], strict=True))
    assert verdicts["Re-irradiation: interval between courses"] == "✗ NOT MET"


def test_reirradiation_panel_under_lq_l_follows_through_and_says_so() -> None:
    at = fresh(panels=("panel_reirradiation",))
    at.text_input(key="re_planned").set_value("12 Gy x 2").run()
    at.selectbox(key="re_model").set_value("LQ-L").run()
    assert not at.exception
    courses = next(t.value for t in at.table if "EQD2 (Gy)" in t.value.columns and "Share" in t.value.columns)
    expected = fr.eqd2(dose_per_fraction=12, n_fractions=2, alpha_beta=2, model=fr.LQL(transition_dose=4.0))
    assert courses["EQD2 under the model (assumption, Gy)"].tolist()[1] == f"{expected:.2f}"
    assert courses["EQD2 (Gy)"].tolist()[1] == f"{fr.eqd2(dose_per_fraction=12, n_fractions=2, alpha_beta=2):.2f}"
    assert any("model LQ-L (dT 4 Gy, tangent)" in i.value for i in at.info)


def reirradiation_courses(at: AppTest) -> pd.DataFrame:
    return next(t.value for t in at.table if "EQD2 (Gy)" in t.value.columns and "Share" in t.value.columns)


@pytest.mark.parametrize(("basis", "usc"), [("derived from Park's parameters", fr.USC()),
                                            ("as often quoted", fr.USC(beta=0.038))])  # fmt: skip
def test_reirradiation_panel_under_usc_uses_the_beta_stated_and_says_so(basis: str, usc: fr.USC) -> None:
    """USC at its own alpha/beta, from the beta chosen as in the models panel; the page says which, and why."""
    at = fresh(panels=("panel_reirradiation", "panel_models"))
    at.text_input(key="re_planned").set_value("12 Gy x 2").run()
    at.selectbox(key="re_model").set_value("USC").run()
    assert at.radio(key="re_usc_beta").value == "derived from Park's parameters"  # the default, as in PANEL_INPUTS
    at.radio(key="re_usc_beta").set_value(basis).run()
    assert not at.exception
    assert at.radio(key="re_usc_beta").options == at.radio(key="usc_beta").options  # the same words in both panels
    history = fr.History.of(
        [fr.Course.parse("30 Gy/10"), fr.Course.parse("12 Gy x 2", months_after=6, stereotactic=True)]
    )
    report = fr.reirradiation_report(history, model=usc)  # the cord's alpha/beta, 2 Gy, and USC at its own
    assert report.model_alpha_beta == usc.alpha_beta
    courses = reirradiation_courses(at)
    assert courses["BED (Gy)"].tolist() == [shown(v) for v in report.courses["bed"]]
    assert courses["EQD2 (Gy)"].tolist() == [shown(v) for v in report.courses["eqd2"]]
    assert courses["EQD2 under the model (assumption, Gy)"].tolist() == [
        shown(v) for v in report.courses["eqd2_under_model"]
    ]
    checks = reirradiation_checks(at)
    assert checks["Value"].tolist() == [f"{c.value:.2f} {c.unit}".strip() for c in report.checks]
    assert checks["Verdict"].tolist() == ["✓ holds" if c.holds else f"✗ {c.mark}" for c in report.checks]
    (warning,) = [w.value for w in at.warning if w.value.startswith("USC computes")]
    assert f"alpha/beta {usc.alpha_beta:.3f} Gy, from USC's beta {usc.beta:.4g}/Gy² ({usc.beta_basis})" in warning
    assert ("The two values in use: 0.03835/Gy² (alpha/beta 8.605), derived from Park's parameters; 0.038/Gy² "
            "(alpha/beta 8.684), as often quoted.") in warning  # fmt: skip
    assert "The cord's alpha/beta (2 Gy) is not used for USC's values" in warning
    assert "the verdict uses that, and USC's values are shown beside it, as an assumption" in warning
    assert [e.value for e in [*at.success, *at.error]] == [report.verdict]  # one verdict: the library's
    assert "(LQ at the cord's alpha/beta 2 Gy)" in report.verdict
    (model_assumption,) = [a for a in report.assumptions if a.startswith("model USC")]
    assert f"beta {usc.beta:.4g} {usc.beta_basis}" in model_assumption
    assert any(i.value == f"Assumption: {model_assumption}." for i in at.info)


@pytest.mark.parametrize("model", ["USC", "LQ-L"])
def test_a_pass_under_a_model_never_hides_the_limits_own_verdict(model: str) -> None:
    """The issue's example: EXCEEDED under LQ at alpha/beta 2, under every model; the model's values beside."""
    at = fresh(panels=("panel_reirradiation",))
    at.text_input(key="re_prior").set_value("2 Gy x 25").run()
    at.text_input(key="re_planned").set_value("4 Gy x 5").run()
    at.checkbox(key="re_sbrt").set_value(False).run()
    at.number_input(key="re_months").set_value(12.0).run()
    at.selectbox(key="re_model").set_value(model).run()
    if model == "LQ-L":
        at.number_input(key="re_lql_dt").set_value(1.0).run()  # LQ-L below LQ from 1 Gy: it would pass the example
    assert not at.exception
    assert not at.success  # nothing green
    (verdict,) = [e.value for e in at.error]
    assert verdict.startswith("FAILS: 2 of 3 rules that apply do not hold")
    assert "on the limits' basis (LQ at the cord's alpha/beta 2 Gy)" in verdict
    assert f"Under {model}" in verdict
    assert "2 of them would hold" in verdict
    checks = reirradiation_checks(at)
    assert checks["Verdict"].tolist() == ["✗ EXCEEDED", "✗ EXCEEDED", "✓ holds"]
    assert checks["Value"].tolist()[:2] == ["160.00 Gy", "100.00 Gy"]
    assert any(c.value.startswith("Black: on the limits' basis (LQ at the cord's alpha/beta 2 Gy). Grey dotted:")
               for c in at.caption)  # fmt: skip
    beside = checks["Under the model (not used)"].tolist()
    assert beside[0].endswith(" Gy, holds")
    assert beside[1].endswith(" Gy, holds")
    assert beside[2] == ""


def test_reirradiation_panel_under_usc_refuses_inline_and_keeps_the_choice() -> None:
    at = fresh(panels=("panel_reirradiation",))
    at.selectbox(key="re_model").set_value("USC").run()
    at.radio(key="re_usc_beta").set_value("as often quoted").run()
    at.text_input(key="re_planned").set_value("800 Gy x 1").run()
    assert not at.exception
    assert any("800 Gy per fraction; did you pass cGy?" in e.value.replace("\\", "") for e in at.error)
    at.session_state["panel_reirradiation"] = False
    at.run()
    opened(at, "panel_reirradiation")
    assert at.selectbox(key="re_model").value == "USC"
    assert at.radio(key="re_usc_beta").value == "as often quoted"


def test_reirradiation_error_text_is_shown_literally() -> None:
    at = fresh(panels=("panel_reirradiation",))
    at.text_input(key="re_prior").set_value("**8** Gy :red[x] 1").run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "\\*\\*8\\*\\*" in error
    assert "\\:red\\[x\\]" in error


def test_reirradiation_panel_bad_course_is_inline() -> None:
    at = fresh(panels=("panel_reirradiation",))
    before = table(at)
    at.text_input(key="re_prior").set_value("30x10").run()
    assert not at.exception
    assert any("cannot read '30x10' as a scheme: ambiguous" in e.value.replace("\\", "") for e in at.error)
    pd.testing.assert_frame_equal(table(at), before)


def test_recovery_steps_are_editable_and_checked() -> None:
    at = fresh(panels=("panel_reirradiation",))
    at.number_input(key="re_months").set_value(9.0).run()
    at.toggle(key="re_recovery").set_value(True).run()
    at.text_input(key="re_steps").set_value("3:0.1, 8:0.4").run()
    assert any("40% after 8 months" in i.value for i in at.info)
    courses = next(t.value for t in at.table if "Discount (assumption)" in t.value.columns)
    assert courses["Discount (assumption)"].tolist()[:2] == ["40%", "0%"]
    at.text_input(key="re_steps").set_value("soon").run()
    shown = [e.value.replace("\\", "") for e in at.error]  # escaped so that markdown shows it as typed
    assert any("must be recovery steps written months:fraction" in text for text in shown)
    assert not at.exception


def test_dose_grid_panel_shows_physical_dose_and_eqd2() -> None:
    pytest.importorskip("pydicom")
    from pydicom.data import get_testdata_file

    from fractionation.dicom import read_rt_dose

    at = fresh(panels=("panel_dose_grid",))
    assert any("Upload a file or use the example" in c.value for c in at.caption)
    at.toggle(key="rtdose_example").set_value(True).run()
    at.selectbox(key="grid_tissue").select_index(2).run()  # spinal cord, alpha/beta 2
    assert not at.exception
    _, physical = read_rt_dose(get_testdata_file("rtdose.dcm"), relative_to_gy=20)
    eqd2 = fr.eqd2_from_total_dose(physical, n_fractions=5, alpha_beta=2)
    caption = next(c.value for c in at.caption if c.value.startswith("Grid 15 x 10 x 10"))
    assert f"maximum physical {physical.max():.2f} Gy, EQD2 {eqd2.max():.2f} Gy" in caption
    at.number_input(key="grid_relative").set_value(40.0).run()
    caption = next(c.value for c in at.caption if c.value.startswith("Grid 15 x 10 x 10"))
    assert f"maximum physical {2 * physical.max():.2f} Gy" in caption
