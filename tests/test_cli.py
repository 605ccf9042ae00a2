"""The command line, driven in-process (fast) and through its installed entry points (real)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import fractionation as fr
import fractionation.cli
from fractionation.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_prints_an_aligned_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "8 Gy x 1", "4 Gy x 5", "--alpha-beta", "10", "--alpha-beta", "3")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == [
        "scheme",
        "intent",
        "n",
        "d",
        "(Gy)",
        "D",
        "(Gy)",
        "a/b",
        "(Gy)",
        "BED",
        "(Gy)",
        "EQD2",
        "(Gy)",
    ]
    assert lines[2].split() == ["8", "Gy", "x", "1", "1", "8.00", "8.00", "10.00", "14.40", "12.00"]
    assert len({len(line) for line in lines}) == 1  # numbers right-aligned: every line ends in one column


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_machine_formats_carry_the_dataframe(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "compare", "--document", "--format", fmt)
    expected = fr.compare(
        [s for s in fr.catalogue() if s.source and s.source.origin == "document"],
        [t for t in fr.tissues() if t.id in ("tumour", "late", "cord")],
    )
    got = pd.read_csv(io.StringIO(out), keep_default_na=False) if fmt == "csv" else pd.DataFrame(json.loads(out))
    assert code == 0
    assert list(got.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_json_is_a_list_of_records(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "compare", "8 Gy x 1", "--alpha-beta", "2", "--format", "json")
    assert json.loads(out) == [{
        "scheme": "8 Gy x 1", "intent": "", "n_fractions": 1, "dose_per_fraction": 8.0, "total_dose": 8.0,
        "tissue": "", "alpha_beta": 2.0, "bed": 40.0, "eqd2": 20.0, "source": "",
    }]  # fmt: skip


def test_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "compare", "20 Gy/5", "--alpha-beta", "cord", "--format", "markdown", "--decimals", "1")
    lines = out.splitlines()
    assert lines[1].startswith("|---|---|---:|")
    assert "| 4 Gy x 5 |  | 5 | 4.0 | 20.0 | Spinal cord, cervical and thoracic | 2.0 | 60.0 | 30.0 |" in lines[2]


def test_compare_the_whole_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "--catalogue", "--alpha-beta", "10", "--format", "csv")
    assert code == 0
    assert len(out.strip().splitlines()) == 1 + len(fr.catalogue())


def test_the_catalogue_listing_by_origin_is_the_librarys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "catalogue", "--origin", "document", "--format", "csv")
    assert code == 0
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(out), keep_default_na=False),
                                  fr.catalogue_table(origin="document"), check_dtype=False)  # fmt: skip
    assert len(out.strip().splitlines()) == 1 + 6
    code, _, err = run(capsys, "catalogue", "--origin", "user")
    assert code == 2
    assert err.count("\n") == 1
    assert "origin must be 'document' or 'literature'" in err


def test_catalogue_and_tissue_listings_show_sources(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "catalogue")
    assert "SC.24: SBRT 24 Gy/2" in out
    assert "Lancet Oncol. 2021" in out
    _, out, _ = run(capsys, "tissues", "--format", "csv")
    assert 'cord-fitted,"Spinal cord, fitted (QUANTEC)",0.87' in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["compare", "8x1"], "cannot read '8x1' as a scheme: ambiguous"),
        (
            ["compare", "8 Gy x 1", "--alpha-beta", "0"],
            "--alpha-beta must be a number of Gy from 0.01 to 1000, got 0.0",
        ),
        (
            ["compare", "8 Gy x 1", "--alpha-beta", "bone"],
            "--alpha-beta must be a number of Gy (such as 3 or 3 Gy) or a tissue id (tumour, late, cord",
        ),
        (["compare", "800 Gy x 1"], "did you pass cGy?"),
        (["compare"], "no scheme given"),
        (["compare", "8 Gy x 1", "--format", "xml"], "invalid choice: 'xml'"),
        (["compare", "8 Gy x 1", "--decimals", "-1"], "expected a whole number from 0 to 12"),
        (["nonsense"], "invalid choice: 'nonsense'"),
        ([], "the following arguments are required: COMMAND"),
        (["cumulative", "8 Gy x 1", "-\n"], "unrecognized arguments: -\\n"),  # a typed newline stays one line
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("fractionation: error: ")
    assert message in err


@pytest.mark.parametrize("command", [["fractionation"], [sys.executable, "-m", "fractionation"]])
def test_installed_entry_points(command: list[str]) -> None:
    if command[0] == "fractionation":
        command = [str(Path(sys.executable).with_name("fractionation"))]
    good = subprocess.run(
        [*command, "compare", "8 Gy x 1", "--alpha-beta", "2", "--format", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert good.stdout.splitlines()[1] == "8 Gy x 1,,1,8.0,8.0,,2.0,40.0,20.0,"
    bad = subprocess.run([*command, "compare", "8x1"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1
    assert "Traceback" not in bad.stderr


def test_high_dose_per_fraction_gets_a_note_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compare", "24 Gy/2", "8 Gy x 1", "--alpha-beta", "10", "--format", "csv")
    assert code == 0
    assert (
        err
        == "note: 12 Gy x 2: LQ is less certain above 10 Gy per fraction (Brenner, Semin Radiat Oncol 2008;18:234): read this EQD2 as an estimate.\n"
    )
    assert out.startswith("scheme,")


def test_solve_like_a_scheme_reports_the_other_tissue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "solve", "--like", "30 Gy/10", "--n-fractions", "5", "--alpha-beta", "10",
                       "--other-alpha-beta", "cord", "--format", "json")  # fmt: skip
    target, solution = json.loads(out)
    assert code == 0
    assert (target["role"], solution["role"]) == ("target", "solution")
    assert solution["dose_per_fraction"] == fr.solve_dose_per_fraction(n_fractions=5, alpha_beta=10, target_eqd2=32.5)
    assert solution["eqd2"] == pytest.approx(32.5, rel=1e-12)
    assert solution["other_eqd2"] == pytest.approx(
        fr.eqd2(dose_per_fraction=solution["dose_per_fraction"], n_fractions=5, alpha_beta=2)
    )


def test_solve_number_of_fractions(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "solve", "--target-eqd2", "40", "--dose-per-fraction", "4", "--format", "json")
    (solution,) = json.loads(out)
    assert solution["exact_n_fractions"] == pytest.approx(40 * 1.2 / 5.6)
    assert solution["n_fractions"] == 9
    assert solution["eqd2"] == pytest.approx(40, rel=1e-12)


def test_compare_with_models_and_time(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys,
        "compare",
        "8 Gy x 3",
        "--model",
        "lql",
        "--transition-dose",
        "6",
        "--alpha-beta",
        "10",
        "--format",
        "json",
    )
    (row,) = json.loads(out)
    assert row["eqd2"] == fr.eqd2(dose_per_fraction=8, n_fractions=3, alpha_beta=10, model=fr.LQL(transition_dose=6))
    assert row["model"] == "LQ-L (dT 6 Gy, tangent)"
    _, out, _ = run(capsys, "compare", "24 Gy/1", "--model", "usc", "--format", "json")
    assert round(json.loads(out)[0]["bed"], 1) == 53.8
    _, out, _ = run(
        capsys,
        "compare",
        "2 Gy x 35",
        "--alpha-beta",
        "10",
        "--repopulation",
        "hnscc-pedicini-2015",
        "--format",
        "json",
    )
    (row,) = json.loads(out)
    assert row["overall_time"] == 46
    assert row["eqd2_time_corrected"] == pytest.approx(70 - 0.69 * (46 - 19.2))
    _, out, _ = run(capsys, "compare", "8 Gy x 3", "--fractions-per-week", "3", "--alpha-beta", "10",
                    "--kickoff-days", "21", "--dprolif", "0.8", "--format", "json")  # fmt: skip
    assert json.loads(out)[0]["overall_time"] == 4


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["compare", "8 Gy x 1", "--model", "lql"], "--model lql needs --transition-dose"),
        (
            ["solve", "--target-eqd2", "30", "--n-fractions", "5", "--other-alpha-beta", "x"],
            "--other-alpha-beta must be",
        ),
        (
            ["compare", "8 Gy x 1", "--model", "usc", "--alpha-beta", "10"],
            "--alpha-beta must be 8.605 Gy, the alpha/beta USC (alpha 0.33, D0 1.25, Dq 1.8; beta 0.03835 derived, "
            "a/b 8.605) implies, got 10.0",
        ),
        (
            ["compare", "8 Gy x 1", "--model", "usc", "--usc-alpha", "0.9"],
            "--usc-alpha, --usc-d0 must be values with alpha * d0 below 1, got 1.125",
        ),
        (
            ["compare", "8 Gy x 1", "--repopulation", "lung"],
            "argument --repopulation: invalid choice: 'lung' (choose from 'hnscc-pedicini-2015'",
        ),
        (["compare", "8 Gy x 1", "--kickoff-days", "21"], "--kickoff-days and --dprolif go together"),
        (["solve", "--target-eqd2", "3000", "--n-fractions", "1"], "(it needs 184.8 Gy per fraction)"),
        (["solve", "--like", "8x1", "--n-fractions", "2"], "ambiguous"),
        (["solve", "--n-fractions", "2"], "one of the arguments --like --target-eqd2 --target-bed is required"),
    ],
)
def test_solve_and_model_bad_input(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1
    assert message in err


def test_cumulative_prints_the_courses_and_the_rule_checks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "cumulative", "30 Gy/10", "6 Gy x 2", "--months", "6", "--sbrt", "--format", "json")
    result = json.loads(out)
    assert code == 0
    assert [r["course"] for r in result["cumulative"]] == ["3 Gy x 10", "6 Gy x 2", "total"]
    assert result["cumulative"][-1]["eqd2"] == pytest.approx(61.5)
    checks = {c["rule"]: c for c in result["checks"]}
    assert checks["SBRT re-irradiation: cumulative point maximum EQD2"]["holds"] is True
    assert "Sahgal A, Ma L" in checks["SBRT re-irradiation: cumulative point maximum EQD2"]["source"]
    assert "For teaching" in err


def test_recovery_assumption_only_when_a_course_is_discounted(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "cumulative", "20 Gy/5", "8 Gy x 1", "--months", "3", "--recovery")
    assert "assumption:" not in out  # 3 months: short of the first step


def test_cumulative_with_recovery_and_the_lumbar_cord(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, err = run(capsys, "cumulative", "30 Gy/10", "8 Gy x 1", "--months", "13", "--recovery",
                      "--alpha-beta", "cord-lumbar", "--format", "json")  # fmt: skip
    result = json.loads(out)
    assert result["cumulative"][0]["recovery_discount"] == 0.5
    assert result["cumulative"][0]["bed"] == 52.5  # undiscounted: 30 x (1 + 3/4)
    assert result["cumulative"][0]["bed_assuming_recovery"] == 26.25
    assert "recovery 25% after 6 months, 50% after 12 months" in result["assumptions"][0]
    cumulative = next(c for c in result["checks"] if c["rule"] == "Re-irradiation: cumulative BED")
    assert cumulative["value"] == 52.5 + 24
    assert cumulative["value_assuming_recovery"] == 26.25 + 24
    assert cumulative["basis"] == "summed without recovery"
    assert "alpha/beta 4 Gy used" in cumulative["assumptions"]
    assert "for teaching" in err.lower()


def test_cumulative_the_issue_example_fails_also_with_recovery(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue #10: 2 Gy x 25 then 4 Gy x 5 twelve months later: BED 160 Gy2, Nieder EXCEEDED, recovery or not."""
    for extra in ([], ["--recovery"]):
        code, out, _ = run(capsys, "cumulative", "2 Gy x 25", "4 Gy x 5", "--months", "12", *extra)
        assert code == 0
        assert out.startswith("FAILS: 2 of 3 rules that apply do not hold (Re-irradiation: cumulative BED EXCEEDED;")
        assert re.search(r"Re-irradiation: cumulative BED +160\.00 +Gy +at most 135\.5 Gy +EXCEEDED", out)
    assert re.search(r"EXCEEDED +summed without recovery +110\.00 +assumption, not the limit's basis", out)
    assert "assumption: recovery 25% after 6 months, 50% after 12 months: cumulative EQD2 55.00 Gy" in out


