"""Let a module double as the function of the same name in the flat API.

``samvalg.catalogue``, ``samvalg.feasibility`` and ``samvalg.evaluate`` are public *functions*
living in modules of the same name. Importing such a module (``from samvalg.evaluate import
View``) makes the import system bind the *module* to the package attribute, shadowing the lazily
exported function. Giving the module a ``__call__`` keeps ``samvalg.evaluate(...)`` working
however the package was imported.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any

__all__ = ["make_module_callable"]


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.__dict__["__samvalg_call__"](*args, **kwargs)


def make_module_callable(module_name: str, func: Callable[..., Any]) -> None:
    """Make ``sys.modules[module_name]`` callable as ``func``."""
    module = sys.modules[module_name]
    module.__samvalg_call__ = func  # type: ignore[attr-defined]
    module.__class__ = _CallableModule
