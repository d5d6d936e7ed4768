"""De-identification policies: YAML files mapping what was found to how it is protected.

:func:`load_policy` reads and checks a file (every error names its line);
:class:`BoundPolicy` builds the operators under a key and answers which rule applies to a
column or an entity type (column > entity > category > classification > default).
"""

from cityprivacy.protect.policy.loader import (
    SHIPPED_POLICIES,
    load_policy,
    parse_policy,
    shipped_policy,
)
from cityprivacy.protect.policy.model import CLASSIFICATIONS, Classification, KeyedRule, Policy
from cityprivacy.protect.policy.resolution import BoundPolicy, Resolution, Rule, resolve_entity

__all__ = [
    "CLASSIFICATIONS",
    "SHIPPED_POLICIES",
    "BoundPolicy",
    "Classification",
    "KeyedRule",
    "Policy",
    "Resolution",
    "Rule",
    "load_policy",
    "parse_policy",
    "resolve_entity",
    "shipped_policy",
]
