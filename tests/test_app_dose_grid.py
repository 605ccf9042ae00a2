"""The app's dose-grid section, driven with AppTest: single- and multi-frame uploads, other files, odd names."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import fractionation as fr
from tests.test_app import fresh

pydicom_data = pytest.importorskip("pydicom.data")
from fractionation.dicom import read_rt_dose  # noqa: E402


def upload(name: str, data: bytes) -> AppTest:
    at = fresh(panels=("panel_dose_grid",))
    at.file_uploader(key="rtdose").upload(name, data).run()
    assert not at.exception, at.exception
    return at


def bundled(name: str) -> bytes:
    return Path(pydicom_data.get_testdata_file(name)).read_bytes()


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_a_single_frame_file_shows_without_a_slider() -> None:
    at = upload("one slice.dcm", bundled("rtdose_1frame.dcm"))
    assert not at.error
    assert not [s for s in at.slider if s.key == "grid_slice"]
    assert "One slice (a single-frame RT Dose)." in captions(at)
    _, physical = read_rt_dose(pydicom_data.get_testdata_file("rtdose_1frame.dcm"), relative_to_gy=at.number_input(
        key="grid_relative").value)  # fmt: skip
    eqd2 = fr.eqd2_from_total_dose(physical, n_fractions=at.number_input(key="grid_n").value, alpha_beta=10)
    assert any(c.startswith(f"Grid 1 x 10 x 10; maximum physical {physical.max():.2f} Gy, EQD2 {eqd2.max():.2f}")
               for c in captions(at))  # fmt: skip


def test_a_multi_frame_file_has_a_slider_over_its_slices() -> None:
    at = upload("dose.dcm", bundled("rtdose.dcm"))
    slider = at.slider(key="grid_slice")
    assert (slider.min, slider.max, slider.value) == (1, 15, 8)
    slider.set_value(15).run()
    assert not at.exception
    at.file_uploader(key="rtdose").set_value(("one.dcm", bundled("rtdose_1frame.dcm"), "application/dicom")).run()
    assert not at.exception  # the slice of the larger file does not break the smaller one
    assert "One slice (a single-frame RT Dose)." in captions(at)
    at.file_uploader(key="rtdose").set_value(("dose.dcm", bundled("rtdose.dcm"), "application/dicom")).run()
    assert at.slider(key="grid_slice").value in range(1, 16)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.dcm", "rtplan.dcm", "plan.dcm: Modality must be RTDOSE (an RT Dose), got 'RTPLAN'"),
        ("ct.dcm", "CT_small.dcm", "ct.dcm: Modality must be RTDOSE (an RT Dose), got 'CT'"),
        ("notes.dcm", b"not DICOM at all", "notes.dcm: source must be a DICOM file"),
        ("half.dcm", "rtdose.dcm:3000", "half.dcm: PixelData must be the 6000 bytes"),
    ],
)
def test_anything_else_gets_a_message_naming_the_file(name: str, data: str | bytes, message: str) -> None:
    if isinstance(data, str):
        file, _, cut = data.partition(":")
        data = bundled(file)[: int(cut)] if cut else bundled(file)
    at = upload(name, data)
    shown = [e.value.replace("\\", "") for e in at.error]  # escaped so that markdown shows it as typed
    assert any(text.startswith(message) for text in shown), shown
    assert "BytesIO" not in " ".join(shown)


def test_a_file_name_is_shown_as_typed_never_as_markdown() -> None:
    forged = "**URGENT** [site](http://host) :red[x].dcm"
    at = upload(forged, bundled("rtplan.dcm"))
    (error,) = at.error
    assert error.value.startswith("\\*\\*URGENT\\*\\* \\[site\\]\\(http")  # every markdown character escaped
    at = upload(forged, bundled("rtdose_1frame.dcm"))
    assert any(c.startswith("File: \\*\\*URGENT") for c in captions(at))