def test_cumulative_by_dates_counts_calendar_months(capsys: pytest.CaptureFixture[str]) -> None:
    """1 January to 1 July 2024: 6 calendar months (182 days), so Nieder's interval condition holds."""
    code, out, _ = run(capsys, "cumulative", "20 Gy/5", "8 Gy x 1", "--date", "2024-01-01", "--date", "2024-07-01",
                       "--format", "json")  # fmt: skip
    result = json.loads(out)
    assert code == 0
    assert result["cumulative"][1]["interval_months"] == 6.0
    assert result["cumulative"][1]["interval_days"] == 182
    assert result["cumulative"][1]["date"] == "2024-07-01"
    interval = next(c for c in result["checks"] if c["rule"] == "Re-irradiation: interval between courses")
    assert interval["holds"] is True
    assert result["verdict"] == "All 3 rules that apply hold, each on its source's basis."


def test_usc_with_the_beta_the_literature_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    """Park's beta as quoted, 0.038 (alpha/beta 8.68), is accepted and named; the derived one refuses 8.68."""
    code, out, _ = run(capsys, "compare", "24 Gy x 1", "--model", "usc", "--usc-beta", "0.038", "--alpha-beta", "8.68",
                       "--format", "json")  # fmt: skip
    (row,) = json.loads(out)
    assert code == 0
    assert "beta 0.038 stated, a/b 8.684" in row["model"]
    assert row["bed"] == pytest.approx((24 - 1.8) / (0.33 * 1.25))
    code, _, err = run(capsys, "compare", "24 Gy x 1", "--model", "usc", "--alpha-beta", "8.68")
    assert code == 2
    assert "beta 0.03835 derived" in err
    assert "for the beta many papers quote, rounded: --usc-beta=0.038)" in err  # as typed here, not USC(beta=...)
    assert "USC(" not in err


