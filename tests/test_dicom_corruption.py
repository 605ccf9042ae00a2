"""Corrupt RT Dose files (pydicom's own, truncated, flipped, edited) and files of other modalities.

Whatever the file, the conversion either writes a correct output or raises a
FractionationError that names the file, and then writes nothing. The generated cases
run with the suite's hypothesis profile; for a longer run:
``pytest tests/test_dicom_corruption.py --hypothesis-profile=large``.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fractionation as fr

pydicom = pytest.importorskip("pydicom")
from pydicom.data import get_testdata_file  # noqa: E402

from fractionation.cli import main  # noqa: E402
from fractionation.dicom import NotRTDoseError, convert_rt_dose, read_rt_dose  # noqa: E402

RT_DOSE = ("rtdose.dcm", "rtdose_1frame.dcm", "rtdose_expb.dcm", "rtdose_expb_1frame.dcm", "rtdose_rle.dcm",
           "rtdose_rle_1frame.dcm")  # fmt: skip
BYTES = {name: Path(get_testdata_file(name)).read_bytes() for name in RT_DOSE}
# Each example converts a file: a fifth of the profile's examples keeps the suite near half a minute.
EXAMPLES = max(20, settings().max_examples // 5)
OTHER_MODALITIES = ("rtplan.dcm", "rtplan_truncated.dcm", "test-SR.dcm", "CT_small.dcm", "MR_small.dcm",
                    "waveform_ecg.dcm", "SC_rgb_rle.dcm")  # fmt: skip


def attempt(data: bytes) -> str | np.ndarray:
    """Convert ``data`` (as the file in.dcm): the error's message, or the written EQD2 grid."""
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "in.dcm", Path(folder) / "out"
        source.write_bytes(data)
        out.mkdir()
        try:
            convert_rt_dose(source, out / "eqd2.dcm", n_fractions=5, alpha_beta=3, relative_to_gy=20)
        except fr.FractionationError as error:
            message = str(error)
        else:
            message = ""
        if message:
            assert list(out.iterdir()) == []  # nothing written, not even a temporary file
            assert source.read_bytes() == data
            assert "in.dcm" in message  # the message names the file
            return message
        _, physical = read_rt_dose(source, relative_to_gy=20)
        _, written = read_rt_dose(out / "eqd2.dcm")
    expected = fr.eqd2_from_total_dose(physical, n_fractions=5, alpha_beta=3)
    assert np.all(np.isfinite(written))
    np.testing.assert_allclose(written, expected, rtol=1e-6, atol=float(expected.max()) * 1e-9)
    return written


@pytest.mark.parametrize("name", RT_DOSE)
def test_the_bundled_rt_dose_files_convert(name: str) -> None:
    assert isinstance(attempt(BYTES[name]), np.ndarray)


@settings(max_examples=EXAMPLES)
@given(name=st.sampled_from(RT_DOSE), data=st.data())
def test_truncated_files(name: str, data: st.DataObject) -> None:
    whole = BYTES[name]
    attempt(whole[: data.draw(st.integers(0, len(whole) - 1), label="length")])


@settings(max_examples=EXAMPLES)
@given(name=st.sampled_from(RT_DOSE), data=st.data())
def test_flipped_bytes(name: str, data: st.DataObject) -> None:
    corrupt = bytearray(BYTES[name])
    for _ in range(data.draw(st.integers(1, 4), label="flips")):
        corrupt[data.draw(st.integers(0, len(corrupt) - 1))] ^= data.draw(st.integers(1, 255))
    attempt(bytes(corrupt))


def edited(name: str, edit: Callable[[Any], object]) -> bytes:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydicom warns about the invalid values written on purpose
        ds = pydicom.dcmread(get_testdata_file(name))
        edit(ds)
        path = Path(folder) / "edited.dcm"
        ds.save_as(path, enforce_file_format=False)
        return path.read_bytes()


def setting(keyword: str, value: object) -> Callable[[Any], object]:
    return lambda ds: setattr(ds, keyword, value)


def deleting(keyword: str) -> Callable[[Any], object]:
    return lambda ds: delattr(ds, keyword)


