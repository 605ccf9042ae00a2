"""Command line: ``fractionation COMMAND``, one command per question (``fractionation --help`` lists them).

Thin by design: it parses arguments, calls one library function per command and
renders what it returns. Bad input ends with exit code 2 and one line on stderr,
never a traceback; the exit codes are listed in ``EXIT_CODES`` and in ``--help``.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import math
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import numpy as np

import fractionation as fr
from fractionation import FractionationCaution, FractionationError, Scheme, catalogue, compare

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    Table = pd.DataFrame | dict[str, npt.NDArray[Any]]
    from typing import TypeAlias

    Commands: TypeAlias = "argparse._SubParsersAction[_Parser]"  # what add_subparsers returns

FORMATS = ("text", "csv", "json", "markdown")
EXIT_BAD_INPUT = 2
EXIT_SOME_FAILED = 1
EXIT_INTERRUPTED = 130
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE (sysexits.h)
EXIT_CODES = f"""exit codes:
  0    done
  {EXIT_SOME_FAILED}    dicom with a folder: some file failed (the others were converted), or none was converted
  {EXIT_BAD_INPUT}    bad input, or an output that cannot be written: one line on stderr
  {EXIT_INTERNAL_ERROR}   a defect of fractionation (please report it): one line on stderr
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)"""
DEFAULT_TISSUES = ("tumour", "late", "cord")

#: Readable headers for text and markdown; csv and json keep the DataFrame's column names.
HEADERS = {
    "scheme": "scheme", "intent": "intent", "n_fractions": "n", "dose_per_fraction": "d (Gy)",
    "total_dose": "D (Gy)", "tissue": "tissue", "alpha_beta": "a/b (Gy)", "bed": "BED (Gy)", "eqd2": "EQD2 (Gy)",
    "id": "id", "origin": "origin", "source": "source", "model": "model", "overall_time": "T (days)",
    "eqd2_repopulation": "repop. (Gy)", "eqd2_time_corrected": "EQD2_T (Gy)", "role": "role",
    "exact_n_fractions": "n exact", "other_alpha_beta": "other a/b", "other_eqd2": "other EQD2",
    "course": "course", "interval_months": "interval (months)", "months_before_planned": "before planned (months)",
    "share": "share", "recovery_discount": "discount", "rule": "rule", "value": "value", "limit": "limit",
    "holds": "holds", "assumptions": "assumptions", "interval_days": "interval (days)", "date": "date",
    "bed_assuming_recovery": "BED assuming recovery (Gy)", "eqd2_assuming_recovery": "EQD2 assuming recovery (Gy)",
    "value_assuming_recovery": "assuming recovery", "bed_under_model": "BED under model (Gy)",
    "eqd2_under_model": "EQD2 under model (Gy)", "value_under_model": "under model",
    "verdict_under_model": "verdict under model", "verdict": "verdict", "basis": "basis", "unit": "unit",
    "bed_low": "BED 2.5% (Gy)", "bed_median": "BED median (Gy)", "bed_high": "BED 97.5% (Gy)",
    "eqd2_low": "EQD2 2.5% (Gy)", "eqd2_median": "EQD2 median (Gy)", "eqd2_high": "EQD2 97.5% (Gy)",
    "option": "option", "tumour_eqd2": "tumour EQD2_T (Gy)", "tumour_change": "tumour change (Gy)",
    "note": "note", "weekday": "weekday", "day": "day", "fractions": "fractions",
}  # fmt: skip


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        _fail(message)


def _fail(message: str) -> NoReturn:
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")  # an argument typed with a newline stays one line
    print(f"fractionation: error: {one_line}", file=sys.stderr)
    raise SystemExit(EXIT_BAD_INPUT)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; each command's options are added by a builder of its own.

    Given the command about to run, the other commands are named (``--help`` lists them
    the same) but not built: their builders import modules and read data files (the
    quiz's topics, the presets) that a start-up should not pay for.
    """
    parser = _Parser(
        prog="fractionation",
        description="Total dose, BED and EQD2 of radiotherapy fractionation schemes (linear-quadratic model). "
        "An educational and research reference, not a prescribing system.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from fractionation import __version__

    parser.add_argument("--version", action="version", version=f"fractionation {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    for add_command in (_compare_parser, _solve_parser, _cumulative_parser, _dicom_parser, _missed_parser,
                        _quiz_parser, _catalogue_parser, _tissues_parser):  # fmt: skip
        name = add_command.__name__.strip("_").removesuffix("_parser")
        if command in (None, name):
            add_command(commands)  # in the order --help lists them
        else:
            commands.add_parser(name)
    return parser


def _compare_parser(commands: Commands) -> None:
    cmp = commands.add_parser("compare", help="compare schemes side by side", description="Compare schemes.")
    cmp.add_argument("schemes", nargs="*", metavar="SCHEME", help="a scheme such as '8 Gy x 1', '20 Gy/5'")
    cmp.add_argument("--catalogue", action="store_true", help="add every catalogue scheme")
    cmp.add_argument("--document", action="store_true", help="add the six schemes of the source document")
    cmp.add_argument(
        "--alpha-beta", action="append", metavar="GY_OR_TISSUE", dest="alpha_betas",
        help="alpha/beta in Gy, or a tissue preset id (see 'fractionation tissues'); repeatable; "
        f"default: {', '.join(DEFAULT_TISSUES)}",
    )  # fmt: skip
    cmp.add_argument(
        "--fractions-per-week",
        type=int,
        metavar="N",
        help="schedule of the schemes named here (catalogue schemes keep their own; default 5)",
    )
    time = cmp.add_mutually_exclusive_group()
    time.add_argument("--repopulation", choices=_RepopulationIds(), metavar="PRESET",
                      help="time-correct EQD2 with a preset: %(choices)s")  # fmt: skip
    time.add_argument(
        "--kickoff-days", type=float, metavar="TK", help="time-correct EQD2: kick-off time (needs --dprolif)"
    )
    cmp.add_argument("--dprolif", type=float, metavar="GY_PER_DAY", help="EQD2 lost per day after the kick-off")
    _cite_option(cmp, "the comparison (schemes, tissues, models) instead of the table")
    _model_options(cmp, repair=True)
    _uncertainty_options(cmp)
    _output_options(cmp, formats=(*FORMATS, "pdf"))
    _handout_options(cmp)


class _RepopulationIds:
    """The ids of the repopulation presets, as argparse's choices: read from their data file only when argparse
    asks (for --help, or when --repopulation is given), not at the start of every comparison."""

    def __iter__(self) -> Iterator[str]:
        return iter([r.id for r in fr.repopulations() if r.id])

    def __contains__(self, value: object) -> bool:
        return value in list(self)


def _solve_parser(commands: Commands) -> None:
    solve = commands.add_parser(
        "solve", help="iso-effect questions: what dose, how many fractions",
        description="Find the dose per fraction (--n-fractions) or the number of fractions (--dose-per-fraction) "
        "that reaches a target: the EQD2 of a scheme (--like), or an EQD2 or BED in Gy.",
    )  # fmt: skip
    target = solve.add_mutually_exclusive_group(required=True)
    target.add_argument("--like", metavar="SCHEME", help="the same EQD2 as this scheme, e.g. '30 Gy/10'")
    target.add_argument("--target-eqd2", type=float, metavar="GY")
    target.add_argument("--target-bed", type=float, metavar="GY")
    unknown = solve.add_mutually_exclusive_group(required=True)
    unknown.add_argument("--n-fractions", type=int, metavar="N", help="solve for the dose per fraction in N fractions")
    unknown.add_argument("--dose-per-fraction", type=float, metavar="GY", help="solve for the number of fractions")
    solve.add_argument("--alpha-beta", default="tumour", metavar="GY_OR_TISSUE", help="default: tumour (10 Gy)")
    solve.add_argument(
        "--other-alpha-beta", metavar="GY_OR_TISSUE", help="also report this tissue's EQD2 before and after (e.g. cord)"
    )
    _model_options(solve, repair=True)
    _output_options(solve)
    _cite_option(solve, "the answer (the scheme matched, the tissues, the model) instead of the table")


def _cumulative_parser(commands: Commands) -> None:
    cum = commands.add_parser(
        "cumulative", help="re-irradiation: cumulative dose across courses, checked against cited limits",
        description="Cumulative BED and EQD2 of the courses one site received (the last is the one planned), and "
        "the spinal cord tolerance rules that apply. Give the doses the cord receives (its point maximum), not the "
        "prescription. For teaching: check every figure against the institution's protocol.",
    )  # fmt: skip
    cum.add_argument("courses", nargs="+", metavar="COURSE", help="e.g. '30 Gy/10'; parts of one course joined by '+'")
    when = cum.add_mutually_exclusive_group()
    when.add_argument(
        "--months",
        action="append",
        type=float,
        metavar="M",
        help="months from one course to the next; once per course after the first",
    )
    when.add_argument(
        "--date",
        action="append",
        type=_date,
        dest="dates",
        metavar="YYYY-MM-DD",
        help="the date each course started; once per course (intervals in calendar months)",
    )
    cum.add_argument("--sbrt", action="store_true", help="the planned (last) course is stereotactic")
    cum.add_argument(
        "--alpha-beta",
        default="cord",
        metavar="GY_OR_TISSUE",
        help="the cord's alpha/beta under every model: cord (2 Gy, default), cord-lumbar (4 Gy) or a number. The "
        "verdict uses LQ at it, as the limits were derived; --model lql or usc gives its values beside (usc at "
        "its own alpha/beta)",
    )
    cum.add_argument(
        "--recovery",
        metavar="MONTHS:FRACTION,...",
        nargs="?",
        const="6:0.25,12:0.5",
        help="discount earlier courses by the time before the planned one "
        "(without a value: 6:0.25,12:0.5, Doi and Nieder 2021); an assumption, shown beside the sums the "
        "limits were derived from, never instead",
    )
    _model_options(cum)
    _output_options(cum)
    _cite_option(cum, "the check (the rules, the cord's alpha/beta, the model) instead of the tables")


def _dicom_parser(commands: Commands) -> None:
    dcm = commands.add_parser(
        "dicom", help="convert DICOM RT Dose files to EQD2 or BED",
        description="Convert an RT Dose file, or every RT Dose file of a folder, to EQD2 (or BED) voxel by voxel; "
        "each output is a new RT Dose (DoseType EFFECTIVE). A folder's outputs are named after their inputs "
        "(dose.dcm gives dose_eqd2.dcm); what is not an RT Dose of physical dose is skipped with the reason, a "
        "file that fails does not stop the others, and a summary ends the run. No input is ever written over. "
        "Needs pydicom: pip install 'fractionation[dicom]'.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    dcm.add_argument("source", help="an RT Dose file, or a folder of them")
    dcm.add_argument("destination", help="the output file, or an existing folder for the outputs")
    dcm.add_argument("--n-fractions", type=int, required=True, metavar="N", help="fractions the dose was given in")
    dcm.add_argument("--alpha-beta", required=True, metavar="GY_OR_TISSUE", help="a number of Gy or a tissue preset id")
    dcm.add_argument("--quantity", choices=("eqd2", "bed"), default="eqd2")
    dcm.add_argument("--relative-to-gy", type=float, metavar="GY", help="for RELATIVE doses: the Gy of a relative 1")
    dcm.add_argument("--overwrite", action="store_true", help="replace outputs that exist (never the input)")


def _catalogue_parser(commands: Commands) -> None:
    listing = commands.add_parser("catalogue", help="list the catalogue's schemes with their sources")
    listing.add_argument("--origin", metavar="ORIGIN",
                         help="only the schemes from 'document' (the source document) or 'literature'")  # fmt: skip
    _output_options(listing)
    _cite_option(listing, "the catalogue's schemes instead of the list")


def _tissues_parser(commands: Commands) -> None:
    listing = commands.add_parser("tissues", help="list the tissue alpha/beta presets with their sources")
    _output_options(listing)
    _cite_option(listing, "the tissue presets instead of the list")


def _cite_option(parser: argparse.ArgumentParser, behind: str) -> None:
    parser.add_argument("--cite", choices=("bibtex", "csl-json"), help=f"print the references behind {behind}")


def _print_references(style: str, *results: Any) -> int:
    """The references a result rests on (the library says which), as BibTeX or CSL-JSON, in place of the result."""
    refs = fr.cite(*results)
    _write(refs.bibtex() if style == "bibtex" else refs.csl_json())
    return 0


def _model_options(parser: argparse.ArgumentParser, *, repair: bool = False) -> None:
    parser.add_argument("--model", choices=("lq", "lql", "usc"), default="lq", help="dose-response model (default: lq)")
    if repair:
        _repair_options(parser)
    parser.add_argument("--transition-dose", type=float, metavar="GY", help="LQ-L transition dose (required with lql)")
    parser.add_argument("--slope-ratio", type=float, metavar="G_OVER_A", help="LQ-L gamma/alpha (default: tangent)")
    parser.add_argument("--usc-alpha", type=float, default=0.33, metavar="PER_GY", help="USC alpha (default 0.33)")
    parser.add_argument("--usc-d0", type=float, default=1.25, metavar="GY", help="USC D0 (default 1.25)")
    parser.add_argument("--usc-dq", type=float, default=1.8, metavar="GY", help="USC Dq (default 1.8)")
    parser.add_argument("--usc-beta", type=float, metavar="PER_GY2",
                        help="USC beta as stated (e.g. 0.038, as often quoted; default: derived, 0.03835)")  # fmt: skip


def _repair_options(parser: argparse.ArgumentParser) -> None:
    days = parser.add_mutually_exclusive_group()
    days.add_argument("--fractions-per-day", type=int, metavar="N",
                      help="N fractions every treatment day: LQ with Thames' incomplete repair, H per real day (a "
                      "short last day has its own); the schemes named here are scheduled N a day")  # fmt: skip
    days.add_argument("--day-pattern", metavar="PATTERN",
                      help="the fractions on each treatment day, as 'fractions a day x days' groups: "
                      "'1x18, 2x12' is 18 days of one, then 12 of two (a concomitant boost); for schemes of "
                      "its number of fractions")  # fmt: skip
    parser.add_argument("--interval-hours", type=float, metavar="H", help="hours between fractions of one day")
    parser.add_argument("--repair-half-time", type=float, metavar="H", help="repair half-time, hours (published "
                        "0.5-4; no default: choose one and state it)")  # fmt: skip


def _repair_model(args: argparse.Namespace) -> Any:
    """LQ with incomplete repair when a command was told of several fractions a day; None otherwise."""
    per_day, pattern = getattr(args, "fractions_per_day", None), getattr(args, "day_pattern", None)
    interval, half_time = getattr(args, "interval_hours", None), getattr(args, "repair_half_time", None)
    if per_day is None and pattern is None:
        if interval is not None or half_time is not None:
            _fail("--interval-hours and --repair-half-time are for several fractions a day: "
                  "give --fractions-per-day or --day-pattern too")  # fmt: skip
        return None
    if args.model != "lq":
        _fail(f"--fractions-per-day and --day-pattern are for --model lq (LQ-L and USC are once a day), "
              f"got --model {args.model}")  # fmt: skip
    days = None if pattern is None else fr.parse_day_pattern(pattern, argument="--day-pattern")
    return fr.LQ(fractions_per_day=1 if per_day is None else per_day, interval_hours=interval,
                 repair_half_time_hours=half_time, day_pattern=days)  # fmt: skip


#: The library's arguments that an option gives, by the library's names: an error names what was typed.
OPTIONS = {"alpha_beta": "--alpha-beta", "fractions_per_day": "--fractions-per-day",
           "interval_hours": "--interval-hours", "repair_half_time_hours": "--repair-half-time",
           "day_pattern": "--day-pattern", "transition_dose": "--transition-dose", "slope_ratio": "--slope-ratio",
           "alpha": "--usc-alpha", "d0": "--usc-d0", "dq": "--usc-dq", "beta": "--usc-beta",
           "alpha, d0": "--usc-alpha, --usc-d0", "alpha, d0, dq": "--usc-alpha, --usc-d0, --usc-dq"}  # fmt: skip


def _model_caution(model: Any) -> None:
    """The model's own caution (LQ's: a night too short for complete repair), on stderr."""
    if caution := getattr(model, "caution", None):
        print(f"note: {caution}", file=sys.stderr)


def _model(args: argparse.Namespace) -> Any:
    if (repair := _repair_model(args)) is not None:
        return repair
    if args.model == "lql":
        if args.transition_dose is None:
            _fail("--model lql needs --transition-dose (Gy): the literature uses several, so choose and state one")
        return fr.LQL(transition_dose=args.transition_dose, slope_ratio=args.slope_ratio)
    if args.model == "usc":
        return fr.USC(alpha=args.usc_alpha, d0=args.usc_d0, dq=args.usc_dq, beta=args.usc_beta)
    return None


def _output_options(parser: argparse.ArgumentParser, formats: Sequence[str] = FORMATS) -> None:
    parser.add_argument("--format", choices=formats, default="text", help="output format (default: text)")
    parser.add_argument("--decimals", type=_decimals, default=2, help="decimals in text and markdown (default: 2)")


def _decimals(text: str) -> int:
    if not text.isdigit() or int(text) > 12:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to 12, got {text!r}")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    >>> main(["compare", "8 Gy x 1", "--alpha-beta", "10", "--format", "csv"])  # doctest: +ELLIPSIS
    scheme,intent,n_fractions,dose_per_fraction,total_dose,tissue,alpha_beta,bed,eqd2,source
    8 Gy x 1,,1,8.0,8.0,,10.0,14.4,12.0,
    0
    """
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("fractionation: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a defect, not the user's input: one line that says so, and a code of its own
        reason = str(error).splitlines()[0][:200] if str(error) else ""
        print(f"fractionation: internal error, please report it: {type(error).__name__}: {reason}", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


def _main(argv: Sequence[str] | None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    command = next((token for token in given if not token.startswith("-")), None)  # no top-level option takes a value
    args = build_parser(command).parse_args(given)
    args.argv = given  # the command as typed: the handout quotes it
    commands = {"compare": _compare, "solve": _solve, "cumulative": _cumulative, "dicom": _dicom, "missed": _missed,
                "quiz": _quiz, "catalogue": _catalogue, "tissues": _tissues}  # fmt: skip
    # Cautions of the dose policy are printed as notes from Scheme.cautions, not as Python warnings.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FractionationCaution)
        try:
            return commands[args.command](args)
        except FractionationError as error:
            _fail(str(error.renamed(OPTIONS)))


def _compare(args: argparse.Namespace) -> int:
    model = _model(args)  # first: its options are checked before the schemes use them
    per_day = args.fractions_per_day or 1  # the schemes named here are scheduled as the model's days
    schemes: list[Any] = [Scheme.parse(text, fractions_per_day=per_day, fractions_per_week=args.fractions_per_week)
                          for text in args.schemes]  # fmt: skip
    if args.document:
        schemes += catalogue(origin="document")
    if args.catalogue:
        schemes += list(catalogue())
    if not schemes:
        _fail("no scheme given: name schemes such as '8 Gy x 1', or use --catalogue or --document")
    if args.alpha_betas:
        alpha_betas = [fr.parse_alpha_beta(text, argument="--alpha-beta") for text in args.alpha_betas]
    else:  # USC fixes its own alpha/beta
        alpha_betas = (
            [model.alpha_beta] if isinstance(model, fr.USC) else [fr.parse_alpha_beta(t) for t in DEFAULT_TISSUES]
        )
    repopulation = _repopulation(args)
    if args.format == "pdf" or args.output is not None:
        _write(_handout(args, schemes, alpha_betas, model, repopulation))
        return 0
    table: Table
    if args.uncertainty:
        table = _uncertainty(args, schemes, alpha_betas, model)
    else:
        table = compare(schemes, alpha_betas, model=model, repopulation=repopulation, as_frame=False)
    if args.cite is not None:
        refs = fr.cite(schemes=schemes, alpha_betas=alpha_betas, models=[model], repopulation=repopulation)
        _write(refs.bibtex() if args.cite == "bibtex" else refs.csl_json())
        return 0
    for scheme in dict.fromkeys(schemes):
        for caution in scheme.cautions:
            print(f"note: {scheme}: {caution}", file=sys.stderr)  # stderr: csv and json stay clean
    _model_caution(model)
    # Long citations wreck a text table's alignment (csv, json and markdown keep them); a tissue column with
    # no tissue named (numbers of Gy only) says nothing.
    _write(render(table, args.format, args.decimals, hide_in_text=("source",), hide_when_blank=("tissue",)))
    return 0


def _handout_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", metavar="FILE", help="with --format pdf: the file (written whole or not at all)")
    parser.add_argument("--working", metavar="SCHEME", help="with --format pdf: the scheme whose working is shown "
                        "(default: the first)")  # fmt: skip
    parser.add_argument("--working-alpha-beta", metavar="GY_OR_TISSUE",
                        help="with --format pdf: the alpha/beta of the working (default: the first)")  # fmt: skip


def _handout(
    args: argparse.Namespace, schemes: list[Any], alpha_betas: list[Any], model: Any, repopulation: Any
) -> str:
    """Write the handout PDF of the comparison to --output; the PDF quotes the command that shows the same table."""
    import shlex

    if args.format != "pdf":
        _fail("--output is for --format pdf; the other formats go to stdout (redirect them to a file)")
    if args.output is None:
        _fail("--format pdf needs --output FILE (a PDF is not written to a terminal)")
    model_option = "--fractions-per-day or --day-pattern" if isinstance(model, fr.LQ) else "--model"
    for given, option in ((model, model_option), (repopulation, "--repopulation or --kickoff-days"),
                          (args.cite, "--cite")):  # fmt: skip
        if given is not None:
            _fail(f"--format pdf shows the plain LQ comparison, as the app's table does: drop {option}")
    try:
        from fractionation.handout import check_output, handout_pdf, write_pdf
    except ImportError:
        _fail('--format pdf needs the handout extra: pip install "fractionation[handout]"')
    check_output(args.output)  # before the work, not after
    working = None if args.working is None else Scheme.parse(args.working)
    ratio = None
    if args.working_alpha_beta is not None:
        ratio = fr.parse_alpha_beta(args.working_alpha_beta, argument="--working-alpha-beta")
    kept, skip = [], False
    for token in args.argv:  # the same view as a table: the command without --format and --output
        if skip or token.startswith(("--format=", "--output=")):
            skip = False
            continue
        skip = token in ("--format", "--output")
        kept += [] if skip else [token]
    pdf = handout_pdf(schemes, alpha_betas, working_scheme=working, working_alpha_beta=ratio,
                      link="fractionation " + shlex.join(kept), uncertainty=args.uncertainty, samples=args.samples,
                      seed=args.seed)  # fmt: skip
    return f"wrote {write_pdf(pdf, args.output)}\n"


def _uncertainty_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--uncertainty", action="store_true",
        help="add the median and 95%% interval of BED and EQD2 (seeded Monte Carlo over alpha/beta and the "
        "time correction's parameters); each input's distribution is stated on stderr",
    )  # fmt: skip
    parser.add_argument("--samples", type=int, default=None, metavar="N", help="Monte Carlo samples (default 20000)")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")


def _uncertainty(args: argparse.Namespace, schemes: list[Any], alpha_betas: list[Any], model: Any) -> pd.DataFrame:
    repopulation = _repopulation(args)
    chosen = {} if args.samples is None else {"samples": args.samples}  # else the library's default
    table = fr.uncertainty(schemes, alpha_betas, model=model, repopulation=repopulation, seed=args.seed, **chosen)
    print(
        f"note: {table.attrs['samples']} samples, seed {args.seed}; 95% intervals are the 2.5th-97.5th percentiles",
        file=sys.stderr,
    )
    for distribution in fr.input_distributions(alpha_betas, repopulation=repopulation):
        print(f"note: {distribution}", file=sys.stderr)
    return table


def _missed_parser(commands: Commands) -> None:
    missed = commands.add_parser(
        "missed", help="missed fractions: the tumour EQD2 lost and the options to make it up",
        description="An interrupted schedule: the tumour EQD2 lost to the longer overall time, and the options "
        "(days off, two fractions a day, extra fractions) side by side with each normal tissue's change. "
        "Following Dale et al., Clin Oncol 2002;14:382-393, and the RCR's guidelines on unscheduled treatment "
        "interruptions (4th ed., 2019). For teaching, not for prescribing.",
    )  # fmt: skip
    missed.add_argument("scheme", metavar="SCHEME", help="the planned scheme, once a day, e.g. '2 Gy x 35'")
    missed.add_argument(
        "--missed", action="append", required=True, metavar="DAY",
        help="a missed treatment day: a date (2024-01-15) or a day number (0 = the first fraction's day); "
        "repeatable, or comma-separated",
    )  # fmt: skip
    missed.add_argument("--start", metavar="DATE", help="date of the first fraction (default: a Monday, 2024-01-01)")
    missed.add_argument("--fractions-per-week", type=int, metavar="N", help="treatment days a week (default 5)")
    missed.add_argument("--tumour", metavar="GY_OR_TISSUE", help="tumour alpha/beta (default: the tumour preset)")
    missed.add_argument(
        "--normal", action="append", metavar="GY_OR_TISSUE", help="a normal tissue; repeatable (default: late, cord)"
    )
    time = missed.add_mutually_exclusive_group()
    time.add_argument("--repopulation", choices=[r.id for r in fr.repopulations() if r.id], metavar="PRESET",
                      help="time correction preset (default hnscc-pedicini-2015)")  # fmt: skip
    time.add_argument("--kickoff-days", type=float, metavar="TK", help="kick-off time (needs --dprolif)")
    missed.add_argument("--dprolif", type=float, metavar="GY_PER_DAY", help="EQD2 lost per day after the kick-off")
    missed.add_argument("--interval-hours", type=float, default=6.0, metavar="H",
                        help="hours between two fractions of a day (at least 6; default 6)")  # fmt: skip
    missed.add_argument("--repair-half-time", type=float, metavar="H",
                        help="normal-tissue repair half-time, hours (default: a teaching 4 h)")  # fmt: skip
    _output_options(missed)
    _cite_option(missed, "the options (the method, the scheme, the tissues, the time correction) instead of them")


def _missed(args: argparse.Namespace) -> int:
    import datetime

    days: list[datetime.date | int] = []
    for text in (part.strip() for value in args.missed for part in value.split(",")):
        if text.lstrip("-").isdigit():
            days.append(int(text))
            continue
        try:
            days.append(datetime.date.fromisoformat(text))
        except ValueError:
            _fail(f"--missed must be a date (2024-01-15) or a day number (0 = the first fraction), got {text!r}")
    start = None
    if args.start is not None:
        try:
            start = datetime.date.fromisoformat(args.start)
        except ValueError:
            _fail(f"--start must be a date such as 2024-01-15, got {args.start!r}")
    options: dict[str, Any] = {"interval_hours": args.interval_hours, "start": start,
                               "repopulation": _repopulation(args)}  # fmt: skip
    if args.tumour is not None:
        options["tumour"] = fr.parse_alpha_beta(args.tumour, argument="--tumour")
    if args.normal:
        options["normal_tissues"] = [fr.parse_alpha_beta(text, argument="--normal") for text in args.normal]
    if args.repair_half_time is not None:
        options["repair_half_time_hours"] = args.repair_half_time
    scheme = Scheme.parse(args.scheme, fractions_per_week=args.fractions_per_week)
    interruption = fr.missed_fractions(scheme, missed=days, **options)
    if args.cite is not None:
        return _print_references(args.cite, interruption)
    print(f"note: tumour EQD2 lost without compensation: {interruption.eqd2_lost:.2f} Gy", file=sys.stderr)
    for assumption in interruption.assumptions:
        print(f"note: {assumption}", file=sys.stderr)
    table, changes = interruption.table(), interruption.changes()
    if args.format == "json":
        found = {
            "eqd2_lost": interruption.eqd2_lost,
            "options": json.loads(render(table, "json")),
            "changes": json.loads(render(changes, "json")),
            "assumptions": list(interruption.assumptions),
        }
        _write(json.dumps(found, indent=2, ensure_ascii=False) + "\n")  # fmt: skip
    else:
        _write(render(table, args.format, args.decimals) + "\n" + render(changes, args.format, args.decimals))
    return 0


def _quiz_parser(commands: Commands) -> None:
    from fractionation import QUIZ_LEVELS, QUIZ_TOPICS

    quiz = commands.add_parser(
        "quiz", help="a seeded problem set for the classroom, with the answers and working on request",
        description="Questions drawn from the catalogue and the formulas; the same seed, count, topics and level "
        "give the same questions everywhere (the app's quiz link too). Topics: "
        + "; ".join(f"{key}: {text}" for key, text in QUIZ_TOPICS.items()) + ".",
    )  # fmt: skip
    quiz.add_argument("--seed", type=int, required=True, metavar="S", help="the problem set's seed")
    quiz.add_argument("--count", type=int, default=10, metavar="N", help="number of questions (default 10)")
    quiz.add_argument("--topic", action="append", choices=list(QUIZ_TOPICS), dest="topics", metavar="TOPIC",
                      help="a topic (repeatable; default: all, in turn): " + ", ".join(QUIZ_TOPICS))  # fmt: skip
    quiz.add_argument("--level", choices=QUIZ_LEVELS, default="medium", help="difficulty (default: medium)")
    quiz.add_argument("--answers", action="store_true", help="add the answers, tolerances and working")
    quiz.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="default: text")
    _cite_option(quiz, "the questions (their schemes, tissues, rules and formulas) instead of them")


def _quiz(args: argparse.Namespace) -> int:
    questions = fr.quiz(seed=args.seed, count=args.count, topics=args.topics, level=args.level)
    if args.cite is not None:
        return _print_references(args.cite, *questions)
    if args.format == "json":
        records = json.loads(render(fr.quiz_table(questions, answers=args.answers), "json"))
        settings = {"seed": args.seed, "count": args.count, "level": args.level, "topics": args.topics or "all"}
        _write(json.dumps({"settings": settings, "questions": records}, indent=2, ensure_ascii=False) + "\n")
        return 0
    markdown = args.format == "markdown"
    topics = ", ".join(args.topics) if args.topics else "all topics"
    count = f"{len(questions)} question{'s' * (len(questions) != 1)}"
    lines = [f"{'# ' if markdown else ''}Quiz: seed {args.seed}, {args.level}, {count} ({topics})",
             "", "Answers in Gy to one decimal unless a question says otherwise; each is accepted within the "
             "tolerance it states. For teaching, not for prescribing.", ""]  # fmt: skip
    for q in questions:
        lines.append(f"{q.number}. {q.text}")
        if args.answers:
            tolerance = "" if q.choices else f" (accepted within ±{q.tolerance:g} {q.unit})"
            lines.append(f"   {'**Answer:**' if markdown else 'Answer:'} {q.answer_text}{tolerance}")
            lines += [f"   - {fr.step_text(step)}" if markdown else f"   {fr.step_text(step)}" for step in q.working]
            if q.source:
                lines.append(f"   Source: {q.source}")
        lines.append("")
    _write("\n".join(lines))
    return 0


def _repopulation(args: argparse.Namespace) -> Any:
    if args.repopulation is not None:
        return fr.repopulation(args.repopulation)
    if args.kickoff_days is not None or args.dprolif is not None:
        if args.kickoff_days is None or args.dprolif is None:
            _fail("--kickoff-days and --dprolif go together")
        return fr.Repopulation(kickoff_days=args.kickoff_days, dprolif_gy_per_day=args.dprolif)
    return None


def _solve(args: argparse.Namespace) -> int:
    other, model = args.other_alpha_beta, _model(args)
    table = fr.solve(
        alpha_beta=fr.parse_alpha_beta(args.alpha_beta, argument="--alpha-beta"),
        like=args.like, target_eqd2=args.target_eqd2, target_bed=args.target_bed,
        n_fractions=args.n_fractions, dose_per_fraction=args.dose_per_fraction,
        other_alpha_beta=None if other is None else fr.parse_alpha_beta(other, argument="--other-alpha-beta"),
        model=model,
    )  # fmt: skip
    if args.cite is not None:
        return _print_references(args.cite, table)
    for caution in table.attrs["cautions"]:
        print(f"note: {caution}", file=sys.stderr)
    _model_caution(model)
    _write(render(table, args.format, args.decimals))
    return 0


def _cumulative(args: argparse.Namespace) -> int:
    count = len(args.courses)
    months, dates = args.months or [], args.dates
    if dates is not None and len(dates) != count:
        _fail(f"give --date once for each course: {count} expected, got {len(dates)}")
    if dates is None and len(months) != count - 1:
        _fail(f"give --months once for each course after the first: {count - 1} expected, got {len(months)}")
    for value in months:
        if not (math.isfinite(value) and value >= 0):
            _fail(f"--months must be a number of months, 0 or more, got {value:g}")
    courses = [fr.Course.parse(text, date=None if dates is None else dates[i],
                               months_after=None if dates is not None or i == 0 else months[i - 1],
                               stereotactic=args.sbrt and i == count - 1)
               for i, text in enumerate(args.courses)]  # fmt: skip
    recovery = None if args.recovery is None else _recovery(args.recovery)
    alpha_beta = fr.parse_alpha_beta(args.alpha_beta, argument="--alpha-beta")
    report = fr.reirradiation_report(fr.History.of(courses), alpha_beta=alpha_beta, recovery=recovery,
                                     model=_model(args))  # fmt: skip
    if args.cite is not None:
        return _print_references(args.cite, report)
    print(f"note: {report.notice}", file=sys.stderr)
    courses_table = report.courses.dropna(axis="columns", how="all")
    checks = report.checks_table().dropna(axis="columns", how="all")
    if args.format == "json":
        _write(json.dumps({"verdict": report.verdict, "alpha_beta": report.alpha_beta, "model": report.model,
                           "model_alpha_beta": report.model_alpha_beta,
                           "cumulative": json.loads(render(courses_table, "json")),
                           "checks": json.loads(render(checks, "json")), "assumptions": list(report.assumptions),
                           "cautions": list(report.cautions), "sources": list(report.citations)},
                          indent=2, ensure_ascii=False) + "\n")  # fmt: skip
        return 0
    if args.format in ("text", "markdown"):  # the verdict column says it; the sources are listed once below
        checks = checks.drop(columns=["holds", "source"], errors="ignore")
        checks = checks[[c for c in checks.columns if (checks[c].astype(str) != "").any()]]  # no empty column
    parts = [report.verdict + "\n", render(courses_table, args.format, args.decimals)]
    if report.checks:
        parts.append(render(checks, args.format, args.decimals))
    parts += [f"assumption: {text}\n" for text in report.assumptions]
    parts += [f"caution: {text}\n" for text in report.cautions]
    if report.citations:
        parts.append("sources:\n" + "".join(f"  [{i}] {c}\n" for i, c in enumerate(report.citations, start=1)))
    _write("\n".join(parts))
    return 0


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _dicom(args: argparse.Namespace) -> int:
    from pathlib import Path

    from fractionation import dicom

    alpha_beta = fr.parse_alpha_beta(args.alpha_beta, argument="--alpha-beta")
    options = {"n_fractions": args.n_fractions, "alpha_beta": alpha_beta, "quantity": args.quantity,
               "relative_to_gy": args.relative_to_gy, "overwrite": args.overwrite}  # fmt: skip
    if not Path(args.source).is_dir():
        _write(f"wrote {dicom.convert_rt_dose(args.source, args.destination, **options)}\n")
        return 0
    done = {"written": 0, "skipped": 0, "failed": 0}
    for outcome in dicom.convert_rt_dose_folder(args.source, args.destination, **options):
        done[outcome.status] += 1
        if outcome.reason:
            _note(f"{outcome.status}: {outcome.reason}")
        _progress(outcome.number, outcome.total, outcome.source.name)
    _write(f"wrote {done['written']} RT Dose file(s) to {args.destination}; skipped {done['skipped']} "
           f"that are not RT Dose of physical dose; {done['failed']} failed\n")  # fmt: skip
    return EXIT_SOME_FAILED if done["failed"] or not done["written"] else 0


def _note(line: str) -> None:
    """One line on stderr; on a terminal it first clears the progress bar's line."""
    print(f"\r\x1b[K{line}" if sys.stderr.isatty() else line, file=sys.stderr)


def _progress(done: int, total: int, name: str) -> None:
    """A progress bar on a terminal's stderr; nothing when stderr is a file or a pipe."""
    if not sys.stderr.isatty():
        return
    filled = round(30 * done / total)
    end = "\n" if done == total else ""
    print(
        f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {name[:40]:<40}", end=end, file=sys.stderr, flush=True
    )


def _recovery(text: str) -> Any:
    # Its errors say what a step must look like, or which step is out of range.
    return fr.Recovery.parse(text, argument="--recovery")


def _write(text: str) -> None:
    """Standard output, or one line on stderr and exit code 2 when it cannot take the text."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `fractionation compare --catalogue | head`: the reader has what it wanted
        _silence_stdout()
    except OSError as error:  # a full disk, a closed descriptor
        _silence_stdout()
        _fail(f"cannot write the output: {error.strerror or error}")


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's final flush does not fail again."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _catalogue(args: argparse.Namespace) -> int:
    table = fr.catalogue_table(origin=args.origin)
    if args.cite is not None:
        return _print_references(args.cite, table)
    _write(render(table, args.format, args.decimals))
    return 0


def _tissues(args: argparse.Namespace) -> int:
    table = fr.tissue_table()
    if args.cite is not None:
        return _print_references(args.cite, table)
    _write(render(table, args.format, args.decimals, hide_in_text=("source",)))
    return 0


def render(
    table: Table,
    fmt: str,
    decimals: int = 2,
    *,
    hide_in_text: Sequence[str] = (),
    hide_when_blank: Sequence[str] = (),
) -> str:
    """The table as text (aligned columns), markdown, csv or json (a list of records).

    ``table`` is a DataFrame or a dict of numpy columns (``compare(..., as_frame=False)``,
    which spares a short command pandas' import). csv and json carry every column. The
    command that made the table says which columns the text leaves out (``hide_in_text``)
    and which text and markdown leave out when no row fills them (``hide_when_blank``).
    """
    names = [str(name) for name in (table.columns if hasattr(table, "columns") else table)]
    columns = {name: np.asarray(table[name]) for name in names}
    values = {name: column.tolist() for name, column in columns.items()}
    if fmt == "csv":
        buffer = io.StringIO()
        import csv  # here: a text table, the usual output, does not need it at start-up

        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(values)
        writer.writerows([_csv_value(v) for v in row] for row in zip(*values.values(), strict=True))
        return buffer.getvalue()
    if fmt == "json":
        records = [
            {k: _json_value(v) for k, v in zip(values, row, strict=True)} for row in zip(*values.values(), strict=True)
        ]
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    hidden = {c for c in hide_in_text if fmt == "text"}
    hidden |= {c for c in hide_when_blank if c in values and not any(map(bool, values[c]))}
    shown = {name: column for name, column in values.items() if name not in hidden}
    headers = [HEADERS.get(c, c) for c in shown]
    cells = [[_cell(v, decimals) for v in row] for row in zip(*shown.values(), strict=True)]
    numeric = [columns[c].dtype.kind in "iuf" for c in shown]
    if fmt == "markdown":
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        cells = (v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True))
        return "  ".join(cells).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, cells)]) + "\n"


def _csv_value(value: object) -> object:
    """As pandas' to_csv writes it: NaN and None as empty cells."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _cell(value: object, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:.{decimals}f}"
    return str(value)


def _json_value(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