def test_cumulative_where_no_rule_applies_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "cumulative", "8 Gy x 1")
    assert code == 0
    assert out.startswith("No tolerance rule applies to this history: nothing was checked.\n")
    assert "8 Gy x 1" in out
    assert "Traceback" not in err
    code, out, _ = run(capsys, "cumulative", "8 Gy x 1", "--format", "json")
    assert json.loads(out)["checks"] == []
    assert code == 0


def test_cumulative_under_another_model(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "cumulative", "30 Gy/10", "12 Gy x 2", "--months", "8", "--sbrt", "--model", "lql",
                    "--transition-dose", "4", "--format", "json")  # fmt: skip
    result = json.loads(out)
    lql = fr.LQL(transition_dose=4)
    assert result["cumulative"][1]["bed_under_model"] == pytest.approx(
        fr.bed(dose_per_fraction=12, n_fractions=2, alpha_beta=2, model=lql)
    )
    assert result["cumulative"][1]["bed"] == pytest.approx(fr.bed(dose_per_fraction=12, n_fractions=2, alpha_beta=2))
    assert any("model LQ-L" in a for a in result["assumptions"])


def test_cumulative_under_usc_with_a_stated_beta(capsys: pytest.CaptureFixture[str]) -> None:
    """--alpha-beta is the cord's under USC too (the limits' basis); USC computes at its own, beside."""
    code, out, _ = run(capsys, "cumulative", "30 Gy/10", "12 Gy x 2", "--months", "8", "--model", "usc",
                       "--usc-beta", "0.038", "--alpha-beta", "cord-lumbar", "--format", "json")  # fmt: skip
    assert code == 0
    usc = fr.USC(beta=0.038)
    history = fr.History.of([fr.Course.parse("30 Gy/10"), fr.Course.parse("12 Gy x 2", months_after=8)])
    report = fr.reirradiation_report(history, alpha_beta=4.0, model=usc)
    result = json.loads(out)
    assert (result["alpha_beta"], result["model_alpha_beta"]) == (4.0, pytest.approx(usc.alpha_beta))
    assert [row["bed"] for row in result["cumulative"]] == pytest.approx(report.courses["bed"].tolist())
    assert [row["bed_under_model"] for row in result["cumulative"]] == pytest.approx(
        [*(fr.Course.parse(c).bed(usc.alpha_beta, usc) for c in ("30 Gy/10", "12 Gy x 2")),
         report.courses["bed_under_model"].iloc[-1]]
    )  # fmt: skip
    assert result["assumptions"] == list(report.assumptions)
    assert "beta 0.038 stated, a/b 8.684" in result["assumptions"][0]


