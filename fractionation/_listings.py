"""The catalogue and the tissue presets as tables, one row per datum, for listings and downloads.

The command line's ``catalogue`` and ``tissues`` print these tables as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fractionation._citations import references
from fractionation._data import DataPath, catalogue, tissues
from fractionation._source import Origin

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["catalogue_table", "tissue_table"]


def catalogue_table(*, origin: Origin | None = None, path: DataPath | None = None) -> pd.DataFrame:
    """Every scheme of the catalogue (or of ``path``; with ``origin``, those from there): id, name, intent, numbers,
    and its source.

    ``attrs["sources"]`` holds each reference once, as :func:`cite` takes them.

    >>> catalogue_table()[["id", "n_fractions", "total_dose", "origin"]].head(2)
                 id  n_fractions  total_dose    origin
    0  document-8x1            1         8.0  document
    1  document-4x5            5        20.0  document
    """
    import pandas as pd

    schemes = catalogue(origin=origin, path=path)
    rows = [
        {
            "id": s.id, "scheme": s.name, "intent": s.intent, "n_fractions": s.n_fractions,
            "dose_per_fraction": s.dose_per_fraction, "total_dose": s.total_dose,
            "origin": s.source.origin if s.source else "", "source": s.source.citation if s.source else "",
        }
        for s in schemes
    ]  # fmt: skip
    table = pd.DataFrame(rows)
    table.attrs["sources"] = references(s.source for s in schemes)
    return table


def tissue_table(*, path: DataPath | None = None) -> pd.DataFrame:
    """Every tissue alpha/beta preset (or those of ``path``): id, name, alpha/beta in Gy, its range, its source.

    ``attrs["sources"]`` holds each reference once, as :func:`cite` takes them.

    >>> tissue_table()[["id", "alpha_beta", "low", "high"]].head(2)
           id  alpha_beta  low  high
    0  tumour        10.0  8.0  12.0
    1    late         3.0  NaN   NaN
    """
    import pandas as pd

    presets = tissues(path=path)
    rows = [
        {"id": t.id, "tissue": t.name, "alpha_beta": t.alpha_beta, "low": t.low, "high": t.high,
         "source": t.source.citation}
        for t in presets
    ]  # fmt: skip
    table = pd.DataFrame(rows)
    table.attrs["sources"] = references(t.source for t in presets)
    return table
