"""Number formatting for Norwegian and English readers."""

from samvalg._format import fmt_number, fmt_percent

NBSP = "\u00a0"


def test_norwegian_thousands_and_decimal_comma() -> None:
    assert fmt_number(14_800_000, "nb", 0) == f"14{NBSP}800{NBSP}000"
    assert fmt_number(17.6, "nb", 1) == "17,6"
    assert fmt_number(1234.5678, "nb", 2) == f"1{NBSP}234,57"


def test_english_format() -> None:
    assert fmt_number(14_800_000, "en", 0) == "14,800,000"
    assert fmt_number(0.5321, "en", 2) == "0.53"


def test_negative_uses_minus_sign_in_norwegian_and_no_negative_zero() -> None:
    assert fmt_number(-0.5321, "nb", 2) == "−0,53"
    assert fmt_number(-0.0001, "nb", 2) == "0,00"
    assert fmt_number(-2.5, "en", 1) == "-2.5"


def test_percent() -> None:
    assert fmt_percent(0.21, "nb") == f"21{NBSP}%"
    assert fmt_percent(0.105, "en", 1) == "10.5%"
