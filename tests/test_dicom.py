"""DICOM RT Dose conversion, tested on pydicom's own bundled RT Dose files."""

from __future__ import annotations

import copy
import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import fractionation as fr

pydicom = pytest.importorskip("pydicom")
from pydicom.data import get_testdata_file  # noqa: E402

from fractionation.dicom import (  # noqa: E402
    DicomFileError,
    NotRTDoseError,
    convert_rt_dose,
    convert_rt_dose_folder,
    read_rt_dose,
)

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


def refusal(error: fr.FractionationError) -> tuple[str, str | None, str | None]:
    """What code that must tell errors apart looks at: the type, the file's name and the argument."""
    file = getattr(error, "file", None)
    return type(error).__name__, Path(file).name if file else None, error.argument


@pytest.mark.parametrize(
    ("source", "kwargs", "kind", "argument", "message"),
    [
        (get_testdata_file("CT_small.dcm"), {"relative_to_gy": 20}, "NotRTDoseError", "Modality",
         "CT_small.dcm: Modality must be RTDOSE (an RT Dose), got 'CT'"),
        (__file__, {}, "NotRTDoseError", "source", "test_dicom.py: source must be a DICOM file (no DICOM header)"),
        (RTDOSE, {}, "DicomFileError", "relative_to_gy",
         "rtdose.dcm: relative_to_gy must be the dose in Gy that a relative dose of 1 stands for "
         "(--relative-to-gy; the file's DoseUnits is RELATIVE), got None"),
        (RTDOSE, {"relative_to_gy": 20, "n_fractions": None}, "FractionationError", "n_fractions",
         "n_fractions must be a whole number: an RT Dose does not record the number of fractions, got None"),
        (RTDOSE, {"relative_to_gy": 20, "quantity": "EQD3"}, "FractionationError", "quantity",
         "quantity must be EQD2 or BED, got 'EQD3'"),
        (RTDOSE, {"relative_to_gy": 2000}, "FractionationError", "relative_to_gy",
         "relative_to_gy must be a number of Gy greater than 0 and at most 1000, got 2000"),
        ("/nonexistent/rtdose.dcm", {}, "DicomFileError", "source",
         "/nonexistent/rtdose.dcm: source must be an existing file (no such file)"),
    ],
)  # fmt: skip
def test_refused(
    tmp_path: Path, source: str, kwargs: dict[str, object], kind: str, argument: str, message: str
) -> None:
    options = {"n_fractions": 5, "alpha_beta": 3.0, **kwargs}
    with pytest.raises(fr.FractionationError) as caught:
        convert_rt_dose(source, tmp_path / "out.dcm", **options)  # type: ignore[arg-type]
    assert (type(caught.value).__name__, caught.value.argument) == (kind, argument)
    assert str(caught.value).endswith(message)
    if isinstance(caught.value, DicomFileError):
        assert caught.value.file == str(source)
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_dicom_error_keeps_its_file_and_fields_through_pickling(tmp_path: Path) -> None:
    with pytest.raises(NotRTDoseError) as caught:
        convert_rt_dose(get_testdata_file("CT_small.dcm"), tmp_path / "out.dcm", n_fractions=5, alpha_beta=3)
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is NotRTDoseError
    assert (again.file, again.argument, again.value, again.expected, str(again)) == (
        caught.value.file,
        "Modality",
        "CT",
        "RTDOSE (an RT Dose)",
        str(caught.value),
    )