def test_cumulative_under_usc_refuses_usc_own_alpha_beta_as_the_cord(capsys: pytest.CaptureFixture[str]) -> None:
    """The old way of typing it (--alpha-beta 8.684 under USC) would put the limits' basis at 8.684: refused."""
    code, out, err = run(capsys, "cumulative", "2 Gy x 25", "4 Gy x 5", "--months", "12", "--model", "usc",
                         "--usc-beta", "0.038", "--alpha-beta", "8.684")  # fmt: skip
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith("fractionation: error: --alpha-beta must be the cord's alpha/beta (2 Gy cervical and "
                          "thoracic, 4 Gy lumbar), not USC's (8.605 Gy derived, "
                          "8.684 Gy as quoted), got 8.684")  # fmt: skip


@pytest.mark.parametrize("model", [["--model", "usc"], ["--model", "usc", "--usc-beta", "0.038"],
                                   ["--model", "lql", "--transition-dose", "1"]])  # fmt: skip
def test_the_issue_example_fails_under_every_model(capsys: pytest.CaptureFixture[str], model: list[str]) -> None:
    """Cord 2 Gy x 25, then 4 Gy x 5 twelve months later: Nieder EXCEEDED on its basis; the model's pass beside."""
    code, out, err = run(capsys, "cumulative", "2 Gy x 25", "4 Gy x 5", "--months", "12", *model)
    assert code == 0
    assert "Traceback" not in err
    verdict = out.splitlines()[0]
    assert verdict.startswith("FAILS: 2 of 3 rules that apply do not hold (Re-irradiation: cumulative BED EXCEEDED; "
                              "Re-irradiation: BED of each course EXCEEDED), on the limits' basis (LQ at the cord's "
                              "alpha/beta 2 Gy). Under ")  # fmt: skip
    assert verdict.endswith(
        ", 2 of them would hold (Re-irradiation: cumulative BED; Re-irradiation: BED of each "
        "course): an assumption the limits' sources did not make, not used for the verdict."
    )
    assert "under model" in out
    assert "verdict under model" in out
    code, out, _ = run(capsys, "cumulative", "2 Gy x 25", "4 Gy x 5", "--months", "12", *model, "--format", "json")
    checks = json.loads(out)["checks"]
    assert [c["value"] for c in checks][:2] == [pytest.approx(160.0), pytest.approx(100.0)]
    assert [c["verdict"] for c in checks] == ["EXCEEDED", "EXCEEDED", "holds"]
    assert [c["verdict_under_model"] for c in checks][:2] == ["holds", "holds"]
    code, out, _ = run(capsys, "cumulative", "2 Gy x 25", "4 Gy x 5", "--months", "12", *model, "--format", "csv")
    assert "value_under_model,verdict_under_model" in out


