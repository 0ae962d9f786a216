"""Write the JSON Schemas shipped in src/samvalg/schemas/ from the pydantic models.

    .venv/bin/python docs/build_schemas.py           # rewrite both schema files
    .venv/bin/python docs/build_schemas.py --check   # exit 1 if a committed file is stale

tests/test_schema.py regenerates them and requires the committed files to be equal, so a change
to a model fails there until this script is run and the files are committed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "samvalg" / "schemas"


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with ``--check`` compare) ``<kind>.schema.json`` for every kind."""
    from samvalg import schemas

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", action="store_true", help="compare only; exit 1 if stale")
    p.add_argument("--out", type=Path, default=OUT, help="folder to write to")
    args = p.parse_args(argv)
    stale = []
    for kind in schemas.KINDS:
        target = args.out / f"{kind}.schema.json"
        fresh = schemas.dumps(schemas.generate(kind))  # type: ignore[arg-type]
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != fresh:
                stale.append(str(target))
            continue
        target.write_text(fresh, encoding="utf-8")
        print(f"wrote {target}")
    for path in stale:
        print(f"stale: {path} (run docs/build_schemas.py)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
