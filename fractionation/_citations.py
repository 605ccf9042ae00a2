"""Citations to take away: the sources behind a result, as BibTeX and as CSL-JSON.

Every entry comes from the data files (``schemes/*.toml``): the source document, the
trials and guidelines of the schemes shown, the alpha/beta sources of the tissues, the
models and corrections used, and the tolerance rules checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from fractionation._checks import check_collection, check_instance
from fractionation._errors import WrongTypeError
from fractionation._source import Source

if TYPE_CHECKING:
    import pandas as pd

    from fractionation._data import Tissue
    from fractionation._models import Model
    from fractionation._rules import Rule, RuleCheck
    from fractionation._scheme import Scheme
    from fractionation._time import Repopulation

__all__ = ["Citations", "Sourced", "cite"]

_BIBTEX_TYPES = {"article": "article", "book": "book", "report": "techreport", "document": "misc"}
_CSL_TYPES = {"article": "article-journal", "book": "book", "report": "report", "document": "document"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Citations:
    """The references behind a result, each once, in the order they were met.

    >>> from fractionation import scheme
    >>> refs = cite(schemes=[scheme("document-8x1")])
    >>> [s.id for s in refs.sources]
    ['bone-metastases', 'fowler-1989', 'withers-1983']
    >>> print(refs.bibtex().splitlines()[0])
    @misc{bone-metastases,
    """

    sources: tuple[Source, ...]

    def bibtex(self) -> str:
        """The references as BibTeX, one entry each, keyed by the source's id."""
        return "\n".join(_bibtex(source) for source in self.sources)

    def csl_json(self) -> str:
        """The references as CSL-JSON (a JSON list of items), for Zotero, pandoc and citation styles."""
        return json.dumps([_csl(source) for source in self.sources], indent=2, ensure_ascii=False) + "\n"


class Sourced(Protocol):
    """A result that names the sources it rests on: a re-irradiation report, an interruption, a quiz question."""

    @property
    def sources(self) -> tuple[Source, ...]: ...


def cite(
    *results: Sourced | pd.DataFrame,
    schemes: Iterable[Scheme] = (),
    alpha_betas: Iterable[Tissue | float] = (),
    models: Iterable[Model | None] = (),
    rules: Iterable[Rule | RuleCheck] = (),
    repopulation: Repopulation | None = None,
) -> Citations:
    """The sources behind a result: of its schemes, tissues (alpha/beta presets), models and rules.

    ``results`` are what the library returned, each naming the sources it used (its
    ``sources``): a :class:`ReirradiationReport`, an :class:`Interruption`, the
    :class:`Question` objects of :func:`quiz`, or the table of :func:`solve` (whose
    ``attrs["sources"]`` holds them). The keywords add the sources of what they name:
    ``schemes`` are :class:`Scheme` objects (one without a source adds nothing);
    ``alpha_betas`` as :func:`compare` takes them (a plain number adds nothing, a
    :class:`Tissue` its source); ``models`` the models used (LQ is counted with any
    keyword, and when nothing is given: BED and EQD2 rest on it; a result names it
    itself where it used it); ``rules`` :class:`Rule` objects or the :class:`RuleCheck`
    results of :func:`check_plan`; ``repopulation`` a :class:`Repopulation` whose
    correction was applied.

    >>> from fractionation import LQL, tissue
    >>> refs = cite(alpha_betas=[tissue("cord"), 3.0], models=[LQL(transition_dose=6)])
    >>> [s.id for s in refs.sources]
    ['nieder-2006', 'fowler-1989', 'withers-1983', 'astrahan-2008']
    >>> from fractionation import solve
    >>> [s.id for s in cite(solve(like="30 Gy/10", n_fractions=5, alpha_beta=tissue("late"))).sources]
    ['convention', 'fowler-1989', 'withers-1983']
    """
    from fractionation._data import Tissue, model_sources
    from fractionation._models import as_model
    from fractionation._rules import Rule, RuleCheck
    from fractionation._scheme import Scheme
    from fractionation._time import Repopulation

    given = {
        "schemes": _items(schemes, "schemes", Scheme, "a list of Scheme objects"),
        "alpha_betas": _items(alpha_betas, "alpha_betas", (Tissue, int, float), "a list of Tissue presets or numbers"),
        "models": check_collection(models, "models", "a list of models (LQ(), LQL(...), USC(...)) or None"),
        "rules": _items(rules, "rules", (Rule, RuleCheck), "a list of Rule or RuleCheck objects"),
    }
    if repopulation is not None:
        check_instance(repopulation, "repopulation", Repopulation, "a Repopulation or None")
    behind_models = model_sources()
    found: list[Source | None] = [source for result in results for source in _sources_of(result)]
    found += [item.source for item in given["schemes"]]
    found += [ratio.source for ratio in given["alpha_betas"] if isinstance(ratio, Tissue)]
    if not results or any(given.values()) or repopulation is not None:
        found += [behind_models["bed"], behind_models["eqd2"]]  # what the keywords name was computed with them
    for index, model in enumerate(given["models"]):
        if model is None:
            continue
        try:
            as_model(model)
        except WrongTypeError as error:
            raise WrongTypeError(argument="models", value=model, expected=error.expected, index=index) from None
        if getattr(model, "fractions_per_day", 1) > 1:
            found.append(behind_models["incomplete-repair"])
        found.append(behind_models.get(type(model).__name__.lower()))
    found += [(rule if isinstance(rule, Rule) else rule.rule).source for rule in given["rules"]]
    if repopulation is not None:
        found += [behind_models["repopulation"], repopulation.source]
    return Citations(sources=references(found))


def references(found: Iterable[Source | None]) -> tuple[Source, ...]:
    """Each reference once (by its id, else its citation), in the order met, without a datum's quote or reading."""
    unique: dict[str, Source] = {}
    for source in found:
        if source is not None:
            unique.setdefault(source.id or source.citation, source.reference)
    return tuple(unique.values())


def _sources_of(result: object) -> tuple[Source, ...]:
    attrs = getattr(result, "attrs", None)  # a table of the library's: its sources are in its attrs
    sources = attrs.get("sources") if isinstance(attrs, dict) else getattr(result, "sources", None)
    if not isinstance(sources, tuple) or not all(isinstance(s, Source) for s in sources):
        raise WrongTypeError(
            argument="results", value=result,
            expected="results of the library that name their sources (a report, an interruption, a question, "
            "the table of solve)",
        )  # fmt: skip
    return sources


def _items(values: object, argument: str, kind: type | tuple[type, ...], expected: str) -> list[Any]:
    """The items of the collection ``values``, each an instance of ``kind``."""
    items = check_collection(values, argument, expected)
    for index, item in enumerate(items):
        if isinstance(item, bool):
            raise WrongTypeError(argument=argument, value=item, expected=expected, index=index)
        check_instance(item, argument, kind, expected, index=index)
    return items


def _bibtex(source: Source) -> str:
    fields: list[tuple[str, str | None]] = [
        ("author", " and ".join(source.authors) or None),
        ("editor", " and ".join(source.editors) or None),
        ("title", None if source.title is None else "{" + _escape(source.title) + "}"),
        ("journal", source.journal),
        ("year", None if source.year is None else str(source.year)),
        ("volume", source.volume),
        ("number", source.issue),
        ("pages", None if source.pages is None else source.pages.replace("-", "--")),
        ("doi", source.doi),
        ("url", source.url),
        ("publisher" if source.type != "report" else "institution", source.publisher),
        ("note", source.citation if source.type in (None, "document") else None),
    ]
    body = ",\n".join(f"  {name} = {{{_escape_value(name, value)}}}" for name, value in fields if value is not None)
    kind = _BIBTEX_TYPES.get(source.type or "document", "misc")
    return f"@{kind}{{{source.id or 'source'},\n{body}\n}}\n"


def _escape_value(name: str, value: str) -> str:
    # Authors may be a brace-protected corporate name; titles are escaped already; DOIs and URLs are verbatim.
    return value if name in ("author", "editor", "title", "doi", "url") else _escape(value)


def _escape(text: str) -> str:
    for char in "&%$#_":
        text = text.replace(char, "\\" + char)
    return text


def _csl(source: Source) -> dict[str, Any]:
    item: dict[str, Any] = {"id": source.id or source.citation, "type": _CSL_TYPES.get(source.type or "", "document")}
    item["title"] = source.title or source.citation
    for name, names in (("author", source.authors), ("editor", source.editors)):
        if names:
            item[name] = [_csl_name(n) for n in names if n != "others"]
    optional = {"container-title": source.journal, "volume": source.volume, "issue": source.issue,
                "page": source.pages, "DOI": source.doi, "URL": source.url, "publisher": source.publisher}  # fmt: skip
    item.update({key: value for key, value in optional.items() if value is not None})
    if source.year is not None:
        item["issued"] = {"date-parts": [[source.year]]}
    if source.type in (None, "document"):
        item["note"] = source.citation
    return item


def _csl_name(name: str) -> dict[str, str]:
    if name.startswith("{") and name.endswith("}"):
        return {"literal": name[1:-1]}
    family, _, given = name.partition(",")
    return {"family": family.strip(), "given": given.strip()} if given else {"literal": name}
