"""Record linkage beyond one machine: the same encodings, blocking, Dice and greedy
assignment as :mod:`cityprivacy.link`, run on Apache Spark.

PySpark is an optional extra (``pip install 'cityprivacy[spark]'``, and a Java runtime).
Importing this package does not import PySpark; calling into it without PySpark raises a
:class:`~cityprivacy.errors.ConfigurationError` that says how to install it.

- :func:`encode_dataframe`: encodings of a Spark DataFrame, byte-identical to
  ``cityprivacy link encode`` (the local encoder per Arrow batch, ``mapInArrow``); the
  executors get the schema's HKDF subkeys, never the shared secret.
- :func:`encode_file_on_spark`: a CSV/TSV, Parquet or JSON-lines file (or directory) read
  by Spark, encoded, written as a directory of Parquet parts with its metadata.
- :func:`read_spark_encodings` / :func:`write_spark_encodings`: encodings files (the local
  Parquet files) and directories of Parquet parts with their metadata beside them.
- :func:`spark_match_encodings`: candidate pairs by blocking key (or LSH), Dice per block,
  greedy one-to-one by rounds of window functions; the same pairs and scores as
  :func:`~cityprivacy.link.match.match_encodings`.
- :func:`spark_session`: a local session (``local[*]``) or one on a cluster's master, with
  quiet logs. ``--method splink`` on Spark is :func:`cityprivacy.link.splink_method.splink_match`
  with ``engine="spark"``.
"""

from cityprivacy.link.spark._encode import (
    encode_dataframe,
    encode_file_on_spark,
    encodings_arrow_schema,
)
from cityprivacy.link.spark._files import (
    META_FILE,
    SparkEncodings,
    read_spark_encodings,
    write_spark_encodings,
)
from cityprivacy.link.spark._greedy import greedy_rounds_spark
from cityprivacy.link.spark._keys import SubkeyBundle
from cityprivacy.link.spark._match import SparkMatches, spark_match_encodings
from cityprivacy.link.spark._session import quiet_pyspark_warnings, require_pyspark, spark_session

__all__ = [
    "META_FILE",
    "SparkEncodings",
    "SparkMatches",
    "SubkeyBundle",
    "encode_dataframe",
    "encode_file_on_spark",
    "encodings_arrow_schema",
    "greedy_rounds_spark",
    "quiet_pyspark_warnings",
    "read_spark_encodings",
    "require_pyspark",
    "spark_match_encodings",
    "spark_session",
    "write_spark_encodings",
]
