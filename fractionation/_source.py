"""Where a datum comes from: one provenance type for schemes, tissues, repopulation presets and rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, TypeAlias

from fractionation._errors import FractionationError

__all__ = ["ORIGINS", "TYPES", "Origin", "Source"]

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
        if self.origin not in ORIGINS:
            raise FractionationError(f"origin must be one of {', '.join(ORIGINS)}, got {self.origin!r}")
        if self.type is not None and self.type not in TYPES:
            raise FractionationError(f"type must be one of {', '.join(TYPES)} or None, got {self.type!r}")
        texts = ("citation", "id", "passage", "quote", "reading", "note", "title", "journal", "volume", "issue",
                 "pages", "doi", "url", "publisher")  # fmt: skip
        for name in texts:
            value = getattr(self, name)
            if (value is not None or name == "citation") and (not isinstance(value, str) or not value.strip()):
                raise FractionationError(f"{name} must be a non-empty string, got {value!r}")
        for name in ("authors", "editors"):
            value = getattr(self, name)
            if not isinstance(value, tuple) or not all(isinstance(v, str) and v.strip() for v in value):
                raise FractionationError(f"{name} must be a tuple of names, got {value!r}")
        if self.year is not None and (isinstance(self.year, bool) or not isinstance(self.year, int)):
            raise FractionationError(f"year must be a whole number or None, got {self.year!r}")

    @property
    def reference(self) -> Source:
        """The reference alone, without what one datum takes from it (passage, quote, reading, note)."""
        return replace(self, passage=None, quote=None, reading=None, note=None)
