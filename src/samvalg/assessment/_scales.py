"""Scoring scales: numeric ranges and DFØ's pluss-minus scale.

A score is given in the units of a declared scale. The default value function maps the scale's
own bounds to 0..1 (a scale-anchored interval value function),

.. math:: v(x) = \\frac{x - \\text{lower}}{\\text{upper} - \\text{lower}},

so adding or removing an option never changes the other options' values, unlike data-dependent
normalisations (Belton & Stewart 2002, *Multiple Criteria Decision Analysis*, ch. 5.2).

DFØ's pluss-minus scale
-----------------------
DFØ's *Veileder i samfunnsøkonomiske analyser* judges non-priced effects by importance
(betydning: liten / middels / stor) and magnitude (omfang: from stort negativt through intet to
stort positivt) and combines them into a consequence on a nine-step scale against the zero option
(today's arrangement, here ``egen_drift``). samvalg reads the consequence directly:

====== ===== ======
label  value meaning
====== ===== ======
``----`` -4  very large negative consequence
``---``  -3
``--``   -2
``-``    -1
``0``     0  as the zero option
``+``     1
``++``    2
``+++``   3
``++++``  4  very large positive consequence
====== ===== ======

The integers -4..4 are accepted as well, and the minus sign U+2212 ("−") as "-". The guide's
cell-by-cell importance x magnitude table is not encoded: its exact cells are uncertain
(see DOMAIN.md), so analysts score the combined consequence themselves.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike

from samvalg.errors import Problem, ValidationError

__all__ = ["PLUS_MINUS_LABELS", "Scale", "ScaleValueError"]

PLUS_MINUS_LABELS: tuple[str, ...] = ("----", "---", "--", "-", "0", "+", "++", "+++", "++++")
"""The DFØ labels, from -4 to +4."""

_PM_VALUE = {label: i - 4 for i, label in enumerate(PLUS_MINUS_LABELS)}


class ScaleValueError(ValueError):
    """A value that a scale does not accept (internal: the loader turns it into a Problem)."""

    def __init__(self, message: str, allowed: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.allowed = allowed


def show(value: Any) -> str:
    """A value as a user wrote it in TOML (strings quoted, booleans lower case)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return format_number(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def format_number(x: float) -> str:
    """``3.0 -> "3"``, ``2.5 -> "2.5"`` (the shortest exact form)."""
    if float(x).is_integer():
        return str(int(x))
    return repr(float(x))


@dataclass(frozen=True)
class Scale:
    """A scoring scale.

    Parameters
    ----------
    kind : {"numeric", "plus_minus"}
        ``"numeric"``: any finite range ``min < max`` (default 1..5). ``"plus_minus"``: DFØ's
        nine-step scale ``"----"`` .. ``"++++"`` = -4..+4 against the zero option
        ``egen_drift`` (see the module docstring).
    min, max : float
        Bounds of a numeric scale (ignored for ``"plus_minus"``, which is always -4..4).

    Attributes
    ----------
    lower, upper : float
        The bounds the value function anchors to 0 and 1.

    Examples
    --------
    >>> Scale().parse(4)
    4.0
    >>> pm = Scale.plus_minus()
    >>> pm.parse("++"), pm.label(-3.0)
    (2.0, '---')
    >>> float(pm.to_01(0))
    0.5
    """

    kind: Literal["numeric", "plus_minus"] = "numeric"
    min: float = 1.0
    max: float = 5.0

    def __post_init__(self) -> None:
        problems: list[str] = []
        if self.kind == "plus_minus":
            object.__setattr__(self, "min", -4.0)
            object.__setattr__(self, "max", 4.0)
            return
        if self.kind != "numeric":
            problems.append(f"unknown scale kind {show(self.kind)} (allowed: numeric, plus_minus)")
        else:
            for name in ("min", "max"):
                v = getattr(self, name)
                if isinstance(v, bool) or not isinstance(v, int | float | np.number):
                    problems.append(f"{name} must be a number, found {show(v)}")
                elif not math.isfinite(float(v)):
                    problems.append(f"{name} must be finite, found {show(float(v))}")
                else:
                    object.__setattr__(self, name, float(v))
            if not problems and not self.min < self.max:
                problems.append(
                    f"min must be below max, found min = {format_number(self.min)}, "
                    f"max = {format_number(self.max)}"
                )
        if problems:
            raise ValidationError(Problem("<argument>", "scale", p) for p in problems)

    @classmethod
    def numeric(cls, min: float = 1.0, max: float = 5.0) -> Scale:
        """A numeric scale ``min..max``.

        Examples
        --------
        >>> Scale.numeric(0, 10).upper
        10.0
        """
        return cls("numeric", min, max)

    @classmethod
    def plus_minus(cls) -> Scale:
        """DFØ's pluss-minus scale, -4 (``"----"``) .. +4 (``"++++"``).

        Examples
        --------
        >>> Scale.plus_minus().lower
        -4.0
        """
        return cls("plus_minus")

    @property
    def lower(self) -> float:
        """The value mapped to 0 by :meth:`to_01`."""
        return self.min

    @property
    def upper(self) -> float:
        """The value mapped to 1 by :meth:`to_01`."""
        return self.max

    @property
    def zero(self) -> float | None:
        """The zero option's value (0 on the pluss-minus scale; ``None`` on a numeric scale)."""
        return 0.0 if self.kind == "plus_minus" else None

    def allowed(self) -> str:
        """What the scale accepts, for messages."""
        if self.kind == "plus_minus":
            return '"----", "---", "--", "-", "0", "+", "++", "+++", "++++" or -4..4, or "na"'
        return f'a number from {format_number(self.min)} to {format_number(self.max)}, or "na"'

    def _parse(self, value: Any) -> float:
        """Parse one value or raise :class:`ScaleValueError` (message without location)."""
        if isinstance(value, bool):
            raise ScaleValueError(f"found the boolean {show(value)}, not a score", self.allowed())
        if self.kind == "plus_minus":
            if isinstance(value, str):
                text = value.strip().replace("\u2212", "-")
                if text in _PM_VALUE:
                    return float(_PM_VALUE[text])
                raise ScaleValueError(f"{show(value)} is not a pluss-minus label", self.allowed())
            if isinstance(value, int | float | np.number):
                x = float(value)
                if not math.isfinite(x):
                    raise ScaleValueError(f"found {show(x)}, not a finite score", self.allowed())
                if not x.is_integer() or not -4 <= x <= 4:
                    raise ScaleValueError(
                        f"{show(x)} is not on the pluss-minus scale", self.allowed()
                    )
                return x
            raise ScaleValueError(f"found {show(value)}, not a score", self.allowed())
        if isinstance(value, str):
            raise ScaleValueError(
                f"found the text {show(value)}, expected a number", self.allowed()
            )
        if not isinstance(value, int | float | np.number):
            raise ScaleValueError(f"found {show(value)}, expected a number", self.allowed())
        x = float(value)
        if not math.isfinite(x):
            raise ScaleValueError(f"found {show(x)}, not a finite score", self.allowed())
        if not self.min <= x <= self.max:
            raise ScaleValueError(
                f"{format_number(x)} is outside the scale "
                f"{format_number(self.min)}..{format_number(self.max)}",
                self.allowed(),
            )
        return x

    def parse(self, value: Any) -> float:
        """The value of a score written on this scale.

        Parameters
        ----------
        value : float or str
            A number (numeric scale; on the pluss-minus scale an integer -4..4) or a
            pluss-minus label such as ``"++"``.

        Returns
        -------
        float
            The value in scale units.

        Raises
        ------
        samvalg.errors.ValidationError
            For text on a numeric scale, booleans, NaN/inf and values outside the scale.

        Examples
        --------
        >>> Scale.plus_minus().parse("-")
        -1.0
        """
        try:
            return self._parse(value)
        except ScaleValueError as exc:
            raise ValidationError(
                [Problem("<argument>", "value", exc.message, exc.allowed)]
            ) from None

    def label(self, value: float) -> str:
        """How a value is written: ``"++"`` on the pluss-minus scale, ``"3"`` or ``"2.5"`` else.

        Examples
        --------
        >>> Scale.plus_minus().label(0)
        '0'
        >>> Scale().label(2.5)
        '2.5'
        """
        x = float(value)
        if math.isnan(x):
            return "na"
        if self.kind == "plus_minus" and x.is_integer() and -4 <= x <= 4:
            return PLUS_MINUS_LABELS[int(x) + 4]
        return format_number(x)

    def to_01(self, x: ArrayLike, types: ArrayLike | None = None) -> np.ndarray:
        """The scale-anchored value function (NaN stays NaN).

        ``v = (x - lower) / (upper - lower)`` for a benefit criterion and
        ``v = (upper - x) / (upper - lower)`` for a cost criterion (``types`` = -1).

        Parameters
        ----------
        x : array_like
            Values in scale units; the last axis runs over criteria when ``types`` is given.
        types : array_like of +1/-1, optional
            Criterion directions (default: all benefit).

        Examples
        --------
        >>> Scale().to_01([1, 3, 5]).tolist()
        [0.0, 0.5, 1.0]
        """
        arr = np.asarray(x, dtype=float)
        v = (arr - self.lower) / (self.upper - self.lower)
        if types is not None:
            t = np.asarray(types)
            v = np.where(t < 0, 1.0 - v, v)
        return v

    def to_dict(self) -> dict[str, Any]:
        """The scale as written in an assessment file.

        Examples
        --------
        >>> Scale().to_dict()
        {'kind': 'numeric', 'min': 1, 'max': 5}
        """
        if self.kind == "plus_minus":
            return {"kind": "plus_minus"}
        return {"kind": "numeric", "min": _num(self.min), "max": _num(self.max)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scale:
        """Build a scale from its file form (``{"kind": "numeric", "min": 1, "max": 5}``).

        Examples
        --------
        >>> Scale.from_dict({"kind": "plus_minus"}).kind
        'plus_minus'
        """
        kind = data.get("kind", "numeric")
        if kind == "plus_minus":
            return cls("plus_minus")
        return cls(kind, data.get("min", 1.0), data.get("max", 5.0))

    def __str__(self) -> str:
        if self.kind == "plus_minus":
            return "pluss-minus (---- .. ++++)"
        return f"{format_number(self.min)}..{format_number(self.max)}"


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)
