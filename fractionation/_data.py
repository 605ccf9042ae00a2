"""The data: schemes, tissue presets, repopulation presets and tolerance rules, read from TOML files.

The files live in ``schemes/`` at the top of the repository, where people look for
them, and ship in the wheel as ``fractionation/schemes``; they are read from the
installed package's folder, else from the source checkout (through
:mod:`importlib.resources` only for a zipped install: it and pathlib cost a command's
start-up more than reading the file does).
Every loader is a plural noun that takes ``path=`` for a user's own file, with a
lookup by id beside it (``tissues()`` and ``tissue("cord")``). Every field is
checked on load: a malformed file raises :class:`DataFileError` naming the file,
the entry and the field. The format is documented in ``schemes/README.md``.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, TypeVar

from fractionation import bounds
from fractionation._checks import check_instance, check_number, check_path, check_text
from fractionation._errors import DataFileError, FractionationError, WrongTypeError
from fractionation._scheme import Scheme
from fractionation._source import ORIGINS, TYPES, Origin, Source
from fractionation.bounds import Bound

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from fractionation._rules import Rule
    from fractionation._time import Repopulation

__all__ = [
    "Tissue",
    "catalogue",
    "repopulation",
    "repopulations",
    "scheme",
    "tissue",
    "tissues",
    "tolerance_rule",
    "tolerance_rules",
]

SCHEME_FILES = ("document.toml", "literature.toml")
TISSUE_FILE = "tissues.toml"
REPOPULATION_FILE = "repopulation.toml"
RULE_FILE = "tolerances.toml"
MODEL_FILE = "models.toml"
INTENTS = ("palliative", "stereotactic")
#: How a rule's value is compared with its limit.
COMPARISONS = ("at most", "at least")

#: A user's own data file: a path as a string or a path-like object.
DataPath = str | os.PathLike[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Tissue:
    """A tissue's alpha/beta preset in Gy, with its uncertainty range and source.

    >>> cord = tissue("cord")
    >>> cord.alpha_beta, cord.name
    (2.0, 'Spinal cord, cervical and thoracic')
    """

    id: str
    name: str
    alpha_beta: float
    source: Source
    low: float | None = None
    high: float | None = None

    def __post_init__(self) -> None:
        """A preset built by hand is checked as a bundled one is: a ratio within the bounds, and its range."""
        check_text(self.id, "id")
        check_text(self.name, "name")
        check_instance(self.source, "source", Source, "a Source")
        ratio = check_number(self.alpha_beta, "alpha_beta", bounds.ALPHA_BETA)
        if (self.low is None) != (self.high is None):
            raise FractionationError(
                argument="low, high", value=(self.low, self.high), expected="both given, or neither"
            )
        if self.low is not None and self.high is not None:
            low, high = (
                check_number(self.low, "low", bounds.ALPHA_BETA),
                check_number(self.high, "high", bounds.ALPHA_BETA),
            )
            if not low <= ratio <= high:
                raise FractionationError(
                    argument="low, alpha_beta, high", value=(self.low, self.alpha_beta, self.high),
                    expected="low <= alpha_beta <= high",
                )  # fmt: skip


# --- the loaders ---------------------------------------------------------------------------------


def catalogue(*, origin: Origin | None = None, path: DataPath | None = None) -> tuple[Scheme, ...]:
    """Every scheme of the catalogue: the source document's first, then the literature's.

    With ``origin`` ("document" or "literature", as in :attr:`Source.origin`), only the
    schemes from there. With ``path``, the schemes of that file instead (same format
    as ``schemes/literature.toml``).

    >>> [s.label for s in catalogue(origin="document")]
    ['8 Gy x 1', '4 Gy x 5', '3 Gy x 10', '8 Gy x 3', '6 Gy x 5', '7 Gy x 5']
    """
    if origin is not None and not isinstance(origin, str):
        raise WrongTypeError(argument="origin", value=origin, expected=_ORIGIN)
    if origin is not None and origin not in ORIGINS:
        raise FractionationError(argument="origin", value=origin, expected=_ORIGIN)
    schemes = _bundled_catalogue() if path is None else _schemes(_user_file(path))
    if origin is None:
        return schemes
    return tuple(s for s in schemes if s.source is not None and s.source.origin == origin)


_ORIGIN = " or ".join(repr(o) for o in ORIGINS) + " (where a scheme comes from)"


def scheme(id: str, *, path: DataPath | None = None) -> Scheme:
    """The catalogue scheme with this id (or the scheme of ``path`` with it).

    >>> scheme("document-4x5").name
    'Document: 4 Gy x 5'
    """
    return _lookup(catalogue(path=path), id, "scheme")


def tissues(*, path: DataPath | None = None) -> tuple[Tissue, ...]:
    """The tissue alpha/beta presets, each with its source (or those of ``path``).

    >>> [(t.id, t.alpha_beta) for t in tissues()][:3]
    [('tumour', 10.0), ('late', 3.0), ('cord', 2.0)]
    """
    return _cached(TISSUE_FILE, _tissues) if path is None else _tissues(_user_file(path))


def tissue(id: str, *, path: DataPath | None = None) -> Tissue:
    """The tissue preset with this id.

    >>> tissue("cord-lumbar").alpha_beta
    4.0
    """
    return _lookup(tissues(path=path), id, "tissue")


def repopulations(*, path: DataPath | None = None) -> tuple[Repopulation, ...]:
    """Repopulation parameter sets for the overall-time correction, each with its source.

    >>> [(r.id, r.kickoff_days, r.dprolif_gy_per_day) for r in repopulations()]
    [('hnscc-pedicini-2015', 19.2, 0.69)]
    """
    return _cached(REPOPULATION_FILE, _repopulations) if path is None else _repopulations(_user_file(path))


def repopulation(id: str, *, path: DataPath | None = None) -> Repopulation:
    """The repopulation preset with this id.

    >>> repopulation("hnscc-pedicini-2015").name
    'Head and neck squamous cell carcinoma'
    """
    return _lookup(repopulations(path=path), id, "repopulation")


def tolerance_rules(*, path: DataPath | None = None) -> tuple[Rule, ...]:
    """The tolerance rules of ``schemes/tolerances.toml`` (or of ``path``), each with its source.

    >>> [r.id for r in tolerance_rules()][:2]
    ['sahgal-2013-1', 'sahgal-2013-2']
    """
    return _cached(RULE_FILE, _rules) if path is None else _rules(_user_file(path))


def tolerance_rule(id: str, *, path: DataPath | None = None) -> Rule:
    """The tolerance rule with this id.

    >>> rule = tolerance_rule("nieder-2006-cumulative")
    >>> rule.comparison, rule.limit
    ('at most', 135.5)
    """
    return _lookup(tolerance_rules(path=path), id, "tolerance rule")


# --- where the files are -------------------------------------------------------------------------


def schemes_dir() -> Traversable:
    """The folder of the bundled data: inside the installed package, else the checkout's ``schemes/``."""
    from pathlib import Path  # here, not at import: pathlib alone costs a command's start-up 5% of numpy's import

    folder = _bundled_folder()
    return Path(folder) if isinstance(folder, str) else folder


