"""Format-preserving encryption (FF3-1, NIST SP 800-38G Rev. 1) that the key holder can undo.

``123-45-6789`` becomes ``804-17-2231``: same length, same separators, still digits, so
the value fits the same column and passes the same format checks, yet only the holder of
the key can get the original back (with :meth:`reverse`). That is also what it does *not*
defend against: anyone with the key reverses every value, and equal inputs give equal
outputs, so counts and joins on the column still work for an attacker too.

How values map onto FF3-1:

* ``alphabet: digits`` encrypts the ASCII digits of the value as one radix-10 FF3-1
  message; every other character (dashes, spaces, letters...) stays where it is.
* ``alphabet: alphanumeric`` also encrypts ASCII letters, and keeps each position's kind:
  a digit stays a digit, a letter stays a letter of the same case (``AB1234567C`` →
  ``QX5602913K``). The positions form one mixed-radix number (10 per digit, 26 per
  letter) that is encrypted as a radix-10 FF3-1 message and *cycle-walked* (encrypted
  again until it falls inside the value's own domain), which keeps FF3-1's security on
  that smaller domain. An all-digit value gives the same result in both modes.

FF3-1 needs a domain of at least one million values: at least 6 digits, or a mix worth as
much (5 letters, or 2 letters and 3 digits...). A shorter value raises
:class:`EncryptionDomainError` (an :class:`~cityprivacy.errors.InputError` and a
``ValueError``) whose message gives the length, never the value; with
``too_short: suppress`` it becomes ``*`` instead, which cannot be reversed. Values longer
than FF3-1's maximum (56 digits) always raise.

The FF3 key is the ``"ff3"`` subkey (256 bits). The 56-bit FF3-1 tweak is an HMAC of the
``tweak`` parameter, or else of the entity type, under the ``"ff3-tweak"`` subkey: the same
number found as two types encrypts differently, and reversing needs the same entity type
(or tweak) as encrypting.
"""

from __future__ import annotations

import hashlib
import hmac
import string
from typing import TYPE_CHECKING, Any, Final, Literal

from ff3 import FF3Cipher
from pydantic import Field

from cityprivacy.errors import InputError
from cityprivacy.protect.operators._keyed import require_key
from cityprivacy.protect.operators.base import SpecBase

if TYPE_CHECKING:
    from cityprivacy.protect.keys import SecretKey

__all__ = ["Encrypt", "EncryptionDomainError", "FormatPreservingCipher"]

_CACHE_SIZE: Final = 1 << 16
_MIN_DOMAIN: Final = 1_000_000
_RADIX: Final = 10
_MAX_DIGITS: Final = 56  # FF3-1 with radix 10: 2 * floor(96 / log2(10))
_TWEAK_BYTES: Final = 7  # 56 bits: FF3-1 (64-bit tweaks are the broken original FF3)
_DIGITS: Final = frozenset(string.digits)
_LETTERS: Final = frozenset(string.ascii_letters)
_LOWER: Final = string.ascii_lowercase


class EncryptionDomainError(InputError, ValueError):
    """A value too short (``too_short`` true) or too long for FF3-1.

    The message holds counts, never the value.
    """

    def __init__(self, message: str, *, too_short: bool) -> None:
        super().__init__(message)
        self.too_short = too_short


class Encrypt(SpecBase):
    """Format-preserving encryption with FF3-1; reversible with the key."""

    operator: Literal["encrypt"] = "encrypt"
    alphabet: Literal["digits", "alphanumeric"] = "digits"
    tweak: str | None = Field(default=None, min_length=1, max_length=200)
    too_short: Literal["error", "suppress"] = "error"

    needs_key = True

    def build(self, key: SecretKey | None = None) -> FormatPreservingCipher:
        return FormatPreservingCipher(self, require_key("encrypt", key))


