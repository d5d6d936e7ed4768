"""Shared helpers for the recognizer tests: run one recognizer module over a string.

Imported by the test modules in this directory (pytest puts the directory on sys.path).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from cityprivacy.config import Settings
from cityprivacy.detect.finding import Finding
from cityprivacy.detect.overlap import resolve_overlaps
from cityprivacy.detect.recognizer import Recognizer
from cityprivacy.detect.text import Text

MODULES = (
    "generic.case_number",
    "generic.credit_card",
    "generic.email",
    "generic.gps_coordinates",
    "generic.iban",
    "generic.imei",
    "generic.ip_address",
    "generic.mac_address",
    "generic.medical_record_number",
    "generic.phone",
    "generic.social_media",
    "generic.url",
    "nyc.bbl",
    "nyc.license_plate",
    "nyc.medicaid_cin",
    "nyc.osis",
    "us.aba_routing",
    "us.bank_number",
    "us.driver_license",
    "us.itin",
    "us.passport",
    "us.ssn",
    "us.vin",
)


def module_recognizers(module: str) -> list[Recognizer]:
    """The recognizers one module under ``cityprivacy.detect.recognizers`` provides."""
    mod = importlib.import_module(f"cityprivacy.detect.recognizers.{module}")
    factory: Callable[[Settings], list[Recognizer]] = mod.recognizers
    return factory(Settings())


def raw_findings(module: str, text: str) -> list[Finding]:
    """Every finding of the module's recognizers, any score, overlaps kept."""
    view = Text(text)
    return [f for rec in module_recognizers(module) for f in rec.analyze(view)]


def reported(module: str, text: str, threshold: float = 0.5) -> list[str]:
    """The matched strings the module reports at ``threshold``, overlaps resolved."""
    kept = resolve_overlaps(f for f in raw_findings(module, text) if f.score >= threshold)
    return [text[f.start : f.end] for f in kept]


def best_score(module: str, text: str, value: str) -> float:
    """The highest score any of the module's findings gives exactly ``value``."""
    scores = [f.score for f in raw_findings(module, text) if text[f.start : f.end] == value]
    return max(scores, default=0.0)


def all_recognizers() -> list[Recognizer]:
    """Every recognizer of every module in :data:`MODULES`."""
    return [rec for module in MODULES for rec in module_recognizers(module)]