@functools.cache
def _bundled_folder() -> str | Traversable:
    here = os.path.dirname(os.path.abspath(__file__))
    for folder in (os.path.join(here, "schemes"), os.path.join(os.path.dirname(here), "schemes")):
        if os.path.isdir(folder):
            return folder
    from importlib import resources  # a zipped install: no folder on disk

    return resources.files("fractionation").joinpath("schemes")


class _File(NamedTuple):  # not a dataclass: cheaper to define, at every command's start
    """A data file (a path; a resource in a zipped install) and the name its errors give: ``schemes/tissues.toml``."""

    resource: DataPath | Traversable
    label: str


def _bundled(name: str) -> _File:
    folder = _bundled_folder()
    return _File(os.path.join(folder, name) if isinstance(folder, str) else folder.joinpath(name), f"schemes/{name}")


def _user_file(path: object) -> _File:
    checked = check_path(path)
    label = os.fspath(path)  # type: ignore[call-overload]  # a str or os.PathLike: check_path said so
    return _File(checked, label if len(label) <= 120 else f"{label[:100]}… ({len(label)} characters)")


_T = TypeVar("_T")


@functools.cache
def _cached(name: str, load: Callable[[_File], tuple[_T, ...]]) -> tuple[_T, ...]:
    return load(_bundled(name))


