"""The de-identification operators a policy applies to each value.

Each operator is a frozen Pydantic *spec* (what a policy file holds, validated when it is
loaded) that builds an :class:`Operator` (``spec.build(key)``). :data:`OperatorSpec` is
the union of all specs, told apart by their ``operator`` field, and
:func:`parse_operator` reads one from a policy mapping::

    >>> parse_operator({"operator": "mask", "keep_last": 4}).build().apply("123-45-6789")
    '***-**-6789'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Final, get_args

from pydantic import Field, TypeAdapter

from cityprivacy.protect.operators.base import Operator, SpecBase
from cityprivacy.protect.operators.date_shift import DateShift
from cityprivacy.protect.operators.encrypt import (
    Encrypt,
    EncryptionDomainError,
    FormatPreservingCipher,
)
from cityprivacy.protect.operators.generalize import Generalize
from cityprivacy.protect.operators.mask import Mask
from cityprivacy.protect.operators.pseudonymize import Pseudonymize
from cityprivacy.protect.operators.substitute import Keep, Redact, Replace, Suppress

__all__ = [
    "OPERATOR_NAMES",
    "DateShift",
    "Encrypt",
    "EncryptionDomainError",
    "FormatPreservingCipher",
    "Generalize",
    "Keep",
    "Mask",
    "Operator",
    "OperatorSpec",
    "Pseudonymize",
    "Redact",
    "Replace",
    "SpecBase",
    "Suppress",
    "parse_operator",
]

OperatorSpec = Annotated[
    Redact | Replace | Mask | Pseudonymize | Encrypt | Generalize | DateShift | Suppress | Keep,
    Field(discriminator="operator"),
]
"""Any operator spec; the ``operator`` field says which."""

_SPEC_CLASSES: Final[tuple[type[SpecBase], ...]] = get_args(get_args(OperatorSpec)[0])

OPERATOR_NAMES: Final[tuple[str, ...]] = tuple(
    str(cls.model_fields["operator"].default) for cls in _SPEC_CLASSES
)
"""Every operator name, in the order of :data:`OperatorSpec`."""

_ADAPTER: Final[TypeAdapter[OperatorSpec]] = TypeAdapter(OperatorSpec)


def parse_operator(data: Mapping[str, object]) -> OperatorSpec:
    """The spec ``data`` describes (``{"operator": "mask", "keep_last": 4}``).

    Raises :class:`pydantic.ValidationError` for an unknown operator or a missing, unknown
    or out-of-range parameter; the policy loader adds the file and line.
    """
    return _ADAPTER.validate_python(dict(data))
