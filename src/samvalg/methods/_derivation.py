"""The results of :func:`samvalg.methods.explain`: :class:`Step` and :class:`Derivation`.

Also the small step builders the method modules share (the normalised and weighted tables,
the checked ``normalization`` option). Each method's own steps live in its module.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from samvalg.errors import argument_error
from samvalg.methods._common import resolve
from samvalg.methods._normalization import NORMALIZATIONS, check_normalizable
from samvalg.methods._validation import check_choice

__all__ = [
    "Derivation",
    "Step",
    "checked_normalization",
    "normalized_step",
    "reject_unknown",
    "weighted_step",
]


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

    def _repr_html_(self) -> str:
        """Each step as a table: its caption, symbol and values (rows: alternatives)."""
        parts = []
        for step in self.steps:
            a = np.asarray(step.array)
            caption = html.escape(f"{step.caption_nb} / {step.caption_en} ({step.symbol})")
            if a.ndim == 0:
                rows = [[a.item()]]
            elif a.ndim == 1:
                rows = [list(a.tolist())]
            elif a.ndim == 2:
                rows = a.tolist()
            else:  # (m, m, n) pairwise per criterion: its shape only
                rows = [[f"array of shape {a.shape}"]]
            body = "".join(
                "<tr>" + "".join(f"<td>{html.escape(_cell(x))}</td>" for x in r) + "</tr>"
                for r in rows
            )
            parts.append(f"<table><caption>{caption}</caption><tbody>{body}</tbody></table>")
        return f"<p><b>{html.escape(self.method)}</b></p>" + "".join(parts)


def _cell(x: Any) -> str:
    return f"{x:.4g}" if isinstance(x, float) else str(x)


def normalized_step(R: NDArray[np.float64], kind: str) -> Step:
    return Step(
        "normalized",
        "r_{ij}",
        f"Normalisert beslutningsmatrise ({kind})",
        f"Normalised decision matrix ({kind})",
        R,
    )


def weighted_step(V: NDArray[np.float64]) -> Step:
    return Step(
        "weighted",
        "v_{ij} = w_j r_{ij}",
        "Vektet normalisert matrise",
        "Weighted normalised matrix",
        V,
    )


def checked_normalization(X: NDArray[np.float64], kw: dict[str, Any], default: str) -> str:
    """The ``normalization`` keyword (or `default`), checked; no other keyword is allowed."""
    kind = resolve(kw.pop("normalization", None), default)
    reject_unknown(kw, "normalization")
    check_choice(kind, "normalization", NORMALIZATIONS)
    check_normalizable(X, kind)
    return kind


def reject_unknown(kw: dict[str, Any], options: str) -> None:
    """Raise when ``kw`` still holds an option the method does not know (``options`` lists them)."""
    if kw:
        name = next(iter(kw))
        raise argument_error(name, "is not an option of this method", options)
