"""Privacy-preserving record linkage: keyed Bloom-filter encodings with hardening, blocking
that leaks no clear values, Dice similarity over packed bits, one-to-one assignment and
evaluation; plain probabilistic linkage through Splink for agencies allowed to exchange
clear identifiers.

This layer sits beside :mod:`cityprivacy.protect` and never touches a database. It takes
any key with ``derive`` and ``fingerprint`` (:class:`LinkageKey`), such as
:class:`cityprivacy.protect.keys.SecretKey`, so it does not import ``protect``.

Typical use::

    schema = load_schema("city")
    a, problems = encode_file(Path("agency_a.csv"), schema, key)
    write_linkage_file(a, Path("a.parquet"))
    matches = match_encodings(read_linkage_file(Path("a.parquet")), b, threshold=0.62)
"""

from cityprivacy.link.blocking import BlockingStats, blocking_stats
from cityprivacy.link.encode import BloomEncoder, LinkageKey, encode_file, encode_table
from cityprivacy.link.evaluate import Evaluation, evaluate_pairs, read_pairs, truth_from_pattern
from cityprivacy.link.io import (
    ClearRecords,
    Encodings,
    LinkageMeta,
    check_compatible,
    read_linkage_file,
    write_linkage_file,
)
from cityprivacy.link.match import Assignment, BlockingMode, Matches, match_encodings
from cityprivacy.link.normalize import FieldKind, normalize_column, normalize_value
from cityprivacy.link.records import RecordProblem
from cityprivacy.link.schema import LinkSchema, load_schema, parse_schema

__all__ = [
    "Assignment",
    "BlockingMode",
    "BlockingStats",
    "BloomEncoder",
    "ClearRecords",
    "Encodings",
    "Evaluation",
    "FieldKind",
    "LinkSchema",
    "LinkageKey",
    "LinkageMeta",
    "Matches",
    "RecordProblem",
    "blocking_stats",
    "check_compatible",
    "encode_file",
    "encode_table",
    "evaluate_pairs",
    "load_schema",
    "match_encodings",
    "normalize_column",
    "normalize_value",
    "parse_schema",
    "read_linkage_file",
    "read_pairs",
    "truth_from_pattern",
    "write_linkage_file",
]
