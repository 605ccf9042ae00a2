"""The Streamlit app through AppTest: every control, each bad input, the link round trip.

Every number on the page must equal a direct `fractionation` call.
"""

from __future__ import annotations

import datetime
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import fractionation as fr
from tests.conftest import REPO

APP = str(REPO / "app.py")
DEFAULT_COLUMNS = ["tumour (10)", "late (3)", "cord (2)"]


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


def tables(at: AppTest) -> dict[str, pd.DataFrame]:
    """The tables as shown: doses as the text on the page, the scheme as a column."""
    titles = [h.value for h in at.subheader]  # one per group table; the panels' tables come after
    groups = [t.value.reset_index() for t in list(at.table)[: len(titles)]]
    return dict(zip(titles, groups, strict=True))


def shown(value: float) -> str:
    """A dose as the page shows it."""
    return f"{value:.2f}"


def link(at: AppTest) -> dict[str, list[str]]:
    """The query parameters the page wrote; AppTest gives one value as str, several as a list."""
    return {k: v if isinstance(v, list) else [v] for k in at.query_params if (v := at.query_params[k]) is not None}


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


@pytest.fixture(scope="module")
def default() -> AppTest:
    return fresh()


def test_default_view_shows_the_six_document_schemes_grouped(default: AppTest) -> None:
    shown = tables(default)
    assert list(shown) == ["Palliative", "Stereotactic"]
    assert list(shown["Palliative"]["Scheme"]) == ["Document: 8 Gy x 1", "Document: 4 Gy x 5", "Document: 3 Gy x 10"]
    assert list(shown["Stereotactic"]["Scheme"]) == [
        "Document: SBRT 8 Gy x 3",
        "Document: SBRT 6 Gy x 5",
        "Document: SBRT 7 Gy x 5",
    ]


def test_default_numbers_equal_direct_library_calls(default: AppTest) -> None:
    by_name = {s.name: s for s in fr.catalogue()}
    for table in tables(default).values():
        for _, row in table.iterrows():
            scheme = by_name[row["Scheme"]]
            assert row["Fractions"] == scheme.n_fractions
            assert row["Gy/fraction"] == shown(scheme.dose_per_fraction)
            assert row["Total (Gy)"] == shown(scheme.total_dose)
            assert row["T (days)"] == fr.overall_time(
                n_fractions=scheme.n_fractions, fractions_per_week=scheme.fractions_per_week or 5
            )
            for label, ab in zip(DEFAULT_COLUMNS, (10, 3, 2), strict=True):
                kw = {
                    "dose_per_fraction": scheme.dose_per_fraction,
                    "n_fractions": scheme.n_fractions,
                    "alpha_beta": ab,
                }
                assert row[f"BED {label}"] == shown(fr.bed(**kw))
                assert row[f"EQD2 {label}"] == shown(fr.eqd2(**kw))


def test_the_page_says_it_is_not_for_prescribing(default: AppTest) -> None:
    assert any("not a prescribing system" in c.value for c in default.caption)


def test_panels_are_built_only_when_opened(default: AppTest) -> None:
    labels = [e.label for e in default.expander]
    assert labels[:2] == ["Sources: palliative", "Sources: stereotactic"]
    assert "Show the working" in labels
    assert "Schedule: treatment days and overall time" in labels
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


def test_sources_quote_the_document_with_the_reading_taken() -> None:
    at = fresh(panels=("panel_sources_palliative", "panel_sources_stereotactic"))
    text = " ".join(m.value for m in at.markdown)
    assert "1 session of 8 Gy, 5 sessions of 4 Gy and 10 sessions of 3 Gy" in text
    assert "which usually takes from 3 to 8 Gy and 5 sessions from 6 to 7 Gy" in text
    assert "Reading taken:* Ambiguous." in text
    assert "Bone metastases. A public patient-information text" in text
    assert "000_0e53780f4933217c" not in text  # the document is shown by its title, not its file name
    assert text.count("1 session of 8 Gy, 5 sessions of 4 Gy") == 1  # one passage, quoted once
    assert text.count("Quoting the passage above") == 4


