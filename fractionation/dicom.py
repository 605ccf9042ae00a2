"""DICOM RT Dose: read a physical dose grid, convert it to EQD2 or BED, write a new RT Dose.

Needs the ``dicom`` extra (pydicom). The new file is a new instance in a new series,
DoseType EFFECTIVE, with the grid scaling recomputed for its integer pixels and a
comment naming the conversion.

What is refused, and why:

- anything that is not a regular file (a folder, a FIFO, a device): reading a FIFO
  would wait for ever, and a device is not a dose;
- a file that is not DICOM, or not an RT Dose (Modality RTDOSE and the RT Dose
  Storage SOP class), or an RT Dose that is not a physical dose (DoseType EFFECTIVE is
  already converted; ERROR is an uncertainty): :class:`NotRTDoseError`, which a
  folder conversion skips with the reason;
- a header that cannot describe the grid: DoseUnits other than GY or RELATIVE, a
  ``DoseGridScaling`` that is missing, malformed, not finite or not positive, no pixel
  data, frames, rows or columns that do not match the pixels. The header is checked
  before any pixel is decoded, and every reader error is reported with the file's name.

Writing: to a temporary file beside the destination, read back and compared with
what was meant to be written, then renamed, so a failure leaves nothing half-written.
The output gets the permissions the umask gives a new file. An input is never
written over, with or without ``overwrite``.

An RT Dose does not record the number of fractions (the RT Plan does): it must be
given. Doses in RELATIVE units need ``relative_to_gy``, the dose in Gy that a
relative dose of 1 stands for.
"""

from __future__ import annotations

import contextlib
import math
import os
import stat
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

import fractionation as fr
from fractionation import FractionationError, Tissue, WrongTypeError, bounds

if TYPE_CHECKING:
    from pydicom import Dataset

__all__ = [
    "RT_DOSE_STORAGE",
    "DicomFileError",
    "DoseGrids",
    "FileOutcome",
    "NotRTDoseError",
    "convert_rt_dose",
    "convert_rt_dose_folder",
    "eqd2_grids",
    "read_rt_dose",
]

RT_DOSE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.2"
QUANTITIES = ("EQD2", "BED")
#: Transfer syntaxes whose pixels are stored as they are: their length can be checked before decoding.
_NATIVE = ("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2")


class DicomFileError(FractionationError):
    """A DICOM file that cannot be read or converted, or an output that cannot be written.

    ``file`` is the file's name as given; ``argument`` is what was wrong: an element of
    the header (``DoseGridScaling``, ``Modality``, ``PixelData``), or an argument of the
    call (``source`` when the whole file is at fault, ``destination``, ``relative_to_gy``);
    ``value``, ``expected`` and ``hint`` say how. The message is the file's name, then
    the message the fields make, so code tells errors apart by type and fields:

    >>> from pydicom.data import get_testdata_file
    >>> try:
    ...     read_rt_dose(get_testdata_file("rtdose.dcm"))  # in RELATIVE units
    ... except DicomFileError as error:
    ...     print(error.argument, "|", error.value, "|", error.file[-10:])
    relative_to_gy | None | rtdose.dcm
    """

    file: str

    def __init__(
        self,
        message: str | None = None,
        *,
        file: object = None,
        argument: str | None = None,
        expected: str | None = None,
        hint: str | None = None,
        index: int | tuple[int, ...] | None = None,
        **value: object,
    ) -> None:
        self.file = "" if file is None else str(file)
        fields: dict[str, Any] = {"argument": argument, "expected": expected, "hint": hint, "index": index, **value}
        if message is None:  # the fields' own message, after the file's name
            message = f"{self.file}: {FractionationError(**fields)}" if self.file else str(FractionationError(**fields))
        super().__init__(message, **fields)

    def __reduce__(self) -> tuple[Any, ...]:  # the file and the fields survive pickling (multiprocessing)
        fields = {"argument": self.argument, "expected": self.expected, "hint": self.hint, "index": self.index}
        return (_rebuild, (type(self), str(self), self.file, fields, self.value))