@pytest.mark.parametrize("command", ["cumulative", "compare", "solve"])
@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--usc-beta", "-1", "--usc-beta must be a finite number of 1/Gy^2 greater than 0, got -1.0"),
        ("--usc-beta", "nan", "--usc-beta must be a finite number of 1/Gy^2 greater than 0, got nan"),
        ("--usc-beta", "1e400", "--usc-beta must be a finite number of 1/Gy^2 greater than 0, got inf"),
        ("--usc-beta", "1e-320", "--usc-beta must be a beta giving a finite alpha/beta, got 1e-320"),
        ("--usc-beta", "0.038x", "argument --usc-beta: invalid float value: '0.038x'"),
        ("--usc-dq", "-1", "--usc-dq must be a number of Gy from 0.01 to 100, got -1.0"),
        (
            "--usc-alpha",
            "0.9",
            "--usc-alpha, --usc-d0 must be values with alpha * d0 below 1, got 1.125 (the line "
            "must be steeper than LQ's start)",
        ),
    ],
)
def test_usc_options_refused_by_the_option_typed(
    capsys: pytest.CaptureFixture[str], command: str, option: str, value: str, message: str
) -> None:
    given = {"cumulative": ["30 Gy/10", "12 Gy x 2", "--months", "8"], "compare": ["12 Gy x 2"],
             "solve": ["--target-eqd2", "30", "--n-fractions", "5"]}[command]  # fmt: skip
    code, _, err = run(capsys, command, *given, "--model", "usc", option, value)
    assert code == 2
    assert err == f"fractionation: error: {message}\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["cumulative", "8 Gy x 1", "20 Gy/5"],
            "give --months once for each course after the first: 1 expected, got 0",
        ),
        (
            ["cumulative", "8 Gy x 1", "20 Gy/5", "--months", "-2"],
            "--months must be a number of months, 0 or more, got -2",
        ),
        (
            ["cumulative", "8 Gy x 1", "20 Gy/5", "--months", "2", "--recovery", "x"],
            "--recovery must be recovery steps written months:fraction, such as '6:0.25, 12:0.5', got 'x'",
        ),
        (
            ["cumulative", "8 Gy x 1", "20 Gy/5", "--months", "2", "--recovery", "6:1.5"],
            "from 0 up to (not including) 1",
        ),
        (["cumulative", "8 Gy x 1 +", "--months"], "expected one argument"),
        (
            ["cumulative", "8 Gy x 1", "20 Gy/5", "--date", "2024-01-01"],
            "give --date once for each course: 2 expected, got 1",
        ),
        (["cumulative", "8 Gy x 1", "--date", "2024-02-30"], "expected a date as YYYY-MM-DD, got '2024-02-30'"),
        (
            ["cumulative", "8 Gy x 1", "20 Gy/5", "--date", "2024-05-01", "--date", "2024-01-01"],
            "courses must be a date not before the course it follows (2024-05-01), got 2024-01-01 at index 1",
        ),
        (
            ["cumulative", "8 Gy x 1", "20 Gy/5", "--months", "2", "--date", "2024-01-01"],
            "not allowed with argument",
        ),
    ],
)
def test_cumulative_bad_input(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1  # refused before any note is printed
    assert message in err


def test_dicom_file_and_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pydicom = pytest.importorskip("pydicom")
    from pydicom.data import get_testdata_file

    source = get_testdata_file("rtdose.dcm")
    out = tmp_path / "eqd2.dcm"
    code, stdout, _ = run(
        capsys, "dicom", source, str(out), "--n-fractions", "5", "--alpha-beta", "late", "--relative-to-gy", "20"
    )
    assert code == 0
    assert stdout == f"wrote {out}\n"
    assert pydicom.dcmread(out).DoseComment == "EQD2 (LQ), alpha/beta 3 Gy, 5 fractions"
    folder, results = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    results.mkdir()
    for name in ("rtdose.dcm", "rtdose_1frame.dcm", "CT_small.dcm"):
        (folder / name).write_bytes(Path(get_testdata_file(name)).read_bytes())
    code, stdout, stderr = run(capsys, "dicom", str(folder), str(results), "--n-fractions", "5", "--alpha-beta", "3",
                               "--relative-to-gy", "20", "--quantity", "bed")  # fmt: skip
    assert code == 0
    assert (
        stdout == f"wrote 2 RT Dose file(s) to {results}; skipped 1 that are not RT Dose of physical dose; 0 failed\n"
    )
    assert stderr == f"skipped: {folder / 'CT_small.dcm'}: Modality must be RTDOSE (an RT Dose), got 'CT'\n"
    assert sorted(p.name for p in results.iterdir()) == ["rtdose_1frame_bed.dcm", "rtdose_bed.dcm"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--n-fractions", "5", "--alpha-beta", "3"],
            "relative_to_gy must be the dose in Gy that a relative dose of 1 stands for",
        ),
        (["--alpha-beta", "3"], "the following arguments are required: --n-fractions"),
        (
            ["--n-fractions", "5", "--alpha-beta", "0", "--relative-to-gy", "20"],
            "--alpha-beta must be a number of Gy from 0.01",
        ),
    ],
)
def test_dicom_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str) -> None:
    pytest.importorskip("pydicom")
    from pydicom.data import get_testdata_file

    code, _, err = run(capsys, "dicom", get_testdata_file("rtdose.dcm"), str(tmp_path / "o.dcm"), *argv)
    assert code == 2
    assert err.count("\n") == 1
    assert message in err
    assert not (tmp_path / "o.dcm").exists()


