"""The one adapter to pymcdm: run any pymcdm method class by name on one matrix.

pymcdm is imported lazily inside :func:`run_pymcdm`, so ``import samvalg.methods`` does not
import it. The adapter is unbatched (one matrix, one weight vector): it exists to
cross-check samvalg's kernels and to reach pymcdm's other methods (COPRAS, EDAS, SPOTIS,
...), not for speed.
"""

from __future__ import annotations

import difflib
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import SamvalgError, argument_error
from samvalg.methods._validation import _iv

__all__ = ["resolve_pymcdm_class", "run_pymcdm"]


def run_pymcdm(
    method_name: str, X: ArrayLike, w: ArrayLike, types: ArrayLike, **kwargs: Any
) -> NDArray[np.float64]:
    """Run pymcdm's method class ``method_name`` and return its preference values.

    Parameters
    ----------
    method_name : str
        A class in :mod:`pymcdm.methods`, case-insensitive (``"TOPSIS"``, ``"copras"``,
        ``"PROMETHEE_II"``, ``"SPOTIS"``, ...).
    X : array_like, shape (m, n)
        One decision matrix (unbatched).
    w : array_like, shape (n,)
        One weight vector, passed as given.
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    **kwargs
        Constructor arguments of the pymcdm class, e.g. ``bounds=`` for SPOTIS,
        ``preference_function=``/``q=``/``p=`` for PROMETHEE_II, ``v=`` for VIKOR.
        ``normalization="max"`` (a string) is translated to
        ``normalization_function=pymcdm.normalizations.max_normalization``.
        ``validation=False`` is passed to the call instead (pymcdm then skips its checks
        and warnings, e.g. on dominated alternatives or weights not summing to 1).

    Returns
    -------
    ndarray, shape (m,)
        pymcdm's preference values, in pymcdm's direction (for VIKOR, SPOTIS, ... lower is
        better).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 3000], [2, 3750], [5, 4500]])
    >>> np.round(run_pymcdm("VIKOR", X, [0.5, 0.5], [-1, 1]), 3)
    array([1., 0., 1.])
    """
    iv = _iv(X, w, types)
    if iv.batched:
        raise argument_error(
            "X" if iv.X.ndim == 3 else "w",
            "is batched; run_pymcdm takes one problem",
            "X of shape (m, n) and w of shape (n,)",
        )
    import pymcdm.normalizations

    cls_name, cls = resolve_pymcdm_class(method_name)
    options = dict(kwargs)
    validation = bool(options.pop("validation", True))
    norm = options.pop("normalization", None)
    if isinstance(norm, str):
        fname = norm if norm.endswith("_normalization") else f"{norm}_normalization"
        if not hasattr(pymcdm.normalizations, fname):
            raise argument_error(
                "normalization",
                f"is {norm!r}, which pymcdm does not define",
                ", ".join(n.removesuffix("_normalization") for n in pymcdm.normalizations.__all__),
            )
        options["normalization_function"] = getattr(pymcdm.normalizations, fname)
    elif norm is not None:
        options["normalization_function"] = norm
    try:
        method = cls(**options)
    except TypeError as exc:
        raise SamvalgError(f"pymcdm.methods.{cls_name} does not accept {options}: {exc}") from None
    try:
        result = method(iv.X, iv.W[0], iv.types.astype(int), validation=validation)
    except (ValueError, ZeroDivisionError, FloatingPointError) as exc:
        raise SamvalgError(f"pymcdm.methods.{cls_name} cannot score this matrix: {exc}") from None
    return np.asarray(result, dtype=np.float64)


def resolve_pymcdm_class(method_name: str) -> tuple[str, type]:
    """The pymcdm method class named ``method_name`` (case-insensitive) and its exact name.

    Raises
    ------
    samvalg.errors.SamvalgError
        For a name pymcdm does not define, with the closest valid one.
    """
    import pymcdm.methods

    classes = {
        name.lower(): name
        for name in dir(pymcdm.methods)
        if isinstance(getattr(pymcdm.methods, name), type)
    }
    key = str(method_name).lower()
    if key not in classes:
        close = difflib.get_close_matches(key, list(classes), n=1, cutoff=0.5)
        hint = f"; did you mean {classes[close[0]]!r}?" if close else ""
        raise SamvalgError(
            f"pymcdm has no method {method_name!r}{hint} "
            f"(allowed: {', '.join(sorted(classes.values()))})"
        )
    return classes[key], getattr(pymcdm.methods, classes[key])
