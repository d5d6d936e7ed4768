"""What every operator is: a validated parameter model (the *spec*) that builds a callable.

The spec is what a policy file holds (``{operator: mask, keep_last: 4}``); it is a frozen
Pydantic model that refuses unknown or out-of-range parameters, so a bad policy fails when
it is loaded, before any data is touched. ``spec.build(key)`` turns it into an
:class:`Operator`, binding the secret key for the operators that need one (a spec whose
``needs_key`` is true and gets no key raises :class:`~cityprivacy.errors.KeyMaterialError`).

An operator maps one value to its protected form:

* ``value`` is the text of a finding in free text, or a whole table cell;
* ``entity`` is the entity type name the value was found as (``"US_SSN"``), when known;
* ``subject`` identifies the person the value belongs to (a table's subject column, or
  ``None``); the date shift uses it so that all of one person's dates move together;
* the result is the replacement text, or ``None`` to remove the value (an empty span in
  text, a null cell in a table).

A built operator whose output does not depend on ``subject`` says so with a class
attribute ``uses_subject = False``: tables then transform each distinct value of a column
once per batch (:func:`uses_subject` is true for an operator that does not say).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from cityprivacy.protect.keys import SecretKey

__all__ = ["Operator", "SpecBase", "uses_subject"]


class Operator(Protocol):
    """A built operator: ``name`` (for summaries) and ``apply``."""

    @property
    def name(self) -> str: ...

    def apply(
        self, value: str, *, entity: str | None = None, subject: str | None = None
    ) -> str | None: ...


def uses_subject(operator: Operator) -> bool:
    """Whether ``operator``'s output may depend on ``subject``; true unless it says not."""
    return bool(getattr(operator, "uses_subject", True))


class SpecBase(BaseModel):
    """Base of every operator spec: frozen, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    needs_key: ClassVar[bool] = False

    def build(self, key: SecretKey | None = None) -> Operator:
        raise NotImplementedError  # pragma: no cover - every spec overrides it
