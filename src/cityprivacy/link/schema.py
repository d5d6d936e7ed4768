"""The linkage schema: which fields are encoded, how, and how hard the encoding is made.

Both agencies encode with the same schema file and the same shared secret; the schema's
**fingerprint** (SHA-256 of its canonical JSON, defaults filled in) travels with the
encodings, and ``match`` refuses two files whose fingerprints differ, because encodings
made under different schemas are not comparable even when they look alike.

A schema in YAML::

    name: city-person
    id_column: client_id
    encoding: {length: 512, hash: aes-256}
    hardening:
      balance: true             # see cityprivacy.link.harden
      xor_fold: false
      salt: {field: dob, part: year}
    fields:
      - {name: first_name, kind: given_name, bits: 150, salted: true}
      - {name: last_name, kind: surname, bits: 150}
      - {name: dob, kind: date, bits: 150}
    blocking:
      - soundex(last_name) + year(dob)

``bits`` is how many Bloom-filter bits a field sets in all (spread over its tokens, as
clkhash's ``bitsPerFeature``), which is how much it weighs in the similarity;
``bits_per_token`` sets a fixed number per token instead. ``bits: 0`` reads a field
without encoding it (for a salt or a blocking key only). ``length`` is the filter's length
before hardening (balancing doubles it, XOR-folding halves it).
"""

from __future__ import annotations

import hashlib
import json
import re
from enum import StrEnum
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cityprivacy._textfile import read_text_file
from cityprivacy.errors import PolicyError
from cityprivacy.link.normalize import FieldKind, NormalizeOptions
from cityprivacy.link.prf import PrfKind
from cityprivacy.taxonomy._yaml import line_of, parse_yaml

__all__ = [
    "BUILTIN_SCHEMAS",
    "BlockingKey",
    "BlockingPass",
    "EncodingSpec",
    "FieldSpec",
    "Hardening",
    "LinkSchema",
    "SaltSpec",
    "TokenScheme",
    "load_schema",
]

BUILTIN_SCHEMAS = ("city", "febrl")
"""Schemas shipped in ``cityprivacy/link/schemas/``: ``--schema city`` uses ``city.yaml``."""

_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"
_PATH = re.compile(r"^([a-z_]+(?:\[\d+\]|\.[a-z_]+)*): ")


class TokenScheme(StrEnum):
    """How a normalized value becomes the tokens hashed into the filter.

    ``qgrams``: overlapping substrings of ``q`` characters of the value padded with ``_``
    (``_jo``, ``joh``... for q=3), so one typo changes only a few tokens; ``positional``:
    each character with its position (``1:1``, ``2:9``...), for digit strings where a
    digit's place matters; ``exact``: the whole value as one token.
    """

    QGRAMS = "qgrams"
    POSITIONAL = "positional"
    EXACT = "exact"


_DEFAULT_TOKENS = {
    FieldKind.DATE: TokenScheme.POSITIONAL,
    FieldKind.SSN: TokenScheme.POSITIONAL,
    FieldKind.PHONE: TokenScheme.POSITIONAL,
    FieldKind.ZIP: TokenScheme.POSITIONAL,
    FieldKind.DIGITS: TokenScheme.POSITIONAL,
    FieldKind.SEX: TokenScheme.EXACT,
    FieldKind.CODE: TokenScheme.EXACT,
}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FieldSpec(_Model):
    """One field of the encoding: its input column, kind, tokens and weight."""

    name: str = Field(pattern=_NAME)
    column: str | None = Field(None, description="Input column (default: the field name).")
    kind: FieldKind
    tokens: TokenScheme | None = None
    q: int = Field(2, ge=1, le=4)
    bits: int | None = Field(None, ge=0, le=4096)
    bits_per_token: int | None = Field(None, ge=1, le=256)
    salted: bool = False
    nicknames: bool = True
    day_first: bool = False
    region: str = Field("US", pattern=r"^[A-Z]{2}$")

    @model_validator(mode="after")
    def _one_weight(self) -> FieldSpec:
        if (self.bits is None) == (self.bits_per_token is None):
            raise ValueError("give exactly one of bits (per field) or bits_per_token")
        return self

    @property
    def source_column(self) -> str:
        return self.column or self.name

    @property
    def token_scheme(self) -> TokenScheme:
        return self.tokens or _DEFAULT_TOKENS.get(self.kind, TokenScheme.QGRAMS)

    @property
    def options(self) -> NormalizeOptions:
        return NormalizeOptions(
            nicknames=self.nicknames, day_first=self.day_first, region=self.region
        )


class EncodingSpec(_Model):
    """The Bloom filter: its length in bits before hardening, and the keyed hash."""

    length: int = Field(1024, ge=64, le=65536, multiple_of=64)
    hash: PrfKind = "aes-256"


class SaltSpec(_Model):
    """Salt the ``salted`` fields with the value (or birth year) of a stable field."""

    field: str = Field(pattern=_NAME)
    part: Literal["year", "value"] = "year"


class Hardening(_Model):
    """Defences against cryptanalysis of the encodings (see :mod:`cityprivacy.link.harden`)."""

    balance: bool = False
    xor_fold: bool = False
    salt: SaltSpec | None = None


_KEY_FUNCTIONS = ("soundex", "initial", "year", "month_day", "value")
_KEY = re.compile(r"^\s*(?:(?P<func>[a-z_]+[0-9]?)\s*\(\s*(?P<field>\w+)\s*\)|(?P<bare>\w+))\s*$")