def test_the_input_is_never_overwritten_and_outputs_are_not_replaced_silently(tmp_path: Path) -> None:
    copy = tmp_path / "dose.dcm"
    copy.write_bytes(Path(RTDOSE).read_bytes())
    with pytest.raises(DicomFileError, match="an input is never written over") as caught:
        convert_rt_dose(copy, copy, n_fractions=5, alpha_beta=3, relative_to_gy=20, overwrite=True)
    assert refusal(caught.value) == ("DicomFileError", "dose.dcm", "destination")
    assert caught.value.value == "the input dose.dcm"
    assert digest(copy) == digest(RTDOSE)
    convert_rt_dose(copy, tmp_path / "out.dcm", n_fractions=5, alpha_beta=3, relative_to_gy=20)
    with pytest.raises(DicomFileError, match="got 'an existing file' \\(use overwrite=True, --overwrite") as caught:
        convert_rt_dose(copy, tmp_path / "out.dcm", n_fractions=5, alpha_beta=3, relative_to_gy=20)
    assert refusal(caught.value) == ("DicomFileError", "out.dcm", "destination")
    with pytest.raises(DicomFileError, match="a file in an existing folder") as caught:
        convert_rt_dose(copy, copy / "out.dcm", n_fractions=5, alpha_beta=3, relative_to_gy=20)
    assert refusal(caught.value) == ("DicomFileError", "out.dcm", "destination")


def test_a_failure_while_writing_leaves_nothing_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        Path(args[1] if len(args) > 1 else args[0]).write_bytes(b"partial")  # type: ignore[arg-type]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pydicom, "dcmwrite", lambda path, ds, **kw: fail(ds, path))
    with pytest.raises(
        DicomFileError, match="destination must be a file that can be written \\(No space left"
    ) as caught:
        convert_rt_dose(RTDOSE, tmp_path / "out.dcm", n_fractions=5, alpha_beta=3, relative_to_gy=20)
    assert refusal(caught.value) == ("DicomFileError", "out.dcm", "destination")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("source", [get_testdata_file("CT_small.dcm"), __file__])
def test_files_that_are_not_rt_dose_raise_their_own_error(tmp_path: Path, source: str) -> None:
    with pytest.raises(NotRTDoseError):
        convert_rt_dose(source, tmp_path / "out.dcm", n_fractions=5, alpha_beta=3)
    with pytest.raises(fr.FractionationError) as caught:  # RELATIVE without a normalisation: a real error
        convert_rt_dose(RTDOSE, tmp_path / "out.dcm", n_fractions=5, alpha_beta=3)
    assert not isinstance(caught.value, NotRTDoseError)


def convert(source: str | Path, destination: Path, **kwargs: object) -> Path:
    options: dict[str, object] = {"n_fractions": 5, "alpha_beta": 3, "relative_to_gy": 20, **kwargs}
    return convert_rt_dose(source, destination, **options)  # type: ignore[arg-type]


def test_a_fifo_a_device_and_a_folder_are_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "dose.fifo"
    os.mkfifo(fifo)  # opening it would wait for a writer for ever
    with pytest.raises(NotRTDoseError, match=r"dose\.fifo: source must be a regular file, got 'a FIFO'$"):
        convert(fifo, tmp_path / "a.dcm")
    with pytest.raises(NotRTDoseError, match=r"^/dev/zero: source must be a regular file, got 'a device'$"):
        convert("/dev/zero", tmp_path / "b.dcm")
    with pytest.raises(DicomFileError, match="source must be an RT Dose file, got 'a folder'") as caught:
        convert(tmp_path, tmp_path / "c.dcm")
    assert not isinstance(caught.value, NotRTDoseError)
    assert [p.name for p in tmp_path.iterdir()] == ["dose.fifo"]


