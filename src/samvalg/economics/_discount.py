"""Discount factors and present value at a real discount rate (R-109/2021)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np

from samvalg.economics._assumptions import DISCOUNT_RATE
from samvalg.errors import SamvalgError


def discount_factors(horizon: int, rate: float | str = DISCOUNT_RATE) -> np.ndarray:
    """Discount factors :math:`d_t` for years :math:`t = 0, \\dots, H`.

    A constant real rate gives :math:`d_t = (1+r)^{-t}`. ``rate="r109"`` gives R-109/2021's
    declining schedule: 4 % for years 1–40 and 3 % for years 41–75,
    :math:`d_t = 1.04^{-\\min(t,40)} \\, 1.03^{-\\max(t-40,0)}` (horizons up to 75 years).

    Examples
    --------
    >>> discount_factors(2, 0.04).round(6).tolist()
    [1.0, 0.961538, 0.924556]
    """
    if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon < 0:
        raise SamvalgError(f"horizon: expected a whole number of years >= 0, got {horizon!r}")
    t = np.arange(int(horizon) + 1, dtype=float)
    if isinstance(rate, str):
        if rate != "r109":
            raise SamvalgError(
                f"discount_rate: unknown schedule {rate!r} (allowed: a number, or 'r109')"
            )
        if horizon > 75:
            raise SamvalgError(
                f"horizon: {horizon} years is beyond the R-109/2021 schedule (at most 75 years)"
            )
        return cast(np.ndarray, 1.04 ** -np.minimum(t, 40) * 1.03 ** -np.maximum(t - 40, 0))
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not np.isfinite(rate):
        raise SamvalgError(f"discount_rate: expected a number such as 0.04, got {rate!r}")
    if rate <= -1:
        raise SamvalgError(f"discount_rate: {rate} must be greater than -1 (0.04 = 4 %)")
    if rate > 1:
        raise SamvalgError(
            f"discount_rate: {rate} is above 100 % a year; give the rate as a share (0.04 = 4 %)"
        )
    return (1.0 + float(rate)) ** -t


def present_value(flows: Sequence[float] | np.ndarray, rate: float | str = DISCOUNT_RATE) -> float:
    """Present value :math:`PV = \\sum_{t=0}^{H} CF_t (1+r)^{-t}` of yearly flows (year 0 first).

    Year 0 is not discounted (the convention of DFØ's «Veileder i samfunnsøkonomiske analyser»
    when the analysis year is the first year of the flows).

    Examples
    --------
    >>> round(present_value([-100.0, 60.0, 60.0], 0.04), 4)
    13.1657
    """
    arr = np.asarray(flows, dtype=float)
    if arr.ndim != 1:
        raise SamvalgError(
            f"flows: expected a 1-D sequence of yearly amounts, got shape {arr.shape}"
        )
    if not np.all(np.isfinite(arr)):
        raise SamvalgError("flows: every yearly amount must be a finite number")
    return float(arr @ discount_factors(arr.size - 1, rate))
