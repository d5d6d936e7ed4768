"""De-identifying texts, tables and folders of files with a policy::

    from cityprivacy.protect.deidentify import Deidentifier
    from cityprivacy.protect.policy import shipped_policy

    deid = Deidentifier(shipped_policy("research"))   # this policy needs no key
    deid.text("SSN 123-45-6789").text                 # 'SSN <US_SSN>'
    summary = deid.files(Path("extracts"), Path("released"))

:class:`Deidentifier` is the entry point; :class:`DeidentifySummary` is what a run over
files returns (counts by entity type and operator, untouched columns, problems).
"""

from cityprivacy.protect.deidentify.engine import Deidentifier, Progress, key_for_policy
from cityprivacy.protect.deidentify.summary import (
    ColumnAction,
    ColumnOutcome,
    DeidentifySummary,
    FileSummary,
    TableSummary,
)
from cityprivacy.protect.deidentify.text import AppliedSpan, DeidentifiedText

__all__ = [
    "AppliedSpan",
    "ColumnAction",
    "ColumnOutcome",
    "DeidentifiedText",
    "Deidentifier",
    "DeidentifySummary",
    "FileSummary",
    "Progress",
    "TableSummary",
    "key_for_policy",
]