@functools.cache
def _bundled_catalogue() -> tuple[Scheme, ...]:
    return _catalogue_of([_bundled(name) for name in SCHEME_FILES])


def _catalogue_of(files: Sequence[_File]) -> tuple[Scheme, ...]:
    """The schemes of several files, an id used in two of them refused with both files named."""
    schemes: list[Scheme] = []
    file_of: dict[str | None, str] = {}
    for file in files:
        for found in _schemes(file):  # an id used twice in one file is refused as it is read
            if found.id in file_of:
                raise DataFileError(
                    file=file.label,
                    field="id",
                    value=found.id,
                    expected="an id no other scheme file uses",
                    hint=f"also used in {file_of[found.id]}",
                )
            file_of[found.id] = file.label
            schemes.append(found)
    return tuple(schemes)


def _lookup(items: Sequence[_T], id: object, what: str) -> _T:
    if not isinstance(id, str):
        raise WrongTypeError(argument="id", value=id, expected=f"the id of a {what}, a string")
    for item in items:
        if getattr(item, "id", None) == id:
            return item
    known = [str(getattr(item, "id", "")) for item in items]
    shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
    raise FractionationError(argument="id", value=id, expected=f"one of {shown}")


# --- reading each kind of file -------------------------------------------------------------------


def _schemes(file: _File) -> tuple[Scheme, ...]:
    schemes = []
    for entry, source in _entries(file, "schemes"):
        values = entry.read(_SCHEME_FIELDS)
        passage = values.pop("passage")
        if (passage is None) != (source.origin == "literature"):
            entry.fail(
                "passage", problem="is needed for a document's scheme (and only there): the id of the quoted passage"
            )
        quote = None if passage is None else entry.passage(passage)
        origin = _with(source, passage=passage, quote=quote, reading=values.pop("reading"), note=values.pop("note"))
        for name in ("fractions_per_day", "fractions_per_week"):
            if values[name] is None:
                del values[name]  # the Scheme's defaults: 1 a day, a week unstated
        schemes.append(entry.make(Scheme, values, source=origin))
    return tuple(schemes)


def _tissues(file: _File) -> tuple[Tissue, ...]:
    found = []
    for entry, source in _entries(file, "tissues"):
        values = entry.read(_TISSUE_FIELDS)
        specifics = _with(source, reading=values.pop("reading"))
        low, high, alpha_beta = values["low"], values["high"], values["alpha_beta"]
        if (low is None) != (high is None):
            entry.fail("low" if low is None else "high", "low and high go together: give both or neither")
        if low is not None and not low <= alpha_beta <= high:
            entry.fail("low", f"must satisfy low <= alpha_beta <= high, got {low}, {alpha_beta}, {high}")
        found.append(entry.make(Tissue, values, source=specifics))
    return tuple(found)


def _repopulations(file: _File) -> tuple[Repopulation, ...]:
    from fractionation._time import Repopulation

    found = []
    for entry, source in _entries(file, "repopulation"):
        values = entry.read(_REPOPULATION_FIELDS)
        specifics = _with(source, reading=values.pop("reading"))
        alpha, doubling, ratio = (values[f"reported_{n}"] for n in ("alpha_per_gy", "doubling_time_days", "alpha_beta"))
        if alpha is not None and doubling is not None and ratio is not None:
            derived = math.log(2) / (alpha * doubling) / (1 + 2 / ratio)  # Dprolif in EQD2 terms
            if abs(derived - values["dprolif_gy_per_day"]) > 0.01 * derived + 0.005:
                entry.fail(
                    "dprolif_gy_per_day",
                    f"disagrees with the reported estimates: ln2/(alpha Td)/(1 + 2/(a/b)) = {derived:.3f}, "
                    f"got {values['dprolif_gy_per_day']!r}",
                )
        found.append(entry.make(Repopulation, values, source=specifics))
    return tuple(found)


