"""altair charts of a comparison table, as the app draws them; usable in notebooks too.

Needs the ``app`` extra (altair). Each function takes a table from
:func:`fractionation.compare` and returns an ``altair.Chart``. Called without a
table, it returns the chart's specification alone, for a renderer that supplies
the data: the app builds each specification once and sends only the data on each
rerun. tests/test_charts.py validates every chart against the Vega-Lite schema.

>>> import fractionation as fr
>>> from fractionation.charts import eqd2_bars
>>> eqd2_bars(fr.compare(["8 Gy x 1", "4 Gy x 5"], [10, 3])).to_dict()["layer"][0]["mark"]["type"]
'bar'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

__all__ = [
    "ALPHA_BETA_AXIS",
    "bar_data",
    "cumulative_timeline",
    "dose_slice",
    "eqd2_against_alpha_beta",
    "eqd2_bars",
    "schedule_strip",
    "tissue_colours",
    "without_data",
]

#: The alpha/beta values (Gy) of the EQD2-against-alpha/beta chart: 0.5 to 20 in steps of 0.5.
ALPHA_BETA_AXIS = tuple(x / 2 for x in range(1, 41))
PALETTE: Final = "tableau10"  # distinct hues, legible when projected (the schedule strip)
#: One colour per tissue, the same in every chart and in the app's table headers: Okabe and Ito's
#: colour-blind-safe palette (Okabe M, Ito K. Color Universal Design, 2008). Vermillion and yellow come
#: last: the first is close to the red kept for a failing check, the second faint on white.
TISSUE_COLOURS: Final = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#000000", "#D55E00", "#F0E442")
#: Schemes are told apart by position and label, not by colour.
SCHEME_COLOUR: Final = "#3d3d3d"


def tissue_colours(tissues: Sequence[str]) -> dict[str, str]:
    """Each tissue's colour, by its place in the list (the table's columns, the charts' legends).

    >>> tissue_colours(["tumour", "cord"])
    {'tumour': '#0072B2', 'cord': '#E69F00'}
    """
    return {name: TISSUE_COLOURS[i % len(TISSUE_COLOURS)] for i, name in enumerate(tissues)}


def _tissue_scale(tissues: Sequence[str]) -> Any:
    import altair as alt

    colours = tissue_colours(tissues)
    return (
        alt.Scale(domain=list(colours), range=list(colours.values()))
        if colours
        else alt.Scale(range=list(TISSUE_COLOURS))
    )


def _sizes(big: bool) -> dict[str, Any]:
    return {"labelFontSize": 16 if big else 12, "titleFontSize": 18 if big else 13}


def without_data(spec: dict[str, Any]) -> dict[str, Any]:
    """A specification from a chart built without a table, ready for a renderer that supplies the data.

    altair fills in ``{"name": "empty"}`` and a dataset of one empty row, which a
    renderer would draw beside the data it supplies (an "undefined" series): that
    goes. Data a layer brings with it (an alpha/beta band) is written into the layer
    itself, because Streamlit does not bind its data to a specification that has
    top-level ``datasets``.

    >>> without_data(eqd2_bars().to_dict()).keys() & {"data", "datasets"}
    set()
    """
    datasets = spec.get("datasets", {})

    def cleaned(part: dict[str, Any]) -> dict[str, Any]:
        result = {key: value for key, value in part.items() if key not in ("data", "datasets", "layer")}
        data = part.get("data")
        name = data.get("name") if isinstance(data, dict) else None
        if name in datasets and datasets[name] != [{}]:  # [{}] is altair's stand-in for no data
            result["data"] = {"values": datasets[name]}
        elif data is not None and name is None:
            result["data"] = data
        if "layer" in part:
            result["layer"] = [cleaned(layer) for layer in part["layer"]]
        return result

    return cleaned(spec)


def bar_data(table: pd.DataFrame) -> pd.DataFrame:
    """The compare() table with every row's tissue named: a plain alpha/beta by its value."""
    names = [t or f"α/β {ab:g} Gy" for t, ab in zip(table["tissue"], table["alpha_beta"], strict=True)]
    return table.assign(tissue=names)


