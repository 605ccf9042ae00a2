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
from fractionation.dicom import DicomFileError, NotRTDoseError, convert_rt_dose, read_rt_dose  # noqa: E402
from tests.figures import tried  # noqa: E402

RT_DOSE = ("rtdose.dcm", "rtdose_1frame.dcm", "rtdose_expb.dcm", "rtdose_expb_1frame.dcm", "rtdose_rle.dcm",
           "rtdose_rle_1frame.dcm")  # fmt: skip
BYTES = {name: Path(get_testdata_file(name)).read_bytes() for name in RT_DOSE}
# Each example converts a file: a fifth of the profile's examples keeps the suite near half a minute.
EXAMPLES = max(20, settings().max_examples // 5)
OTHER_MODALITIES = ("rtplan.dcm", "rtplan_truncated.dcm", "test-SR.dcm", "CT_small.dcm", "MR_small.dcm",
                    "waveform_ecg.dcm", "SC_rgb_rle.dcm")  # fmt: skip


def attempt(data: bytes) -> DicomFileError | np.ndarray:
    """Convert ``data`` (as the file in.dcm): the error, or the written EQD2 grid.

    An error is a DicomFileError whose fields name the file and what in it was wrong."""
    tried("DICOM files")
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "in.dcm", Path(folder) / "out"
        source.write_bytes(data)
        out.mkdir()
        try:
            convert_rt_dose(source, out / "eqd2.dcm", n_fractions=5, alpha_beta=3, relative_to_gy=20)
        except fr.FractionationError as error:
            refused: fr.FractionationError | None = error
        else:
            refused = None
        if refused is not None:
            assert list(out.iterdir()) == []  # nothing written, not even a temporary file
            assert source.read_bytes() == data
            assert isinstance(refused, DicomFileError), repr(refused)
            assert refused.file == str(source), refused  # the fields name the file ...
            assert refused.argument, refused  # ... and what in it was wrong
            assert refused.expected, refused
            assert str(refused).startswith(f"{source}: "), refused  # and so does the message
            return refused
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


HEADER_EDITS = [  # the edit, then the error's type and argument (the element that is wrong), and its value
    (setting("DoseGridScaling", "NaN"), "DicomFileError", "DoseGridScaling", "NaN"),
    (setting("DoseGridScaling", "inf"), "DicomFileError", "DoseGridScaling", "inf"),
    (setting("DoseGridScaling", "-1e-6"), "DicomFileError", "DoseGridScaling", "-1e-6"),
    (setting("DoseGridScaling", "0"), "DicomFileError", "DoseGridScaling", "0"),
    (setting("DoseGridScaling", ""), "DicomFileError", "DoseGridScaling", None),  # pydicom reads it as None
    (setting("DoseGridScaling", "1\\2"), "DicomFileError", "DoseGridScaling", "[1, 2]"),
    (deleting("DoseGridScaling"), "DicomFileError", "DoseGridScaling", None),
    (setting("DoseGridScaling", "1e308"), "DicomFileError", "PixelData", None),
    (setting("Modality", "RTPLAN"), "NotRTDoseError", "Modality", "RTPLAN"),
    (deleting("Modality"), "NotRTDoseError", "Modality", None),
    (setting("SOPClassUID", "1.2.840.10008.5.1.4.1.1.481.5"), "NotRTDoseError", "SOPClassUID",
     "1.2.840.10008.5.1.4.1.1.481.5"),
    (setting("DoseUnits", "CGY"), "DicomFileError", "DoseUnits", "CGY"),
    (deleting("DoseUnits"), "DicomFileError", "DoseUnits", None),
    (setting("DoseType", "EFFECTIVE"), "NotRTDoseError", "DoseType", "EFFECTIVE"),
    (setting("DoseType", "ERROR"), "NotRTDoseError", "DoseType", "ERROR"),
    (deleting("DoseType"), "NotRTDoseError", "DoseType", None),
    (deleting("PixelData"), "DicomFileError", "PixelData", None),
    (lambda ds: setattr(ds, "PixelData", ds.PixelData[: len(ds.PixelData) // 2]), "DicomFileError", "PixelData",
     "3000 bytes"),
    (setting("NumberOfFrames", "0"), "DicomFileError", "NumberOfFrames", "0"),
    (setting("NumberOfFrames", "16"), "DicomFileError", "PixelData", "6000 bytes"),
    (setting("NumberOfFrames", "1.5"), "DicomFileError", "NumberOfFrames", 1.5),
    (setting("Rows", 0), "DicomFileError", "Rows", 0),
    (setting("Columns", 11), "DicomFileError", "PixelData", "6000 bytes"),
    (setting("BitsAllocated", 8), "DicomFileError", "BitsAllocated, SamplesPerPixel", (8, 1)),
    (setting("BitsAllocated", 64), "DicomFileError", "BitsAllocated, SamplesPerPixel", (64, 1)),
    (setting("SamplesPerPixel", 3), "DicomFileError", "BitsAllocated, SamplesPerPixel", (32, 3)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edit", "kind", "argument", "value"), HEADER_EDITS, ids=[f"{e[2]}={e[3]!r}" for e in HEADER_EDITS]
)
def test_header_edits_are_refused_before_any_output(
    edit: Callable[[Any], object], kind: str, argument: str, value: object
) -> None:
    """Code tells the errors apart by type and fields: the file, the element, its value."""
    error = attempt(edited("rtdose.dcm", edit))
    assert isinstance(error, DicomFileError)
    assert (type(error).__name__, error.argument) == (kind, argument)
    assert error.value == value, error
    assert Path(error.file).name == "in.dcm"
    assert str(error).startswith(f"{error.file}: {argument} must be {error.expected}")


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
    tried("DICOM files")
    with tempfile.TemporaryDirectory() as folder:
        with pytest.raises(NotRTDoseError) as caught:
            convert_rt_dose(get_testdata_file(name), Path(folder) / "out.dcm", n_fractions=5, alpha_beta=3)
        assert os.listdir(folder) == []
    assert caught.value.file == get_testdata_file(name)
    assert caught.value.argument in ("Modality", "source")  # not an RT Dose, or not DICOM at all
