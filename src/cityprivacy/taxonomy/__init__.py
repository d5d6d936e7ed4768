"""The legal taxonomy of identifying information, as versioned data.

Types come from the Identifying Information Law (Admin Code § 23-1201), the Chief Privacy
Officer's designations and city practice; each carries its legal source, effective dates,
breach-law flag, data classification and crosswalks to the detector's entity types,
Presidio and fideslang. The shipped YAML is loaded once; an override file adds, retires
or updates types without code. This package sits below ``detect`` and never imports it.
"""

from __future__ import annotations

from cityprivacy.taxonomy.diff import TaxonomyDiff, diff_taxonomies
from cityprivacy.taxonomy.loader import load_taxonomy, load_taxonomy_file
from cityprivacy.taxonomy.model import IdentifyingType, Taxonomy

__all__ = [
    "IdentifyingType",
    "Taxonomy",
    "TaxonomyDiff",
    "diff_taxonomies",
    "load_taxonomy",
    "load_taxonomy_file",
]