HEADER_EDITS = [
    (setting("DoseGridScaling", "NaN"), "DoseGridScaling must be a finite number greater than 0, got"),
    (setting("DoseGridScaling", "inf"), "DoseGridScaling must be a finite number greater than 0"),
    (setting("DoseGridScaling", "-1e-6"), "DoseGridScaling must be a finite number greater than 0"),
    (setting("DoseGridScaling", "0"), "DoseGridScaling must be a finite number greater than 0"),
    (setting("DoseGridScaling", ""), "DoseGridScaling must be a finite number greater than 0"),
    (setting("DoseGridScaling", "1\\2"), "DoseGridScaling must be a finite number greater than 0"),
    (deleting("DoseGridScaling"), "DoseGridScaling must be a finite number greater than 0, got None"),
    (setting("DoseGridScaling", "1e308"), "negative or too large to be doses"),
    (setting("Modality", "RTPLAN"), "not an RT Dose (Modality 'RTPLAN'"),
    (deleting("Modality"), "not an RT Dose (Modality None"),
    (setting("SOPClassUID", "1.2.840.10008.5.1.4.1.1.481.5"), "SOP Class 1.2.840.10008.5.1.4.1.1.481.5"),
    (setting("DoseUnits", "CGY"), "DoseUnits must be GY or RELATIVE, got 'CGY'"),
    (deleting("DoseUnits"), "DoseUnits must be GY or RELATIVE, got 'none'"),
    (setting("DoseType", "EFFECTIVE"), "DoseType is 'EFFECTIVE', not PHYSICAL"),
    (setting("DoseType", "ERROR"), "DoseType is 'ERROR', not PHYSICAL"),
    (deleting("DoseType"), "DoseType is 'missing', not PHYSICAL"),
    (deleting("PixelData"), "no dose grid (no pixel data)"),
    (lambda ds: setattr(ds, "PixelData", ds.PixelData[: len(ds.PixelData) // 2]), "fewer than the 6000"),
    (setting("NumberOfFrames", "0"), "NumberOfFrames must be a whole number of at least 1, got '0'"),
    (setting("NumberOfFrames", "16"), "fewer than the 6400"),
    (setting("NumberOfFrames", "1.5"), "NumberOfFrames must be a whole number of at least 1"),
    (setting("Rows", 0), "Rows must be a whole number of at least 1, got 0"),
    (setting("Columns", 11), "fewer than the 6600"),
    (setting("BitsAllocated", 8), "16 or 32 bits and 1 sample per pixel, got 8 bits"),
    (setting("BitsAllocated", 64), "16 or 32 bits and 1 sample per pixel, got 64 bits"),
    (setting("SamplesPerPixel", 3), "1 sample per pixel, got 32 bits, 3 samples"),
]


@pytest.mark.parametrize(("edit", "message"), HEADER_EDITS, ids=[m[:40] for _, m in HEADER_EDITS])
def test_header_edits_are_refused_before_any_output(edit: Callable[[Any], object], message: str) -> None:
    assert message in attempt(edited("rtdose.dcm", edit))


def test_a_nan_scaling_is_refused_on_the_command_line_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "nan.dcm"
    source.write_bytes(edited("rtdose.dcm", setting("DoseGridScaling", "NaN")))
    with pytest.raises(SystemExit) as exit_:
        main(["dicom", str(source), str(tmp_path / "out.dcm"), "--n-fractions", "5", "--alpha-beta", "3",
                     "--relative-to-gy", "20"])  # fmt: skip
    assert exit_.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nan.dcm"]


@settings(max_examples=EXAMPLES)
@given(text=st.text(max_size=16))
def test_any_scaling_text_gives_a_correct_file_or_a_clear_error(text: str) -> None:
    try:
        data = edited("rtdose_1frame.dcm", setting("DoseGridScaling", text))
    except Exception:  # pydicom refuses to write this text as a DS: nothing to test
        return
    attempt(data)


@pytest.mark.parametrize("name", OTHER_MODALITIES)
def test_other_modalities_are_not_rt_dose(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with pytest.raises(NotRTDoseError, match=f"^{get_testdata_file(name)}: not an RT Dose|not a DICOM file"):
            convert_rt_dose(get_testdata_file(name), Path(folder) / "out.dcm", n_fractions=5, alpha_beta=3)
        assert os.listdir(folder) == []
