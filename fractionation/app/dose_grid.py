"""Dose grid: an uploaded RT Dose file (or pydicom's example), physical dose and EQD2 side by side."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

import fractionation as fr
from fractionation import charts
from fractionation.app.common import AlphaBeta, literal, panel, ratio, tissue_label

MAX_UPLOAD_MB = 50  # also server.maxUploadSize in .streamlit/config.toml


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
        ab = alpha_betas[labels.index(chosen) if chosen in labels else 0]
        relative = right.number_input("For RELATIVE doses: Gy of a relative 1", min_value=0.1, max_value=200.0,
                                      key="grid_relative")  # fmt: skip
        data = upload.getvalue() if upload is not None else None
        try:
            physical, eqd2 = dose_grids(data, int(n), ratio(ab), relative)
        except fr.FractionationError as error:
            st.error(literal(str(error)))  # the message quotes what was typed or uploaded
            return
        frame = st.slider("Slice", 0, physical.shape[0] - 1, physical.shape[0] // 2, key="grid_slice")
        top = float(max(np.nanmax(physical), np.nanmax(eqd2)))
        first, second = st.columns(2)
        first.altair_chart(charts.dose_slice(physical[frame], title="Physical dose", top=top, big=big), width="stretch")
        second.altair_chart(charts.dose_slice(eqd2[frame], title=f"EQD2, {chosen}", top=top, big=big), width="stretch")
        st.caption(f"Grid {' x '.join(map(str, physical.shape))}; maximum physical {np.nanmax(physical):.2f} Gy, "
                   f"EQD2 {np.nanmax(eqd2):.2f} Gy; one colour scale for both.")  # fmt: skip


@st.cache_data(max_entries=4, show_spinner=False)
def dose_grids(data: bytes | None, n_fractions: int, alpha_beta: float, relative_to_gy: float) -> tuple[Any, Any]:
    """Physical dose and EQD2 grids (Gy) of an uploaded RT Dose, or of pydicom's example when ``data`` is None."""
    import io

    from fractionation.dicom import read_rt_dose

    if data is None:
        try:
            from pydicom.data import get_testdata_file
        except ImportError:
            raise fr.FractionationError("the example needs pydicom: pip install 'fractionation[dicom]'") from None
        source: Any = get_testdata_file("rtdose.dcm")
    else:
        source = io.BytesIO(data)
    _, physical = read_rt_dose(source, relative_to_gy=relative_to_gy)
    return physical, fr.eqd2_from_total_dose(physical, n_fractions=n_fractions, alpha_beta=alpha_beta)
