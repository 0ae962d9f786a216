"""The registry of aggregation methods: :func:`register`, :func:`get_method`, :data:`METHODS`.

Every method module contributes one ``SPEC`` (a :class:`samvalg.methods.MethodSpec`); the
registry checks each spec's contract (:func:`samvalg.methods._spec.check_spec`) as it is
registered. Adding a method is one module ending in ``SPEC = MethodSpec(...)``, named in
the registration loop below. ``get_method(name)`` returns the spec, whose
:meth:`MethodSpec.utility` gives scores where higher is always better (``-Q`` for VIKOR), so
analyses (SMAA, sensitivity, evaluation) treat every method alike. Any pymcdm method is
reached as ``"pymcdm:<CLASS>"``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import SamvalgError, did_you_mean
from samvalg.methods import _promethee, _topsis, _vikor, _wpm, _wsm
from samvalg.methods._spec import MethodSpec, check_spec

__all__ = ["METHODS", "get_method", "register"]

_SPECS: dict[str, MethodSpec] = {}


def register(spec: MethodSpec) -> MethodSpec:
    """Add a method to the registry after checking its contract.

    Raises
    ------
    samvalg.errors.ValidationError
        When the spec breaks the contract (see :func:`samvalg.methods._spec.check_spec`),
        naming the method and the attribute.
    """
    _SPECS[spec.name] = check_spec(spec, _SPECS)
    return spec


for _module in (_wsm, _wpm, _topsis, _vikor, _promethee):
    register(_module.SPEC)

#: Names accepted by :func:`get_method`.
METHODS: tuple[str, ...] = tuple(_SPECS)


def get_method(name: str) -> MethodSpec:
    """Look up a method by name.

    Raises
    ------
    samvalg.errors.SamvalgError
        For an unknown name, listing the valid names and the closest one.

    Examples
    --------
    >>> get_method("topsis").default_normalization
    'vector'

    Any method of pymcdm is reached as ``"pymcdm:<CLASS>"`` (e.g. ``"pymcdm:COPRAS"``): it runs
    unbatched through :func:`samvalg.methods.run_pymcdm`, one weight vector at a time.
    """
    if isinstance(name, str) and name.lower().startswith("pymcdm:"):
        return _pymcdm_spec(name.split(":", 1)[1])
    try:
        return _SPECS[name]
    except (KeyError, TypeError):
        raise SamvalgError(
            f"unknown method {name!r}{did_you_mean(str(name).lower(), METHODS, cutoff=0.4)} "
            f"(allowed: {', '.join(METHODS)}, or pymcdm:<CLASS> for any pymcdm method)"
        ) from None


def _pymcdm_spec(class_name: str) -> MethodSpec:
    """A :class:`MethodSpec` for one of pymcdm's method classes (imports pymcdm)."""
    from samvalg.methods._pymcdm import resolve_pymcdm_class, run_pymcdm

    cls_name, cls = resolve_pymcdm_class(class_name)
    higher = bool(getattr(cls, "_reverse_ranking", True))

    def func(X: ArrayLike, w: ArrayLike, types: ArrayLike, **kw: Any) -> NDArray[np.float64]:
        W = np.asarray(w, dtype=float)
        if W.ndim == 1:
            return run_pymcdm(cls_name, X, W, types, **kw)
        return np.stack([run_pymcdm(cls_name, X, row, types, **kw) for row in W])

    return check_spec(
        MethodSpec(
            f"pymcdm:{cls_name}",
            f"{cls_name} (pymcdm)",
            f"{cls_name} (pymcdm)",
            False,
            higher,
            None,
            func,
            f"pymcdm.methods.{cls_name} (Kizielewicz, Shekhovtsov & Sałabun 2023, SoftwareX 22).",
            needs_bounds=cls_name == "SPOTIS",
            evaluation_options={"validation": False},
        ),
        _SPECS,
    )
