"""Where a datum comes from: one provenance type for schemes, tissues, repopulation presets and rules."""

from __future__ import annotations

from dataclasses import dataclass

from fractionation._errors import FractionationError

__all__ = ["ORIGINS", "Source"]

#: A source document of the project (a public patient-information text), or the published literature.
ORIGINS = ("document", "literature")


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where a datum comes from: the reference, and what the datum takes from it.

    ``origin`` is ``"document"`` (the project's source document, shown by its title)
    or ``"literature"``. ``id`` is the reference's key in the data file; data from
    one reference share it. A document's datum quotes a ``passage`` (its id) whose
    text is ``quote``: data with the same ``id`` and ``passage`` quote the same
    words, so a list of sources shows them once. ``reading`` states how an
    ambiguous quote or value was read; ``note`` gives the setting.

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

    def __post_init__(self) -> None:
        if self.origin not in ORIGINS:
            raise FractionationError(f"origin must be one of {', '.join(ORIGINS)}, got {self.origin!r}")
        for name in ("citation", "id", "passage", "quote", "reading", "note"):
            value = getattr(self, name)
            if (value is not None or name == "citation") and (not isinstance(value, str) or not value.strip()):
                raise FractionationError(f"{name} must be a non-empty string, got {value!r}")
