"""Self-explaining results: the intermediate tables of each method for one weight vector.

:func:`explain` recomputes a method step by step (with the same private kernels the fast
paths use) and returns a :class:`Derivation`: an ordered tuple of :class:`Step` objects, each
with a symbol, a Norwegian (bokmål) and an English caption, and the array, so a briefing can
show the derivation of a score table. The last step is always the method's score vector.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samvalg.errors import argument_error
from samvalg.methods._common import resolve
from samvalg.methods._normalization import NORMALIZATIONS, _normalize, check_normalizable
from samvalg.methods._promethee import (
    _check_preference,
    _differences,
    _preference_tensor,
    _unicriterion_flows,
)
from samvalg.methods._topsis import _closeness
from samvalg.methods._validation import _iv, check_choice
from samvalg.methods._vikor import _compromise, _vikor_parts
from samvalg.methods._wsm import _check_wpm, _wpm_kernel

__all__ = ["Derivation", "Step", "explain"]

EXPLAINED = ("wsm", "wpm", "topsis", "vikor", "promethee_ii")


@dataclass(frozen=True, eq=False)
class Step:
    """One intermediate table of a method.

    Attributes
    ----------
    name : str
        Machine name (``"normalized"``, ``"weighted"``, ``"ideal"``, ...).
    symbol : str
        LaTeX symbol, e.g. ``r_{ij}``.
    caption_nb, caption_en : str
        Caption in Norwegian bokmål and in English.
    array : ndarray
        The values: (m, n) tables have alternatives in rows, criteria in columns; (n,) per
        criterion; (m,) per alternative; (m, m) or (m, m, n) pairwise.
    """

    name: str
    symbol: str
    caption_nb: str
    caption_en: str
    array: NDArray[Any]

    def to_dict(self) -> dict[str, Any]:
        """Plain Python types."""
        return {
            "name": self.name,
            "symbol": self.symbol,
            "caption_nb": self.caption_nb,
            "caption_en": self.caption_en,
            "array": self.array.tolist(),
        }


@dataclass(frozen=True, eq=False)
class Derivation:
    """The step-by-step derivation of one method's scores for one weight vector.

    Attributes
    ----------
    method : str
        Method name as in :data:`samvalg.methods.METHODS`.
    steps : tuple of Step
        In computation order; the last one is the score vector.
    """

    method: str
    steps: tuple[Step, ...]

    def __getitem__(self, name: str) -> NDArray[Any]:
        for step in self.steps:
            if step.name == name:
                return step.array
        raise KeyError(f"{name!r}; steps are: {', '.join(s.name for s in self.steps)}")

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def names(self) -> tuple[str, ...]:
        """Step names in order."""
        return tuple(s.name for s in self.steps)

    @property
    def result(self) -> NDArray[Any]:
        """The method's scores (the last step)."""
        return self.steps[-1].array

    def to_dict(self) -> dict[str, Any]:
        """Plain Python types, e.g. for JSON."""
        return {"method": self.method, "steps": [s.to_dict() for s in self.steps]}

    def __repr__(self) -> str:
        return f"Derivation(method={self.method!r}, steps={self.names})"


def _normalized_step(R: NDArray[np.float64], kind: str) -> Step:
    return Step(
        "normalized",
        "r_{ij}",
        f"Normalisert beslutningsmatrise ({kind})",
        f"Normalised decision matrix ({kind})",
        R,
    )


def _weighted_step(V: NDArray[np.float64]) -> Step:
    return Step(
        "weighted",
        "v_{ij} = w_j r_{ij}",
        "Vektet normalisert matrise",
        "Weighted normalised matrix",
        V,
    )


def _normalization(X: NDArray[np.float64], kw: dict[str, Any], default: str) -> str:
    """The ``normalization`` keyword (or `default`), checked; no other keyword is allowed."""
    kind = resolve(kw.pop("normalization", None), default)
    _reject_unknown(kw)
    check_choice(kind, "normalization", NORMALIZATIONS)
    check_normalizable(X, kind)
    return kind


