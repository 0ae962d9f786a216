"""Helpers shared by the CLI sub-commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["check_sampling_options", "load_assessment_or_example"]


def load_assessment_or_example(file: Path | None) -> Any:
    """The assessment in ``file``, or the shipped illustrative example when ``file`` is None."""
    from samvalg.io import example_assessment, load_assessment

    if file is None:
        return example_assessment()
    return load_assessment(file)


def check_sampling_options(n: int, seed: int) -> None:
    """Refuse ``--n`` outside 1 .. 10**7 and a negative ``--seed`` with a located error.

    Checked before any file is read, so a bad option fails at once with one line per problem
    (``samvalg: error: <argument>: --seed: ...``, exit code 2), never with a traceback.
    """
    from samvalg.errors import Problem, ValidationError
    from samvalg.smaa._validation import MAX_N

    problems = []
    if not 1 <= n <= MAX_N:
        problems.append(
            Problem(
                "<argument>",
                "--n",
                f"is {n:,}",
                f"a whole number of iterations from 1 to {MAX_N:,}",
            )
        )
    if seed < 0:
        problems.append(
            Problem("<argument>", "--seed", f"is {seed}, a negative number", "a whole number >= 0")
        )
    if problems:
        raise ValidationError(problems)
