"""Operators that drop or substitute the whole value: redact, replace, suppress, keep."""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from cityprivacy.protect.operators.base import Operator, SpecBase

if TYPE_CHECKING:
    from cityprivacy.protect.keys import SecretKey

__all__ = ["Keep", "Redact", "Replace", "Suppress"]


class Redact(SpecBase):
    """Remove the value: an empty span in text, a null cell in a table."""

    operator: Literal["redact"] = "redact"

    def build(self, key: SecretKey | None = None) -> Operator:
        return _Constant("redact", None)


class Suppress(SpecBase):
    """Replace the value with a marker (default ``*``, ARX's suppression marker).

    Unlike :class:`Redact`, the marker keeps the fact that a value was there.
    """

    operator: Literal["suppress"] = "suppress"
    marker: str = Field(default="*", min_length=1, max_length=64)

    def build(self, key: SecretKey | None = None) -> Operator:
        return _Constant("suppress", self.marker)


class Keep(SpecBase):
    """Pass the value through unchanged: a policy saying explicitly "leave this"."""

    operator: Literal["keep"] = "keep"

    def build(self, key: SecretKey | None = None) -> Operator:
        return _KeepOperator()


class Replace(SpecBase):
    """Replace the value with a tag naming its type: ``<{entity}>`` gives ``<PERSON>``.

    When the entity type is not known, ``fallback`` stands in for it (``<REDACTED>``).
    """

    operator: Literal["replace"] = "replace"
    template: str = Field(default="<{entity}>", min_length=1, max_length=200)
    fallback: str = Field(default="REDACTED", min_length=1, max_length=64)

    @field_validator("template")
    @classmethod
    def _only_entity_placeholder(cls, template: str) -> str:
        try:
            fields = [name for _, name, _, _ in string.Formatter().parse(template)]
        except ValueError as exc:
            raise ValueError(f"template is not a valid format string: {exc}") from None
        unknown = sorted({name for name in fields if name is not None and name != "entity"})
        if unknown:
            raise ValueError(
                f"template may only use the placeholder {{entity}}, not {{{unknown[0]}}}"
            )
        return template

    def build(self, key: SecretKey | None = None) -> Operator:
        return _ReplaceOperator(self.template, self.fallback)


class _Constant:
    """Every value becomes the same result."""

    __slots__ = ("_result", "name")

    uses_subject = False

    def __init__(self, name: str, result: str | None) -> None:
        self.name = name
        self._result = result

    def apply(
        self, value: str, *, entity: str | None = None, subject: str | None = None
    ) -> str | None:
        return self._result


class _KeepOperator:
    __slots__ = ()

    name = "keep"
    uses_subject = False

    def apply(
        self, value: str, *, entity: str | None = None, subject: str | None = None
    ) -> str | None:
        return value


class _ReplaceOperator:
    __slots__ = ("_fallback", "_tags", "_template")

    name = "replace"
    uses_subject = False

    def __init__(self, template: str, fallback: str) -> None:
        self._template = template
        self._fallback = template.format(entity=fallback)
        self._tags: dict[str, str] = {}

    def apply(
        self, value: str, *, entity: str | None = None, subject: str | None = None
    ) -> str | None:
        if entity is None:
            return self._fallback
        tag = self._tags.get(entity)
        if tag is None:
            tag = self._tags[entity] = self._template.format(entity=entity)
        return tag
