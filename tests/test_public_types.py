"""No `Any` in a public signature: every public name says what it takes and returns.

Public: ``fractionation.__all__``, and the ``__all__`` of the public modules
(``fractionation.charts``, ``dicom``, ``handout``, ``bounds``).

The walk covers functions (each ``@overload`` too), classes (their dataclass fields,
``__init__``, public methods, properties and class methods) and the annotations
behind a type alias. Arrays are typed with ``numpy.typing`` (``npt.ArrayLike`` in,
``npt.NDArray[np.float64]`` out), models with the ``Model`` protocol, and a value of
any kind (an error's ``value``) as ``object``: unlike ``Any``, ``object`` still makes
mypy check what is done with it. numpy's own aliases hold ``Any`` where numpy means
"any shape" (the first parameter of ``ndarray``) or inside ``npt.ArrayLike``: those are
numpy's, not ours, and are passed over.
"""

from __future__ import annotations

import datetime
import importlib
import inspect
import pkgutil
import re
import types
import typing
from collections.abc import Callable, Iterator

import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest

import fractionation

#: Names that the package's modules import only for type checking (``if TYPE_CHECKING:``).
_THIRD_PARTY = {
    "np": np, "npt": npt, "pd": pd, "datetime": datetime,
    "da": pytest.importorskip("dask.array"), "xr": pytest.importorskip("xarray"),
    "alt": pytest.importorskip("altair"), "Dataset": pytest.importorskip("pydicom").Dataset,
}  # fmt: skip
#: The package and its public modules, each with its own ``__all__``.
PUBLIC_MODULES = ("fractionation", "fractionation.charts", "fractionation.dicom", "fractionation.handout",
                  "fractionation.bounds")  # fmt: skip


def _namespace() -> dict[str, object]:
    """Every module-level name of the package, so that an annotation imported under TYPE_CHECKING resolves."""
    names: dict[str, object] = dict(_THIRD_PARTY)
    for module in pkgutil.iter_modules(fractionation.__path__, "fractionation."):
        if module.name.endswith(("__main__", ".cli", ".app")):
            continue
        names.update(vars(importlib.import_module(module.name)))
    names.update({name: getattr(fractionation, name) for name in fractionation.__all__})
    return names


def _public_names() -> Iterator[tuple[str, object]]:
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        prefix = "" if module is fractionation else f"{module_name.removeprefix('fractionation.')}."
        yield from ((f"{prefix}{name}", getattr(module, name)) for name in module.__all__)


def _surfaces() -> Iterator[tuple[str, Callable[..., object] | type, types.ModuleType]]:
    """(where, object, its module) for every public function, overload, class, method and property."""
    for name, obj in _public_names():
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue  # a constant
        # The errors show themselves as fractionation.X; their annotations are those of their own module.
        module = importlib.import_module(
            obj.__module__ if obj.__module__ != "fractionation" else "fractionation._errors"
        )
        if inspect.isclass(obj):
            yield name, obj, module
            for attribute, member in vars(obj).items():
                if attribute.startswith("_") and attribute != "__init__":
                    continue
                if isinstance(member, property) and member.fget is not None:
                    yield f"{name}.{attribute}", member.fget, module
                elif isinstance(member, classmethod | staticmethod):
                    yield f"{name}.{attribute}", member.__func__, module
                elif inspect.isfunction(member):
                    yield f"{name}.{attribute}", member, module
                    yield from ((f"{name}.{attribute} (overload)", o, module) for o in typing.get_overloads(member))
        elif inspect.isfunction(obj):
            yield name, obj, module
            yield from ((f"{name} (overload)", o, module) for o in typing.get_overloads(obj))


def _annotations(
    obj: Callable[..., object] | type, module: types.ModuleType, namespace: dict[str, object]
) -> dict[str, object]:
    """The annotations, resolved: of a function's parameters and return, or of a class's public fields."""
    if inspect.isclass(obj):
        raw = {k: v for c in reversed(obj.__mro__) for k, v in vars(c).get("__annotations__", {}).items()}
        raw = {k: v for k, v in raw.items() if not k.startswith("_")}
    else:
        raw = dict(obj.__annotations__)
    resolved: dict[str, object] = {}
    for name, annotation in raw.items():
        if isinstance(annotation, str) and re.search(r"\bAny\b", annotation):
            resolved[name] = typing.Any  # written in the signature itself
        elif isinstance(annotation, str):
            resolved[name] = eval(annotation, {**namespace, **vars(module)})  # a type alias is checked through
        else:
            resolved[name] = annotation
    return resolved


def _holds_any(annotation: object, seen: frozenset[int] = frozenset()) -> bool:
    if annotation is typing.Any:
        return True
    if id(annotation) in seen:
        return False
    seen |= {id(annotation)}
    if isinstance(annotation, str):  # a type alias written as a string: its text
        return "Any" in annotation
    if isinstance(annotation, typing.TypeAliasType if hasattr(typing, "TypeAliasType") else ()):
        return _holds_any(annotation.__value__, seen)
    if isinstance(annotation, typing.TypeVar):
        return any(_holds_any(a, seen) for a in (annotation.__bound__, *annotation.__constraints__) if a is not None)
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return False
    arguments = typing.get_args(annotation)
    if origin is not None and getattr(origin, "__module__", "").startswith("numpy._typing"):
        return False  # inside npt.ArrayLike: numpy's own "dtype[Any]"
    if origin is np.ndarray:
        arguments = arguments[1:]  # the shape: numpy's "tuple[Any, ...]", any shape
    if typing.is_typeddict(annotation):
        return any(_holds_any(a, seen) for a in typing.get_type_hints(annotation).values())
    return any(_holds_any(a, seen) for a in arguments if a is not Ellipsis)


def _public_annotations() -> Iterator[tuple[str, object]]:
    namespace = _namespace()
    for where, obj, module in _surfaces():
        for name, annotation in _annotations(obj, module, namespace).items():
            yield f"{where}: {name}", annotation


def test_no_public_signature_holds_any() -> None:
    found = [where for where, annotation in _public_annotations() if _holds_any(annotation)]
    assert not found, f"`Any` in public signatures (use npt.ArrayLike, Model, object, a TypedDict...): {found}"


def test_the_walk_sees_every_kind_of_surface() -> None:
    """The walk reaches what it must check: fields, overloads, methods, properties and class methods."""
    seen = {where for where, _ in _public_annotations()}
    for expected in (
        "FractionationError: value",  # a class's field
        "compare (overload): model",  # an overload
        "Interruption.calendar_rows: return",  # a method
        "Interruption.eqd2_lost: return",  # a property
        "Scheme.parse: text",  # a class method
        "eqd2_from_total_dose: total_dose",
        "charts.without_data: spec",  # a public module's function
    ):
        assert expected in seen


@pytest.mark.parametrize(
    ("annotation", "holds"),
    [
        (typing.Any, True),
        (list[dict[str, typing.Any]], True),
        (npt.NDArray[np.floating[typing.Any]], True),
        (int | typing.Any, True),
        (npt.NDArray[np.float64], False),
        (npt.ArrayLike, False),
        (dict[str, float] | None, False),
        (typing.Literal["a", "b"], False),
    ],
)
def test_the_check_tells_any_apart(annotation: object, holds: bool) -> None:
    assert _holds_any(annotation) is holds
