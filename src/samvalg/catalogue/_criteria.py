"""Catalogue models of the criteria: :class:`Criterion` and :class:`CriteriaSet`."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
)

from samvalg.catalogue._base import Id, Text, _Model

__all__ = ["CriteriaSet", "Criterion"]


class Criterion(_Model):
    """One criterion: exact Norwegian wording, English, what a high score means, its source.

    ``direction`` is ``"benefit"`` when a higher score is better (all shipped criteria).
    ``set_id`` is filled in by the loader from the set the criterion is listed under.
    """

    id: Id
    name_nb: Text
    name_en: Text
    description_nb: Text
    description_en: Text
    direction: Literal["benefit", "cost"]
    source: Text
    set_id: Id


class CriteriaSet(_Model):
    """An ordered criteria set (``strategy``, ``gains`` or ``model``)."""

    id: Id
    name_nb: Text
    name_en: Text
    source: Text
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    @property
    def ids(self) -> tuple[str, ...]:
        """Criterion ids in set order."""
        return tuple(c.id for c in self.criteria)