def _explain_additive(
    method: str,
    X: NDArray[np.float64],
    w: NDArray[np.float64],
    types: NDArray[np.float64],
    kw: dict[str, Any],
) -> tuple[Step, ...]:
    kind = _normalization(X, kw, "max" if method == "wsm" else "sum")
    if method == "wsm":
        R = _normalize(X, types, kind)
        V = w * R
        return (
            _normalized_step(R, kind),
            _weighted_step(V),
            Step(
                "score",
                "P_i = \\sum_j v_{ij}",
                "Samlet skår (vektet sum)",
                "Overall score (weighted sum)",
                V.sum(axis=1),
            ),
        )
    _check_wpm(X, types, kind)
    R = types * np.log(X) if kind == "none" else _normalize(X, types, kind)
    factors = np.exp(w * R) if kind == "none" else R**w
    return (
        _normalized_step(X if kind == "none" else R, kind),
        Step("weighted", "r_{ij}^{w_j}", "Vektede faktorer", "Weighted factors", factors),
        Step(
            "score",
            "P_i = \\prod_j r_{ij}^{w_j}",
            "Samlet skår (vektet produkt)",
            "Overall score (weighted product)",
            _wpm_kernel(X, w[None], types, kind)[0],
        ),
    )


def _explain_topsis(
    X: NDArray[np.float64], w: NDArray[np.float64], types: NDArray[np.float64], kw: dict[str, Any]
) -> tuple[Step, ...]:
    kind = _normalization(X, kw, "vector")
    R = _normalize(X, types, kind)
    V = w * R
    ideal, anti = V.max(axis=0), V.min(axis=0)
    d_plus = np.sqrt(((V - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((V - anti) ** 2).sum(axis=1))
    return (
        _normalized_step(R, kind),
        _weighted_step(V),
        Step("ideal", "v_j^+", "Idealløsning", "Positive ideal solution", ideal),
        Step("anti_ideal", "v_j^-", "Anti-idealløsning", "Negative ideal solution", anti),
        Step(
            "distance_ideal",
            "D_i^+",
            "Avstand til idealløsningen",
            "Distance to the ideal solution",
            d_plus,
        ),
        Step(
            "distance_anti_ideal",
            "D_i^-",
            "Avstand til anti-idealløsningen",
            "Distance to the negative ideal solution",
            d_minus,
        ),
        Step(
            "score",
            "C_i = D_i^- / (D_i^+ + D_i^-)",
            "Relativ nærhet til idealet",
            "Relative closeness to the ideal",
            _closeness(d_plus, d_minus),
        ),
    )


def _explain_vikor(
    X: NDArray[np.float64], w: NDArray[np.float64], types: NDArray[np.float64], kw: dict[str, Any]
) -> tuple[Step, ...]:
    kind = kw.pop("normalization", None)
    v = kw.pop("v", 0.5)
    _reject_unknown(kw)
    check_choice(kind, "normalization", (None, *NORMALIZATIONS))
    if not (isinstance(v, int | float) and 0 <= v <= 1):
        raise argument_error("v", f"is {v!r}", "a number in [0, 1]")
    check_normalizable(X, kind)
    p = _vikor_parts(X, w[None], types, kind, float(v))
    c1, c2, mask = _compromise(p["S"], p["R"], p["Q"])
    return (
        Step(
            "oriented",
            "f_{ij}",
            "Verdier orientert slik at høyere er bedre",
            "Values oriented so that higher is better",
            p["f"],
        ),
        Step(
            "best", "f_j^*", "Beste verdi per kriterium", "Best value per criterion", p["fstar"][0]
        ),
        Step(
            "worst",
            "f_j^-",
            "Dårligste verdi per kriterium",
            "Worst value per criterion",
            p["fminus"][0],
        ),
        Step(
            "regret",
            "w_j (f_j^* - f_{ij}) / (f_j^* - f_j^-)",
            "Vektet anger per kriterium",
            "Weighted regret per criterion",
            w * p["d"],
        ),
        Step(
            "S",
            "S_i",
            "Gruppenytte S (lavere er bedre)",
            "Group utility S (lower is better)",
            p["S"][:, 0],
        ),
        Step(
            "R",
            "R_i",
            "Individuell anger R (lavere er bedre)",
            "Individual regret R (lower is better)",
            p["R"][:, 0],
        ),
        Step(
            "compromise",
            "\\{a', \\dots\\}",
            f"Kompromissmengde (C1 {'oppfylt' if c1[0] else 'ikke oppfylt'}, "
            f"C2 {'oppfylt' if c2[0] else 'ikke oppfylt'})",
            f"Compromise set (C1 {'holds' if c1[0] else 'fails'}, "
            f"C2 {'holds' if c2[0] else 'fails'})",
            mask[:, 0],
        ),
        Step(
            "score",
            "Q_i",
            "Kompromissindeks Q (lavere er bedre)",
            "Compromise index Q (lower is better)",
            p["Q"][:, 0],
        ),
    )


def _explain_promethee(
    X: NDArray[np.float64], w: NDArray[np.float64], types: NDArray[np.float64], kw: dict[str, Any]
) -> tuple[Step, ...]:
    preference = kw.pop("preference", "usual")
    q, p = kw.pop("q", None), kw.pop("p", None)
    _reject_unknown(kw)
    functions, qa, pa = _check_preference(preference, q, p, X.shape[1])
    P = _preference_tensor(X, types, functions, qa, pa)
    pi = P @ w
    m = X.shape[0]
    scale = 1.0 / (m - 1) if m > 1 else 0.0
    plus, minus = pi.sum(axis=1) * scale, pi.sum(axis=0) * scale
    return (
        Step(
            "differences",
            "d_j(a, b)",
            "Parvise differanser per kriterium",
            "Pairwise differences per criterion",
            _differences(X, types),
        ),
        Step(
            "preferences",
            "P_j(a, b)",
            "Preferansegrad per kriterium",
            "Preference degree per criterion",
            P,
        ),
        Step(
            "aggregated", "\\pi(a, b)", "Samlet preferanseindeks", "Aggregated preference index", pi
        ),
        Step(
            "positive_flow",
            "\\phi^+(a)",
            "Positiv (utgående) strøm",
            "Positive (leaving) flow",
            plus,
        ),
        Step(
            "negative_flow",
            "\\phi^-(a)",
            "Negativ (inngående) strøm",
            "Negative (entering) flow",
            minus,
        ),
        Step(
            "unicriterion_flows",
            "\\phi_j(a)",
            "Netto strøm per kriterium",
            "Net flow per criterion",
            _unicriterion_flows(P),
        ),
        Step(
            "score", "\\phi(a) = \\phi^+(a) - \\phi^-(a)", "Netto strøm", "Net flow", plus - minus
        ),
    )


def _reject_unknown(kw: dict[str, Any]) -> None:
    if kw:
        name = next(iter(kw))
        raise argument_error(
            name,
            "is not an option of this method",
            "normalization (wsm, wpm, topsis, vikor), v (vikor), preference, q, p (promethee_ii)",
        )


def explain(method: str, X: ArrayLike, w: ArrayLike, types: ArrayLike, **kw: Any) -> Derivation:
    r"""Derive a method's scores step by step for one weight vector.

    Parameters
    ----------
    method : {"wsm", "wpm", "topsis", "vikor", "promethee_ii"}
    X : array_like, shape (m, n)
        One decision matrix (not a stack).
    w : array_like, shape (n,)
        One weight vector.
    types : array_like, shape (n,)
        +1 benefit, -1 cost.
    **kw
        The method's options: ``normalization``; ``v`` for VIKOR; ``preference``, ``q``,
        ``p`` for PROMETHEE II.

    Returns
    -------
    Derivation
        Steps per method: WSM/WPM normalised, weighted, score; TOPSIS normalised, weighted,
        ideal, anti-ideal, both distances, closeness; VIKOR oriented values, best, worst,
        weighted regrets, S, R, compromise set, Q; PROMETHEE II differences, preferences,
        aggregated index, positive, negative and unicriterion flows, net flow. The last step
        equals the fast function's result.

    Examples
    --------
    >>> d = explain("topsis", [[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [-1, 1])
    >>> d.names[:3]
    ('normalized', 'weighted', 'ideal')
    >>> round(float(d["distance_ideal"][0]), 3)
    0.114
    """
    check_choice(method, "method", EXPLAINED)
    iv = _iv(X, w, types)
    if iv.batched:
        raise argument_error(
            "X" if iv.X.ndim == 3 else "w",
            f"is batched (X shape {iv.X.shape}, w shape {np.shape(w)})",
            "one matrix (m, n) and one weight vector (n,)",
        )
    X2, w1 = iv.X, iv.W[0]
    options = dict(kw)
    if method in ("wsm", "wpm"):
        steps = _explain_additive(method, X2, w1, iv.types, options)
    elif method == "topsis":
        steps = _explain_topsis(X2, w1, iv.types, options)
    elif method == "vikor":
        steps = _explain_vikor(X2, w1, iv.types, options)
    else:
        steps = _explain_promethee(X2, w1, iv.types, options)
    return Derivation(method, steps)