def test_progress_bar_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from fractionation.cli import _progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    _progress(1, 2, "a.dcm")
    _progress(2, 2, "b.dcm")
    assert terminal.getvalue().startswith("\r[" + "#" * 15 + "." * 15 + "] 1/2 a.dcm")
    assert terminal.getvalue().endswith("\n")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    _progress(1, 2, "a.dcm")
    assert sys.stderr.getvalue() == ""


def test_dicom_folder_with_a_failing_file_exits_1_after_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("pydicom")
    from pydicom.data import get_testdata_file

    folder, results = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    results.mkdir()
    dose = Path(get_testdata_file("rtdose.dcm")).read_bytes()
    (folder / "a.dcm").write_bytes(dose[:2000])
    (folder / "b.dcm").write_bytes(dose)
    (folder / "plan.dcm").write_bytes(Path(get_testdata_file("rtplan.dcm")).read_bytes())
    code, stdout, stderr = run(capsys, "dicom", str(folder), str(results), "--n-fractions", "5", "--alpha-beta", "3",
                               "--relative-to-gy", "20")  # fmt: skip
    assert code == 1
    assert (
        stdout == f"wrote 1 RT Dose file(s) to {results}; skipped 1 that are not RT Dose of physical dose; 1 failed\n"
    )
    assert stderr.startswith(f"failed: {folder / 'a.dcm'}: ")
    assert stderr.splitlines()[1].startswith(
        f"skipped: {folder / 'plan.dcm'}: Modality must be RTDOSE (an RT Dose), got 'RTPLAN'"
    )
    assert [p.name for p in results.iterdir()] == ["b_eqd2.dcm"]


