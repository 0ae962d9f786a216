"""Input validation shared by every public kernel entry point (the one ``_iv`` helper).

Public functions call :func:`_iv` once; the private kernels behind them trust their input.
Every problem is reported as a :class:`samvalg.errors.Problem` naming the argument (and the
entry), the value found and what is allowed; all problems of one call are raised together in
one :class:`samvalg.errors.ValidationError` (a :class:`samvalg.errors.SamvalgError`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import Problem, ValidationError, argument_error

SOURCE = "<argument>"
_MAX_LISTED = 5


@dataclass(frozen=True)
class Inputs:
    """Validated kernel input.

    Attributes
    ----------
    X : ndarray
        Float matrix, shape (m, n) or (k, m, n).
    W : ndarray
        Float weights, always 2-D: (1, n) for a single vector, (k, n) for a batch.
    types : ndarray
        Float array of +1/-1, shape (n,).
    batched : bool
        True when the output carries a leading k axis (X was 3-D or w was 2-D).
    """

    X: NDArray[np.float64]
    W: NDArray[np.float64]
    types: NDArray[np.float64]
    batched: bool


def _index_text(name: str, index: tuple[int, ...]) -> str:
    return f"{name}[{', '.join(str(int(i)) for i in index)}]"


def _listed(name: str, arr: NDArray[Any], mask: NDArray[np.bool_]) -> str:
    """'X[0, 2] = nan, X[1, 1] = inf' for the first few True entries of ``mask``."""
    idx = np.argwhere(mask)
    parts = [f"{_index_text(name, tuple(i))} = {float(arr[tuple(i)])!r}" for i in idx[:_MAX_LISTED]]
    more = len(idx) - _MAX_LISTED
    return ", ".join(parts) + (f" and {more} more" if more > 0 else "")


def as_float_array(value: ArrayLike, name: str, problems: list[Problem]) -> NDArray[np.float64]:
    """Convert to a float array; on failure record a problem and return an empty array."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        problems.append(
            Problem(
                SOURCE,
                name,
                f"cannot be read as an array of numbers ({exc})",
                "a rectangular array of real numbers",
            )
        )
        return np.empty(0)
    return arr


def check_finite(arr: NDArray[np.float64], name: str, problems: list[Problem]) -> None:
    """Record a problem listing the non-finite entries of ``arr``."""
    with np.errstate(over="ignore"):  # a sum of huge finite values may overflow: look closer
        total = arr.sum()
    if np.isfinite(total):  # one pass, no temporary: nan or inf anywhere makes it non-finite
        return
    bad = ~np.isfinite(arr)
    if bad.any():
        problems.append(
            Problem(
                SOURCE,
                name,
                f"has non-finite values: {_listed(name, arr, bad)}",
                "finite real numbers",
            )
        )


