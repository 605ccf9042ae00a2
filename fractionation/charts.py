"""altair charts of a comparison table, as the app draws them; usable in notebooks too.

Needs the ``app`` extra (altair). Each function takes a table from
:func:`fractionation.compare` and returns an ``altair.Chart``. Called without a
table, it returns the chart's specification alone, for a renderer that supplies
the data: the app builds each specification once and sends only the data on each
rerun. tests/test_charts.py validates every chart against the Vega-Lite schema.

>>> import fractionation as fr
>>> from fractionation.charts import eqd2_bars
>>> eqd2_bars(fr.compare(["8 Gy x 1", "4 Gy x 5"], [10, 3])).to_dict()["mark"]["type"]
'bar'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

__all__ = ["ALPHA_BETA_AXIS", "bar_data", "eqd2_against_alpha_beta", "eqd2_bars", "schedule_strip", "without_data"]

#: The alpha/beta values (Gy) of the EQD2-against-alpha/beta chart: 0.5 to 20 in steps of 0.5.
ALPHA_BETA_AXIS = tuple(x / 2 for x in range(1, 41))
PALETTE: Final = "tableau10"  # distinct hues, legible when projected


def _sizes(big: bool) -> dict[str, int]:
    return {"labelFontSize": 16 if big else 12, "titleFontSize": 18 if big else 13}


def without_data(spec: dict[str, Any]) -> dict[str, Any]:
    """A specification from a chart built without a table, less altair's empty placeholder data.

    altair fills in ``{"name": "empty"}`` and a dataset of one empty row, which a
    renderer would draw beside the data it supplies (an "undefined" series).

    >>> without_data(eqd2_bars().to_dict()).keys() & {"data", "datasets"}
    set()
    """
    return {key: value for key, value in spec.items() if key not in ("data", "datasets")}


def bar_data(table: pd.DataFrame) -> pd.DataFrame:
    """The compare() table with every row's tissue named: a plain alpha/beta by its value."""
    names = [t or f"α/β {ab:g} Gy" for t, ab in zip(table["tissue"], table["alpha_beta"], strict=True)]
    return table.assign(tissue=names)


def eqd2_bars(table: pd.DataFrame | None = None, *, big: bool = False) -> alt.Chart:
    """EQD2 per scheme (rows) and tissue (bars within a row), from a compare() table."""
    import altair as alt

    data = alt.Undefined if table is None else bar_data(table)
    chart: alt.Chart = (  # configure_* is untyped in altair
        alt.Chart(data, title="EQD2 per scheme and tissue")
        .mark_bar()
        .encode(
            y=alt.Y("scheme:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("tissue:N", sort=None),
            x=alt.X("eqd2:Q", title="EQD2 (Gy)"),
            color=alt.Color("tissue:N", sort=None, title="Tissue", scale=alt.Scale(scheme=PALETTE),
                            legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
            tooltip=[alt.Tooltip("scheme:N"), alt.Tooltip("tissue:N"), alt.Tooltip("alpha_beta:Q", title="α/β"),
                     alt.Tooltip("eqd2:Q", format=".2f"), alt.Tooltip("bed:Q", format=".2f")],
        )
        .configure_axis(**_sizes(big))
        .configure_legend(**_sizes(big))
    )  # fmt: skip
    return chart


def eqd2_against_alpha_beta(table: pd.DataFrame | None = None, *, big: bool = False) -> alt.Chart:
    """EQD2 against alpha/beta, one line per scheme, from compare(schemes, ALPHA_BETA_AXIS)."""
    import altair as alt

    axis = alt.Scale(domain=[ALPHA_BETA_AXIS[0], ALPHA_BETA_AXIS[-1]])
    chart: alt.Chart = (
        alt.Chart(alt.Undefined if table is None else table, title="EQD2 against alpha/beta")
        .mark_line(strokeWidth=3 if big else 2)
        .encode(
            x=alt.X("alpha_beta:Q", title="α/β (Gy)", scale=axis),
            y=alt.Y("eqd2:Q", title="EQD2 (Gy)"),
            color=alt.Color("scheme:N", sort=None, title="Scheme", scale=alt.Scale(scheme=PALETTE),
                            legend=alt.Legend(labelLimit=400)),
            tooltip=[alt.Tooltip("scheme:N"), alt.Tooltip("alpha_beta:Q", format=".1f", title="α/β"),
                     alt.Tooltip("eqd2:Q", format=".2f")],
        )
        .configure_axis(**_sizes(big))
        .configure_legend(**_sizes(big))
    )  # fmt: skip
    return chart


def schedule_strip(rows: Sequence[dict[str, Any]], *, big: bool = False) -> alt.Chart:
    """A calendar strip: one row per scheme, a cell per treatment day (rows: scheme, day, fractions).

    Every day from the first to the last is on the axis, weekends included, so that
    the gaps between sessions show as they fall; day 0 is a Monday.
    """
    import altair as alt
    import pandas as pd

    last_day = max((int(row["day"]) for row in rows), default=0)
    weekday = "['Mon','Tue','Wed','Thu','Fri','Sat','Sun'][datum.value % 7] + ' ' + datum.value"
    every_day = alt.Scale(domain=list(range(last_day + 1)))
    chart: alt.Chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("day:O", title="Day (0 = first fraction, a Monday)", scale=every_day,
                    axis=alt.Axis(labelExpr=weekday, labelAngle=-50)),
            y=alt.Y("scheme:N", sort=None, title=None, axis=alt.Axis(labelLimit=520)),
            color=alt.Color("fractions:O", title="Fractions that day"),
            tooltip=[alt.Tooltip("scheme:N"), alt.Tooltip("day:O"), alt.Tooltip("fractions:O")],
        )
        .configure_axis(**_sizes(big))
        .configure_legend(**_sizes(big))
    )  # fmt: skip
    return chart
