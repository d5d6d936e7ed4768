"""Protecting identifying information: operators driven by a policy (redact, replace, mask,
keyed pseudonyms, format-preserving encryption, generalize, date shift, suppress),
re-identification risk, optimal anonymization and safe release of statistics.

This layer sits above :mod:`cityprivacy.detect` and never touches a database.
"""
