"""DICOM RT Dose conversion, tested on pydicom's own bundled RT Dose files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

import fractionation as fr

pydicom = pytest.importorskip("pydicom")
from pydicom.data import get_testdata_file  # noqa: E402

from fractionation.dicom import NotRTDoseError, convert_rt_dose, read_rt_dose  # noqa: E402

RTDOSE = get_testdata_file("rtdose.dcm")  # RELATIVE units, 15 x 10 x 10, uint32


def digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_convert_pydicoms_rt_dose(tmp_path: Path) -> None:
    before = digest(RTDOSE)
    out = convert_rt_dose(RTDOSE, tmp_path / "eqd2.dcm", n_fractions=5, alpha_beta=3, relative_to_gy=20)
    original, physical = read_rt_dose(RTDOSE, relative_to_gy=20)
    converted = pydicom.dcmread(out)
    assert digest(RTDOSE) == before  # the input is untouched
    assert (converted.DoseType, converted.DoseUnits) == ("EFFECTIVE", "GY")
    assert converted.DoseComment == converted.SeriesDescription == "EQD2 (LQ), alpha/beta 3 Gy, 5 fractions"
    assert converted.SOPInstanceUID != original.SOPInstanceUID
    assert converted.SeriesInstanceUID != original.SeriesInstanceUID
    assert converted.file_meta.MediaStorageSOPInstanceUID == converted.SOPInstanceUID
    assert converted.StudyInstanceUID == original.StudyInstanceUID  # same study, new series
    scaling = float(converted.DoseGridScaling)
    assert scaling == pytest.approx(physical.max() * (physical.max() / 5 + 3) / 5 / (2**32 - 1), rel=1e-8)
    stored = converted.pixel_array.astype(np.float64) * scaling
    expected = fr.eqd2_from_total_dose(physical, n_fractions=5, alpha_beta=3)
    np.testing.assert_allclose(
        stored.reshape(expected.shape), expected, atol=scaling
    )  # within one step of quantisation


@pytest.mark.parametrize("variant", ["rtdose_expb.dcm", "rtdose_rle.dcm", "rtdose_1frame.dcm"])
def test_other_encodings_give_the_same_doses(tmp_path: Path, variant: str) -> None:
    _, reference = read_rt_dose(RTDOSE, relative_to_gy=20)
    _, dose = read_rt_dose(get_testdata_file(variant), relative_to_gy=20)
    np.testing.assert_allclose(dose, reference[: dose.shape[0]])
    out = convert_rt_dose(get_testdata_file(variant), tmp_path / "bed.dcm", n_fractions=3, alpha_beta=10,
                          quantity="BED", relative_to_gy=20)  # fmt: skip
    _, stored = read_rt_dose(out)
    np.testing.assert_allclose(stored, fr.bed_from_total_dose(dose, n_fractions=3, alpha_beta=10), rtol=1e-6, atol=1e-6)


def test_a_file_in_gray_needs_no_normalisation(tmp_path: Path) -> None:
    ds = pydicom.dcmread(RTDOSE)
    ds.DoseUnits = "GY"
    ds.DoseGridScaling = "2.0e-5"  # maximum 25.08 Gy
    gray = tmp_path / "gray.dcm"
    ds.save_as(gray)
    _, dose = read_rt_dose(gray)
    assert dose.max() == pytest.approx(25.08)
    _, eqd2 = read_rt_dose(convert_rt_dose(gray, tmp_path / "out.dcm", n_fractions=1, alpha_beta=2))
    assert eqd2.max() == pytest.approx(25.08 * (25.08 + 2) / 4, rel=1e-6)


@pytest.mark.parametrize(
    ("source", "kwargs", "message"),
    [
        (get_testdata_file("CT_small.dcm"), {"relative_to_gy": 20}, "not an RT Dose \\(Modality 'CT'"),
        (__file__, {}, "not a readable DICOM file"),
        (RTDOSE, {}, "the dose is in RELATIVE units; give relative_to_gy"),
        (RTDOSE, {"relative_to_gy": 20, "n_fractions": None}, "n_fractions is required: an RT Dose does not record"),
        (RTDOSE, {"relative_to_gy": 20, "quantity": "EQD3"}, "quantity must be EQD2 or BED"),
        ("/nonexistent/rtdose.dcm", {}, "no such file"),
    ],
)
def test_refused(tmp_path: Path, source: str, kwargs: dict[str, object], message: str) -> None:
    options = {"n_fractions": 5, "alpha_beta": 3.0, **kwargs}
    with pytest.raises(fr.FractionationError, match=message):
        convert_rt_dose(source, tmp_path / "out.dcm", **options)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_input_is_never_overwritten_and_outputs_are_not_replaced_silently(tmp_path: Path) -> None:
    copy = tmp_path / "dose.dcm"
    copy.write_bytes(Path(RTDOSE).read_bytes())
    with pytest.raises(fr.FractionationError, match="would overwrite the input"):
        convert_rt_dose(copy, copy, n_fractions=5, alpha_beta=3, relative_to_gy=20, overwrite=True)
    assert digest(copy) == digest(RTDOSE)
    convert_rt_dose(copy, tmp_path / "out.dcm", n_fractions=5, alpha_beta=3, relative_to_gy=20)
    with pytest.raises(fr.FractionationError, match="exists already"):
        convert_rt_dose(copy, tmp_path / "out.dcm", n_fractions=5, alpha_beta=3, relative_to_gy=20)
    with pytest.raises(fr.FractionationError, match="no such folder"):
        convert_rt_dose(copy, copy / "out.dcm", n_fractions=5, alpha_beta=3, relative_to_gy=20)


def test_a_failure_while_writing_leaves_nothing_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        Path(args[1] if len(args) > 1 else args[0]).write_bytes(b"partial")  # type: ignore[arg-type]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pydicom, "dcmwrite", lambda path, ds, **kw: fail(ds, path))
    with pytest.raises(fr.FractionationError, match="cannot write the output \\(No space left on device\\)"):
        convert_rt_dose(RTDOSE, tmp_path / "out.dcm", n_fractions=5, alpha_beta=3, relative_to_gy=20)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("source", [get_testdata_file("CT_small.dcm"), __file__])
def test_files_that_are_not_rt_dose_raise_their_own_error(tmp_path: Path, source: str) -> None:
    with pytest.raises(NotRTDoseError):
        convert_rt_dose(source, tmp_path / "out.dcm", n_fractions=5, alpha_beta=3)
    with pytest.raises(fr.FractionationError) as caught:  # RELATIVE without a normalisation: a real error
        convert_rt_dose(RTDOSE, tmp_path / "out.dcm", n_fractions=5, alpha_beta=3)
    assert not isinstance(caught.value, NotRTDoseError)