def test_schedule_shows_overall_time(default: AppTest) -> None:
    assert tables(default)["Stereotactic"]["T (days)"].tolist() == [4, 9, 9]  # three sessions a week
    at = fresh(panels=("panel_schedule",))
    assert any("first on day 0 (a Monday)" in c.value for c in at.caption)


def test_literature_scheme_above_10_gy_carries_the_lq_caution() -> None:
    at = fresh()
    at.multiselect(key="lit_pick").set_value(["sc24-12x2", "rtog-9714-3x10"]).run()
    shown = tables(at)
    stereo = shown["Stereotactic"].set_index("Scheme")
    assert stereo.loc["SC.24: SBRT 24 Gy/2", "Note"].startswith("⚠ LQ less certain")
    assert stereo.loc["Document: SBRT 8 Gy x 3", "Note"] == ""
    assert "RTOG 9714: 30 Gy/10" in shown["Palliative"]["Scheme"].tolist()
    assert any("SC.24: SBRT 24 Gy/2: LQ is less certain above 10 Gy" in w for w in warnings(at))


def test_add_a_scheme_by_notation_then_by_numbers() -> None:
    at = fresh()
    at.text_input(key="new_notation").set_value("20 Gy in 5 fractions").run()
    at.button(key="add_notation").click().run()
    at.number_input(key="new_n").set_value(2).run()
    at.number_input(key="new_d").set_value(8.0).run()
    at.button(key="add_numbers").click().run()
    added = tables(at)["Added schemes"]
    assert added["Scheme"].tolist() == ["4 Gy x 5", "8 Gy x 2"]
    assert added["EQD2 cord (2)"].tolist() == [
        "30.00",
        shown(fr.eqd2(dose_per_fraction=8, n_fractions=2, alpha_beta=2)),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("8x1", "cannot read '8x1' as a scheme: ambiguous"),
        ("banana", "cannot read 'banana' as a scheme"),
        ("900 Gy x 1", "did you pass cGy?"),
    ],
)
def test_unreadable_custom_scheme_is_an_inline_message_and_the_page_keeps_working(text: str, message: str) -> None:
    at = fresh()
    before = tables(at)
    at.text_input(key="new_notation").set_value(text).run()
    at.button(key="add_notation").click().run()
    assert not at.exception
    assert any(message in e.value for e in at.error)
    after = tables(at)
    assert list(after) == list(before)
    pd.testing.assert_frame_equal(after["Palliative"], before["Palliative"])


def test_tissues_and_custom_alpha_beta() -> None:
    at = fresh()
    at.multiselect(key="tissue_pick").set_value(["cord-fitted"]).run()
    at.text_input(key="new_ab").set_value("4.5").run()
    at.button(key="add_ab").click().run()
    table = tables(at)["Palliative"]
    assert [c for c in table.columns if c.startswith("EQD2")] == ["EQD2 cord-fitted (0.87)", "EQD2 α/β 4.5"]
    assert table["EQD2 α/β 4.5"].tolist() == [
        shown(fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=4.5)) for d, n in ((8, 1), (4, 5), (3, 10))
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [("0", "greater than 0, got '0'"), ("abc", "must be a number of Gy, got 'abc'"), ("-3", "greater than 0")],
)
def test_bad_custom_alpha_beta_is_an_inline_message(text: str, message: str) -> None:
    at = fresh()
    at.text_input(key="new_ab").set_value(text).run()
    at.button(key="add_ab").click().run()
    assert not at.exception
    assert any(message in e.value for e in at.error)
    assert len(tables(at)["Palliative"].columns) == 12  # unchanged: scheme, 4 columns, 3 tissues x (BED, EQD2), note


def test_show_the_working_ends_in_the_number_in_the_table() -> None:
    at = fresh(panels=("panel_working",))
    at.selectbox(key="work_scheme").set_value("Document: SBRT 7 Gy x 5").run()
    at.selectbox(key="work_tissue").select_index(2).run()
    latex = [x.value.strip("$\n") for x in at.latex]
    expected = tables(at)["Stereotactic"].set_index("Scheme").loc["Document: SBRT 7 Gy x 5", "EQD2 cord (2)"]
    assert latex[0].startswith("D = n\\,d = 5 \\times 7 = 35")
    assert "\\frac{7}{2}" in latex[1]
    assert latex[2].endswith("= 78.75\\ \\mathrm{Gy}")
    assert expected == "78.75"