class FormatPreservingCipher:
    """The built ``encrypt`` operator: :meth:`apply` encrypts, :meth:`reverse` decrypts."""

    __slots__ = ("_cache", "_cipher", "_letters", "_spec", "_tweak_key", "_tweaks")

    name = "encrypt"
    uses_subject = False

    def __init__(self, spec: Encrypt, key: SecretKey) -> None:
        self._spec = spec
        self._letters = spec.alphabet == "alphanumeric"
        self._tweak_key = key.derive("ff3-tweak")
        self._tweaks: dict[str, str] = {}
        # FF3-1 in Python costs ~0.1 ms a value, and the same numbers repeat: remember them.
        self._cache: dict[tuple[str | None, str], str] = {}
        self._cipher: Any = FF3Cipher(key.derive("ff3", 32).hex(), self._tweak(None), _RADIX)

    def apply(
        self, value: str, *, entity: str | None = None, subject: str | None = None
    ) -> str | None:
        cache_key = (entity, value)
        encrypted = self._cache.get(cache_key)
        if encrypted is None:
            try:
                encrypted = self._transform(value, entity, encrypt=True)
            except EncryptionDomainError as error:
                if error.too_short and self._spec.too_short == "suppress":
                    return "*"
                raise
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[cache_key] = encrypted
        return encrypted

    def reverse(self, value: str, *, entity: str | None = None) -> str:
        """The original of an encrypted ``value`` (the same ``entity`` as when encrypting)."""
        return self._transform(value, entity, encrypt=False)

    def _tweak(self, entity: str | None) -> str:
        label = self._spec.tweak if self._spec.tweak is not None else (entity or "")
        tweak = self._tweaks.get(label)
        if tweak is None:
            mac = hmac.new(self._tweak_key, label.encode("utf-8"), hashlib.sha256)
            tweak = self._tweaks[label] = mac.digest()[:_TWEAK_BYTES].hex()
        return tweak

    def _transform(self, value: str, entity: str | None, *, encrypt: bool) -> str:
        positions = [
            i for i, ch in enumerate(value) if ch in _DIGITS or (self._letters and ch in _LETTERS)
        ]
        radices = [_RADIX if value[i] in _DIGITS else 26 for i in positions]
        domain = 1
        for radix in radices:
            domain *= radix
        _check_domain(len(positions), domain, letters=self._letters)
        number = 0
        for i, radix in zip(positions, radices, strict=True):
            ch = value[i]
            number = number * radix + (int(ch) if radix == _RADIX else _LOWER.index(ch.lower()))
        number = self._walk(number, domain, self._tweak(entity), encrypt=encrypt)
        out = list(value)
        for i, radix in zip(reversed(positions), reversed(radices), strict=True):
            number, symbol = divmod(number, radix)
            if radix == _RADIX:
                out[i] = str(symbol)
            else:
                letter = _LOWER[symbol]
                out[i] = letter.upper() if value[i].isupper() else letter
        return "".join(out)

    def _walk(self, number: int, domain: int, tweak: str, *, encrypt: bool) -> int:
        """Encrypt (or decrypt) ``number`` in ``[0, domain)``, cycle-walking the carrier.

        The carrier is the smallest run of decimal digits that holds every number below
        ``domain``; FF3-1 permutes the carrier's values, and repeating it until the result
        is below ``domain`` again is a permutation of ``[0, domain)`` (Black and Rogaway's
        cycle walking). Expected repetitions: fewer than 10.
        """
        width = len(str(domain - 1))
        step = self._cipher.encrypt_with_tweak if encrypt else self._cipher.decrypt_with_tweak
        while True:
            number = int(step(str(number).zfill(width), tweak))
            if number < domain:
                return number


def _check_domain(count: int, domain: int, *, letters: bool) -> None:
    kind = "letters and digits" if letters else "digits"
    if domain < _MIN_DOMAIN:
        raise EncryptionDomainError(
            f"encrypt: the value has {count} {kind} to encrypt; FF3-1 needs a domain of at "
            "least one million values (6 digits, or 5 letters); set too_short: suppress "
            "to turn such values into '*'",
            too_short=True,
        )
    if len(str(domain - 1)) > _MAX_DIGITS:
        raise EncryptionDomainError(
            f"encrypt: the value has {count} {kind} to encrypt, more than FF3-1 takes "
            f"(a domain of at most 10**{_MAX_DIGITS})",
            too_short=False,
        )
