"""``--method splink``: probabilistic linkage of clear values with Splink, for agencies
that are allowed to exchange identifiers.

Same schema, same commands, same output as the Bloom-filter method, so that an analyst
has one interface: ``encode --method splink`` writes the *normalized clear values* of the
schema's fields (and nothing else) with the schema inside the file; ``match`` sees clear
files and runs Splink's Fellegi–Sunter model on DuckDB:

- each field is compared according to its kind (names with Jaro–Winkler levels, dates of
  birth with Splink's date comparison, addresses and text with Jaro–Winkler, numbers and
  identifiers with Levenshtein distance, codes and sex exactly);
- the schema's blocking passes become Splink blocking rules on the clear keys;
- ``u`` probabilities are estimated by random sampling, ``m`` probabilities by
  expectation maximisation on the first blocking passes, the prior from exact agreement
  on every name and date field;
- the score is Splink's match probability; ``--threshold`` applies to it, then the same
  one-to-one assignment as for encodings.

Splink is an optional extra (``pip install 'cityprivacy[splink]'``), imported only here and
only when used. For data larger than one machine, ``engine=SplinkEngine.SPARK`` runs the
same model, with the same training steps and seed, on Spark (``splink.SparkAPI`` on the
session of :func:`cityprivacy.link.spark.spark_session`, Splink's Scala similarity
functions loaded from the jar Splink ships; intermediate tables persisted, so no
checkpoint directory is needed; dates parsed with Spark's pattern). On the FEBRL test
subset both engines link the same pairs with match probabilities within 0.01: ``u``
sampling draws other random pairs on each engine, so a pair near the threshold may differ.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cityprivacy.config import Settings
from cityprivacy.errors import ConfigurationError, InputError
from cityprivacy.link.blocking import clear_blocking_keys
from cityprivacy.link.io import ClearRecords, LinkageMeta
from cityprivacy.link.match import (
    Assignment,
    BlockingMode,
    Matches,
    check_threshold,
    greedy_one_to_one,
    optimal_one_to_one,
)
from cityprivacy.link.normalize import FieldKind
from cityprivacy.link.records import NormalizedBatch, RecordProblem, normalize_batch, read_batches
from cityprivacy.link.schema import LinkSchema

__all__ = [
    "SplinkEngine",
    "clear_records",
    "clear_records_from_file",
    "require_splink",
    "splink_match",
]

_ROW = "unique_id"


class SplinkEngine(StrEnum):
    """Where Splink runs its SQL: DuckDB in this process, or Spark."""

    DUCKDB = "duckdb"
    SPARK = "spark"


def require_splink() -> ModuleType:
    """The ``splink`` module, or a clear error saying how to install it."""
    try:
        import duckdb  # noqa: F401
        import splink
    except ImportError:
        raise ConfigurationError(
            "--method splink needs the optional Splink extra: pip install 'cityprivacy[splink]'"
        ) from None
    return splink


def _clear_table(schema: LinkSchema, batch: NormalizedBatch) -> pa.Table:
    columns: dict[str, pa.Array] = {"id": batch.ids}
    columns.update(batch.values)
    for p, key in enumerate(clear_blocking_keys(schema.blocking, batch.values)):
        columns[f"block_{p}"] = key
    return pa.table(columns).filter(pa.array(batch.keep))


def clear_records(table: pa.Table, schema: LinkSchema) -> tuple[ClearRecords, list[RecordProblem]]:
    """The normalized clear values of an in-memory table."""
    batch = normalize_batch(schema, table)
    return ClearRecords(LinkageMeta.for_clear(schema), _clear_table(schema, batch)), batch.problems


def clear_records_from_file(
    path: Path,
    schema: LinkSchema,
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[ClearRecords, list[RecordProblem]]:
    """The normalized clear values of a table file, streamed, with problems by line."""
    problems: list[RecordProblem] = []
    tables = []
    for batch in read_batches(path, schema, problems, settings, progress):
        tables.append(_clear_table(schema, batch))
        problems.extend(batch.problems)
    table = pa.concat_tables(tables)
    if table.num_rows == 0:
        raise InputError(f"{path}: no row could be read ({len(problems)} problems)")
    problems.sort(key=lambda p: p.line)
    return ClearRecords(LinkageMeta.for_clear(schema), table), problems


_DATE_FORMATS = {"duckdb": "%Y%m%d", "spark": "yyyyMMdd"}
"""``YYYYMMDD`` in each engine's date format language (strftime; Java's DateTimeFormatter)."""


def _comparison(cl: Any, name: str, kind: FieldKind, engine: str) -> Any:
    if kind.is_name:
        return cl.NameComparison(name)
    if kind is FieldKind.DATE:
        return cl.DateOfBirthComparison(
            name, input_is_string=True, datetime_format=_DATE_FORMATS[engine]
        )
    if kind in (FieldKind.ADDRESS, FieldKind.TEXT):
        return cl.JaroWinklerAtThresholds(name, [0.9, 0.7])
    if kind in (FieldKind.SEX, FieldKind.CODE):
        return cl.ExactMatch(name)
    return cl.LevenshteinAtThresholds(name, [1, 2])


def _input(records: ClearRecords) -> pa.Table:
    table = records.table.drop_columns(["id"])
    return table.append_column(_ROW, pa.array(np.arange(len(records)), pa.int64()))


def splink_match(
    a: ClearRecords,
    b: ClearRecords | None,
    threshold: float,
    *,
    assignment: Assignment = Assignment.GREEDY,
    seed: int = 1,
    engine: SplinkEngine = SplinkEngine.DUCKDB,
    spark_master: str | None = None,
) -> Matches:
    """Link ``a`` to ``b`` (or deduplicate ``a``) with Splink on DuckDB, or on Spark
    (``spark_master``: the cluster's master URL; default: a running session, else local)."""
    threshold = check_threshold(threshold)
    engine = SplinkEngine(engine)
    require_splink()
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on

    if a.meta.schema_json is None:
        raise InputError(
            "the clear records carry no schema; encode them again with --method splink"
        )
    schema = LinkSchema.model_validate_json(a.meta.schema_json)
    started = time.perf_counter()
    rules: list[Any] = [block_on(f"block_{p}") for p in range(len(schema.blocking))]
    settings = SettingsCreator(
        link_type="dedupe_only" if b is None else "link_only",
        unique_id_column_name=_ROW,
        comparisons=[_comparison(cl, f.name, f.kind, engine) for f in schema.fields],
        blocking_rules_to_generate_predictions=rules,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    db = _database(engine, spark_master)
    tables = [db.register(_input(a), dataset_display_name="a")]
    if b is not None:
        tables.append(db.register(_input(b), dataset_display_name="b"))
    linker = Linker(tables if b is not None else tables[0], settings, log_level=logging.WARNING)
    exact = [f.name for f in schema.fields if f.kind.is_name or f.kind is FieldKind.DATE]
    if exact:
        linker.training.estimate_probability_two_random_records_match(
            [block_on(*exact)], recall=0.7
        )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=seed)
    for rule in (rules or [block_on(schema.fields[0].name)])[:2]:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    scored = linker.inference.predict(threshold_match_probability=threshold)
    predictions: pa.Table = scored.as_pyarrow_table()  # type: ignore[no-untyped-call]
    i, j, scores = _pairs(predictions, dedupe=b is None)
    if assignment is Assignment.GREEDY:
        kept = greedy_one_to_one(i, j, scores, shared=b is None)
    elif assignment is Assignment.OPTIMAL:
        kept = optimal_one_to_one(i, j, scores)
    else:
        kept = np.lexsort((j, i, -scores))
    all_pairs = len(a) * (len(a) - 1) // 2 if b is None else len(a) * len(b)
    return Matches(i[kept], j[kept], scores[kept], len(predictions), all_pairs,
                   BlockingMode.KEYS, time.perf_counter() - started)  # fmt: skip


def _database(engine: SplinkEngine, spark_master: str | None) -> Any:
    """Splink's database API for ``engine``."""
    if engine is SplinkEngine.DUCKDB:
        from splink import DuckDBAPI

        return DuckDBAPI()
    from splink import SparkAPI

    from cityprivacy.link.spark import spark_session

    session = spark_session(spark_master)
    # splink ships no annotations for its API classes' constructors.
    return SparkAPI(spark_session=session, break_lineage_method="persist")  # type: ignore[no-untyped-call]


def _pairs(predictions: pa.Table, *, dedupe: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    left = np.asarray(predictions.column(f"{_ROW}_l"), dtype=np.int64)
    right = np.asarray(predictions.column(f"{_ROW}_r"), dtype=np.int64)
    scores = np.asarray(
        pc.fill_null(predictions.column("match_probability"), 0.0), dtype=np.float64
    )
    if dedupe:
        return np.minimum(left, right), np.maximum(left, right), scores
    source = predictions.column("source_dataset_l").to_pylist()
    swap = np.array([s != "a" for s in source], dtype=bool)
    return np.where(swap, right, left), np.where(swap, left, right), scores
