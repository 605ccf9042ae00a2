"""The catalogue: schemes and tissue presets read from the TOML files in ``schemes/``.

The files live at the top of the repository, where people look for them, and are
packaged into the wheel as ``fractionation/schemes``. The loader looks inside the
package first (an installed wheel), then beside it (a source checkout or an
editable install). Every field is checked on load.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from fractionation._errors import DataFileError, FractionationError
from fractionation._scheme import Scheme, Source

if TYPE_CHECKING:
    from fractionation._time import Repopulation

__all__ = ["Tissue", "catalogue", "load_schemes", "load_tissues", "tissues"]

SCHEME_FILES = ("document.toml", "literature.toml")
TISSUE_FILE = "tissues.toml"
REPOPULATION_FILE = "repopulation.toml"
INTENTS = ("palliative", "stereotactic")


@dataclass(frozen=True, slots=True, kw_only=True)
class Tissue:
    """A tissue's alpha/beta preset in Gy, with its uncertainty range and source.

    >>> cord = next(t for t in tissues() if t.id == "cord")
    >>> cord.alpha_beta, cord.name
    (2.0, 'Spinal cord, cervical and thoracic')
    """

    id: str
    name: str
    alpha_beta: float
    source: Source
    low: float | None = None
    high: float | None = None


def schemes_dir() -> Path:
    """The folder holding the catalogue files."""
    packaged = Path(__file__).parent / "schemes"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "schemes"


@functools.cache
def catalogue() -> tuple[Scheme, ...]:
    """Every scheme of the catalogue: the source document's first, then the literature's.

    >>> schemes = catalogue()
    >>> [s.label for s in schemes if s.source.kind == "document"]
    ['8 Gy x 1', '4 Gy x 5', '3 Gy x 10', '8 Gy x 3', '6 Gy x 5', '7 Gy x 5']
    """
    schemes: list[Scheme] = []
    file_of: dict[str | None, str] = {}
    for file_name in SCHEME_FILES:
        for scheme in load_schemes(schemes_dir() / file_name):
            if scheme.name in file_of:
                raise DataFileError(
                    f"{file_name}: scheme name {scheme.name!r} is used twice (also in {file_of[scheme.name]})"
                )
            file_of[scheme.name] = file_name
            schemes.append(scheme)
    return tuple(schemes)


@functools.cache
def tissues() -> tuple[Tissue, ...]:
    """The tissue alpha/beta presets, each with its source.

    >>> [(t.id, t.alpha_beta) for t in tissues()][:3]
    [('tumour', 10.0), ('late', 3.0), ('cord', 2.0)]
    """
    return load_tissues(schemes_dir() / TISSUE_FILE)


@functools.cache
def repopulation_presets() -> tuple[Repopulation, ...]:
    """Repopulation parameter sets for the overall-time correction, each with its source.

    >>> [(r.name, r.kickoff_days, r.dprolif_gy_per_day) for r in repopulation_presets()]
    [('Head and neck squamous cell carcinoma', 19.2, 0.69)]
    """
    return load_repopulation(schemes_dir() / REPOPULATION_FILE)


def load_repopulation(path: Path) -> tuple[Repopulation, ...]:
    """Read and check the repopulation file; a bad field raises :class:`DataFileError`."""
    from fractionation._time import Repopulation

    found = []
    for field, source in _entries(path, "repopulation", "id"):
        preset_id = field.get("id", str)
        values = {name: field.get(name, _is_number) for name in ("kickoff_days", "dprolif_gy_per_day")}
        for name in ("alpha_per_gy", "doubling_time_days", "alpha_beta"):
            field.get(name, _is_number, required=False)  # documented with the preset; Dprolif is what is used
        name, _ = field.get("name", str), field.get("reading", str, required=False)
        field.refuse_unknown()
        try:
            found.append(Repopulation(id=preset_id, name=name, citation=source.citation, **values))
        except FractionationError as error:
            raise DataFileError(f"{path.name}: {field.where}: {error}") from None
    return tuple(found)


def load_schemes(path: Path) -> list[Scheme]:
    """Read and check one scheme file; a bad field raises :class:`DataFileError`."""
    schemes = []
    for field, source in _entries(path, "schemes", "name"):
        name = field.get("name", str)
        kind = source.kind
        quote = field.get("quote", str, required=kind == "document")
        intent = field.get("intent", str)
        if intent not in INTENTS:
            field.fail("intent", f"must be one of {', '.join(INTENTS)}, got {intent!r}")
        values = {
            "dose_per_fraction": field.get("dose_per_fraction", _is_number),
            "n_fractions": field.get("n_fractions", int),
            "fractions_per_day": field.get("fractions_per_day", int, required=False) or 1,
            "fractions_per_week": field.get("fractions_per_week", int, required=False),
        }
        scheme_source = Source(
            kind=kind,
            citation=source.citation,
            quote=quote,
            reading=field.get("reading", str, required=False),
            note=field.get("note", str, required=False),
        )
        field.refuse_unknown()
        try:
            scheme = Scheme(name=name, intent=intent, source=scheme_source, **values)
        except FractionationError as error:  # out of range: the Scheme's message names the field
            raise DataFileError(f"{path.name}: {field.where}: {error}") from None
        schemes.append(scheme)
    return schemes


def load_tissues(path: Path) -> tuple[Tissue, ...]:
    """Read and check the tissue file; a bad field raises :class:`DataFileError`."""
    found: list[Tissue] = []
    for field, source in _entries(path, "tissues", "id"):
        tissue_id = field.get("id", str)
        if any(t.id == tissue_id for t in found):
            field.fail("id", f"{tissue_id!r} is used twice")
        alpha_beta = float(field.get("alpha_beta", _is_number))
        if not (math.isfinite(alpha_beta) and alpha_beta > 0):
            field.fail("alpha_beta", f"must be a number of Gy greater than 0, got {alpha_beta!r}")
        low, high = field.get("low", _is_number, required=False), field.get("high", _is_number, required=False)
        if (low is None) != (high is None):
            field.fail("low" if low is None else "high", "low and high go together: give both or neither")
        if low is not None and high is not None and not 0 < low <= alpha_beta <= high:
            field.fail("low", f"must satisfy 0 < low <= alpha_beta <= high, got {low}, {alpha_beta}, {high}")
        reading = field.get("reading", str, required=False)
        name = field.get("name", str)
        field.refuse_unknown()
        found.append(
            Tissue(
                id=tissue_id,
                name=name,
                alpha_beta=alpha_beta,
                low=None if low is None else float(low),
                high=None if high is None else float(high),
                source=Source(kind=source.kind, citation=source.citation, reading=reading),
            )
        )
    return tuple(found)


def _entries(path: Path, table: str, key: str) -> Iterator[tuple[_Fields, Source]]:
    """Each [[table]] entry of a data file, with its field reader (named by ``key``) and its source."""
    data = _read(path)
    sources = _sources(data, path)
    entries = data.get(table)
    if not isinstance(entries, list) or not entries:
        raise DataFileError(f"{path.name}: expected a non-empty list of [[{table}]] entries")
    for index, entry in enumerate(entries):
        field = _Fields(path, f"{table}[{index}]", entry)
        field.where = f"{table}[{index}] ({field.get(key, str)!r})"
        source = sources.get(field.get("source", str))
        if source is None:
            field.fail("source", f"must be one of the [sources] keys {sorted(sources)}")
        yield field, source


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # only when the catalogue is first needed: keeps `import fractionation` light

    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise DataFileError(f"{path}: catalogue file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"{path.name}: not valid TOML: {error}") from None


def _sources(data: Mapping[str, Any], path: Path) -> dict[str, Source]:
    table = data.get("sources")
    if not isinstance(table, dict) or not table:
        raise DataFileError(f"{path.name}: expected a [sources.KEY] table for each source")
    sources = {}
    for key, entry in table.items():
        field = _Fields(path, f"sources.{key}", entry)
        kind, citation = field.get("kind", str), field.get("citation", str)
        if kind not in ("document", "literature"):
            field.fail("kind", f"must be 'document' or 'literature', got {kind!r}")
        field.refuse_unknown()
        sources[key] = Source(kind=kind, citation=citation)
    return sources


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Fields:
    """Reads the fields of one entry, naming file, entry and field in every error."""

    def __init__(self, path: Path, where: str, entry: object) -> None:
        if not isinstance(entry, dict):
            raise DataFileError(f"{path.name}: {where}: expected a table, got {type(entry).__name__}")
        self.path, self.where, self.entry, self.read = path, where, entry, set[str]()

    def fail(self, field: str, problem: str) -> NoReturn:
        raise DataFileError(f"{self.path.name}: {self.where}: field {field!r} {problem}")

    def get(self, field: str, kind: type | Callable[[object], bool], *, required: bool = True) -> Any:
        self.read.add(field)
        if field not in self.entry:
            if required:
                self.fail(field, "is missing")
            return None
        value = self.entry[field]
        if isinstance(kind, type):
            ok = isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
            expected = {str: "a string", int: "a whole number", bool: "true or false"}.get(kind, kind.__name__)
        else:
            ok, expected = kind(value), "a number"
        if not ok:
            self.fail(field, f"must be {expected}, got {value!r}")
        if isinstance(value, str) and not value.strip():
            self.fail(field, f"must be {expected} (not empty), got {value!r}")
        return value

    def refuse_unknown(self) -> None:
        unknown = sorted(set(self.entry) - self.read)
        if unknown:
            self.fail(unknown[0], "is not a known field (see schemes/README.md)")