def _rebuild(cls: type[DicomFileError], message: str, file: str, fields: dict[str, Any], value: Any) -> DicomFileError:
    return cls(message, file=file, value=value, **fields)


class NotRTDoseError(DicomFileError):
    """The file is not DICOM, not an RT Dose, or not a physical dose: a folder conversion skips it."""


@contextlib.contextmanager
def _quiet_about_input_values() -> Iterator[None]:
    """pydicom warns about invalid values it reads (such as a malformed UID in the input);
    they are carried over unchanged, or refused by the checks below with a clearer message."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"pydicom(\.|$)")
        yield


def _pydicom() -> Any:
    try:
        import pydicom
    except ImportError:
        raise FractionationError(argument="pydicom", expected="installed: pip install 'fractionation[dicom]'") from None
    return pydicom


def _check_regular_file(path: Path) -> None:
    """Refuse what is not a regular file, without opening it (opening a FIFO waits for a writer)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise DicomFileError(file=path, argument="source", expected="an existing file", hint="no such file") from None
    except OSError as error:
        raise DicomFileError(file=path, argument="source", expected="a file that can be read",
                             hint=error.strerror or str(error)) from None  # fmt: skip
    if stat.S_ISDIR(mode):
        raise DicomFileError(file=path, argument="source", value="a folder", expected="an RT Dose file")
    if not stat.S_ISREG(mode):
        kind = "FIFO" if stat.S_ISFIFO(mode) else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "socket"
        raise NotRTDoseError(file=path, argument="source", value=f"a {kind}", expected="a regular file")


def read_rt_dose(
    path: str | os.PathLike[str] | IO[bytes], *, relative_to_gy: float | None = None, name: str | None = None
) -> tuple[Dataset, npt.NDArray[np.float64]]:
    """The dataset and its dose grid in Gy (float64, frames x rows x columns), from a path or an open file.

    ``name`` is what messages call the file (for an open file without a name, such as an upload).

    >>> from pydicom.data import get_testdata_file
    >>> ds, dose = read_rt_dose(get_testdata_file("rtdose.dcm"), relative_to_gy=20)
    >>> dose.shape, round(float(dose.max()), 2)
    ((15, 10, 10), 25.08)
    """
    return _read(path, relative_to_gy=relative_to_gy, name=name, physical_only=False)


def _read(
    path: str | os.PathLike[str] | IO[bytes], *, relative_to_gy: float | None, name: str | None, physical_only: bool
) -> tuple[Any, npt.NDArray[np.float64]]:
    pydicom = _pydicom()
    label = _label(path, name)
    source: Any = path
    if not hasattr(path, "read"):
        source = Path(path)
        _check_regular_file(source)
    try:
        with _quiet_about_input_values():
            ds = pydicom.dcmread(source)
    except pydicom.errors.InvalidDicomError:
        raise NotRTDoseError(file=label, argument="source", expected="a DICOM file", hint="no DICOM header") from None
    except OSError as error:
        raise DicomFileError(file=label, argument="source", expected="a file that can be read",
                             hint=error.strerror or str(error)) from None  # fmt: skip
    except Exception as error:  # any reader failure is the file's, and is named as such
        raise DicomFileError(file=label, argument="source", expected="a readable DICOM file",
                             hint=_reason(error)) from None  # fmt: skip
    with _quiet_about_input_values():
        scale = _check_header(ds, label, relative_to_gy, physical_only=physical_only)
    try:
        with _quiet_about_input_values():
            pixels = ds.pixel_array
    except Exception as error:  # as above: a decoder's failure names the file
        raise DicomFileError(file=label, argument="PixelData", expected="a dose grid that can be decoded",
                             hint=_reason(error)) from None  # fmt: skip
    frames, rows, columns = _frames(ds, label), int(ds.Rows), int(ds.Columns)
    if pixels.size != frames * rows * columns:
        raise DicomFileError(file=label, argument="PixelData", value=f"{pixels.size} values",
                             expected=f"{frames} frames of {rows} x {columns} values")  # fmt: skip
    with np.errstate(over="ignore"):
        dose = pixels.astype(np.float64) * scale
    if not np.all(np.isfinite(dose)) or np.any(dose < 0):
        raise DicomFileError(file=label, argument="PixelData", expected="doses, once scaled: not negative and finite",
                             hint="values that are negative or too large to be doses")  # fmt: skip
    return ds, dose.reshape((frames, rows, columns))