def eqd2_bars(table: pd.DataFrame | None = None, *, big: bool = False, tissues: Sequence[str] = ()) -> alt.LayerChart:
    """EQD2 per scheme (rows) and tissue (bars within a row), from a compare() table.

    Where the table has ``eqd2_low`` and ``eqd2_high`` (compare(..., alpha_beta_ranges=True)),
    an error bar shows the EQD2 over the tissue's alpha/beta range. ``tissues``, the
    names :func:`bar_data` gives, in order, fix each tissue's colour (:func:`tissue_colours`).
    """
    import altair as alt

    data = alt.Undefined if table is None else bar_data(table)
    base = alt.Chart(data, title="EQD2 per scheme and tissue").encode(
        y=alt.Y("scheme:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
        yOffset=alt.YOffset("tissue:N", sort=None),
    )
    bars = base.mark_bar().encode(
        x=alt.X("eqd2:Q", title="EQD2 (Gy)"),
        color=alt.Color("tissue:N", sort=None, title="Tissue", scale=_tissue_scale(tissues),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        tooltip=[alt.Tooltip("scheme:N"), alt.Tooltip("tissue:N"), alt.Tooltip("alpha_beta:Q", title="α/β"),
                 alt.Tooltip("eqd2:Q", format=".2f"), alt.Tooltip("bed:Q", format=".2f"),
                 alt.Tooltip("eqd2_low:Q", format=".2f", title="EQD2, α/β range low"),
                 alt.Tooltip("eqd2_high:Q", format=".2f", title="EQD2, α/β range high")],
    )  # fmt: skip
    ranges = base.mark_rule(color="black", strokeWidth=2 if big else 1.5).encode(x="eqd2_low:Q", x2="eqd2_high:Q")
    chart: alt.LayerChart = alt.layer(bars, ranges).configure_axis(**_sizes(big)).configure_legend(**_sizes(big))
    return chart


def eqd2_against_alpha_beta(
    table: pd.DataFrame | None = None,
    *,
    big: bool = False,
    bands: Sequence[tuple[str, float, float]] = (),
    tissues: Sequence[tuple[str, float]] = (),
) -> alt.LayerChart:
    """EQD2 against alpha/beta, one line per scheme, from compare(schemes, ALPHA_BETA_AXIS).

    Schemes are told apart by position and by a label at the line's end; colour is
    the tissues': ``tissues`` (name, alpha/beta) draws each tissue's alpha/beta as a
    line in its colour, and ``bands`` (name, low, high) shade alpha/beta uncertainty
    ranges, such as a tumour's 8-12 Gy, in the colour of the tissue of that name.
    """
    import altair as alt

    axis = alt.Scale(domain=[ALPHA_BETA_AXIS[0], ALPHA_BETA_AXIS[-1]])
    x = alt.X("alpha_beta:Q", title="α/β (Gy)", scale=axis)
    base = alt.Chart(alt.Undefined if table is None else table, title="EQD2 against alpha/beta")
    lines = base.mark_line(strokeWidth=3 if big else 2, color=SCHEME_COLOUR).encode(
        x=x, y=alt.Y("eqd2:Q", title="EQD2 (Gy)"), detail="scheme:N",
        tooltip=[alt.Tooltip("scheme:N"), alt.Tooltip("alpha_beta:Q", format=".1f", title="α/β"),
                 alt.Tooltip("eqd2:Q", format=".2f")],
    )  # fmt: skip
    labels = (
        base.transform_filter(alt.datum.alpha_beta == ALPHA_BETA_AXIS[-1])
        .mark_text(align="left", dx=6, fontSize=15 if big else 11, color=SCHEME_COLOUR, clip=False)
        .encode(x=x, y="eqd2:Q", text="scheme:N")
    )
    names = [name for name, _ in tissues]
    scale = _tissue_scale(names)
    legend = alt.Legend(title="Tissue α/β", orient="bottom", labelLimit=400)
    marks = (
        alt.Chart(alt.InlineData(values=[{"tissue": n, "alpha_beta": v} for n, v in tissues]))
        .mark_rule(strokeWidth=2, strokeDash=[5, 3])
        .encode(x=x, color=alt.Color("tissue:N", scale=scale, legend=legend, sort=None),
                tooltip=[alt.Tooltip("tissue:N"), alt.Tooltip("alpha_beta:Q", title="α/β")])
    )  # fmt: skip
    shade = [{"band": label, "low": low, "high": high} for label, low, high in bands]
    band = (
        alt.Chart(alt.InlineData(values=shade))  # its own data: kept in the cached specification
        .mark_rect(opacity=0.15)
        .encode(x="low:Q", x2="high:Q", color=alt.Color("band:N", scale=scale, legend=None),
                tooltip=[alt.Tooltip("band:N", title="α/β range")])
    )  # fmt: skip
    layers = [*([band] if bands else []), *([marks] if tissues else []), lines, labels]
    room = {"right": 200 if big else 150}  # for the schemes' labels, beyond the axis's end
    chart: alt.LayerChart = (
        alt.layer(*layers).properties(padding=room).configure_axis(**_sizes(big)).configure_legend(**_sizes(big))
    )
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


def cumulative_timeline(
    courses: Sequence[dict[str, Any]], limits: Sequence[tuple[str, float]], *, big: bool = False
) -> alt.LayerChart:
    """Courses on a timeline (rows: course, month, eqd2, cumulative), with EQD2 limits as dashed lines.

    >>> spec = cumulative_timeline([{"course": "30 Gy/10", "month": 0, "eqd2": 37.5, "cumulative": 37.5}],
    ...                            [("Sahgal 2012", 70.0)]).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'line', 'rule']
    """
    import altair as alt
    import pandas as pd

    data = pd.DataFrame(courses)
    x = alt.X("month:Q", title="Months from the first course")
    bars = alt.Chart(data, title="Cumulative spinal cord EQD2").mark_bar(size=28, opacity=0.7).encode(
        x=x, y=alt.Y("eqd2:Q", title="EQD2 (Gy)"),
        tooltip=[alt.Tooltip("course:N"), alt.Tooltip("month:Q", format=".1f"), alt.Tooltip("eqd2:Q", format=".2f")],
    )  # fmt: skip
    total = (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=3 if big else 2, color="black")
        .encode(x=x, y="cumulative:Q", tooltip=[alt.Tooltip("cumulative:Q", format=".2f", title="cumulative EQD2")])
    )
    rules = (
        alt.Chart(pd.DataFrame([{"limit": name, "eqd2": value} for name, value in limits]))
        .mark_rule(strokeDash=[6, 4], color="firebrick")
        .encode(y="eqd2:Q", tooltip=[alt.Tooltip("limit:N"), alt.Tooltip("eqd2:Q", format=".2f")])
    )
    chart: alt.LayerChart = alt.layer(bars, total, rules).configure_axis(**_sizes(big))
    return chart


def dose_slice(grid: Any, *, title: str, top: float, big: bool = False) -> alt.Chart:
    """A dose slice (2-D array, Gy) as a heat map with a colour bar running from 0 to ``top`` Gy.

    >>> import numpy as np
    >>> dose_slice(np.ones((2, 3)), title="EQD2", top=2.0).to_dict()["mark"]["type"]
    'rect'
    """
    import altair as alt
    import numpy as np
    import pandas as pd

    values = np.asarray(grid, dtype=float)
    rows, columns = np.indices(values.shape)
    data = pd.DataFrame({"row": rows.ravel(), "column": columns.ravel(), "dose": values.ravel()})
    chart: alt.Chart = (
        alt.Chart(data, title=title)
        .mark_rect()
        .encode(
            x=alt.X("column:O", axis=None),
            y=alt.Y("row:O", axis=None),
            color=alt.Color("dose:Q", title="Gy", scale=alt.Scale(scheme="viridis", domain=[0, top]),
                            legend=alt.Legend(gradientLength=220)),
            tooltip=[alt.Tooltip("row:O"), alt.Tooltip("column:O"), alt.Tooltip("dose:Q", format=".2f")],
        )
        .configure_axis(**_sizes(big))
        .configure_legend(**_sizes(big))
    )  # fmt: skip
    return chart
