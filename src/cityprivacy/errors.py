"""One exception tree for the whole package.

Every error that cityprivacy raises on purpose derives from :class:`CityPrivacyError`,
so callers can catch one class. Messages name *what* is wrong (a file, a line, a
field, a setting) and never carry identifying information in clear: they quote types,
counts and offsets, not matched values.

    CityPrivacyError
    ├── ConfigurationError        a setting or key is missing or invalid
    │   └── KeyMaterialError      a secret key is missing, unreadable or too short
    ├── TaxonomyError             a taxonomy or override file is invalid (with line)
    ├── PolicyError               a protection policy or hierarchy file is invalid (with line)
    ├── PluginError               a plugin failed to load or returned something wrong
    ├── UnknownEntityError        an entity type or taxonomy key that does not exist
    └── InputError                bad input given by the user
        ├── UnreadableFileError   a file that cannot be read (with path, line/row)
        ├── UnsupportedFormatError
        └── HierarchyError        a value missing from its generalization hierarchy

CLI exit codes and (later) HTTP status codes are mapped from this tree in one place:
:func:`exit_code_for`.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "CityPrivacyError",
    "ConfigurationError",
    "HierarchyError",
    "InputError",
    "KeyMaterialError",
    "PluginError",
    "PolicyError",
    "TaxonomyError",
    "UnknownEntityError",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "exit_code_for",
]


class CityPrivacyError(Exception):
    """Base class of every error cityprivacy raises on purpose."""


class ConfigurationError(CityPrivacyError):
    """A setting, key or option is missing or invalid."""


class KeyMaterialError(ConfigurationError):
    """A secret key is missing, unreadable or too short. The message never holds the key."""


class PluginError(CityPrivacyError):
    """A plugin could not be loaded or returned an object of the wrong kind."""


class UnknownEntityError(CityPrivacyError, KeyError):
    """An entity type or taxonomy key that is not known."""

    def __str__(self) -> str:  # KeyError quotes its argument; we want the plain message
        return str(self.args[0]) if self.args else ""


class TaxonomyError(CityPrivacyError):
    """A taxonomy file is invalid. ``source`` and ``line`` say where."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.source = source
        self.line = line
        where = ""
        if source is not None:
            where = f"{source}:{line}: " if line is not None else f"{source}: "
        super().__init__(f"{where}{message}")


class PolicyError(TaxonomyError):
    """A protection policy or hierarchy rules file is invalid. ``source`` and ``line`` say where.

    A subclass of :class:`TaxonomyError` because both are YAML files checked line by line,
    and a policy is checked against the taxonomy.
    """


class InputError(CityPrivacyError):
    """Input given by the user is not usable."""


class UnreadableFileError(InputError):
    """A file could not be read. ``path`` and, where known, ``line`` or ``row`` say where."""

    def __init__(self, path: Path | str, reason: str, *, line: int | None = None):
        self.path = Path(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else f"{self.path}"
        super().__init__(f"{where}: {reason}")


class UnsupportedFormatError(InputError):
    """A file whose format cityprivacy does not read."""


class HierarchyError(InputError):
    """A value of a column has no entry in that column's generalization hierarchy.

    The value is quoted only in masked form (first character and length): hierarchies hold
    quasi-identifier values such as ages and ZIP codes, not names, but the rule of the house
    is that errors carry no identifying values in clear.
    """

    def __init__(self, column: str, value: str, reason: str = "not in its hierarchy"):
        self.column = column
        shown = f"{value[:1]}… ({len(value)} characters)" if len(value) > 3 else repr(value)
        super().__init__(f"column {column!r}: value {shown} {reason}")


# Exit codes of the CLI: 0 clean, 1 findings at or above --fail-on, 2 bad usage or input.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def exit_code_for(error: BaseException) -> int:
    """The CLI exit code for an error: the one place this mapping lives."""
    if isinstance(error, InputError | ConfigurationError | TaxonomyError | UnknownEntityError):
        return EXIT_USAGE
    if isinstance(error, CityPrivacyError):
        return EXIT_USAGE
    return EXIT_INTERNAL


# --- the privacy office service (govern/) ------------------------------------------------
#
#   CityPrivacyError
#   ├── NotFoundError           no such record, or one outside the caller's agency (HTTP 404)
#   ├── PermissionDeniedError   the caller's role may not do this (HTTP 403)
#   ├── ConflictError           someone else changed the record first (HTTP 409)
#   └── WorkflowError           the step is not allowed in the record's state (HTTP 409/422)
#       └── RuleViolationError  a citywide rule refuses the disclosure (names the rules)


class NotFoundError(CityPrivacyError):
    """No such record for this caller: another agency's record answers this too (not 403)."""


class PermissionDeniedError(CityPrivacyError):
    """The caller's role may not take this action on a record it can see."""


class ConflictError(CityPrivacyError):
    """The record changed since it was read (e.g. two approvals at once): reload and retry."""


class WorkflowError(CityPrivacyError):
    """The action is not allowed in the record's current state, or a precondition is missing."""


class RuleViolationError(WorkflowError):
    """A configurable citywide rule refuses the action; ``rules`` lists the rule codes."""

    def __init__(self, message: str, rules: tuple[str, ...] = ()):
        self.rules = rules
        super().__init__(message)


__all__ += [  # appended with the office service (govern/)
    "ConflictError",
    "NotFoundError",
    "PermissionDeniedError",
    "RuleViolationError",
    "WorkflowError",
]
