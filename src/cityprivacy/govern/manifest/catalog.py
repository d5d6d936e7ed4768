"""The rules a manifest is checked against, and what a broken one looks like.

:data:`RULES` is the one list of rule codes: the checks report them, the README documents
each of them (a test holds the two together), and ``--json`` consumers can rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["RULES", "Violation"]

RULES = MappingProxyType(
    {
        "unknown-type": "a taxonomy key the taxonomy does not have",
        "retired-type": "a taxonomy type that is retired on the date checked",
        "missing-purpose": "a dataset holding identifying information, or a planned "
        "disclosure, without its purpose",
        "missing-mission-justification": "the same without how it furthers the agency's mission",
        "missing-retention": "a dataset holding identifying information without a records "
        "schedule item (on the dataset or on each field)",
        "missing-collection-basis": "a field holding identifying types without a collection basis",
        "no-lawful-basis": "a field collected as routine that no collection designation in "
        "force covers, or on another basis without the approval, law or consent form it rests "
        "on (basis_reference)",
        "never-routine": 'routine claimed where a "never routine" designation names one of '
        "the types",
        "routine-not-designated": "a disclosure on basis routine that no designation in force "
        "covers (for its recipient type and every type)",
        "designation-requires-agreement": "a routine disclosure whose designation still "
        "requires an agreement, and no active agreement covers it",
        "third-party-agreement": "a non-routine disclosure to a third party without an active "
        "agreement covering its types or a recorded exception",
        "citywide-rule": "a disclosure a citywide rule refuses (e.g. immigration status to a "
        "federal immigration authority unless by legal process)",
        "unknown-agreement": "an agreement reference that names no agreement of the manifest "
        "(or, with --db, of the agency or an organization above it)",
        "exception-without-reason": "an agreement exception without its reason",
        "exigent-planned": "basis exigent in a plan: exigent disclosures are recorded after "
        "the fact",
        "agreement-future-use": "an agreement without the clause binding anticipated and "
        "future use to the law",
        "unknown-dataset": "a disclosure drawing on a dataset the manifest does not describe",
        "type-not-inventoried": "a disclosure of types its dataset's fields do not hold",
    }
)
"""Rule code → what breaks it."""


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule, where it is written, and what to change."""

    source: str
    line: int
    rule: str
    subject: str
    message: str

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown manifest rule {self.rule!r}")

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"

    def as_dict(self) -> dict[str, str | int]:
        return {
            "file": self.source,
            "line": self.line,
            "rule": self.rule,
            "subject": self.subject,
            "message": self.message,
        }

    def __str__(self) -> str:
        return f"{self.where}: {self.rule}: {self.subject}: {self.message}"