class BlockingKey(_Model):
    """One part of a blocking key: a function of one field (``soundex(last_name)``)."""

    function: str
    field: str

    def __str__(self) -> str:
        return f"{self.function}({self.field})"


class BlockingPass(_Model):
    """Records that agree on every part of a pass are compared (``soundex(x) + year(y)``).

    Written in YAML as that string; parsed here.
    """

    keys: tuple[BlockingKey, ...]

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: object) -> object:
        return {"keys": _parse_keys(data)} if isinstance(data, str) else data

    def __str__(self) -> str:
        return " + ".join(str(k) for k in self.keys)


def _parse_keys(text: str) -> list[BlockingKey]:
    keys = []
    for part in text.split("+"):
        m = _KEY.match(part)
        if m is None:
            raise ValueError(f"blocking key {part.strip()!r} is not FUNCTION(FIELD) or FIELD")
        func, field = (m["func"], m["field"]) if m["func"] else ("value", m["bare"])
        if func not in _KEY_FUNCTIONS and not re.fullmatch(r"(?:first|last)[1-9]", func):
            known = ", ".join((*_KEY_FUNCTIONS, "firstN", "lastN"))
            raise ValueError(f"unknown blocking function {func!r} (known: {known})")
        keys.append(BlockingKey(function=func, field=field))
    return keys


def parse_blocking_pass(text: str) -> BlockingPass:
    """``"soundex(last_name) + year(dob)"`` → a :class:`BlockingPass`."""
    return BlockingPass.model_validate(text)


class LinkSchema(_Model):
    """A complete linkage schema (see the module docstring for the YAML form).

    Cross-field problems are reported as ``path: message`` (``blocking[1]: ...``), which
    :func:`parse_schema` turns into the line of that path.
    """

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    id_column: str | None = None
    encoding: EncodingSpec = EncodingSpec()
    hardening: Hardening = Hardening()
    fields: tuple[FieldSpec, ...] = Field(min_length=1)
    blocking: tuple[BlockingPass, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> LinkSchema:
        names = [f.name for f in self.fields]
        for i, name in enumerate(names):
            if name in names[:i]:
                raise ValueError(f"fields[{i}]: field name {name!r} is used twice")
        salt = self.hardening.salt
        if salt is not None:
            if salt.field not in names:
                raise ValueError(f"hardening.salt.field: {salt.field!r} is not a field")
            if salt.part == "year" and self.field(salt.field).kind is not FieldKind.DATE:
                raise ValueError("hardening.salt.part: 'year' needs a date field")
        else:
            for i, spec in enumerate(self.fields):
                if spec.salted:
                    raise ValueError(f"fields[{i}].salted: hardening.salt names no salt field")
        for p, blocking in enumerate(self.blocking):
            for key in blocking.keys:
                if key.field not in names:
                    raise ValueError(f"blocking[{p}]: {key.field!r} is not a field")
        if self.hardening.xor_fold and self.filter_bits % 128:
            raise ValueError("hardening.xor_fold: needs a filter of a multiple of 128 bits")
        return self

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def filter_bits(self) -> int:
        """Bits after balancing (before folding)."""
        return self.encoding.length * (2 if self.hardening.balance else 1)

    @property
    def output_bits(self) -> int:
        """Length of the final encoding, after every hardening step."""
        return self.filter_bits // (2 if self.hardening.xor_fold else 1)

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of the canonical JSON of the schema, defaults included."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_schema(path_or_name: Path | str) -> LinkSchema:
    """Read a schema file, or a shipped schema by name (``city``, ``febrl``).

    Raises :class:`~cityprivacy.errors.PolicyError` naming the file and line of the problem.
    """
    path = Path(path_or_name)
    if not path.exists() and str(path_or_name) in BUILTIN_SCHEMAS:
        source = f"{path_or_name} (shipped schema)"
        resource = resources.files("cityprivacy.link").joinpath(f"schemas/{path_or_name}.yaml")
        text = resource.read_text("utf-8")
    else:
        source = str(path)
        if not path.exists():
            known = ", ".join(BUILTIN_SCHEMAS)
            raise PolicyError(
                f"cannot read the linkage schema: not found (shipped schemas: {known})",
                source=source,
            )
        text = read_text_file(path, label="linkage schema", error=PolicyError)
    return parse_schema(text, source)


def parse_schema(text: str, source: str = "<schema>") -> LinkSchema:
    """A schema from YAML text; errors name ``source`` and the line."""
    document = parse_yaml(text, source, error=PolicyError)
    if not isinstance(document.data, dict):
        raise PolicyError(
            "a linkage schema is a mapping (name:, fields:, ...)", source=source, line=1
        )
    try:
        return LinkSchema.model_validate(document.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc: list[str | int] = [p for p in first["loc"] if isinstance(p, str | int)]
        message = first["msg"].removeprefix("Value error, ")
        if not loc and (m := _PATH.match(message)):
            loc = [int(p) if p.isdigit() else p for p in re.findall(r"\w+", m[1])]
            message = message[m.end() :]
        where = ".".join(str(p) for p in loc) or "schema"
        line = line_of(document.root, loc)
        more = f" ({exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise PolicyError(f"{where}: {message}{more}", source=source, line=line) from None
