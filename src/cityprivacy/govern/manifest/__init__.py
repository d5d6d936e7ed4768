"""Policy as code: an agency's systems, datasets and planned disclosures, described in YAML
and checked against the office's rules, with or without the office's database.

::

    manifest = load_manifest("agency-manifest.yaml")        # PolicyError (with line) if malformed
    violations = check_manifest(manifest, load_taxonomy(), on=date.today())
    for v in violations:
        print(v)                                           # file:line: rule: subject: message

With an office, ``office_baseline(unit, manifest)`` adds its citywide rules, designations and
agreements: ``check_manifest(..., baseline=office_baseline(o, manifest))``.
"""

from __future__ import annotations

from cityprivacy.govern.manifest.baseline import (
    DEFAULT_CITYWIDE_RULES,
    Baseline,
    manifest_baseline,
    office_baseline,
)
from cityprivacy.govern.manifest.catalog import RULES, Violation
from cityprivacy.govern.manifest.checks import check_manifest
from cityprivacy.govern.manifest.loader import load_manifest, parse_manifest
from cityprivacy.govern.manifest.model import Manifest, ManifestSpec

__all__ = [
    "DEFAULT_CITYWIDE_RULES",
    "RULES",
    "Baseline",
    "Manifest",
    "ManifestSpec",
    "Violation",
    "check_manifest",
    "load_manifest",
    "manifest_baseline",
    "office_baseline",
    "parse_manifest",
]
