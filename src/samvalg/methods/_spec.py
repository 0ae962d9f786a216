"""What one aggregation method is: :class:`MethodSpec`, and the contract every spec must meet.

Each method module (``_wsm.py``, ``_wpm.py``, ``_topsis.py``, ``_vikor.py``,
``_promethee.py``) ends with one ``SPEC = MethodSpec(...)`` that carries everything the rest
of samvalg asks about the method: labels, default normalisation, direction, linearity, and
its own ``score``, ``prepare`` and ``steps`` callables. Analyses (evaluation, SMAA,
sensitivity) read these attributes and never branch on a method's name.
:func:`check_spec` is the contract the registry checks when a spec is registered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import KW_ONLY, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error
from samvalg.methods._normalization import NORMALIZATIONS

if TYPE_CHECKING:
    from samvalg.methods._derivation import Step

__all__ = ["MethodSpec", "Prepared", "check_spec", "zero_columns_as_constant"]

#: ``f(W) -> (m, K)`` utilities (higher is better) of one fixed matrix for K weight vectors.
Prepared = Callable[[NDArray[np.float64]], NDArray[np.float64]]
#: ``prepare(X, types, options) -> f``: the weight-independent part of a method, done once.
Prepare = Callable[[NDArray[np.float64], NDArray[np.float64], Mapping[str, Any]], Prepared]
#: ``steps(X, w, types, options) -> steps``: the method's intermediate tables, one weight vector.
Steps = Callable[
    [NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], dict[str, Any]],
    "tuple[Step, ...]",
]


@dataclass(frozen=True)
class MethodSpec:
    """What samvalg knows about one aggregation method.

    Attributes
    ----------
    name : str
        Registry name (``"wsm"``, ...).
    label_nb, label_en : str
        Display names in Norwegian bokmål and English.
    additive : bool
        True when the score is a weighted sum of per-criterion terms,
        :math:`\\sum_j w_j c_{ij}` (WSM; PROMETHEE II via unicriterion net flows), so
        contributions per criterion are meaningful and the score is linear in the weights.
    higher_is_better : bool
        Direction of the raw score (False for VIKOR's Q).
    default_normalization : str or None
        What ``normalization=None`` means for this method (None: the method has its own).
    func : callable
        The public function, ``func(X, w, types, **kw)``.
    reference : str
        The literature reference.
    score : callable or None
        ``score(X, w, types, **kw)``: the decision values as an array, (m,) or (k, m), in the
        direction of :attr:`higher_is_better` (VIKOR: ``Q``). None: :attr:`func` returns them.
    prepare : callable or None
        ``prepare(X, types, options) -> f(W)``: the weight-independent part computed once for
        a fixed matrix; ``f(W)`` gives (m, K) utilities equal to :meth:`utility` bit for bit.
        None when the method has no prepared form.
    steps : callable or None
        ``steps(X, w, types, options)``: the intermediate tables for :func:`explain`.
    contributions : callable or None
        ``contributions(X, w, types, normalization=...)``: per-criterion terms (m, n) whose
        rows sum to the score (WSM).
    accepts_normalization : bool
        False for a method that takes no ``normalization`` option (PROMETHEE II).
    scale_anchored_normalization : str or None
        What :func:`samvalg.evaluate` uses on the scale-anchored values when no normalisation
        is given (None: :attr:`default_normalization`); see :attr:`evaluation_normalization`.
    ratio_scale : bool
        True when the method needs strictly positive values on a ratio scale (WPM):
        evaluation feeds it the scale's values shifted so the lower bound is 1.
    linear_without_normalization : bool
        True when, with ``normalization="none"``, the score is linear in the values
        :math:`x_{ij}` (WSM), so score sensitivity is exact.
    log_linear : bool
        True when the logarithm of the score is linear in the weights (WPM).
    needs_bounds : bool
        True when the method needs per-criterion ``bounds`` (pymcdm's SPOTIS).
    pairwise : bool
        True when scoring compares every pair of options (PROMETHEE II): an m x m temporary
        per sample, which SMAA's chunk sizes account for.
    evaluation_options : mapping
        Options :func:`samvalg.evaluate` passes unless the caller gives them (pymcdm methods:
        ``validation=False``, samvalg has validated the input).
    """

    name: str
    label_nb: str
    label_en: str
    additive: bool
    higher_is_better: bool
    default_normalization: str | None
    func: Callable[..., Any]
    reference: str
    _: KW_ONLY
    score: Callable[..., NDArray[np.float64]] | None = None
    prepare: Prepare | None = None
    steps: Steps | None = None
    contributions: Callable[..., NDArray[np.float64]] | None = None
    accepts_normalization: bool = True
    scale_anchored_normalization: str | None = None
    ratio_scale: bool = False
    linear_without_normalization: bool = False
    log_linear: bool = False
    needs_bounds: bool = False
    pairwise: bool = False
    evaluation_options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def evaluation_normalization(self) -> str | None:
        """The normalisation :func:`samvalg.evaluate` uses when the caller gives none."""
        if self.scale_anchored_normalization is not None:
            return self.scale_anchored_normalization
        return self.default_normalization

    def values(
        self, X: ArrayLike, w: ArrayLike, types: ArrayLike, **kw: Any
    ) -> NDArray[np.float64]:
        """The raw decision values, (m,) or (k, m), in the direction of ``higher_is_better``."""
        call = self.score if self.score is not None else self.func
        return np.asarray(call(X, w, types, **kw), dtype=float)

    def utility(
        self, X: ArrayLike, w: ArrayLike, types: ArrayLike, **kw: Any
    ) -> NDArray[np.float64]:
        """Scores where higher is always better: shape (m,) or (k, m).

        Examples
        --------
        >>> from samvalg.methods import get_method
        >>> u = get_method("vikor").utility([[1, 3000], [2, 3750], [5, 4500]], [.5, .5], [-1, 1])
        >>> u
        array([-1.,  0., -1.])
        """
        norm = kw.get("normalization") or self.default_normalization
        out = self.values(zero_columns_as_constant(X, norm), w, types, **kw)
        return out if self.higher_is_better else 0.0 - out  # 0.0 - x avoids printing -0.


#: Normalisations that divide by a column statistic and are undefined on an all-zero column.
_DIVIDING = ("vector", "max", "sum", "linear")


def zero_columns_as_constant(X: ArrayLike, normalization: str | None) -> Any:
    """``X`` with every all-zero column (over the alternatives axis) replaced by ones.

    An all-zero column is a constant column: it cannot tell the alternatives apart, and every
    normalisation maps a constant column to one common value (vector :math:`1/\\sqrt m`, max
    and linear 1, sum :math:`1/m`), which is what a column of ones gives. The analyses that
    call :meth:`MethodSpec.utility` on many perturbed matrices (SMAA-2 with sampled scores,
    score sensitivity) meet such columns whenever every option sits at the bottom of a scale;
    the plain kernels still refuse them (see :mod:`samvalg.methods._normalization`).
    Input that is not a finite numeric array is passed on unchanged for the kernel to report.
    """
    if normalization not in _DIVIDING:
        return X
    try:
        A = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        return X
    if A.ndim < 2 or A.size == 0 or not np.isfinite(A).all():
        return X
    zero = ~(A != 0).any(axis=-2, keepdims=True)
    if not zero.any():
        return X
    return np.where(zero, 1.0, A)


def check_spec(spec: object, registered: Mapping[str, object]) -> MethodSpec:
    """Check one method's contract before it is registered; return it.

    The contract: a :class:`MethodSpec` with a new lower-case name, both labels and a
    reference; ``func`` (and ``score``, ``prepare``, ``steps``, ``contributions`` where given)
    callable; known default normalisations, and none for a method that takes none; linearity
    claims that agree with each other.

    Raises
    ------
    samvalg.errors.ValidationError
        Naming the method and the attribute that breaks the contract.
    """
    if not isinstance(spec, MethodSpec):
        raise argument_error("spec", f"is a {type(spec).__name__}", "a samvalg.methods.MethodSpec")
    where = f"MethodSpec {spec.name!r}"
    problems: list[tuple[str, str, str]] = []
    if not (isinstance(spec.name, str) and spec.name and spec.name == spec.name.strip()):
        problems.append(("name", f"is {spec.name!r}", "a non-empty name"))
    elif spec.name in registered:
        problems.append(("name", f"{spec.name!r} is already registered", "a new name"))
    elif spec.name != spec.name.lower() and not spec.name.startswith("pymcdm:"):
        problems.append(("name", f"is {spec.name!r}", "a lower-case name"))
    for attr in ("label_nb", "label_en", "reference"):
        if not (isinstance(getattr(spec, attr), str) and getattr(spec, attr).strip()):
            problems.append((attr, f"is {getattr(spec, attr)!r}", "a non-empty text"))
    if not callable(spec.func):
        problems.append(("func", f"is {spec.func!r}", "a callable func(X, w, types, **kw)"))
    for attr in ("score", "prepare", "steps", "contributions"):
        value = getattr(spec, attr)
        if value is not None and not callable(value):
            problems.append((attr, f"is {value!r}", "a callable or None"))
    allowed = (None, *NORMALIZATIONS)
    for attr in ("default_normalization", "scale_anchored_normalization"):
        if getattr(spec, attr) not in allowed:
            problems.append((attr, f"is {getattr(spec, attr)!r}", ", ".join(map(repr, allowed))))
    if not spec.accepts_normalization and (
        spec.default_normalization is not None or spec.scale_anchored_normalization is not None
    ):
        problems.append(
            (
                "default_normalization",
                "is set for a method that takes no normalization",
                "None when accepts_normalization is False",
            )
        )
    if spec.linear_without_normalization and not spec.additive:
        problems.append(
            ("linear_without_normalization", "is True for a non-additive method", "additive=True")
        )
    if spec.contributions is not None and not spec.additive:
        problems.append(("contributions", "is given for a non-additive method", "additive=True"))
    if problems:
        attr, message, allowed_text = problems[0]
        raise argument_error(
            f"{where}.{attr}",
            message + (f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""),
            allowed_text,
        )
    return spec
