"""``--engine spark`` for ``cityprivacy link encode`` and ``link match``: the same jobs on a
Spark session (PySpark imported only here, and only when asked for).

Kept apart from :mod:`cityprivacy.cli.link_cmd` so that the local commands never load
PySpark; options are parsed there, and the summaries rendered with its helpers.
"""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape

from cityprivacy.cli.errors_cli import handle_errors
from cityprivacy.cli.link_cmd import Method, _emit, _match_summary, _write_matches
from cityprivacy.config import get_settings
from cityprivacy.errors import InputError
from cityprivacy.link import (
    Assignment,
    BlockingMode,
    ClearRecords,
    check_compatible,
    load_schema,
    read_linkage_file,
)
from cityprivacy.link.match import Matches
from cityprivacy.link.splink_method import SplinkEngine, splink_match
from cityprivacy.protect.keys import load_key

__all__ = ["encode_on_spark", "match_on_spark"]


def encode_on_spark(
    source: Path, output: Path, schema_path: str, key_file: Path | None, method: Method,
    master: str | None, as_json: bool,
) -> None:  # fmt: skip
    """``link encode --engine spark``: encode on Spark into a directory of Parquet parts."""
    from cityprivacy.link.spark import encode_file_on_spark, quiet_pyspark_warnings, spark_session

    with handle_errors(), quiet_pyspark_warnings():
        if method is not Method.BLOOM:
            raise InputError("--engine spark encodes with --method bloom; Splink reads clear files")
        schema = load_schema(schema_path)
        key = load_key(get_settings(), key_file=key_file)
        count = encode_file_on_spark(spark_session(master), source, output, schema, key)
    summary = {
        "output": str(output), "method": "bloom", "engine": "spark", "records": count,
        "schema": schema.name, "schema_fingerprint": schema.fingerprint,
        "key_fingerprint": key.fingerprint, "bits": schema.output_bits,
        "blocking_passes": len(schema.blocking),
    }  # fmt: skip
    lines = [
        f"{count:,} records → {escape(str(output))}/ ({schema.output_bits}-bit encodings on "
        f"Spark; schema {escape(schema.name)} {schema.fingerprint[:12]}, key {key.fingerprint})"
    ]
    _emit(summary, as_json, lines)


def match_on_spark(
    file_a: Path, file_b: Path | None, threshold: float, output: Path | None, dedupe: bool,
    assignment: Assignment | None, blocking: BlockingMode, method: Method | None,
    master: str | None, as_json: bool,
) -> None:  # fmt: skip
    """``link match --engine spark``: encodings matched on Spark, or Splink on Spark."""
    from cityprivacy.link.spark import (
        SparkMatches,
        quiet_pyspark_warnings,
        read_spark_encodings,
        spark_match_encodings,
        spark_session,
    )

    with handle_errors(), quiet_pyspark_warnings():
        if dedupe == (file_b is not None):
            raise InputError("give two files to link, or one file with --dedupe")
        chosen = assignment or (Assignment.ALL if dedupe else Assignment.GREEDY)
        spark = spark_session(master)
        a = read_spark_encodings(spark, file_a)
        b = None if file_b is None else read_spark_encodings(spark, file_b)
        if b is not None:
            check_compatible(a.meta, b.meta, str(file_a), str(file_b))
        kind = Method.BLOOM if a.meta.method == "bloom" else Method.SPLINK
        if method is not None and method is not kind:
            raise InputError(
                f"{file_a} holds {a.meta.method} records; encode with --method {method.value}"
            )
        result: Matches | SparkMatches
        if kind is Method.SPLINK:
            clear_a = read_linkage_file(file_a)
            clear_b = None if file_b is None else read_linkage_file(file_b)
            assert isinstance(clear_a, ClearRecords)
            assert clear_b is None or isinstance(clear_b, ClearRecords)
            result = splink_match(clear_a, clear_b, threshold, assignment=chosen,
                                  engine=SplinkEngine.SPARK, spark_master=master)  # fmt: skip
            ids_a = clear_a.table.column("id").combine_chunks()
            ids_b = ids_a if clear_b is None else clear_b.table.column("id").combine_chunks()
            table = result.to_table(ids_a, ids_b)
        else:
            result = spark_match_encodings(a, b, threshold, assignment=chosen, blocking=blocking)
            table = result.table
        if output is not None:
            _write_matches(table, output)
    _match_summary(result, table, kind, chosen, threshold, output, as_json, engine="spark")
