"""Registry of the aggregation methods: labels, properties and a uniform "utility" call.

``get_method(name)`` returns a :class:`MethodSpec` whose :meth:`MethodSpec.utility` gives
scores where higher is always better (``-Q`` for VIKOR), so analyses (SMAA, sensitivity,
evaluation) can treat every method alike.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import SamvalgError
from samvalg.methods._promethee import promethee_ii
from samvalg.methods._topsis import topsis
from samvalg.methods._vikor import vikor
from samvalg.methods._wsm import wpm, wsm

__all__ = ["METHODS", "MethodSpec", "get_method"]


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
        contributions per criterion are meaningful.
    higher_is_better : bool
        Direction of :attr:`func`'s raw score (False for VIKOR's Q).
    default_normalization : str or None
        What ``normalization=None`` means for this method (None: the method has its own).
    func : callable
        The public function, ``func(X, w, types, **kw)``.
    reference : str
        The literature reference.
    """

    name: str
    label_nb: str
    label_en: str
    additive: bool
    higher_is_better: bool
    default_normalization: str | None
    func: Callable[..., Any]
    reference: str

    def utility(
        self, X: ArrayLike, w: ArrayLike, types: ArrayLike, **kw: Any
    ) -> NDArray[np.float64]:
        """Scores where higher is always better: shape (m,) or (k, m).

        Examples
        --------
        >>> u = get_method("vikor").utility([[1, 3000], [2, 3750], [5, 4500]], [.5, .5], [-1, 1])
        >>> u
        array([-1.,  0., -1.])
        """
        norm = kw.get("normalization") or self.default_normalization
        out = self.func(_zero_columns_as_constant(X, norm), w, types, **kw)
        if self.name == "vikor":
            return 0.0 - out.Q  # 0.0 - x avoids printing -0.
        return out if self.higher_is_better else -out


#: Normalisations that divide by a column statistic and are undefined on an all-zero column.
_DIVIDING = ("vector", "max", "sum", "linear")


def _zero_columns_as_constant(X: ArrayLike, normalization: str | None) -> Any:
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


_SPECS: dict[str, MethodSpec] = {
    spec.name: spec
    for spec in (
        MethodSpec(
            "wsm",
            "Vektet sum (WSM)",
            "Weighted sum model (WSM)",
            True,
            True,
            "max",
            wsm,
            "Fishburn, P. C. (1967). Additive utilities with incomplete product sets. ORSA.",
        ),
        MethodSpec(
            "wpm",
            "Vektet produkt (WPM)",
            "Weighted product model (WPM)",
            False,
            True,
            "sum",
            wpm,
            "Bridgman, P. W. (1922). Dimensional Analysis. Yale University Press; "
            "Miller, D. W. & Starr, M. K. (1969). Executive Decisions and Operations "
            "Research. Prentice-Hall.",
        ),
        MethodSpec(
            "topsis",
            "TOPSIS (nærhet til idealløsningen)",
            "TOPSIS (closeness to the ideal solution)",
            False,
            True,
            "vector",
            topsis,
            "Hwang, C. L. & Yoon, K. (1981). Multiple Attribute Decision Making: "
            "Methods and Applications. Springer.",
        ),
        MethodSpec(
            "vikor",
            "VIKOR (kompromissrangering)",
            "VIKOR (compromise ranking)",
            False,
            False,
            None,
            vikor,
            "Opricovic, S. & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: "
            "A comparative analysis of VIKOR and TOPSIS. EJOR 156(2), 445-455.",
        ),
        MethodSpec(
            "promethee_ii",
            "PROMETHEE II (netto preferansestrøm)",
            "PROMETHEE II (net outranking flow)",
            True,
            True,
            None,
            promethee_ii,
            "Brans, J.-P. & Vincke, Ph. (1985). A preference ranking organisation "
            "method. Management Science 31(6), 647-656.",
        ),
    )
}

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
        close = difflib.get_close_matches(str(name).lower(), METHODS, n=1, cutoff=0.4)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise SamvalgError(
            f"unknown method {name!r}{hint} "
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

    return MethodSpec(
        f"pymcdm:{cls_name}",
        f"{cls_name} (pymcdm)",
        f"{cls_name} (pymcdm)",
        False,
        higher,
        None,
        func,
        f"pymcdm.methods.{cls_name} (Kizielewicz, Shekhovtsov & Sałabun 2023, SoftwareX 22).",
    )
