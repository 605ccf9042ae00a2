"""Where a datum comes from: one provenance type for schemes, tissues, repopulation presets and rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, TypeAlias

from fractionation._checks import check_choice, check_text
from fractionation._errors import FractionationError, WrongTypeError

if TYPE_CHECKING:
    from fractionation._data import Tissue
    from fractionation._scheme import Scheme

__all__ = ["ORIGINS", "TYPES", "Origin", "QuotedPassage", "QuotedSource", "Source", "SourcedItem", "quote_once"]

#: A source document of the project (a public patient-information text), or the published literature.
ORIGINS = ("document", "literature")
Origin: TypeAlias = Literal["document", "literature"]
#: What a reference is, as BibTeX and CSL-JSON need to know: a journal article, a book, a report
#: (a guideline published by a college) or a document (the project's source text).
TYPES = ("article", "book", "report", "document")


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where a datum comes from: the reference, and what the datum takes from it.

    ``origin`` is ``"document"`` (the project's source document, shown by its title)
    or ``"literature"``. ``id`` is the reference's key in the data file; data from
    one reference share it. A document's datum quotes a ``passage`` (its id) whose
    text is ``quote``: data with the same ``id`` and ``passage`` quote the same
    words, so a list of sources shows them once. ``reading`` states how an
    ambiguous quote or value was read; ``note`` gives the setting.

    The bibliographic fields (``type``, ``authors``, ``title``, ``journal``, ``year``,
    ``volume``, ``issue``, ``pages``, ``doi``, ...) are what BibTeX and CSL-JSON need:
    see :func:`fractionation.cite`. An author is written "Family, Given"; "others"
    stands for "et al.". A DOI is given only where it was checked.

    >>> Source(origin="literature", citation="Fowler JF. Br J Radiol. 2010;83:554-568.").origin
    'literature'
    """

    origin: str
    citation: str
    id: str | None = None
    passage: str | None = None
    quote: str | None = None
    reading: str | None = None
    note: str | None = None
    type: str | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    publisher: str | None = None

    def __post_init__(self) -> None:
        check_choice(self.origin, "origin", ORIGINS)
        if self.type is not None:
            check_choice(self.type, "type", TYPES)
        texts = ("citation", "id", "passage", "quote", "reading", "note", "title", "journal", "volume", "issue",
                 "pages", "doi", "url", "publisher")  # fmt: skip
        for name in texts:
            check_text(getattr(self, name), name, optional=name != "citation")
        for name in ("authors", "editors"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                raise WrongTypeError(argument=name, value=value, expected="a tuple of names")
            for index, one in enumerate(value):
                if not isinstance(one, str) or not one.strip():
                    raise FractionationError(argument=name, value=one, index=index, expected="a tuple of names")
        if self.year is not None and (isinstance(self.year, bool) or not isinstance(self.year, int)):
            raise WrongTypeError(argument="year", value=self.year, expected="a whole number or None")

    @property
    def reference(self) -> Source:
        """The reference alone, without what one datum takes from it (passage, quote, reading, note)."""
        return replace(self, passage=None, quote=None, reading=None, note=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class SourcedItem:
    """One item shown under its reference: what it is (``label``), the reading taken and the note, if any."""

    label: str
    reading: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class QuotedPassage:
    """The words some items take from a reference (``quote``; None where they quote none), and those items."""

    quote: str | None
    items: tuple[SourcedItem, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class QuotedSource:
    """A reference as a list of sources shows it: cited once, then each passage quoted once with its items.

    ``reference`` is the reference alone (:attr:`Source.reference`), or None for the items
    added by a user, which have no source (then one passage, without a quote).
    """

    reference: Source | None
    passages: tuple[QuotedPassage, ...]

    @property
    def items(self) -> tuple[SourcedItem, ...]:
        """Every item resting on the reference, passage by passage."""
        return tuple(item for passage in self.passages for item in passage.items)


def quote_once(items: Iterable[Scheme | Tissue]) -> tuple[QuotedSource, ...]:
    """The sources of the schemes and tissue presets shown: each reference and each quote once, each item's reading.

    References, and passages within a reference, come in the order met; the items
    without a source (schemes a user added) come last, under ``None``. The app's sources
    panel, the handout and the downloads all show this list.

    >>> from fractionation import Scheme, scheme
    >>> shown = quote_once([scheme("document-8x1"), scheme("document-sbrt-8x3"), scheme("document-4x5"),
    ...                     Scheme.parse("7 Gy x 5")])
    >>> [(q.reference.title if q.reference else None, [[i.label for i in p.items] for p in q.passages])
    ...  for q in shown]  # doctest: +NORMALIZE_WHITESPACE
    [('Bone metastases', [['Document: 8 Gy x 1', 'Document: 4 Gy x 5'], ['Document: SBRT 8 Gy x 3']]),
     (None, [['7 Gy x 5']])]
    """
    from fractionation._checks import check_collection
    from fractionation._data import Tissue
    from fractionation._scheme import Scheme

    expected = "a list of Scheme objects and Tissue presets"
    found: dict[str | None, tuple[Source | None, dict[str, list[SourcedItem]]]] = {}
    for item in check_collection(items, "items", expected):
        if isinstance(item, Scheme):
            label = str(item)
        elif isinstance(item, Tissue):
            label = f"{item.name} (α/β {item.alpha_beta:g} Gy)"
        else:
            raise WrongTypeError(argument="items", value=item, expected=expected)
        source = item.source
        if source is None:
            key, shown, reference = None, SourcedItem(label=label), None
        else:
            key, reference = source.id or source.citation, source.reference
            shown = SourcedItem(label=label, reading=source.reading, note=source.note)
        quoted = found.setdefault(key, (reference, {}))[1]
        quoted.setdefault("" if source is None else source.quote or "", []).append(shown)
    listed = [
        QuotedSource(reference=reference, passages=tuple(
            QuotedPassage(quote=quote or None, items=tuple(shown)) for quote, shown in quoted.items()))
        for reference, quoted in found.values()
    ]  # fmt: skip
    return tuple(sorted(listed, key=lambda q: q.reference is None))  # stable: the added items last