def _rules(file: _File) -> tuple[Rule, ...]:
    from fractionation._history import Recovery
    from fractionation._rules import MEASURES, Rule

    found = []
    for entry, source in _entries(file, "rule"):
        values = entry.read(_RULE_FIELDS)
        specifics = _with(source, note=values.pop("note"))
        steps = values.pop("recovery")
        if (steps is None) == (values["basis"] == "summed with recovery"):
            entry.fail("recovery", "is the source's recovery steps, given exactly when basis is 'summed with recovery'")
        values["recovery"] = None if steps is None else entry.make(Recovery.parse, {"text": steps})
        values["basis_quote"] = values["basis_quote"] or ""
        if values["measure"] not in MEASURES:
            entry.fail("measure", expected=f"one of {', '.join(MEASURES)}", value=values["measure"])
        if values["alpha_beta"] is None and values["measure"] not in ("course_physical", "shortest_interval_months"):
            entry.fail("alpha_beta", f"is missing: a {values['measure']} limit assumes an alpha/beta")
        found.append(entry.make(Rule, values, source=specifics))
    return tuple(found)


def model_sources() -> dict[str, Source]:
    """The reference behind each model and correction, by its id (``schemes/models.toml``)."""
    return dict(_cached(MODEL_FILE, _models))


def _models(file: _File) -> tuple[tuple[str, Source], ...]:
    return tuple((entry.read(_MODEL_FIELDS)["id"], source) for entry, source in _entries(file, "models"))


def _with(
    source: Source,
    *,
    passage: str | None = None,
    quote: str | None = None,
    reading: str | None = None,
    note: str | None = None,
) -> Source:
    """The file's source with what one datum takes from it (its passage, reading or note)."""
    return replace(source, passage=passage, quote=quote, reading=reading, note=note)


# --- the fields of each kind of entry ------------------------------------------------------------


class _Spec(NamedTuple):  # not a dataclass: cheaper to define, at every command's start
    """One field: its form ("text", "names", "whole", "number", "flag" or "choice"), whether required, its range."""

    name: str
    form: str
    required: bool = True
    above: float | None = None  # the value must be greater than this
    at_least: float | None = None
    at_most: float | None = None
    choices: tuple[str, ...] = ()
    bound: Bound | None = None  # the library's own bound for the quantity (fractionation.bounds)


def _text(name: str, *, required: bool = True) -> _Spec:
    return _Spec(name, "text", required)


def _positive(name: str, *, required: bool = True, bound: Bound | None = None) -> _Spec:
    return _Spec(name, "number", required, above=0.0, bound=bound)


def _whole(name: str, *, required: bool = True, bound: Bound = bounds.N_FRACTIONS) -> _Spec:
    return _Spec(name, "whole", required, bound=bound)


#: A reference's year of publication.
_YEAR = Bound(1900, 2100, "", "a publication year of modern radiotherapy", whole=True)
_SCHEME_FIELDS = (
    _text("id"), _text("name"), _Spec("intent", "choice", choices=INTENTS),
    _positive("dose_per_fraction"), _whole("n_fractions"),
    _whole("fractions_per_day", required=False, bound=bounds.FRACTIONS_PER_DAY),
    _whole("fractions_per_week", required=False),
    _text("passage", required=False), _text("reading", required=False), _text("note", required=False),
)  # fmt: skip
_TISSUE_FIELDS = (
    _text("id"), _text("name"), _positive("alpha_beta", bound=bounds.ALPHA_BETA),
    _positive("low", required=False, bound=bounds.ALPHA_BETA),
    _positive("high", required=False, bound=bounds.ALPHA_BETA),
    _text("reading", required=False),
)  # fmt: skip
_REPOPULATION_FIELDS = (
    _text("id"), _text("name"), _Spec("kickoff_days", "number", bound=bounds.DAYS),
    _Spec("dprolif_gy_per_day", "number", bound=bounds.DPROLIF),
    _positive("reported_alpha_per_gy", required=False, bound=bounds.RADIOSENSITIVITY),
    _positive("reported_doubling_time_days", required=False, bound=bounds.TPOT_DAYS),
    _positive("reported_alpha_beta", required=False, bound=bounds.ALPHA_BETA), _text("reading", required=False),
)  # fmt: skip
# A field added to Rule is one line here (and one row in schemes/README.md).
_RULE_FIELDS = (
    _text("id"), _text("name"), _Spec("applies", "choice", choices=("de novo", "re-irradiation")),
    _text("measure"), _text("quantity"), _Spec("comparison", "choice", choices=COMPARISONS), _positive("limit"),
    _positive("alpha_beta", required=False, bound=bounds.ALPHA_BETA), _whole("n_fractions", required=False),
    _whole("max_n_fractions", required=False),
    _positive("max_dose_per_fraction", required=False, bound=bounds.DOSE_PER_FRACTION),
    _Spec("stereotactic", "flag", required=False), _text("note", required=False),
    _Spec("basis", "choice", choices=("one course", "summed without recovery", "summed with recovery")),
    _text("basis_quote", required=False), _text("recovery", required=False),
)  # fmt: skip
_SOURCE_FIELDS = (
    _Spec("origin", "choice", choices=ORIGINS), _text("citation"), _Spec("type", "choice", choices=TYPES),
    _Spec("authors", "names", required=False), _Spec("editors", "names", required=False), _text("title"),
    _text("journal", required=False), _whole("year", required=False, bound=_YEAR),
    _text("volume", required=False), _text("issue", required=False), _text("pages", required=False),
    _text("doi", required=False), _text("url", required=False), _text("publisher", required=False),
)  # fmt: skip
#: The fields each type of reference needs, for BibTeX and CSL-JSON.
_NEEDED = {"article": ("authors", "journal", "year"), "book": ("title",), "report": ("authors", "year"),
           "document": ("title",)}  # fmt: skip
