"""DICOM RT Dose: read a physical dose grid, convert it to EQD2 or BED, write a new RT Dose.

Needs the ``dicom`` extra (pydicom). The new file is a new instance in a new series,
DoseType EFFECTIVE, with the grid scaling recomputed for its integer pixels and a
comment naming the conversion. It is written to a temporary file beside the
destination and renamed, so a failure leaves nothing half-written; the input is
never overwritten.

An RT Dose does not record the number of fractions (the RT Plan does): it must be
given. Doses in RELATIVE units need ``relative_to_gy``, the dose in Gy that a
relative dose of 1 stands for.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from fractionation._errors import FractionationError
from fractionation._grids import bed_from_total_dose, eqd2_from_total_dose

__all__ = ["RT_DOSE_STORAGE", "NotRTDoseError", "convert_rt_dose", "read_rt_dose"]

RT_DOSE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.2"
QUANTITIES = ("EQD2", "BED")


@contextlib.contextmanager
def _quiet_about_input_values() -> Iterator[None]:
    """pydicom warns about invalid values it reads (such as a malformed UID in the input);
    they are carried over unchanged, and are not the conversion's to judge."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"pydicom\.")
        yield


class NotRTDoseError(FractionationError):
    """The file is not DICOM, or not an RT Dose: a folder conversion skips it."""


def _pydicom() -> Any:
    try:
        import pydicom
    except ImportError:
        raise FractionationError("DICOM needs pydicom: pip install 'fractionation[dicom]'") from None
    return pydicom


def read_rt_dose(path: Any, *, relative_to_gy: float | None = None) -> tuple[Any, np.ndarray]:
    """The dataset and its dose grid in Gy (float64, frames x rows x columns), from a path or an open file.

    >>> from pydicom.data import get_testdata_file
    >>> ds, dose = read_rt_dose(get_testdata_file("rtdose.dcm"), relative_to_gy=20)
    >>> dose.shape, round(float(dose.max()), 2)
    ((15, 10, 10), 25.08)
    """
    pydicom = _pydicom()
    source = path if hasattr(path, "read") else Path(path)
    try:
        with _quiet_about_input_values():
            ds = pydicom.dcmread(source)
            ds.pixel_array  # decode now, inside the quiet block  # noqa: B018
    except FileNotFoundError:
        raise FractionationError(f"{source}: no such file") from None
    except (pydicom.errors.InvalidDicomError, OSError, ValueError) as error:
        raise NotRTDoseError(f"{getattr(source, 'name', source)}: not a readable DICOM file ({error})") from None
    modality, sop_class = getattr(ds, "Modality", None), str(getattr(ds, "SOPClassUID", ""))
    if modality != "RTDOSE" or sop_class != RT_DOSE_STORAGE:
        raise NotRTDoseError(f"{source}: not an RT Dose (Modality {modality!r}, SOP Class {sop_class or 'none'})")
    units = str(getattr(ds, "DoseUnits", "")).upper()
    if units == "GY":
        unit_scale = 1.0
    elif units == "RELATIVE":
        if relative_to_gy is None or not (np.isfinite(relative_to_gy) and relative_to_gy > 0):
            raise FractionationError(
                f"{source}: the dose is in RELATIVE units; give relative_to_gy (--relative-to-gy), the dose in Gy "
                f"that a relative dose of 1 stands for, got {relative_to_gy!r}"
            )
        unit_scale = float(relative_to_gy)
    else:
        raise FractionationError(f"{source}: DoseUnits must be GY or RELATIVE, got {units or 'none'!r}")
    scaling = float(getattr(ds, "DoseGridScaling", 1.0))
    dose = ds.pixel_array.astype(np.float64) * (scaling * unit_scale)
    return ds, dose.reshape((-1, int(ds.Rows), int(ds.Columns)))


def convert_rt_dose(
    source: str | os.PathLike[str],
    destination: str | os.PathLike[str],
    *,
    n_fractions: int | None,
    alpha_beta: float,
    quantity: str = "EQD2",
    relative_to_gy: float | None = None,
    overwrite: bool = False,
) -> Path:
    """Write ``destination``: the RT Dose ``source`` converted to EQD2 (or BED) for ``alpha_beta`` Gy.

    >>> import tempfile, pathlib, pydicom
    >>> from pydicom.data import get_testdata_file
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "eqd2.dcm"
    >>> _ = convert_rt_dose(get_testdata_file("rtdose.dcm"), out, n_fractions=5, alpha_beta=3, relative_to_gy=20)
    >>> ds = pydicom.dcmread(out)
    >>> ds.DoseType, ds.DoseUnits, ds.DoseComment
    ('EFFECTIVE', 'GY', 'EQD2 (LQ), alpha/beta 3 Gy, 5 fractions')
    """
    pydicom = _pydicom()
    if n_fractions is None:
        raise FractionationError("n_fractions is required: an RT Dose does not record the number of fractions")
    if quantity.upper() not in QUANTITIES:
        raise FractionationError(f"quantity must be EQD2 or BED, got {quantity!r}")
    quantity = quantity.upper()
    source_path, target = Path(source), Path(destination)
    if target.exists() and target.resolve() == source_path.resolve():
        raise FractionationError(f"{target}: the output would overwrite the input; choose another file")
    if target.exists() and not overwrite:
        raise FractionationError(f"{target}: exists already (use overwrite=True, --overwrite, to replace it)")
    if not target.parent.is_dir():
        raise FractionationError(f"{target.parent}: no such folder for the output")
    ds, dose = read_rt_dose(source_path, relative_to_gy=relative_to_gy)
    convert = eqd2_from_total_dose if quantity == "EQD2" else bed_from_total_dose
    converted = convert(dose, n_fractions=n_fractions, alpha_beta=alpha_beta)
    _replace_pixels(ds, converted, pydicom)
    description = f"{quantity} (LQ), alpha/beta {alpha_beta:g} Gy, {n_fractions} fractions"
    ds.DoseUnits, ds.DoseType = "GY", "EFFECTIVE"
    ds.DoseComment = description
    ds.SeriesDescription = description
    ds.SOPInstanceUID = pydicom.uid.generate_uid()
    ds.SeriesInstanceUID = pydicom.uid.generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    _write_atomically(ds, target, pydicom)
    return target


def _replace_pixels(ds: Any, dose: np.ndarray, pydicom: Any) -> None:
    """Store ``dose`` as unsigned integers of the file's width, with the scaling recomputed."""
    bits = int(ds.BitsAllocated) if int(ds.BitsAllocated) in (16, 32) else 32
    top = float(dose.max()) if dose.size else 0.0
    scaling = top / (2**bits - 1) if top > 0 else 1.0
    pixels = np.rint(dose / scaling).astype(np.uint16 if bits == 16 else np.uint32)
    ds.BitsAllocated = ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    ds.DoseGridScaling = f"{scaling:.9e}"  # DS: at most 16 characters
    # Written uncompressed, little endian, whatever the input used.
    ds.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
    ds.PixelData = pixels.astype(pixels.dtype.newbyteorder("<")).tobytes()
    ds["PixelData"].VR = "OW"


def _write_atomically(ds: Any, target: Path, pydicom: Any) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        with _quiet_about_input_values():  # explicit VR little endian, whatever the input used
            pydicom.dcmwrite(temporary, ds, implicit_vr=False, little_endian=True, enforce_file_format=True)
        os.replace(temporary, target)
    except OSError as error:
        raise FractionationError(f"{target}: cannot write the output ({error.strerror or error})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
