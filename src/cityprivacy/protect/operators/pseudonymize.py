"""Keyed pseudonyms: the same value always gets the same token, and only the key holder
can recompute it.

The token is an HMAC-SHA-256 of the value under the ``"pseudonym"`` subkey, so unlike a
plain (or salted) hash it cannot be reversed by hashing a list of likely names: an
attacker without the key cannot tell which token belongs to "John Smith". With the key,
anyone can: a pseudonymized data set is *personal data* to the key holder, not anonymous.

Collision odds: a token keeps ``length`` hex digits, that is ``4 * length`` bits. Among
``n`` distinct values the chance that any two share a token is about ``n**2 / 2**(4*length+1)``:
with the default 12 digits (48 bits), about 0.2 % for a million distinct values and 16 %
for ten million; with 16 digits (64 bits) about 3 in a million for ten million values.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from typing import TYPE_CHECKING, Final, Literal

from pydantic import Field

from cityprivacy.protect.operators._keyed import require_key
from cityprivacy.protect.operators.base import Operator, SpecBase

if TYPE_CHECKING:
    from cityprivacy.protect.keys import SecretKey

__all__ = ["DEFAULT_PREFIX", "Pseudonymize", "normalize_for_pseudonym"]

DEFAULT_PREFIX: Final = "ID"
"""The token prefix when neither ``prefix`` nor the entity type is known."""

_CACHE_SIZE: Final = 1 << 16
_SPACES: Final = re.compile(r"\s+")


def normalize_for_pseudonym(value: str) -> str:
    """NFKC, case-folded, inner whitespace collapsed to one space, ends stripped.

    ``"John  Smith"``, ``"JOHN SMITH"`` and ``" john smith "`` all become ``"john smith"``.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value).casefold()).strip()


class Pseudonymize(SpecBase):
    """``{PREFIX}_{hex}`` tokens from HMAC-SHA-256 under the ``"pseudonym"`` subkey.

    ``PREFIX`` is ``prefix`` when given, else the entity type (``PERSON_7f3a9c1b2d4e``),
    else ``ID``. The prefix is also hashed with the value, so the same text found as two
    entity types gets two unrelated tokens; give two columns the same ``prefix`` to make
    their tokens join.
    """

    operator: Literal["pseudonymize"] = "pseudonymize"
    prefix: str | None = Field(
        default=None, pattern=r"^[A-Za-z][A-Za-z0-9_]*$", min_length=1, max_length=40
    )
    length: int = Field(default=12, ge=6, le=64)
    normalize: bool = True

    needs_key = True

    def build(self, key: SecretKey | None = None) -> Operator:
        subkey = require_key("pseudonymize", key).derive("pseudonym")
        return _PseudonymizeOperator(self, subkey)


class _PseudonymizeOperator:
    __slots__ = ("_base", "_cache", "_length", "_normalize", "_prefix")

    name = "pseudonymize"
    uses_subject = False

    def __init__(self, spec: Pseudonymize, subkey: bytes) -> None:
        self._base = hmac.new(subkey, digestmod=hashlib.sha256)
        self._prefix = spec.prefix
        self._length = spec.length
        self._normalize = spec.normalize
        # The same names and numbers repeat across millions of cells: remember them.
        self._cache: dict[tuple[str, str], str] = {}

    def apply(
        self, value: str, *, entity: str | None = None, subject: str | None = None
    ) -> str | None:
        label = self._prefix or entity or DEFAULT_PREFIX
        cache_key = (label, value)
        token = self._cache.get(cache_key)
        if token is None:
            token = self._token(label, value)
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[cache_key] = token
        return token

    def _token(self, label: str, value: str) -> str:
        text = normalize_for_pseudonym(value) if self._normalize else value
        mac = self._base.copy()
        # The label and the value are separated by a byte that NFKC text never holds
        # unescaped in a label (labels are [A-Za-z0-9_]), so no two pairs collide.
        mac.update(label.encode("utf-8") + b"\x00" + text.encode("utf-8"))
        return f"{label}_{mac.hexdigest()[: self._length]}"
