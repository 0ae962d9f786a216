"""Write the council briefing for the shipped (illustrative) assessment.

    python examples/council_briefing.py [OUT_DIR] [--lang nb|en] [--n N]

Writes ``index.html`` (open it in a browser, or print it on A4), ``briefing.md``, ``figures/``
and ``data.json`` to OUT_DIR (default: a new temporary folder) and prints the recommendation per
service area. The same as ``samvalg brief --out OUT_DIR``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import samvalg
from samvalg.catalogue import option_label, service_label
from samvalg.report import write_briefing
from samvalg.text.formatting import fmt_percent


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", nargs="?", type=Path, default=None, help="output folder")
    p.add_argument("--lang", choices=("nb", "en"), default="nb")
    p.add_argument("--n", type=int, default=10_000, help="SMAA-2 iterations")
    args = p.parse_args()
    out = args.out if args.out is not None else Path(tempfile.mkdtemp(prefix="samvalg-brief-"))

    assessment = samvalg.example_assessment()
    written = write_briefing(out, assessment, lang=args.lang, n=args.n, seed=0)
    b = written.briefing
    if b.illustrative:
        print(f"*** {b.banner} ***")
    print(f"briefing: {written.html}")
    print(f"data:     {written.data}")
    print(f"figures:  {len(written.figures)} files in {written.out_dir / 'figures'}")
    for row in b.data["summary"]:
        b1 = row["first_rank_acceptability"]
        share = "" if b1 is None else f"  [{fmt_percent(b1, args.lang)}]"
        print(
            f"  {service_label(row['service'], args.lang):<40} "
            f"{option_label(row['recommendation'], args.lang)}{share}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
