"""Sub-commands of the ``samvalg`` CLI, one module each.

Each module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
Add a command by writing its module and listing it in :data:`COMMANDS` (order = help order).
"""

from __future__ import annotations

COMMANDS: tuple[str, ...] = (
    "init",
    "brief",
    "catalogue",
    "validate",
    "evaluate",
    "smaa",
    "sensitivity",
    "economics",
    "allocate",
    "group",
    "template",
    "schema",
)
