"""Masking: hide all but the first and last few characters, in place.

``123-45-6789`` becomes ``***-**-6789``: the length and the separators stay, so a reader
still sees what kind of value it was and can check the last four digits against a
document. That is the point, and the limit: the kept characters are disclosed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal

from pydantic import Field

from cityprivacy.protect.operators.base import Operator, SpecBase

if TYPE_CHECKING:
    from cityprivacy.protect.keys import SecretKey

__all__ = ["SEPARATORS", "Mask"]

SEPARATORS: Final = frozenset("-. /()\u00a0")
"""Kept in place when ``keep_separators`` is on: dash, dot, space, slash, parentheses."""


class Mask(SpecBase):
    """Replace every character but the first ``keep_first`` and last ``keep_last``.

    With ``keep_separators`` (the default) dashes, dots, spaces, slashes and parentheses
    stay in place and do not count toward the kept characters, so ``keep_last: 4`` keeps
    four digits of ``123-45-6789``. A value with no more than ``keep_first + keep_last``
    countable characters is masked whole: keeping them would show all of it.
    """

    operator: Literal["mask"] = "mask"
    keep_last: int = Field(default=4, ge=0, le=64)
    keep_first: int = Field(default=0, ge=0, le=64)
    char: str = Field(default="*", min_length=1, max_length=1)
    keep_separators: bool = True

    def build(self, key: SecretKey | None = None) -> Operator:
        return _MaskOperator(self)


class _MaskOperator:
    __slots__ = ("_char", "_first", "_last", "_separators")

    name = "mask"
    uses_subject = False

    def __init__(self, spec: Mask) -> None:
        self._first = spec.keep_first
        self._last = spec.keep_last
        self._char = spec.char
        self._separators = SEPARATORS if spec.keep_separators else frozenset()

    def apply(
        self, value: str, *, entity: str | None = None, subject: str | None = None
    ) -> str | None:
        separators = self._separators
        countable = [i for i, ch in enumerate(value) if ch not in separators]
        if len(countable) <= self._first + self._last:
            # Keeping that many would show the whole value: hide all of it instead.
            hidden = set(countable)
        else:
            hidden = set(countable[self._first : len(countable) - self._last])
        return "".join(self._char if i in hidden else ch for i, ch in enumerate(value))
