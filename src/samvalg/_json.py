"""JSON text for result objects: one ``to_json`` for every result that has ``to_dict``."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["JSONMixin"]


class JSONMixin:
    """Adds :meth:`to_json` to a class that defines ``to_dict()``."""

    __slots__ = ()

    def to_json(self, **kwargs: Any) -> str:
        """JSON text of :meth:`to_dict`.

        ``ensure_ascii=False`` (æøå stay readable) and ``indent=2`` unless given; other
        keyword arguments go to :func:`json.dumps`.
        """
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)  # type: ignore[attr-defined]
