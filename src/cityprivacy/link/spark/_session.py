"""The SparkSession the linkage jobs run on: local by default, a cluster when asked.

PySpark is an optional extra (``pip install 'cityprivacy[spark]'``, plus a Java runtime);
it is imported only when a Spark job is asked for, and its absence is a clear
:class:`~cityprivacy.errors.ConfigurationError`, not an ``ImportError``.

The master is ``--spark-master`` when given; otherwise whatever ``spark-submit``,
``PYSPARK_SUBMIT_ARGS`` or ``spark-defaults.conf`` says, and ``local[*]`` when nothing
does (Spark's own default). Other settings come from the same places (``--conf`` of
``spark-submit``, or ``PYSPARK_SUBMIT_ARGS="--conf k=v pyspark-shell"``). Logs are quiet:
the JVM logs only errors, and the console progress bar is off. Local Python workers run
this interpreter; on a cluster, cityprivacy must be installed where the executors' Python
is (``PYSPARK_PYTHON``), or shipped with ``spark-submit --archives``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from cityprivacy.errors import ConfigurationError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["quiet_pyspark_warnings", "require_pyspark", "spark_session"]

_LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
logger.repl.name = org.apache.spark.repl.Main
logger.repl.level = error
"""
"""Errors only; the ``repl`` logger at the root's level too, or Spark (which takes PySpark
for a shell) announces on stderr that it sets the level to WARN."""


def require_pyspark() -> ModuleType:
    """The ``pyspark`` module, or a clear error saying how to install it."""
    try:
        import pyspark
    except ImportError:
        raise ConfigurationError(
            "--engine spark needs the optional Spark extra: pip install 'cityprivacy[spark]' "
            "(and a Java runtime)"
        ) from None
    return pyspark


@contextmanager
def quiet_pyspark_warnings() -> Iterator[None]:
    """Silence PySpark 4's warning that it does not fully support pandas 3 (the linkage
    jobs pass Arrow, not pandas, between the JVM and Python), and nothing else."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="PySpark does not yet fully support pandas", category=FutureWarning
        )
        yield


def _log_config() -> Path:
    """A log4j2 configuration that logs errors only (written once per machine)."""
    path = Path(tempfile.gettempdir()) / "cityprivacy-spark-log4j2.properties"
    if not path.is_file() or path.read_text(encoding="utf-8") != _LOG4J2:
        path.write_text(_LOG4J2, encoding="utf-8")
    return path


def _splink_jar() -> str | None:
    """Splink's Scala similarity functions (Jaro–Winkler...), when Splink is installed."""
    try:
        from splink.backends.spark import similarity_jar_location
    except ImportError:
        return None
    return str(similarity_jar_location())


def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None) -> SparkSession:
    """The active SparkSession, or a new one on ``master`` with ``conf`` and quiet logs.

    A session that already runs (under ``spark-submit``, in a notebook) is reused as it is:
    Spark settings cannot change once it has started.
    """
    require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName("cityprivacy-link")
    if master:
        builder = builder.master(master)
    settings = {
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={_log_config()}",
    }
    if master is None or master.startswith("local"):
        # PySpark starts its Python workers with $PYSPARK_PYTHON, else "python3" on PATH,
        # which may not have cityprivacy: locally, run them with this interpreter.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    jar = _splink_jar()
    if jar is not None:
        settings["spark.jars"] = jar
    settings.update(conf or {})
    for name, value in settings.items():
        builder = builder.config(name, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