def _label(path: object, name: str | None) -> str:
    """What messages call the file: ``name``, else its path, else an open file's name."""
    if name:
        return name
    return str(getattr(path, "name", "the uploaded file") if hasattr(path, "read") else path)


def _reason(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _element(ds: Any, keyword: str, label: str) -> Any:
    """A header value; a value pydicom cannot read is the file's error, named as such."""
    try:
        with _quiet_about_input_values():
            return getattr(ds, keyword, None)
    except Exception as error:  # a malformed value in the file
        raise DicomFileError(file=label, argument=keyword, expected="a value that can be read",
                             hint=_reason(error)) from None  # fmt: skip


def _check_header(ds: Any, label: str, relative_to_gy: float | None, *, physical_only: bool) -> float:
    """Check everything the conversion relies on; return the factor from stored integers to Gy."""
    modality, sop_class = _element(ds, "Modality", label), str(_element(ds, "SOPClassUID", label) or "")
    if modality != "RTDOSE":
        raise NotRTDoseError(file=label, argument="Modality", value=modality, expected="RTDOSE (an RT Dose)")
    if sop_class != RT_DOSE_STORAGE:
        raise NotRTDoseError(file=label, argument="SOPClassUID", value=sop_class or None,
                             expected=f"{RT_DOSE_STORAGE} (RT Dose Storage)")  # fmt: skip
    dose_type = str(_element(ds, "DoseType", label) or "").upper()
    if physical_only and dose_type != "PHYSICAL":
        raise NotRTDoseError(file=label, argument="DoseType", value=dose_type or None,
                             expected="PHYSICAL: only a physical dose can be converted")  # fmt: skip
    try:  # every element, now: a malformed one is found before any pixel is decoded or written
        for _ in ds.iterall():
            pass
        for _ in ds.file_meta.iterall():
            pass
    except Exception as error:  # pydicom's errors for malformed values vary (NotImplementedError, ValueError...)
        raise DicomFileError(file=label, argument="source", expected="a header whose elements can be read",
                             hint=_reason(error)) from None  # fmt: skip
    if "PixelData" not in ds:
        raise DicomFileError(file=label, argument="PixelData", value=None, expected="a dose grid (pixel data)")
    units = str(_element(ds, "DoseUnits", label) or "").upper()
    if units == "GY":
        unit_scale = 1.0
    elif units == "RELATIVE":
        if relative_to_gy is None:
            raise DicomFileError(file=label, argument="relative_to_gy", value=None,
                                 expected="the dose in Gy that a relative dose of 1 stands for (--relative-to-gy; "
                                 "the file's DoseUnits is RELATIVE)")  # fmt: skip
        unit_scale = relative_to_gy
    else:
        raise DicomFileError(file=label, argument="DoseUnits", value=units or None, expected="GY or RELATIVE")
    text = _element(ds, "DoseGridScaling", label)
    try:
        scaling = float(text)
    except (TypeError, ValueError):
        scaling = math.nan
    if not (math.isfinite(scaling) and scaling > 0):
        shown = text if text is None or isinstance(text, str | int | float) else str(text)
        raise DicomFileError(file=label, argument="DoseGridScaling", value=shown,
                             expected="a finite number greater than 0")  # fmt: skip
    for keyword in ("Rows", "Columns"):
        value = _element(ds, keyword, label)
        if not isinstance(value, int) or value < 1:
            raise DicomFileError(file=label, argument=keyword, value=value, expected="a whole number of at least 1")
    bits, samples = _element(ds, "BitsAllocated", label), _element(ds, "SamplesPerPixel", label)
    if bits not in (16, 32) or samples not in (None, 1):
        raise DicomFileError(file=label, argument="BitsAllocated, SamplesPerPixel", value=(bits, samples),
                             expected="16 or 32 bits and 1 sample per pixel (an RT Dose grid)")  # fmt: skip
    frames = _frames(ds, label)
    transfer_syntax = str(getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", ""))
    if transfer_syntax in _NATIVE or not transfer_syntax:
        expected = frames * int(ds.Rows) * int(ds.Columns) * bits // 8
        stored = len(ds.PixelData)
        if stored < expected:
            raise DicomFileError(file=label, argument="PixelData", value=f"{stored} bytes", hint="a truncated file?",
                                 expected=f"the {expected} bytes that {frames} frames of {ds.Rows} x {ds.Columns} x "
                                 f"{bits} bits need")  # fmt: skip
    return scaling * unit_scale


def _frames(ds: Any, label: str) -> int:
    value = _element(ds, "NumberOfFrames", label)
    if value is None:
        return 1
    try:
        frames = int(value)
    except (TypeError, ValueError):
        frames = 0
    if frames < 1 or str(value).strip() != str(frames):
        shown = value if isinstance(value, str | int | float) else str(value)
        raise DicomFileError(
            file=label, argument="NumberOfFrames", value=shown, expected="a whole number of at least 1"
        )
    return frames


def convert_rt_dose(
    source: str | os.PathLike[str],
    destination: str | os.PathLike[str],
    *,
    n_fractions: int | None,
    alpha_beta: float | Tissue,
    quantity: str = "EQD2",
    relative_to_gy: float | None = None,
    overwrite: bool = False,
) -> Path:
    """Write ``destination``: the RT Dose ``source`` converted to EQD2 (or BED) for ``alpha_beta`` (Gy, or a preset).

    >>> import tempfile, pathlib, pydicom
    >>> from pydicom.data import get_testdata_file
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "eqd2.dcm"
    >>> _ = convert_rt_dose(get_testdata_file("rtdose.dcm"), out, n_fractions=5, alpha_beta=3, relative_to_gy=20)
    >>> ds = pydicom.dcmread(out)
    >>> ds.DoseType, ds.DoseUnits, ds.DoseComment
    ('EFFECTIVE', 'GY', 'EQD2 (LQ), alpha/beta 3 Gy, 5 fractions')
    """
    options = _Options.of(n_fractions, alpha_beta, quantity, relative_to_gy)
    return _convert(Path(source), Path(destination), options, overwrite=overwrite, protected=())


@dataclass(frozen=True, slots=True, kw_only=True)
class _Options:
    """The conversion's arguments, checked once before any file is read."""

    n_fractions: int
    alpha_beta: float
    quantity: str
    relative_to_gy: float | None

    @classmethod
    def of(cls, n_fractions: object, alpha_beta: object, quantity: object, relative_to_gy: object) -> _Options:
        if n_fractions is None:
            raise FractionationError(
                argument="n_fractions", value=None,
                expected="a whole number: an RT Dose does not record the number of fractions",
            )  # fmt: skip
        if not isinstance(quantity, str):
            raise WrongTypeError(argument="quantity", value=quantity, expected="EQD2 or BED")
        if quantity.upper() not in QUANTITIES:
            raise FractionationError(argument="quantity", value=quantity, expected="EQD2 or BED")
        relative = None if relative_to_gy is None else bounds.RELATIVE_TO_GY.check(relative_to_gy, "relative_to_gy")
        count = bounds.N_FRACTIONS.check(n_fractions, "n_fractions")
        ratio = bounds.ALPHA_BETA.check(alpha_beta.alpha_beta if isinstance(alpha_beta, Tissue) else alpha_beta,
                                        "alpha_beta")  # fmt: skip
        return cls(n_fractions=int(count), alpha_beta=ratio, quantity=quantity.upper(), relative_to_gy=relative)


def _same_file(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    return False


def _convert(source: Path, target: Path, options: _Options, *, overwrite: bool, protected: tuple[Path, ...]) -> Path:
    with _quiet_about_input_values():  # values of the input are read (and warned about) as they are first used
        return _convert_quietly(source, target, options, overwrite=overwrite, protected=protected)


def _convert_quietly(
    source: Path, target: Path, options: _Options, *, overwrite: bool, protected: tuple[Path, ...]
) -> Path:
    pydicom = _pydicom()
    # Read first, so that a file to skip is skipped whatever the destination.
    ds, dose = _read(source, relative_to_gy=options.relative_to_gy, name=None, physical_only=True)
    for input_file in (source, *protected):
        if target.exists() and _same_file(target, input_file):
            raise DicomFileError(file=target, argument="destination", value=f"the input {input_file.name}",
                                 expected="a file other than the inputs: an input is never written over")  # fmt: skip
    if target.is_dir():
        raise DicomFileError(file=target, argument="destination", value="a folder", expected="a file name")
    if target.exists() and not target.is_file():
        raise DicomFileError(file=target, argument="destination", value="not a regular file",
                             expected="a new file, or a regular file to replace")  # fmt: skip
    if target.exists() and not overwrite:
        raise DicomFileError(file=target, argument="destination", value="an existing file", expected="a new file",
                             hint="use overwrite=True, --overwrite, to replace it")  # fmt: skip
    if not target.parent.is_dir():
        raise DicomFileError(file=target, argument="destination", expected="a file in an existing folder",
                             hint=f"no folder {target.parent}")  # fmt: skip
    _replace_pixels(ds, _converted(dose, options, str(source)), pydicom)
    description = f"{options.quantity} (LQ), alpha/beta {options.alpha_beta:g} Gy, {options.n_fractions} fractions"
    ds.DoseUnits, ds.DoseType = "GY", "EFFECTIVE"
    ds.DoseComment = description
    ds.SeriesDescription = description
    ds.SOPInstanceUID = pydicom.uid.generate_uid()
    ds.SeriesInstanceUID = pydicom.uid.generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    _write_checked(ds, target, pydicom, source)
    return target


@dataclass(frozen=True, slots=True, kw_only=True)
class DoseGrids:
    """An RT Dose's physical dose and its EQD2, in Gy, each frames x rows x columns, to show side by side."""

    name: str
    physical: npt.NDArray[np.float64]
    eqd2: npt.NDArray[np.float64]
    n_fractions: int
    alpha_beta: float

    @property
    def frames(self) -> int:
        """The number of slices (1 for a single-frame file)."""
        return int(self.physical.shape[0])

    @property
    def top(self) -> float:
        """The largest dose of either grid (Gy): one colour scale for both."""
        return float(max(self.physical.max(initial=0.0), self.eqd2.max(initial=0.0)))

    @property
    def summary(self) -> str:
        """The grid's shape and largest doses, in one line."""
        shape = " x ".join(map(str, self.physical.shape))
        return (
            f"Grid {shape}; maximum physical {self.physical.max(initial=0.0):.2f} Gy, "
            f"EQD2 {self.eqd2.max(initial=0.0):.2f} Gy "
            f"(alpha/beta {self.alpha_beta:g} Gy, {self.n_fractions} fractions)"
        )

    def __str__(self) -> str:
        return f"{self.name}: {self.summary}"


def eqd2_grids(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    n_fractions: int,
    alpha_beta: float | Tissue,
    relative_to_gy: float | None = None,
    name: str | None = None,
) -> DoseGrids:
    """The physical dose of an RT Dose (a path or an open file, such as an upload) and its EQD2, voxel by voxel.

    Single- and multi-frame files alike; only a physical dose is converted. ``name`` is what
    messages call the file (an upload's file name).

    >>> from pydicom.data import get_testdata_file
    >>> print(eqd2_grids(get_testdata_file("rtdose_1frame.dcm"), n_fractions=5, alpha_beta=3, relative_to_gy=20,
    ...                  name="rtdose_1frame.dcm"))
    rtdose_1frame.dcm: Grid 1 x 10 x 10; maximum physical 25.08 Gy, EQD2 40.21 Gy (alpha/beta 3 Gy, 5 fractions)
    """
    options = _Options.of(n_fractions, alpha_beta, "EQD2", relative_to_gy)
    label = _label(source, name)
    with _quiet_about_input_values():
        _, physical = _read(source, relative_to_gy=options.relative_to_gy, name=label, physical_only=True)
    eqd2 = _converted(physical, options, label)
    return DoseGrids(name=label, physical=physical, eqd2=eqd2, n_fractions=options.n_fractions,
                     alpha_beta=options.alpha_beta)  # fmt: skip


def _converted(dose: npt.NDArray[np.float64], options: _Options, label: str) -> npt.NDArray[np.float64]:
    """The grid's EQD2 or BED; its errors name the file, whose doses they are."""
    convert = fr.eqd2_from_total_dose if options.quantity == "EQD2" else fr.bed_from_total_dose
    try:
        with np.errstate(over="ignore"):
            converted: npt.NDArray[np.float64] = convert(
                dose, n_fractions=options.n_fractions, alpha_beta=options.alpha_beta
            )
    except FractionationError as error:  # the file's doses: the same fields, and the file's name
        raise DicomFileError(file=label, argument=error.argument, value=error.value, expected=error.expected,
                             hint=error.hint, index=error.index) from None  # fmt: skip
    if not np.all(np.isfinite(converted)):
        raise DicomFileError(file=label, argument="PixelData", expected=f"doses whose {options.quantity} can be stored",
                             hint=f"the {options.quantity} of the largest doses is too large")  # fmt: skip
    return converted


def _replace_pixels(ds: Any, dose: npt.NDArray[np.float64], pydicom: Any) -> None:
    """Store ``dose`` as unsigned integers of the file's width, with the scaling recomputed."""
    bits = int(ds.BitsAllocated) if int(ds.BitsAllocated) in (16, 32) else 32
    top = float(dose.max()) if dose.size else 0.0
    scaling = float(f"{top / (2**bits - 1):.9e}") if top > 0 else 1.0  # the DS is written with 10 digits
    pixels = np.minimum(np.rint(dose / scaling), 2**bits - 1).astype(np.uint16 if bits == 16 else np.uint32)
    ds.BitsAllocated = ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    ds.DoseGridScaling = f"{scaling:.9e}"  # DS: at most 16 characters
    # Written uncompressed, little endian, whatever the input used.
    ds.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
    ds.PixelData = pixels.astype(pixels.dtype.newbyteorder("<")).tobytes()
    ds["PixelData"].VR = "OW"


def _umask_mode() -> int:
    """The mode ``open()`` gives a new file: 0o666 less the umask (mkstemp's own is 0o600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _write_checked(ds: Any, target: Path, pydicom: Any, source: Path) -> None:
    """Write to a temporary file beside ``target``, read it back, compare, then rename."""
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
        os.chmod(temporary, _umask_mode())
        with _quiet_about_input_values():  # explicit VR little endian, whatever the input used
            pydicom.dcmwrite(temporary, ds, implicit_vr=False, little_endian=True, enforce_file_format=True)
        _compare_written(temporary, ds, target, pydicom)
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise DicomFileError(file=target, argument="destination", expected="a file that can be written",
                             hint=error.strerror or str(error)) from None  # fmt: skip
    except FractionationError:
        raise
    except Exception as error:  # an element carried over from the input that pydicom cannot write
        raise DicomFileError(file=source, argument="source", expected="elements that can be written again as DICOM",
                             hint=f"{_reason(error)}; nothing was written") from None  # fmt: skip
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _compare_written(temporary: str, ds: Any, target: Path, pydicom: Any) -> None:
    try:
        with _quiet_about_input_values():
            back = pydicom.dcmread(temporary)
            same = (
                back.SOPInstanceUID == ds.SOPInstanceUID
                and back.DoseGridScaling == ds.DoseGridScaling
                and (back.DoseType, back.DoseUnits) == ("EFFECTIVE", "GY")
                and bytes(back.PixelData) == bytes(ds.PixelData)
                and back.pixel_array.size == int(ds.Rows) * int(ds.Columns) * _frames(ds, str(target))
            )
    except (OSError, FractionationError):
        raise
    except Exception as error:  # what was written cannot be read: the same failure
        raise DicomFileError(file=target, argument="destination", expected="an output that reads back as written",
                             hint=f"{_reason(error)}; nothing was written") from None  # fmt: skip
    if not same:
        raise DicomFileError(file=target, argument="destination", expected="an output that reads back as written",
                             hint="nothing was written")  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class FileOutcome:
    """What a folder conversion did with one file: ``written`` (to ``output``), ``skipped`` or ``failed``.

    A skipped or failed file has its ``error`` (a :class:`DicomFileError` or
    :class:`fractionation.FractionationError`, with its fields) and ``reason``, its message.
    """

    source: Path
    number: int
    total: int
    status: Literal["written", "skipped", "failed"]
    output: Path | None = None
    reason: str = ""
    error: FractionationError | None = None


def convert_rt_dose_folder(
    source: str | os.PathLike[str],
    destination: str | os.PathLike[str],
    *,
    n_fractions: int | None,
    alpha_beta: float | Tissue,
    quantity: str = "EQD2",
    relative_to_gy: float | None = None,
    overwrite: bool = False,
) -> Iterator[FileOutcome]:
    """Convert every RT Dose of the folder ``source`` into the folder ``destination``, one outcome per file.

    Each output is named after its input (``dose.dcm`` gives ``dose_eqd2.dcm``). A file
    that is not an RT Dose of physical dose, or not a regular file, is skipped with the
    reason; a file that fails does not stop the others. No file of ``source`` is
    written over, even with ``overwrite`` and ``destination`` the same folder.
    The arguments are checked before any file is read.

    >>> import tempfile, pathlib, shutil
    >>> from pydicom.data import get_testdata_file
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("rtdose.dcm", "rtplan.dcm"):
    ...     _ = shutil.copy(get_testdata_file(name), folder)
    >>> for outcome in convert_rt_dose_folder(folder, folder, n_fractions=5, alpha_beta=3, relative_to_gy=20):
    ...     shown = outcome.output.name if outcome.output else outcome.error.argument  # what was wrong, by its field
    ...     print(outcome.source.name, outcome.status, shown)
    rtdose.dcm written rtdose_eqd2.dcm
    rtplan.dcm skipped Modality
    """
    options = _Options.of(n_fractions, alpha_beta, quantity, relative_to_gy)
    folder, out_folder = Path(source), Path(destination)
    for path, what in ((folder, "source"), (out_folder, "destination")):
        if not path.is_dir():
            raise DicomFileError(file=path, argument=what, expected="an existing folder")
    try:
        files = sorted(p for p in folder.iterdir() if not p.is_dir())
    except OSError as error:
        raise DicomFileError(file=folder, argument="source", expected="a folder that can be listed",
                             hint=error.strerror or str(error)) from None  # fmt: skip
    for number, path in enumerate(files, start=1):
        output = out_folder / f"{path.stem}_{options.quantity.lower()}.dcm"
        common = {"source": path, "number": number, "total": len(files)}
        try:
            written = _convert(path, output, options, overwrite=overwrite, protected=tuple(files))
        except NotRTDoseError as error:
            yield FileOutcome(**common, status="skipped", reason=str(error), error=error)  # type: ignore[arg-type]
        except FractionationError as error:
            yield FileOutcome(**common, status="failed", reason=str(error), error=error)  # type: ignore[arg-type]
        else:
            yield FileOutcome(**common, status="written", output=written)  # type: ignore[arg-type]