def test_dicom_fifo_as_input_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("pydicom")
    os.mkfifo(tmp_path / "dose.dcm")
    code, _, err = run(capsys, "dicom", str(tmp_path / "dose.dcm"), str(tmp_path / "o.dcm"), "--n-fractions", "5",
                       "--alpha-beta", "3")  # fmt: skip
    assert (code, err) == (
        2,
        f"fractionation: error: {tmp_path / 'dose.dcm'}: source must be a regular file, got 'a FIFO'\n",
    )


def cli(*argv: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fractionation", *argv], text=True, capture_output=True,
                          check=False, **kwargs)  # fmt: skip


def test_a_full_disk_as_stdout_is_one_line_and_exit_2() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "fractionation", "tissues"], stdout=full,
                                stderr=subprocess.PIPE, text=True, check=False)  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == "fractionation: error: cannot write the output: No space left on device\n"


def test_a_closed_pipe_ends_quietly() -> None:
    reader = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.readline()"], stdin=subprocess.PIPE)
    many = [option for ratio in range(1, 31) for option in ("--alpha-beta", str(ratio))]  # more than a pipe holds
    writer = subprocess.run([sys.executable, "-m", "fractionation", "compare", "--catalogue", *many, "--format", "json"],
                            stdout=reader.stdin, stderr=subprocess.PIPE, text=True, check=False)  # fmt: skip
    assert reader.stdin is not None
    reader.stdin.close()
    reader.wait()
    assert writer.returncode == 0
    assert all(line.startswith("note: ") for line in writer.stderr.splitlines())  # no traceback, no "Exception ignored"


def test_an_interrupt_is_one_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fractionation.cli, "compare", interrupt)
    assert run(capsys, "compare", "8 Gy x 1") == (130, "", "fractionation: interrupted\n")


def test_a_defect_is_one_line_and_its_own_exit_code(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def defect(*args: object, **kwargs: object) -> None:
        raise TypeError("'int' object is not iterable")

    monkeypatch.setattr(fractionation.cli, "compare", defect)
    assert run(capsys, "compare", "8 Gy x 1") == (
        70, "", "fractionation: internal error, please report it: TypeError: 'int' object is not iterable\n"
    )  # fmt: skip


def test_solve_and_the_listings_print_the_librarys_tables(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "solve", "--target-bed", "60", "--n-fractions", "5", "--format", "csv")
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(out)), fr.solve(target_bed=60, n_fractions=5, alpha_beta=10))
    _, out, _ = run(capsys, "tissues", "--format", "json")
    pd.testing.assert_frame_equal(pd.DataFrame(json.loads(out)).astype({"low": float, "high": float}),
                                  fr.tissue_table())  # fmt: skip
    _, out, _ = run(capsys, "catalogue", "--format", "csv")
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(out), keep_default_na=False), fr.catalogue_table(),
                                  check_dtype=False)  # fmt: skip
