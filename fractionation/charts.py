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
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypedDict

if TYPE_CHECKING:
    import altair as alt
    import numpy.typing as npt
    import pandas as pd

    from fractionation import CalendarRow, ReirradiationReport

__all__ = [
    "ALPHA_BETA_AXIS",
    "ScheduleRow",
    "bar_data",
    "cumulative_timeline",
    "dose_slice",
    "eqd2_against_alpha_beta",
    "eqd2_bars",
    "interruption_calendar",
    "schedule_strip",
    "sensitivity_tornado",
    "tissue_colours",
    "uncertainty_intervals",
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


#: A chart's Vega-Lite specification, as JSON.
Spec: TypeAlias = "dict[str, Json]"
Json: TypeAlias = "dict[str, Json] | list[Json] | str | int | float | bool | None"


def without_data(spec: Spec) -> Spec:
    """A specification from a chart built without a table, ready for a renderer that supplies the data.

    altair fills in ``{"name": "empty"}`` and a dataset of one empty row, which a
    renderer would draw beside the data it supplies (an "undefined" series): that
    goes. Data a layer brings with it (an alpha/beta band) is written into the layer
    itself, because Streamlit does not bind its data to a specification that has
    top-level ``datasets``.

    >>> without_data(eqd2_bars().to_dict()).keys() & {"data", "datasets"}
    set()
    """
    datasets = spec.get("datasets")
    datasets = datasets if isinstance(datasets, dict) else {}

    def cleaned(part: Spec) -> Spec:
        result = {key: value for key, value in part.items() if key not in ("data", "datasets", "layer")}
        data = part.get("data")
        name = data.get("name") if isinstance(data, dict) else None
        if isinstance(name, str) and name in datasets and datasets[name] != [{}]:  # [{}]: altair's "no data"
            result["data"] = {"values": datasets[name]}
        elif data is not None and name is None:
            result["data"] = data
        layers = part.get("layer")
        if isinstance(layers, list):
            result["layer"] = [cleaned(layer) for layer in layers if isinstance(layer, dict)]
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


class ScheduleRow(TypedDict):
    """A treatment day of one scheme in :func:`schedule_strip`: the scheme's label, the day (0 = first), fractions."""

    scheme: str
    day: int
    fractions: int


def schedule_strip(rows: Sequence[ScheduleRow], *, big: bool = False) -> alt.Chart:
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


def cumulative_timeline(report: ReirradiationReport, *, big: bool = False) -> alt.LayerChart:
    """The cumulative EQD2 of a re-irradiation report as steps at the courses' dates, with its limits.

    The total jumps when a course is given and stays until the next; the y axis starts
    at 0. Each limit (as EQD2) is a labelled dashed line, red only where its rule fails.
    A recovery assumption, when there is one, is a hollow point beside the planned
    course's total, labelled as an assumption: shown beside, never instead. The black
    steps are on the limits' basis (LQ at the cord's alpha/beta); under another model,
    the model's cumulative EQD2 is a grey dotted step line beside them.

    >>> import fractionation as fr
    >>> report = fr.reirradiation_report(fr.History.of([fr.Course.of("30 Gy/10"),
    ...                                                 fr.Course.of("6 Gy x 2", months_after=6, stereotactic=True)]))
    >>> [layer["mark"]["type"] for layer in cumulative_timeline(report).to_dict()["layer"]]
    ['line', 'point', 'rule', 'text', 'text']
    """
    import altair as alt
    import pandas as pd

    dated = report.history.dated
    steps = report.timeline
    if dated:  # calendar dates, read and drawn as UTC so that no time zone moves a course to the day before
        steps = steps.assign(date=[d.isoformat() for d in steps["date"]])
        x = alt.X("date:T", title="Date", scale=alt.Scale(type="utc"),
                  axis=alt.Axis(format="%b %Y", formatType="utc", tickCount="month"))  # fmt: skip
    else:
        x = alt.X("month:Q", title="Months from the first course")
    modelled = [] if report.cumulative_eqd2_under_model is None else [report.cumulative_eqd2_under_model]
    top = max([report.cumulative_eqd2, *modelled, *(limit.eqd2 for limit in report.limits)]) * 1.15
    y = alt.Y("cumulative_eqd2:Q", title="Cumulative EQD2 (Gy)", scale=alt.Scale(domain=[0, top]))
    line = alt.Chart(steps, title="Cumulative spinal cord EQD2").mark_line(
        strokeWidth=3 if big else 2, color="black", interpolate="linear"
    ).encode(x=x, y=y)  # fmt: skip
    given = steps[steps["course"].notna()]
    points = alt.Chart(given).mark_point(filled=True, size=90 if big else 60, color="black").encode(
        x=x, y=y, tooltip=[alt.Tooltip("course:N"), alt.Tooltip("eqd2:Q", format=".2f", title="course EQD2 (Gy)"),
                           alt.Tooltip("cumulative_eqd2:Q", format=".2f", title="cumulative EQD2 (Gy)")],
    )  # fmt: skip
    layers: list[Any] = [line, points]
    if modelled:  # drawn first, under the black steps on the limits' basis where the two coincide
        layers.insert(0, alt.Chart(steps.assign(model=f"under {report.model} (an assumption)")).mark_line(
            strokeWidth=2, strokeDash=[2, 3], color="#777", interpolate="linear"
        ).encode(x=x, y="cumulative_eqd2_under_model:Q", tooltip=[
            alt.Tooltip("model:N", title="shown beside, not used"),
            alt.Tooltip("cumulative_eqd2_under_model:Q", format=".2f", title="cumulative EQD2 (Gy)"),
        ]))  # fmt: skip
    if report.cumulative_eqd2_assuming_recovery is not None:
        planned = given.iloc[[-1]].assign(
            cumulative_eqd2=report.cumulative_eqd2_assuming_recovery, course="assuming recovery (an assumption)"
        )
        layers.append(alt.Chart(planned).mark_point(shape="diamond", filled=False, size=140, color="#555").encode(
            x=x, y=y, tooltip=[alt.Tooltip("course:N", title="shown beside, not used"),
                               alt.Tooltip("cumulative_eqd2:Q", format=".2f", title="cumulative EQD2 (Gy)")],
        ))  # fmt: skip
    limits = pd.DataFrame(
        [{"label": limit.label, "eqd2": limit.eqd2, "status": "holds" if limit.holds else "fails",
          "source": limit.citation} for limit in report.limits],
        columns=["label", "eqd2", "status", "source"],
    )  # fmt: skip
    colour = alt.Color("status:N", scale=alt.Scale(domain=["holds", "fails"], range=["#6b6b6b", "#c62828"]),
                       legend=alt.Legend(title="Limit", orient="bottom"))  # fmt: skip
    rules = alt.Chart(limits).mark_rule(strokeDash=[6, 4], strokeWidth=2).encode(
        y="eqd2:Q", color=colour,
        tooltip=[alt.Tooltip("label:N", title="limit"), alt.Tooltip("eqd2:Q", format=".2f", title="EQD2 (Gy)"),
                 alt.Tooltip("source:N")],
    )  # fmt: skip
    # Labels of neighbouring lines alternate between the left and the right end, so that close limits
    # (Nieder's 67.75 Gy and Sahgal's 70 Gy EQD2 at alpha/beta 2) stay readable.
    ranked = limits.sort_values("eqd2").reset_index(drop=True)
    size = 14 if big else 11
    left = (
        alt.Chart(ranked.iloc[0::2])
        .mark_text(align="left", dx=4, dy=-7, fontSize=size)
        .encode(x=alt.value(0), y="eqd2:Q", text="label:N", color=colour)
    )
    right = (
        alt.Chart(ranked.iloc[1::2])
        .mark_text(align="right", dx=-4, dy=-7, fontSize=size)
        .encode(x=alt.value("width"), y="eqd2:Q", text="label:N", color=colour)
    )
    labels = [left, right]
    chart: alt.LayerChart = alt.layer(*layers, rules, *labels).configure_axis(**_sizes(big))
    return chart


def dose_slice(grid: npt.ArrayLike, *, title: str, top: float, big: bool = False) -> alt.Chart:
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


def uncertainty_intervals(table: pd.DataFrame | None = None, *, big: bool = False) -> alt.LayerChart:
    """The median (dot) and 95% interval (line) of EQD2 per scheme (rows) and tissue, from
    :func:`fractionation.uncertainty`; schemes side by side on one EQD2 axis.

    >>> import fractionation as fr
    >>> spec = uncertainty_intervals(fr.uncertainty(["8 Gy x 1"], [10], samples=1000)).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rule', 'point']
    """
    import altair as alt

    data = alt.Undefined if table is None else bar_data(table)
    title = "EQD2: median and 95% interval over α/β" + (" and repopulation" if _timed(table) else "")
    base = alt.Chart(data, title=title).encode(
        y=alt.Y("scheme:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
        yOffset=alt.YOffset("tissue:N", sort=None),
        color=alt.Color("tissue:N", sort=None, title="Tissue", scale=_tissue_scale(()),  # as the bars colour them
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        tooltip=[alt.Tooltip("scheme:N"), alt.Tooltip("tissue:N"),
                 alt.Tooltip("eqd2_low:Q", format=".2f", title="EQD2, 2.5th percentile"),
                 alt.Tooltip("eqd2_median:Q", format=".2f", title="EQD2, median"),
                 alt.Tooltip("eqd2_high:Q", format=".2f", title="EQD2, 97.5th percentile")],
    )  # fmt: skip
    interval = base.mark_rule(strokeWidth=4 if big else 3).encode(
        x=alt.X("eqd2_low:Q", title="EQD2 (Gy)"), x2="eqd2_high:Q"
    )
    median = base.mark_point(filled=True, size=160 if big else 90, color="black").encode(x="eqd2_median:Q")
    chart: alt.LayerChart = alt.layer(interval, median).configure_axis(**_sizes(big)).configure_legend(**_sizes(big))
    return chart


def _timed(table: pd.DataFrame | None) -> bool:
    return table is not None and "eqd2_time_corrected" in table.columns


#: The two ends of an input's 95% range in the tornado chart (Okabe-Ito blue and orange).
TORNADO_ENDS = {"input at 2.5th percentile": "#0072B2", "input at 97.5th percentile": "#E69F00"}


def sensitivity_tornado(table: pd.DataFrame, *, scheme: str | None = None, big: bool = False) -> alt.Chart:
    """A tornado chart from :func:`fractionation.sensitivity`: the change in EQD2 when each input goes to
    either end of its 95% range, the others at their medians; the widest swing on top.

    ``scheme`` picks one scheme of the table (default: the first).

    >>> import fractionation as fr
    >>> sensitivity_tornado(fr.sensitivity(["8 Gy x 1"], [10, 2])).to_dict()["mark"]["type"]
    'bar'
    """
    import altair as alt
    import pandas as pd

    chosen = scheme if scheme is not None else str(table["scheme"].iloc[0])
    rows = table[table["scheme"] == chosen]
    ends = list(TORNADO_ENDS)
    records = []
    for row in rows.to_dict("records"):
        label = f"{row['input']} ({row['input_low']:.3g}-{row['input_high']:.3g} {row['unit']})".replace(" )", ")")
        for end, at in zip(ends, (row["eqd2_at_low"], row["eqd2_at_high"]), strict=True):
            records.append({"input": label, "tissue": row["tissue"], "end": end, "eqd2": at,
                            "change": float(at) - float(row["eqd2_central"]), "swing": row["swing"]})  # fmt: skip
    long = pd.DataFrame(records)
    order = list(dict.fromkeys(long.sort_values("swing", ascending=False, kind="stable")["input"]))
    chart: alt.Chart = (
        alt.Chart(long, title=f"What moves EQD2 most: {chosen}")
        .mark_bar()
        .encode(
            y=alt.Y("input:N", sort=order, title=None, axis=alt.Axis(labelLimit=420)),
            yOffset=alt.YOffset("tissue:N", sort=None),
            x=alt.X("change:Q", title="Change in EQD2 from the central value (Gy)"),
            color=alt.Color("end:N", title=None, scale=alt.Scale(domain=ends, range=list(TORNADO_ENDS.values())),
                            legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("input:N"), alt.Tooltip("tissue:N"), alt.Tooltip("end:N"),
                     alt.Tooltip("eqd2:Q", format=".2f", title="EQD2 (Gy)"),
                     alt.Tooltip("change:Q", format="+.2f", title="change (Gy)")],
        )
        .configure_axis(**_sizes(big))
        .configure_legend(**_sizes(big))
    )  # fmt: skip
    return chart


#: One colour per status of a treatment day in :func:`interruption_calendar` (Okabe-Ito; no red: nothing here fails).
DAY_COLOURS = {
    "as planned": "#56B4E9",
    "missed": "#000000",
    "day off used": "#E69F00",
    "second fraction": "#CC79A7",
    "added at the end": "#009E73",
}


def interruption_calendar(rows: Sequence[CalendarRow], *, big: bool = False) -> alt.LayerChart:
    """The calendar before and after an interruption: one row per option, a cell per treatment day, coloured by
    why it is there, with the number of fractions on days of two; rows from
    :meth:`fractionation.Interruption.calendar_rows`. Every day from the first to the last is on the axis.

    >>> import fractionation as fr
    >>> rows = fr.missed_fractions("2 Gy x 10", missed=[2]).calendar_rows()
    >>> [layer["mark"]["type"] for layer in interruption_calendar(rows).to_dict()["layer"]]
    ['rect', 'text']
    """
    import altair as alt
    import pandas as pd

    data = pd.DataFrame(rows)
    last_day = int(data["day"].max()) if len(data) else 0
    weekday = "['Mon','Tue','Wed','Thu','Fri','Sat','Sun'][(datum.value + offset) % 7] + ' ' + datum.value"
    offset = int(pd.Timestamp(data["date"].iloc[0]).weekday()) if len(data) else 0
    base = alt.Chart(data, title="The calendar before and after").encode(
        x=alt.X("day:O", title="Day (0 = the first fraction)", scale=alt.Scale(domain=list(range(last_day + 1))),
                axis=alt.Axis(labelExpr=weekday.replace("offset", str(offset)), labelAngle=-60)),
        y=alt.Y("option:N", sort=None, title=None, axis=alt.Axis(labelLimit=420)),
    )  # fmt: skip
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("status:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=list(DAY_COLOURS), range=list(DAY_COLOURS.values()))),
        tooltip=[alt.Tooltip("option:N"), alt.Tooltip("date:N"), alt.Tooltip("weekday:N"), alt.Tooltip("status:N"),
                 alt.Tooltip("fractions:Q")],
    )  # fmt: skip
    twice = (
        base.transform_filter("datum.fractions > 1")
        .mark_text(color="white", fontWeight="bold")
        .encode(text="fractions:Q")
    )
    chart: alt.LayerChart = alt.layer(cells, twice).configure_axis(**_sizes(big)).configure_legend(**_sizes(big))
    return chart
