"""One settings class for the whole package.

Values come from keyword arguments, then ``CITYPRIVACY_*`` environment variables, then
the defaults below. Nothing reads the environment at import time: call
:func:`get_settings` (cached) or build ``Settings(...)`` yourself and pass it down.
Secrets, when they arrive in later features, have no defaults.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    """Every tunable of cityprivacy, documented in the README's settings table."""

    model_config = SettingsConfigDict(env_prefix="CITYPRIVACY_", frozen=True, extra="forbid")

    min_score: float = Field(
        0.5, ge=0.0, le=1.0, description="Findings scored below this are dropped."
    )
    context_window: int = Field(
        48,
        ge=0,
        le=1000,
        description="Characters before and after a match searched for context words.",
    )
    taxonomy_override: Path | None = Field(
        None, description="YAML file that adds or retires identifying-information types."
    )
    ner: bool = Field(
        False, description="Also run the optional spaCy NER recognizer (needs the `ner` extra)."
    )
    workers: int = Field(
        0, ge=0, le=512, description="Processes for analyze_many and scan; 0 means all cores."
    )
    batch_rows: int = Field(
        10_000, ge=1, le=10_000_000, description="Rows per batch when streaming tables."
    )
    sample_rows: int = Field(
        1_000, ge=10, le=1_000_000, description="Rows per column sampled to classify its values."
    )
    value_match_threshold: float = Field(
        0.3, ge=0.0, le=1.0, description="Share of sampled values that must match to type a column."
    )
    uniqueness_threshold: float = Field(
        0.5,
        ge=0.0,
        le=1.0,
        description="Share of unique rows from which a column combination counts as identifying.",
    )
    uniqueness_sample_rows: int = Field(
        20_000,
        ge=100,
        le=10_000_000,
        description="Rows sampled per table to find column combinations that single people out.",
    )
    max_text_chars: int = Field(
        5_000_000,
        ge=1_000,
        description="Texts longer than this are analyzed in windows of this size.",
    )

    # --- protect ---------------------------------------------------------------------
    key_file: Path | None = Field(
        None,
        description="File holding the secret key for pseudonyms, FPE and date shifts "
        "(at least 32 bytes). No default: a missing key is an error.",
    )
    key: SecretStr | None = Field(
        None,
        description="The secret key itself, when it comes from the environment instead of "
        "a file (at least 32 characters). Never logged or shown.",
    )
    k_anonymity: int = Field(
        5, ge=1, le=10_000, description="Default k for `risk` and `anonymize` (city practice: 5)."
    )
    small_cell_threshold: int = Field(
        5,
        ge=1,
        le=10_000,
        description="Cells of a released table below this count are suppressed (city: 5).",
    )
    risk_threshold: float = Field(
        0.2,
        gt=0.0,
        le=1.0,
        description="Records whose re-identification risk is above this are counted as at risk.",
    )
    # --- the privacy office service ----------------------------------------------------
    database_url: str = Field(
        "sqlite:///cityprivacy.db",
        description="SQLAlchemy URL of the office database (PostgreSQL: "
        "postgresql+psycopg://user@host/db).",
    )
    accounting_retention_years: int = Field(
        5, ge=1, le=100, description="Years the accounting of disclosures is kept (at least 5)."
    )
    exigent_report_to_apo_hours: int = Field(
        24,
        ge=1,
        le=8760,
        description="Hours after an exigent disclosure by which it must be reported to the APO "
        "(no deadline is confirmed in law: a policy setting).",
    )
    exigent_report_to_cpo_hours: int = Field(
        72,
        ge=1,
        le=8760,
        description="Hours after an exigent disclosure by which the APO must report it to the CPO "
        "(a policy setting).",
    )
    previous_key_files: list[Path] = Field(
        default_factory=list,
        description="Key files used before the current key (JSON list of paths), so that the "
        "accounting of disclosures still finds entries hashed under them after a key rotation.",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