def test_a_folder_or_a_device_as_the_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DicomFileError, match="destination must be a file name, got 'a folder'"):
        convert(RTDOSE, tmp_path)
    with pytest.raises(DicomFileError, match=r"^/dev/null: destination must be a new file, or a regular file to"):
        convert(RTDOSE, Path("/dev/null"), overwrite=True)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_get_the_permissions_the_umask_gives(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        out = convert(RTDOSE, tmp_path / "out.dcm")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_an_output_folder_that_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")  # what a read-only folder gives (the tests may run as root)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(DicomFileError, match=r"out\.dcm: destination must be a file that can be written \(Permission"):
        convert(RTDOSE, tmp_path / "out.dcm")
    assert list(tmp_path.iterdir()) == []


def test_what_does_not_read_back_as_written_is_not_renamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write = pydicom.dcmwrite

    def write_another_scaling(path: str, ds: Any, **kwargs: Any) -> None:
        ds = copy.deepcopy(ds)
        ds.DoseGridScaling = "1.0"
        write(path, ds, **kwargs)

    monkeypatch.setattr(pydicom, "dcmwrite", write_another_scaling)
    with pytest.raises(DicomFileError, match=r"out\.dcm: destination must be an output that reads back as written"):
        convert(RTDOSE, tmp_path / "out.dcm")
    assert list(tmp_path.iterdir()) == []


def test_no_input_of_a_folder_is_written_over(tmp_path: Path) -> None:
    """Output folder = input folder, --overwrite, and an input named like another input's output."""
    for name in ("a.dcm", "a_eqd2.dcm"):
        (tmp_path / name).write_bytes(Path(RTDOSE).read_bytes())
    before = {p.name: digest(p) for p in tmp_path.iterdir()}
    outcomes = list(convert_rt_dose_folder(tmp_path, tmp_path, n_fractions=5, alpha_beta=3, relative_to_gy=20,
                                           overwrite=True))  # fmt: skip
    assert [(o.source.name, o.status) for o in outcomes] == [("a.dcm", "failed"), ("a_eqd2.dcm", "written")]
    assert outcomes[0].error is not None
    assert refusal(outcomes[0].error) == ("DicomFileError", "a_eqd2.dcm", "destination")
    assert outcomes[0].error.value == "the input a_eqd2.dcm"
    assert {p.name: digest(p) for p in tmp_path.iterdir() if p.name in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.dcm", "a_eqd2.dcm", "a_eqd2_eqd2.dcm"]


def test_a_folder_goes_on_after_a_failing_file(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    out.mkdir()
    (source / "a_broken.dcm").write_bytes(Path(RTDOSE).read_bytes()[:3000])
    (source / "b_plan.dcm").write_bytes(Path(get_testdata_file("rtplan.dcm")).read_bytes())
    (source / "c_dose.dcm").write_bytes(Path(RTDOSE).read_bytes())
    os.mkfifo(source / "d.fifo")
    (source / "e_folder").mkdir()
    outcomes = list(convert_rt_dose_folder(source, out, n_fractions=5, alpha_beta=3, relative_to_gy=20))
    assert [(o.source.name, o.status, o.number, o.total) for o in outcomes] == [
        ("a_broken.dcm", "failed", 1, 4), ("b_plan.dcm", "skipped", 2, 4), ("c_dose.dcm", "written", 3, 4),
        ("d.fifo", "skipped", 4, 4),
    ]  # fmt: skip
    assert [refusal(o.error) for o in outcomes if o.error] == [
        ("DicomFileError", "a_broken.dcm", "PixelData"), ("NotRTDoseError", "b_plan.dcm", "Modality"),
        ("NotRTDoseError", "d.fifo", "source"),
    ]  # fmt: skip
    assert outcomes[1].reason == f"{source / 'b_plan.dcm'}: Modality must be RTDOSE (an RT Dose), got 'RTPLAN'"
    assert [p.name for p in out.iterdir()] == ["c_dose_eqd2.dcm"]


def test_the_folder_arguments_are_checked_before_any_file_is_read(tmp_path: Path) -> None:
    with pytest.raises(fr.FractionationError, match=r"alpha_beta must be a number of Gy from 0\.01"):
        next(convert_rt_dose_folder(tmp_path, tmp_path, n_fractions=5, alpha_beta=0))
    with pytest.raises(DicomFileError, match="nowhere: destination must be an existing folder"):
        next(convert_rt_dose_folder(tmp_path, tmp_path / "nowhere", n_fractions=5, alpha_beta=3))
