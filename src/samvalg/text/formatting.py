"""Numbers for readers: bokmål (no-break space between thousands, decimal comma, ``21 %``) and
English (``14,800,000``, ``0.53``, ``21%``), the format of the briefing and the command line.

Examples
--------
>>> from samvalg.text.formatting import fmt_number, fmt_percent
>>> fmt_number(0.5321, "nb")
'0,53'
>>> fmt_percent(0.21, "en")
'21%'
"""

from __future__ import annotations

from samvalg._format import fmt_number, fmt_percent

__all__ = ["fmt_number", "fmt_percent"]