_MODEL_FIELDS = (_text("id"), _text("name"))


# --- reading a file, its sources and its entries -------------------------------------------------


def _entries(file: _File, table: str) -> Iterator[tuple[_Entry, Source]]:
    """Each ``[[table]]`` entry of a data file, with its field reader and the source it names."""
    data = _read(file)
    passages = data.get("passages", {})
    if not isinstance(passages, dict) or not all(isinstance(v, str) and v.strip() for v in passages.values()):
        raise DataFileError(file=file.label, field="passages", expected="a table of passage ids and their quoted texts")
    sources = _sources(data, file)
    entries = data.get(table)
    if not isinstance(entries, list) or not entries:
        raise DataFileError(file=file.label, field=table, expected=f"a non-empty list of [[{table}]] entries")
    ids: set[object] = set()
    for index, raw in enumerate(entries):
        entry = _Entry(file, f"{table}[{index}]", raw, passages)
        entry.where = f"{table}[{index}] ({entry.get(_text('id'))!r})"
        if raw["id"] in ids:
            entry.fail("id", f"{raw['id']!r} is used twice in this file")
        ids.add(raw["id"])
        key = entry.get(_text("source"))
        if key not in sources:
            entry.fail("source", expected=f"one of the [sources] keys {sorted(sources)}", value=key)
        yield entry, sources[key]