def test_show_the_working_ends_in_the_table_number_where_the_table_rounds() -> None:
    at = fresh(panels=("panel_working",))
    at.selectbox(key="work_scheme").set_value("Document: SBRT 7 Gy x 5").run()  # tumour (10): 49.5833...
    row = tables(at)["Stereotactic"].set_index("Scheme").loc["Document: SBRT 7 Gy x 5"]
    bed_step, eqd2_step = (x.value.strip("$\n") for x in list(at.latex)[1:3])
    assert row["EQD2 tumour (10)"] == "49.58"
    assert eqd2_step.endswith("= 49.5833 \\approx 49.58\\ \\mathrm{Gy}")
    assert row["BED tumour (10)"] == "59.50"
    assert bed_step.endswith("= 59.5\\ \\mathrm{Gy}")  # the same number: no rounding to point out


def test_presentation_mode_hides_the_controls_and_enlarges() -> None:
    at = fresh()
    at.toggle(key="presentation").set_value(True).run()
    styles = [m.value for m in at.markdown if "stSidebar" in m.value]
    assert styles
    assert 'section[data-testid="stSidebar"]' in styles[0]
    assert "display: none" in styles[0]
    assert link(at)["present"] == ["1"]


def test_empty_selection_says_what_to_do() -> None:
    at = fresh()
    at.multiselect(key="doc_pick").set_value([]).run()
    assert any("Choose at least one scheme" in i.value for i in at.info)
    assert link(at)["doc"] == ["-"]


def test_downloads_offer_csv_and_json(default: AppTest) -> None:
    labels = [b.label for b in default.get("download_button")]
    assert labels == ["Download CSV", "Download JSON", "References (BibTeX)", "References (CSL-JSON)"]


def test_link_round_trip() -> None:
    at = fresh()
    at.multiselect(key="doc_pick").set_value(["document-8x1"]).run()
    at.multiselect(key="lit_pick").set_value(["sabr-comet-7x5"]).run()
    at.text_input(key="new_notation").set_value("24 Gy/2").run()
    at.button(key="add_notation").click().run()
    at.multiselect(key="tissue_pick").set_value(["cord", "prostate"]).run()
    at.text_input(key="new_ab").set_value("7").run()
    at.button(key="add_ab").click().run()
    params = link(at)
    assert params == {
        "doc": ["document-8x1"], "lit": ["sabr-comet-7x5"], "custom": ["12 Gy x 2"],
        "tissue": ["cord", "prostate"], "ab": ["7"],
    }  # fmt: skip
    reopened = fresh(params)
    for title, table in tables(at).items():
        pd.testing.assert_frame_equal(tables(reopened)[title], table)


def test_malformed_link_parameters_are_named_and_the_rest_works() -> None:
    at = fresh(
        {
            "lit": ["No such trial", "rcr-2019-8x1"],
            "custom": ["8x1", "5 x 4 Gy"],
            "tissue": ["bone", "cord"],
            "ab": ["zero", "0", "5"],
        }
    )
    shown = warnings(at)
    assert "Link parameter lit: no scheme 'No such trial' in the catalogue; ignored." in shown
    assert any(w.startswith("Link parameter custom: cannot read '8x1' as a scheme: ambiguous") for w in shown)
    assert "Link parameter tissue: no tissue preset 'bone'; ignored." in shown
    assert "Link parameter ab: alpha/beta must be a number of Gy, got 'zero'; ignored." in shown
    assert "Link parameter ab: alpha/beta must be a finite number of Gy greater than 0, got '0'; ignored." in shown
    table = tables(at)
    assert "RCR 2019: 8 Gy x 1" in table["Palliative"]["Scheme"].tolist()
    assert table["Added schemes"]["Scheme"].tolist() == ["4 Gy x 5"]
    assert [c for c in table["Palliative"].columns if c.startswith("EQD2")] == ["EQD2 cord (2)", "EQD2 α/β 5"]