def check_choice(value: object, name: str, allowed: Iterable[object]) -> None:
    """Raise unless ``value`` is one of ``allowed``."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise argument_error(name, f"is {value!r}", ", ".join(repr(a) for a in allowed))


def _iv(
    X: ArrayLike,
    w: ArrayLike | None,
    types: ArrayLike,
    *,
    normalization: str | None = None,
    allowed_normalizations: Iterable[str | None] | None = None,
) -> Inputs:
    """Validate the common arguments of a kernel and return them as float arrays.

    Checks, reporting every problem found at once: ``X`` is a finite (m, n) or (k, m, n)
    array with m, n >= 1; ``w`` (skipped when None) is a finite (n,) or (k, n) array of
    non-negative weights, no row all zero, and with the same k as a 3-D ``X``; ``types``
    is (n,) of +1/-1; and ``normalization`` is one of ``allowed_normalizations`` (if given).

    Raises
    ------
    samvalg.errors.ValidationError
        Listing every problem, each naming the argument, the value found and what is allowed.
    """
    problems: list[Problem] = []
    if allowed_normalizations is not None:
        allowed = tuple(allowed_normalizations)
        if normalization not in allowed:
            problems.append(
                Problem(
                    SOURCE,
                    "normalization",
                    f"is {normalization!r}",
                    ", ".join(repr(a) for a in allowed),
                )
            )
    Xa = as_float_array(X, "X", problems)
    wa = as_float_array(np.ones(1) if w is None else w, "w", problems)
    ta = as_float_array(types, "types", problems)
    if problems:
        raise ValidationError(problems)

    if Xa.ndim not in (2, 3) or 0 in Xa.shape:
        problems.append(
            Problem(
                SOURCE,
                "X",
                f"has shape {Xa.shape}",
                "shape (m, n) or (k, m, n) with m, n >= 1 (alternatives x criteria)",
            )
        )
    if wa.ndim not in (1, 2) or 0 in wa.shape:
        problems.append(Problem(SOURCE, "w", f"has shape {wa.shape}", "shape (n,) or (k, n)"))
    if ta.ndim != 1:
        problems.append(Problem(SOURCE, "types", f"has shape {ta.shape}", "shape (n,)"))
    if problems:
        raise ValidationError(problems)

    n = Xa.shape[-1]
    if w is None:
        wa = np.ones(n)
    if wa.shape[-1] != n:
        problems.append(
            Problem(
                SOURCE,
                "w",
                f"has {wa.shape[-1]} weights per vector (shape {wa.shape}) "
                f"but X has {n} criteria (shape {Xa.shape})",
                f"{n} weights per vector",
            )
        )
    if ta.shape[0] != n:
        problems.append(
            Problem(
                SOURCE,
                "types",
                f"has {ta.shape[0]} entries but X has {n} criteria",
                f"{n} entries of +1 (benefit) or -1 (cost)",
            )
        )
    if Xa.ndim == 3 and wa.ndim == 2 and wa.shape[0] != Xa.shape[0]:
        problems.append(
            Problem(
                SOURCE,
                "w",
                f"has {wa.shape[0]} weight vectors but X has {Xa.shape[0]} matrices",
                f"shape ({n},) or ({Xa.shape[0]}, {n})",
            )
        )
    check_finite(Xa, "X", problems)
    if not _weights_ok(wa):
        _weight_problems(wa, problems)
    bad_types = ~np.isin(ta, (1.0, -1.0))
    if bad_types.any():
        problems.append(
            Problem(
                SOURCE,
                "types",
                f"has values other than +1/-1: {_listed('types', ta, bad_types)}",
                "+1 (benefit) or -1 (cost)",
            )
        )
    if problems:
        raise ValidationError(problems)

    W = wa.reshape(1, -1) if wa.ndim == 1 else wa
    return Inputs(X=Xa, W=W, types=ta, batched=Xa.ndim == 3 or wa.ndim == 2)


def _weights_ok(wa: NDArray[np.float64]) -> bool:
    """True when every weight is finite and >= 0 and every vector has a positive weight.

    Whole-array reductions, no temporary the size of ``wa``: a NaN makes the minimum NaN,
    -inf or a negative weight makes it < 0, +inf makes the maximum inf. A positive minimum
    settles the rest; otherwise, the weights being non-negative, a vector has a positive
    weight exactly when its sum is positive (row sums by einsum: a reduction over the short
    last axis is several times slower).
    """
    low = wa.min()
    if not (low >= 0 and wa.max() < np.inf):
        return False
    return bool(low > 0 or (np.einsum("...n->...", wa) > 0).all())


def _weight_problems(wa: NDArray[np.float64], problems: list[Problem]) -> None:
    """Record every problem of weights that failed :func:`_weights_ok`."""
    check_finite(wa, "w", problems)
    if np.isfinite(wa).all():
        negative = wa < 0
        if negative.any():
            problems.append(
                Problem(
                    SOURCE,
                    "w",
                    f"has negative weights: {_listed('w', wa, negative)}",
                    "non-negative weights",
                )
            )
        zero_rows = ~(wa.reshape(-1, wa.shape[-1]) > 0).any(axis=1)
        if zero_rows.any():
            where = "w" if wa.ndim == 1 else f"w[{int(np.flatnonzero(zero_rows)[0])}]"
            problems.append(
                Problem(
                    SOURCE,
                    where,
                    f"is all zero ({int(zero_rows.sum())} vector(s))",
                    "at least one positive weight per vector",
                )
            )


def finish(scores: NDArray[np.float64], batched: bool) -> NDArray[np.float64]:
    """Drop the helper leading axis of a (1, m) result when the call was not batched."""
    return scores if batched else scores[0]
