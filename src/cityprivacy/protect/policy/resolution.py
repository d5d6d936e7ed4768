"""Which rule of a policy applies: the most specific selector wins.

For a table column named in the policy, its ``columns`` rule. Otherwise, for a value
identified as an entity type (a finding in text, or a column's top type):

    entities[US_SSN]  >  categories[ssn]  >  classifications[confidential]  >  default

The category is the taxonomy type whose ``detected_by`` lists the entity (in force today),
and the classification is that type's. :class:`BoundPolicy` builds each rule's operator
once, with the secret key, so that a missing or short key fails before any data is read.
"""

from __future__ import annotations

from dataclasses import dataclass

from cityprivacy.detect.entities import EntityType
from cityprivacy.protect.keys import SecretKey
from cityprivacy.protect.operators import Operator, OperatorSpec
from cityprivacy.protect.policy.model import Policy
from cityprivacy.taxonomy import Taxonomy

__all__ = ["BoundPolicy", "Resolution", "Rule", "resolve_entity"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """The rule chosen for a value: its spec, and where it is (``entities.US_SSN``)."""

    where: str
    spec: OperatorSpec


def resolve_entity(policy: Policy, taxonomy: Taxonomy, entity: EntityType | str) -> Resolution:
    """The rule for a value identified as ``entity``: entity > category > classification >
    default."""
    name = str(entity)
    member = EntityType.__members__.get(name)
    if member is not None and member in policy.entities:
        return Resolution(f"entities.{name}", policy.entities[member])
    category = taxonomy.category_for(name)
    if category:
        if category in policy.categories:
            return Resolution(f"categories.{category}", policy.categories[category])
        level = taxonomy.types[category].classification
        if level in policy.classifications:
            return Resolution(f"classifications.{level}", policy.classifications[level])
    return Resolution("default", policy.default)


@dataclass(frozen=True, slots=True)
class Rule:
    """A resolved rule with its operator built: what the engine applies."""

    where: str
    operator: Operator

    @property
    def name(self) -> str:
        return self.operator.name


class BoundPolicy:
    """A policy with every operator built under one key; answers "which rule" in O(1).

    Building raises :class:`~cityprivacy.errors.KeyMaterialError` when a rule needs the key
    and there is none: callers build it before they open any output.
    """

    def __init__(self, policy: Policy, taxonomy: Taxonomy, key: SecretKey | None) -> None:
        self.policy = policy
        self.taxonomy = taxonomy
        self.key = key
        self._built: dict[str, Operator] = {
            where: spec.build(key) for where, spec in policy.rules()
        }
        self._columns = {
            name: Rule(f"columns.{name}", self._built[f"columns.{name}"]) for name in policy.columns
        }
        self._entities: dict[str, Rule] = {}
        self.free_text_columns = frozenset(policy.free_text_columns)

    def for_column(self, column: str) -> Rule | None:
        """The rule naming ``column`` in ``columns``, or ``None``."""
        return self._columns.get(column)

    def for_entity(self, entity: EntityType | str) -> Rule:
        """The rule for a value identified as ``entity`` (cached per entity)."""
        name = str(entity)
        rule = self._entities.get(name)
        if rule is None:
            where = resolve_entity(self.policy, self.taxonomy, name).where
            rule = self._entities[name] = Rule(where, self._built[where])
        return rule

    def rule(self, where: str) -> Rule:
        """The rule at ``where`` (``"entities.US_SSN"``, ``"default"``), as a plan records it."""
        return Rule(where, self._built[where])
