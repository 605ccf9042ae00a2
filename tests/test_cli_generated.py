"""Generated command lines for every CLI command: exit 0, or exit 2 with one line on stderr; never a traceback.

Arguments are drawn from each command's own options, with values that are valid,
extreme (1e308, 1e-320, a 400-digit number, nan, inf, negative) or nonsense. The
examples come from the suite's hypothesis profile (a fraction of it per command);
``pytest tests/test_cli_generated.py --hypothesis-profile=large`` runs many more.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fractionation.cli import build_parser, main
from tests.figures import tried

EXAMPLES = max(25, settings().max_examples // 4)

NUMBER_TEXTS = ("0", "1", "2", "3", "5", "10", "30", "-1", "1e308", "1e-320", "9" * 400, "nan", "inf", "-inf", "0.5",
                "100", "1000000", "2**63", "", " ", "x", "1e400")  # fmt: skip
SCHEME_TEXTS = ("8 Gy x 1", "20 Gy/5", "30 Gy/10", "8x1", "800 Gy x 1", "0.004 Gy x 1", "1e-320 Gy x 1",
                "2 Gy x 1500000", "20 Gy/5 + 2 Gy x 5", "", "Gy", "24 Gy/2")  # fmt: skip
ALPHA_BETA_TEXTS = ("10", "3", "cord", "late", "4 Gy", "0", "-3", "1e-320", "1e308", "bone")
NUMBERS = st.one_of(
    st.sampled_from(NUMBER_TEXTS),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)
SCHEMES = st.one_of(st.sampled_from(SCHEME_TEXTS), st.text(max_size=20))
ALPHA_BETAS = st.one_of(st.sampled_from(ALPHA_BETA_TEXTS), NUMBERS, st.text(max_size=8))
FORMATS = st.sampled_from(["text", "csv", "json", "markdown", "xml"])
DECIMALS = st.sampled_from(["0", "2", "12", "13", "-1", "x", "9" * 30])


def options(pairs: dict[str, st.SearchStrategy[str] | None]) -> st.SearchStrategy[list[str]]:
    """Some of ``pairs`` (a flag when its strategy is None), in any order, each once or twice."""

    def one(name: str) -> st.SearchStrategy[list[str]]:
        values = pairs[name]
        return st.just([name]) if values is None else values.map(lambda value: [name, value])

    return st.lists(st.sampled_from(sorted(pairs)).flatmap(one), max_size=6).map(
        lambda parts: [word for part in parts for word in part]
    )


MODEL = {"--model": st.sampled_from(["lq", "lql", "usc", "x"]), "--transition-dose": NUMBERS,
         "--slope-ratio": NUMBERS, "--usc-alpha": NUMBERS, "--usc-d0": NUMBERS, "--usc-dq": NUMBERS,
         "--usc-beta": NUMBERS}  # fmt: skip
OUTPUT = {"--format": FORMATS, "--decimals": DECIMALS}
#: Several fractions a day (compare and solve): LQ with Thames' repair, or a per-day pattern.
REPAIR = {"--fractions-per-day": NUMBERS, "--interval-hours": NUMBERS, "--repair-half-time": NUMBERS,
          "--day-pattern": st.one_of(st.sampled_from(["1x18, 2x12", "2x3", "1,2", "5x2", "1x0", "x", ""]),
                                     st.text(max_size=12))}  # fmt: skip

COMMANDS: dict[str, st.SearchStrategy[list[str]]] = {
    "compare": st.tuples(
        st.lists(SCHEMES, max_size=3),
        options({"--catalogue": None, "--document": None, "--alpha-beta": ALPHA_BETAS, "--fractions-per-week": NUMBERS,
                 "--repopulation": st.sampled_from(["hnscc-pedicini-2015", "lung"]), "--kickoff-days": NUMBERS,
                 "--dprolif": NUMBERS, "--cite": st.sampled_from(["bibtex", "csl-json", "x"]), **MODEL, **REPAIR,
                 **OUTPUT}),
    ).map(lambda parts: ["compare", *parts[0], *parts[1]]),
    "solve": options({"--like": SCHEMES, "--target-eqd2": NUMBERS, "--target-bed": NUMBERS, "--n-fractions": NUMBERS,
                      "--dose-per-fraction": NUMBERS, "--alpha-beta": ALPHA_BETAS, "--other-alpha-beta": ALPHA_BETAS,
                      **MODEL, **REPAIR, **OUTPUT}).map(lambda parts: ["solve", *parts]),
    "cumulative": st.tuples(
        st.lists(SCHEMES, min_size=1, max_size=3),
        options({"--months": NUMBERS, "--sbrt": None, "--alpha-beta": ALPHA_BETAS,
                 "--recovery": st.sampled_from(["6:0.25,12:0.5", "x", "6:1.5", "-1:0.2", "1e308:0.5"]), **MODEL,
                 **OUTPUT}),
    ).map(lambda parts: ["cumulative", *parts[0], *parts[1]]),
    "quiz": options({"--seed": NUMBERS, "--count": NUMBERS, "--topic": st.sampled_from(["eqd2", "bed", "missed", "x"]),
                     "--level": st.sampled_from(["easy", "medium", "hard", "x"]), "--answers": None,
                     "--format": FORMATS}).map(lambda parts: ["quiz", *parts]),
    "missed": st.tuples(
        SCHEMES,
        options({"--missed": st.one_of(NUMBERS, st.sampled_from(["2024-01-15", "14,15", "2024-13-01"])),
                 "--start": st.sampled_from(["2024-01-01", "x", "9999-12-31", "0001-01-01"]),
                 "--fractions-per-week": NUMBERS, "--tumour": ALPHA_BETAS, "--normal": ALPHA_BETAS,
                 "--interval-hours": NUMBERS, "--repair-half-time": NUMBERS, **OUTPUT}),
    ).map(lambda parts: ["missed", parts[0], *parts[1]]),
    "catalogue": options(OUTPUT).map(lambda parts: ["catalogue", *parts]),
    "tissues": options(OUTPUT).map(lambda parts: ["tissues", *parts]),
}  # fmt: skip


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse and _fail end this way
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def check(argv: list[str]) -> None:
    tried("CLI command lines")
    code, out, err = run(argv)
    assert "Traceback" not in err
    if code == 2:
        assert err.count("\n") == 1, err
        assert err.startswith("fractionation: error: "), err
        assert out == ""
        return
    assert code == 0, (code, err)
    assert out
    formats = [argv[i + 1] for i, word in enumerate(argv[:-1]) if word == "--format"]
    if formats and formats[-1] == "json" and "--cite" not in argv:
        json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in the JSON output"))  # strict JSON


def test_every_command_is_generated() -> None:
    commands = next(a for a in build_parser()._actions if a.dest == "command").choices
    assert commands is not None
    assert set(COMMANDS) | {"dicom"} <= set(commands)
    assert set(commands) <= set(COMMANDS) | {"dicom"} | EXTRA_COMMANDS


#: Commands other helpers add (their own suites cover them); listed so that a new one is a conscious choice.
EXTRA_COMMANDS: set[str] = set()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_generated_command_lines(command: str) -> None:
    @settings(max_examples=EXAMPLES)
    @given(COMMANDS[command])
    def generated(argv: list[str]) -> None:
        check(argv)

    generated()


DICOM_OPTIONS = {"--n-fractions": NUMBERS, "--alpha-beta": ALPHA_BETAS, "--relative-to-gy": NUMBERS,
                 "--quantity": st.sampled_from(["eqd2", "bed", "x"]), "--overwrite": None}  # fmt: skip


@settings(max_examples=EXAMPLES)
@given(source=st.sampled_from(["rtdose", "rtplan", "missing", "folder", "/dev/null", ""]), argv=options(DICOM_OPTIONS))
def test_generated_dicom_command_lines(source: str, argv: list[str]) -> None:
    pydicom_data = pytest.importorskip("pydicom.data")
    with tempfile.TemporaryDirectory() as folder:
        files = {"rtdose": pydicom_data.get_testdata_file("rtdose.dcm"),
                 "rtplan": pydicom_data.get_testdata_file("rtplan.dcm"),
                 "missing": str(Path(folder) / "missing.dcm"), "folder": folder}  # fmt: skip
        check(["dicom", files.get(source, source), str(Path(folder) / "out.dcm"), *argv])


HOURS = ["--interval-hours", "6", "--repair-half-time", "4"]


def test_the_extremes_named_in_the_issue() -> None:
    for argv in (
        ["compare", "8 Gy x 1", "--alpha-beta", "1e-320"],
        ["compare", "2 Gy x 3000000"],
        ["solve", "--target-eqd2", "1e308", "--n-fractions", "1"],
        ["solve", "--target-eqd2", "30", "--dose-per-fraction", "1e-320"],
        ["solve", "--target-bed", "1e-320", "--n-fractions", "2"],
        ["compare", "8 Gy x 1", "--model", "lql", "--transition-dose", "1e308"],
        ["compare", "8 Gy x 1", "--fractions-per-week", "9" * 400],
        ["compare", "2 Gy x 30", "--fractions-per-day", "3", "--interval-hours", "8", "--repair-half-time", "4"],
        ["compare", "2 Gy x 30", "--day-pattern", "1x" + "9" * 400, "--interval-hours", "6", "--repair-half-time", "4"],
        ["solve", "--target-eqd2", "70", "--dose-per-fraction", "2", "--day-pattern", "1x18,2x12", *HOURS],
    ):
        check(argv)
