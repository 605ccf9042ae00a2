"""Dose grid: an uploaded RT Dose file (or pydicom's example), physical dose and EQD2 side by side.

Renders :func:`fractionation.dicom.eqd2_grids`. Single- and multi-frame files alike (the
slice slider shows only when there is more than one slice); a file that is not an RT Dose
of physical dose gets the library's message, which names the file, shown as typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

import fractionation as fr
from fractionation import charts
from fractionation.app.common import AlphaBeta, literal, panel, tissue_label

if TYPE_CHECKING:
    from fractionation.dicom import DoseGrids

MAX_UPLOAD_MB = 50  # also server.maxUploadSize in .streamlit/config.toml
EXAMPLE = "rtdose.dcm (pydicom's example)"


def render(alpha_betas: list[AlphaBeta], big: bool) -> None:
    if (body := panel("Dose grid: an RT Dose file, voxel by voxel", "panel_dose_grid")) is None:
        return
    with body:
        upload = st.file_uploader(f"RT Dose file (DICOM, at most {MAX_UPLOAD_MB} MB)", type=["dcm"], key="rtdose")
        example = st.toggle(
            "Use pydicom's example RT Dose instead", key="rtdose_example",
            help="A 15 x 10 x 10 grid in RELATIVE units, shipped with pydicom for its tests.",
        )  # fmt: skip
        if upload is None and not example:
            st.caption("Upload a file or use the example to see physical dose and EQD2 side by side.")
            return
        if upload is not None and upload.size > MAX_UPLOAD_MB * 2**20:
            st.error(f"The file is {upload.size / 2**20:.1f} MB; the limit here is {MAX_UPLOAD_MB} MB.")
            return
        left, middle, right = st.columns(3)
        n = left.number_input("Fractions the dose was given in", min_value=1, max_value=60, key="grid_n")
        labels = [tissue_label(ab) for ab in alpha_betas]
        chosen = middle.selectbox("Tissue", labels, key="grid_tissue")
        alpha_beta = alpha_betas[labels.index(chosen) if chosen in labels else 0]
        relative = right.number_input("For RELATIVE doses: Gy of a relative 1", min_value=0.1, max_value=200.0,
                                      key="grid_relative")  # fmt: skip
        try:
            if upload is not None:
                grids = dose_grids(upload.getvalue(), upload.name, int(n), alpha_beta, relative)
            else:
                grids = dose_grids(None, EXAMPLE, int(n), alpha_beta, relative)
        except fr.FractionationError as error:
            st.error(literal(str(error)))  # it names the file, whose name is the user's text
            return
        st.caption(f"File: {literal(grids.name)}")  # the user's file name, shown as typed
        frame = _slice(grids.frames)
        first, second = st.columns(2)
        first.altair_chart(charts.dose_slice(grids.physical[frame], title="Physical dose", top=grids.top, big=big),
                           width="stretch")  # fmt: skip
        second.altair_chart(charts.dose_slice(grids.eqd2[frame], title=f"EQD2, {chosen}", top=grids.top, big=big),
                            width="stretch")  # fmt: skip
        st.caption(f"{grids.summary}; one colour scale for both.")


def _slice(frames: int) -> int:
    """The slice to show (from 0): a slider for a multi-frame grid, the only slice of a single frame."""
    if frames == 1:
        st.caption("One slice (a single-frame RT Dose).")
        return 0
    if not 1 <= st.session_state.get("grid_slice", 0) <= frames:  # the middle slice first, or after a larger file
        st.session_state.grid_slice = (frames + 1) // 2
    return int(st.slider(f"Slice (of {frames})", 1, frames, key="grid_slice")) - 1


@st.cache_data(max_entries=4, show_spinner=False)
def dose_grids(
    data: bytes | None, name: str, n_fractions: int, alpha_beta: AlphaBeta, relative_to_gy: float
) -> DoseGrids:
    """:func:`fractionation.dicom.eqd2_grids` of an upload's bytes, or of pydicom's example when ``data`` is None."""
    import io

    from fractionation.dicom import eqd2_grids

    if data is None:
        try:
            from pydicom.data import get_testdata_file
        except ImportError:
            raise fr.FractionationError(
                argument="pydicom", expected="installed for the example: pip install 'fractionation[dicom]'"
            ) from None
        source: Any = get_testdata_file("rtdose.dcm")
    else:
        source = io.BytesIO(data)
    return eqd2_grids(source, n_fractions=n_fractions, alpha_beta=alpha_beta, relative_to_gy=relative_to_gy, name=name)
