"""Generated corruptions of the shipped data files: each loads, or fails with a DataFileError naming the file.

A copy of one of schemes/*.toml is changed the way a hand edit goes wrong: a value
replaced by another (NaN, infinities, zero, negatives, subnormal and 400-digit numbers,
empty or long text, a list, a table, a date, a boolean), a line deleted or doubled (a
duplicate id), the file cut short, or a byte changed (invalid UTF-8). The loader must
return the data, every number in it finite, or raise a :class:`fractionation.DataFileError`
whose ``file`` is the copy; any other exception fails. The examples come from the
suite's hypothesis profile; ``--hypothesis-profile=large`` runs many more.
"""

from __future__ import annotations

import dataclasses
import math
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import fractionation as fr
from fractionation import bounds
from tests.figures import tried
from tests.test_data import LOADERS

TEXTS = {name: (Path(__file__).parent.parent / "schemes" / name).read_text(encoding="utf-8") for name in LOADERS}
#: A line that sets one key: ``key = value``.
ASSIGNMENT = re.compile(r"^(\s*[A-Za-z_]+\s*=\s*)(.+)$", re.MULTILINE)
VALUES = st.sampled_from([
    "nan", "inf", "-inf", "0", "0.0", "-1", "-0.5", "5e-324", "1e-320", "1e308", "9" * 400, "1001", "1500000",
    '""', '" "', '"x"', '"' + "x" * 5000 + '"', "true", "false", "[]", '["a", 1]', "{ a = 1 }", "2024-01-01",
    '"2 Gy x 5"', '"de novo"', '"at most"', '"literature"', '"document"', "2.0", "10", "3", "1",
])  # fmt: skip


@st.composite
def corrupted(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(LOADERS)))
    text = TEXTS[name]
    how = draw(st.sampled_from(["value", "value", "value", "delete", "double", "cut", "byte"]))
    if how in ("value", "delete", "double"):
        lines = list(ASSIGNMENT.finditer(text))
        line = lines[draw(st.integers(0, len(lines) - 1))]
        replacement = {
            "value": line.group(1) + draw(VALUES),
            "delete": "",
            "double": line.group(0) + "\n" + line.group(0),
        }[how]
        return name, (text[: line.start()] + replacement + text[line.end() :]).encode("utf-8")
    data = text.encode("utf-8")
    if how == "cut":
        return name, data[: draw(st.integers(0, len(data) - 1))]
    position = draw(st.integers(0, len(data) - 1))
    return name, data[:position] + bytes([draw(st.sampled_from([0x00, 0x80, 0xFF, 0x22, 0x5B]))]) + data[position + 1 :]


def numbers_in(datum: object) -> list[float]:
    """Every float held by a loaded datum (its fields, nested records, tuples)."""
    if isinstance(datum, float):
        return [datum]
    if dataclasses.is_dataclass(datum) and not isinstance(datum, type):
        return [n for field in dataclasses.fields(datum) for n in numbers_in(getattr(datum, field.name))]
    if isinstance(datum, tuple | list):
        return [n for item in datum for n in numbers_in(item)]
    return []


@given(case=corrupted())
def test_a_corrupted_data_file_loads_or_names_the_file(case: tuple[str, bytes]) -> None:
    name, data = case
    tried("data files")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        refused: fr.DataFileError | None = None
        try:
            loaded = LOADERS[name](path=path)
        except fr.DataFileError as error:  # any other exception escapes and fails the test
            refused = error
    if refused is not None:
        assert refused.file == str(path), refused
        assert str(refused).startswith(f"{path}: "), refused
        assert len(str(refused)) < 600 + len(str(path)), "the message quotes a short excerpt"
        return
    assert loaded, "a file that loads holds at least one entry"
    assert all(math.isfinite(n) for n in numbers_in(loaded)), loaded
    for datum in loaded:  # what loads is within the library's bounds
        if isinstance(datum, fr.Tissue):
            assert bounds.ALPHA_BETA.holds(datum.alpha_beta)
        if isinstance(datum, fr.Scheme):
            assert bounds.N_FRACTIONS.holds(datum.n_fractions)
