"""Number formatting for readers: Norwegian (space thousands, decimal comma) and English."""

from __future__ import annotations

__all__ = ["fmt_number", "fmt_percent"]

_NBSP = "\u00a0"


def fmt_number(x: float, lang: str = "nb", decimals: int = 2) -> str:
    """Format a number for readers.

    Parameters
    ----------
    x : float
        The number.
    lang : {"nb", "en"}
        ``"nb"``: space (no-break) as thousands separator and decimal comma, as the Norwegian
        Language Council recommends (``14 800 000``, ``0,53``); ``"en"``: ``14,800,000``, ``0.53``.
    decimals : int
        Digits after the decimal mark.

    Examples
    --------
    >>> fmt_number(14800000, "nb", 0) == "14\\u00a0800\\u00a0000"
    True
    >>> fmt_number(-0.5321, "nb", 2)
    '−0,53'
    """
    text = f"{abs(x):,.{decimals}f}"
    if lang == "nb":
        text = text.replace(",", _NBSP).replace(".", ",")
        sign = "−" if x < 0 and float(f"{abs(x):.{decimals}f}") != 0 else ""
    else:
        sign = "-" if x < 0 and float(f"{abs(x):.{decimals}f}") != 0 else ""
    return sign + text


def fmt_percent(x: float, lang: str = "nb", decimals: int = 0) -> str:
    """Format a share (0.21) as a percentage (``21 %`` in bokmål, ``21%`` in English)."""
    num = fmt_number(100 * x, lang, decimals)
    return f"{num}{_NBSP}%" if lang == "nb" else f"{num}%"