def test_live_alpha_beta_column_follows_the_slider_and_the_link() -> None:
    at = fresh()
    assert at.slider(key="live_ab").disabled
    at.toggle(key="live_on").set_value(True).run()
    at.slider(key="live_ab").set_value(6.5).run()
    table = tables(at)["Palliative"]
    assert table["EQD2 α/β 6.5"].tolist() == [
        shown(fr.eqd2(dose_per_fraction=d, n_fractions=n, alpha_beta=6.5)) for d, n in ((8, 1), (4, 5), (3, 10))
    ]
    assert link(at)["live"] == ["6.5"]
    reopened = fresh({"live": "6.5"})
    pd.testing.assert_frame_equal(tables(reopened)["Palliative"], table)


@pytest.mark.parametrize("value", ["0", "abc", "0.7", "25"])
def test_bad_live_link_parameter(value: str) -> None:
    at = fresh({"live": value})
    assert f"Link parameter live: expected 0.5 to 20 Gy in steps of 0.5, got {value!r}; ignored." in warnings(at)
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
    assert tables(at)["Added schemes"]["Scheme"].tolist() == [iso.converted.label]


def test_isoeffect_beyond_100_gy_per_fraction_is_an_inline_message() -> None:
    at = fresh({"custom": "90 Gy x 10"}, panels=("panel_isoeffect",))
    at.selectbox(key="iso_scheme").set_value("90 Gy x 10").run()
    at.number_input(key="iso_n").set_value(1).run()  # 342 Gy in one fraction for the same tumour EQD2
    assert not at.exception
    assert any(
        "n_fractions must be enough fractions to give 90 Gy x 10 with at most 100 Gy" in e.value for e in at.error
    )
    assert "iso_add" not in [b.key for b in at.button]


def test_isoeffect_contrasts_with_the_last_tissue_as_the_list_changes() -> None:
    at = fresh(panels=("panel_isoeffect",))
    assert at.selectbox(key="iso_other").value.endswith("(α/β 2)")
    at.multiselect(key="tissue_pick").set_value(["tumour", "late"]).run()
    assert at.selectbox(key="iso_other").value.endswith("(α/β 3)")


def test_models_panel_compares_lq_lql_and_usc() -> None:
    at = fresh(panels=("panel_models",))
    at.number_input(key="lql_dt").set_value(5.0).run()
    table = next(t.value.reset_index() for t in at.table if "EQD2 USC" in t.value.columns)
    usc, lql = fr.USC(), fr.LQL(transition_dose=5.0)
    row = table.set_index("Scheme").loc["Document: SBRT 7 Gy x 5"]
    scheme = fr.Scheme.parse("7 Gy x 5")
    assert row["EQD2 LQ"] == shown(scheme.eqd2(usc.alpha_beta))
    assert row["EQD2 LQ-L (dT 5)"] == shown(scheme.eqd2(usc.alpha_beta, model=lql))
    assert row["EQD2 USC"] == shown(scheme.eqd2(usc.alpha_beta, model=usc))
    assert any("Park et al., IJROBP 2008;70:847" in c.value for c in at.caption)


def test_alpha_beta_ranges_are_drawn_and_named() -> None:
    at = fresh()
    assert any("alpha/beta range of Tumour, early-responding tissue, 8-12 Gy" in c.value for c in at.caption)
    at.multiselect(key="tissue_pick").set_value(["cord"]).run()
    assert not any("alpha/beta range" in c.value for c in at.caption)


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
    assert courses["EQD2 (Gy)"].tolist()[1] == f"{expected:.2f}"
    assert any("model LQ-L (dT 4 Gy, tangent)" in i.value for i in at.info)


def test_reirradiation_error_text_is_shown_literally() -> None:
    at = fresh(panels=("panel_reirradiation",))
    at.text_input(key="re_prior").set_value("**8** Gy :red[x] 1").run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "\\*\\*8\\*\\*" in error
    assert "\\:red\\[x\\]" in error


def test_reirradiation_panel_bad_course_is_inline() -> None:
    at = fresh(panels=("panel_reirradiation",))
    before = tables(at)
    at.text_input(key="re_prior").set_value("30x10").run()
    assert not at.exception
    assert any("cannot read '30x10' as a scheme" in e.value and "ambiguous" in e.value for e in at.error)
    pd.testing.assert_frame_equal(tables(at)["Palliative"], before["Palliative"])


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
    assert any("recovery steps must look like 6:0.25, 12:0.5" in text for text in shown)
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
