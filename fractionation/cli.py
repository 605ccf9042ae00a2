"""Command line: ``fractionation compare``, ``fractionation catalogue``, ``fractionation tissues``.

Thin by design: it parses arguments, calls the library and formats tables. Bad
input ends with exit code 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from fractionation import FractionationError, Scheme, Tissue, catalogue, compare, lq_caution, tissues

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("text", "csv", "json", "markdown")
DEFAULT_TISSUES = ("tumour", "late", "cord")

#: Readable headers for text and markdown; csv and json keep the DataFrame's column names.
HEADERS = {
    "scheme": "scheme", "intent": "intent", "n_fractions": "n", "dose_per_fraction": "d (Gy)",
    "total_dose": "D (Gy)", "tissue": "tissue", "alpha_beta": "a/b (Gy)", "bed": "BED (Gy)", "eqd2": "EQD2 (Gy)",
    "kind": "kind", "source": "source",
}  # fmt: skip


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        _fail(message)


def _fail(message: str) -> NoReturn:
    print(f"fractionation: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fractionation",
        description="Total dose, BED and EQD2 of radiotherapy fractionation schemes (linear-quadratic model). "
        "An educational and research reference, not a prescribing system.",
    )
    from fractionation import __version__

    parser.add_argument("--version", action="version", version=f"fractionation {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    cmp = commands.add_parser("compare", help="compare schemes side by side", description="Compare schemes.")
    cmp.add_argument("schemes", nargs="*", metavar="SCHEME", help="a scheme such as '8 Gy x 1', '20 Gy/5'")
    cmp.add_argument("--catalogue", action="store_true", help="add every catalogue scheme")
    cmp.add_argument("--document", action="store_true", help="add the six schemes of the source document")
    cmp.add_argument(
        "--alpha-beta", action="append", metavar="GY_OR_TISSUE", dest="alpha_betas",
        help="alpha/beta in Gy, or a tissue preset id (see 'fractionation tissues'); repeatable; "
        f"default: {', '.join(DEFAULT_TISSUES)}",
    )  # fmt: skip
    _output_options(cmp)

    cat = commands.add_parser("catalogue", help="list the catalogue's schemes with their sources")
    _output_options(cat)
    tis = commands.add_parser("tissues", help="list the tissue alpha/beta presets with their sources")
    _output_options(tis)
    return parser


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
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
    args = build_parser().parse_args(argv)
    try:
        if args.command == "compare":
            table = _compare(args)
        elif args.command == "catalogue":
            table = _catalogue_table()
        else:
            table = _tissue_table()
    except FractionationError as error:
        _fail(str(error))
    try:
        sys.stdout.write(render(table, args.format, args.decimals))
        sys.stdout.flush()
    except BrokenPipeError:  # `fractionation compare --catalogue | head`
        sys.stderr.close()
    return 0


def _compare(args: argparse.Namespace) -> pd.DataFrame:
    schemes: list[Any] = list(args.schemes)
    if args.document:
        schemes += [s for s in catalogue() if s.source and s.source.kind == "document"]
    if args.catalogue:
        schemes += list(catalogue())
    if not schemes:
        _fail("no scheme given: name schemes such as '8 Gy x 1', or use --catalogue or --document")
    presets = {t.id: t for t in tissues()}
    alpha_betas = [_alpha_beta(text, presets) for text in (args.alpha_betas or DEFAULT_TISSUES)]
    table = compare(schemes, alpha_betas)
    for scheme in dict.fromkeys(s if isinstance(s, Scheme) else Scheme.parse(s) for s in schemes):
        if caution := lq_caution(scheme.dose_per_fraction):
            print(f"note: {scheme}: {caution}", file=sys.stderr)  # stderr: csv and json stay clean
    return table


def _alpha_beta(text: str, presets: dict[str, Tissue]) -> Tissue | float:
    if text in presets:
        return presets[text]
    try:
        value = float(text)
    except ValueError:
        _fail(f"--alpha-beta must be a number of Gy or one of {', '.join(presets)}, got {text!r}")
    if not (math.isfinite(value) and value > 0):
        _fail(f"--alpha-beta must be a finite number of Gy greater than 0, got {text!r}")
    return value


def _catalogue_table() -> pd.DataFrame:
    import pandas as pd

    rows = [
        {
            "scheme": s.name, "intent": s.intent, "n_fractions": s.n_fractions,
            "dose_per_fraction": s.dose_per_fraction, "total_dose": s.total_dose,
            "kind": s.source.kind if s.source else "", "source": s.source.citation if s.source else "",
        }
        for s in catalogue()
    ]  # fmt: skip
    return pd.DataFrame(rows)


def _tissue_table() -> pd.DataFrame:
    import pandas as pd

    rows = [
        {"id": t.id, "tissue": t.name, "alpha_beta": t.alpha_beta, "low": t.low, "high": t.high,
         "source": t.source.citation}
        for t in tissues()
    ]  # fmt: skip
    return pd.DataFrame(rows)


def render(table: pd.DataFrame, fmt: str, decimals: int = 2) -> str:
    """The table as text (aligned columns), markdown, csv or json (a list of records)."""
    if fmt == "csv":
        return str(table.to_csv(index=False))
    if fmt == "json":
        records = [{k: _json_value(v) for k, v in row.items()} for row in table.to_dict(orient="records")]
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    shown = table
    if fmt == "text" and "source" in table.columns and "alpha_beta" in table.columns:
        shown = table.drop(columns="source")  # long citations wreck alignment; csv/json/markdown keep them
    if "tissue" in shown.columns and not shown["tissue"].astype(bool).any():
        shown = shown.drop(columns="tissue")
    headers = [HEADERS.get(c, c) for c in shown.columns]
    cells = [[_cell(v, decimals) for v in row] for row in shown.itertuples(index=False)]
    numeric = [shown[c].dtype.kind in "iuf" for c in shown.columns]
    if fmt == "markdown":
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        cells = (v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True))
        return "  ".join(cells).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, cells)]) + "\n"


def _cell(value: object, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.{decimals}f}"
    return str(value)


def _json_value(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