def _read(file: _File) -> dict[str, Any]:
    import tomllib  # only when data is first needed: keeps `import fractionation` light

    try:
        return tomllib.loads(_read_bytes(file.resource).decode("utf-8"))
    except FileNotFoundError:
        raise DataFileError(file=file.label, expected="an existing data file", hint="not found") from None
    except IsADirectoryError:
        raise DataFileError(file=file.label, expected="a data file", hint="it is a folder") from None
    except OSError as error:
        raise DataFileError(
            file=file.label, expected="a file that can be read", hint=error.strerror or str(error)
        ) from None
    except UnicodeDecodeError as error:
        raise DataFileError(
            file=file.label, expected="UTF-8 text", hint=f"byte {error.start} cannot be decoded"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(file=file.label, expected="valid TOML", hint=str(error)) from None


def _read_bytes(resource: DataPath | Traversable) -> bytes:
    if isinstance(resource, str | os.PathLike):
        with open(resource, "rb") as stream:
            return stream.read()
    return resource.read_bytes()


def _sources(data: Mapping[str, Any], file: _File) -> dict[str, Source]:
    table = data.get("sources")
    if not isinstance(table, dict) or not table:
        raise DataFileError(file=file.label, field="sources", expected="a [sources.KEY] table for each source")
    found = {}
    for key, raw in table.items():
        entry = _Entry(file, f"sources.{key}", raw, {})
        values = entry.read(_SOURCE_FIELDS)
        for name in _NEEDED[values["type"]]:
            if not values[name]:
                entry.fail(name, f"is missing: a reference of type {values['type']!r} needs it for BibTeX")
        if values["doi"] is not None and not re.fullmatch(r"10\.\d{4,9}/\S+", values["doi"]):
            entry.fail("doi", expected="a DOI such as 10.1000/xyz (without https://doi.org/)", value=values["doi"])
        if values["url"] is not None and not values["url"].startswith("https://"):
            entry.fail("url", expected="a URL starting with https://", value=values["url"])
        values["authors"], values["editors"] = tuple(values["authors"] or ()), tuple(values["editors"] or ())
        found[key] = entry.make(Source, values, id=key)
    return found


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer beyond float (a 400-digit number): no dose, ratio or time is one
        return False


class _Entry:
    """Reads the fields of one entry, naming file, entry and field in every error."""

    def __init__(self, file: _File, where: str, raw: object, passages: Mapping[str, str]) -> None:
        if not isinstance(raw, dict):
            raise DataFileError(file=file.label, entry=where, expected="a table", value=raw)
        self.file, self.where, self.raw, self.passages = file, where, raw, passages

    def fail(self, field: str, problem: str | None = None, **what: Any) -> NoReturn:
        """Refuse ``field``: with ``expected`` and ``value`` (the error's fields), or with a ``problem`` in words."""
        message = None if problem is None else f"field {field!r} {problem}"
        raise DataFileError(message, file=self.file.label, entry=self.where, field=field, **what)

    def read(self, specs: Sequence[_Spec]) -> dict[str, Any]:
        """Every field of ``specs`` (None where an optional one is absent); any other field is refused."""
        known = {spec.name for spec in specs} | {"source"}
        unknown = sorted(set(self.raw) - known)
        if unknown:
            self.fail(unknown[0], "is not a known field (see schemes/README.md)")
        return {spec.name: self.get(spec) for spec in specs}

    def get(self, spec: _Spec) -> Any:
        if spec.name not in self.raw:
            if spec.required:
                self.fail(spec.name, "is missing")
            return None
        value = self.raw[spec.name]
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if spec.form == "text" and not (isinstance(value, str) and value.strip()):
            self.fail(spec.name, expected="a non-empty string", value=value)
        if spec.form == "choice" and value not in spec.choices:
            self.fail(spec.name, expected=f"one of {', '.join(map(repr, spec.choices))}", value=value)
        if spec.form == "names" and not (
            isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)
        ):
            self.fail(spec.name, expected='a list of names such as ["Fowler, J. F."]', value=value)
        if spec.form == "flag" and not isinstance(value, bool):
            self.fail(spec.name, expected="true or false", value=value)
        if spec.form == "whole" and not (is_number and isinstance(value, int)):
            self.fail(spec.name, expected="a whole number", value=value)
        if spec.form == "number" and not (is_number and _finite(value)):
            self.fail(spec.name, expected="a finite number", value=value)
        if spec.form in ("number", "whole"):
            self._check_range(spec, value)
            return float(value) if spec.form == "number" else value
        return value

    def _check_range(self, spec: _Spec, value: float) -> None:
        if spec.bound is not None and not spec.bound.holds(value):
            self.fail(spec.name, expected=spec.bound.describe(), value=value)
        if spec.above is not None and not value > spec.above:
            self.fail(spec.name, expected=f"greater than {spec.above:g}", value=value)
        if spec.at_least is not None and not value >= spec.at_least:
            self.fail(spec.name, expected=f"at least {spec.at_least:g}", value=value)
        if spec.at_most is not None and not value <= spec.at_most:
            self.fail(spec.name, expected=f"at most {spec.at_most:g}", value=value)

    def passage(self, passage_id: str) -> str:
        if passage_id not in self.passages:
            self.fail("passage", expected=f"one of the [passages] ids {sorted(self.passages)}", value=passage_id)
        return self.passages[passage_id]

    def make(self, datum: Callable[..., _T], values: Mapping[str, Any], **more: Any) -> _T:
        """The datum; a value the type itself refuses (out of its range) is reported with this entry."""
        try:
            return datum(**values, **more)
        except FractionationError as error:
            if error.argument is None:  # about the entry as a whole
                raise DataFileError(
                    file=self.file.label, entry=self.where, expected=error.expected, hint=error.hint
                ) from None
            raise DataFileError(
                file=self.file.label,
                entry=self.where,
                field=error.argument,
                value=error.value,
                expected=error.expected,
                hint=error.hint,
            ) from None
