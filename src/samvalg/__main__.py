"""``python -m samvalg``: the command line, as the ``samvalg`` program (see :mod:`samvalg.cli`)."""

from __future__ import annotations

from samvalg.cli import main

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
