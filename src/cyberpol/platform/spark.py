"""A Spark session set up as CyberPol's jobs expect it (UTC, no UI, quiet)."""

from __future__ import annotations

import os
import sys
from typing import Any


def spark_session(master: str, app: str) -> Any:
    """The process's Spark session on ``master`` (pyspark is imported only when asked)."""
    from pyspark.sql import SparkSession

    # Spark's Python workers must run this interpreter, not whatever `python3` is on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark
