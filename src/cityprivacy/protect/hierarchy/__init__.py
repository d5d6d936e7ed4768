"""Generalization hierarchies: ARX's CSV files, YAML rules, and the model both produce.

A :class:`Hierarchy` lists every original value of a column with its label at each
level (level 0 is the value itself, the last level usually ``*``). Hierarchies come from
ARX's CSV format (:func:`read_arx_csv`) or from rules (:func:`load_rules`: numeric
intervals, date levels, prefixes, masking from the right), and a folder of both is read
with :func:`load_hierarchies`. Bad files raise :class:`~cityprivacy.errors.PolicyError`
with their line; a data value missing from its hierarchy raises
:class:`~cityprivacy.errors.HierarchyError` naming the column (the value masked).
"""

from __future__ import annotations

from cityprivacy.protect.hierarchy.arx_csv import parse_arx_csv, read_arx_csv
from cityprivacy.protect.hierarchy.directory import HierarchySource, load_hierarchies
from cityprivacy.protect.hierarchy.model import Hierarchy
from cityprivacy.protect.hierarchy.rules import DateRule, IntervalRule, MaskRule, PrefixRule
from cityprivacy.protect.hierarchy.rules_file import RuleHierarchy, load_rules, parse_rules

__all__ = [
    "DateRule",
    "Hierarchy",
    "HierarchySource",
    "IntervalRule",
    "MaskRule",
    "PrefixRule",
    "RuleHierarchy",
    "load_hierarchies",
    "load_rules",
    "parse_arx_csv",
    "parse_rules",
    "read_arx_csv",
]
