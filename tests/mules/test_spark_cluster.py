"""`cyberpol mules score --engine spark` on a real Spark standalone cluster, against DuckDB.

A master and one worker (1 core, 1 GB) run on loopback from the scripts pyspark ships; the
CLI runs as a user would, with CYBERPOL_SPARK_MASTER pointing at the master.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyspark
import pytest

from cyberpol.synth.transfers import generate_transfers
from tests.factories import TEST_SECRET

SPARK_CLASS = Path(pyspark.__file__).parent / "bin" / "spark-class"
# Everything the cluster and the driver open stays on this machine's loopback.
LOOPBACK = {"SPARK_LOCAL_IP": "127.0.0.1", "SPARK_LOCAL_HOSTNAME": "localhost"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class SparkCluster:
    master_url: str
    webui: str
    work_dir: Path
    processes: list[tuple[subprocess.Popen[bytes], Path]]

    def state(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"{self.webui}/json/", timeout=5) as answer:
            state: dict[str, Any] = json.load(answer)
            return state

    def wait_for_worker(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process, log in self.processes:
                if process.poll() is not None:
                    pytest.fail(f"{log.name} exited:\n{log.read_text()[-3000:]}")
            try:
                if self.state()["aliveworkers"] == 1:
                    return
            except OSError:
                pass  # the master's web UI is not up yet
            time.sleep(0.5)
        logs = "\n".join(log.read_text()[-2000:] for _, log in self.processes)
        pytest.fail(f"no worker registered within {timeout:.0f} s:\n{logs}")


@pytest.fixture
def spark_cluster(tmp_path: Path) -> Iterator[SparkCluster]:
    """Master + one worker, started now (they boot while the test prepares its data)."""
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test Spark: java is missing (scripts/test installs it)")
        pytest.skip("java is not installed (scripts/test installs it)")
    port, master_ui, worker_ui = _free_port(), _free_port(), _free_port()
    work_dir = tmp_path / "spark-work"
    work_dir.mkdir()
    env = {**os.environ, **LOOPBACK}
    commands = {
        "master": [
            "org.apache.spark.deploy.master.Master",
            *("--host", "127.0.0.1", "--port", str(port), "--webui-port", str(master_ui)),
        ],
        "worker": [
            "org.apache.spark.deploy.worker.Worker",
            f"spark://127.0.0.1:{port}",
            *("--host", "127.0.0.1", "--cores", "1", "--memory", "1g"),
            *("--webui-port", str(worker_ui), "--work-dir", str(work_dir)),
        ],
    }
    cluster = SparkCluster(
        f"spark://127.0.0.1:{port}", f"http://127.0.0.1:{master_ui}", work_dir, []
    )
    try:
        for name, arguments in commands.items():
            log = tmp_path / f"spark-{name}.log"
            with log.open("wb") as sink:
                # A session of its own, so stopping it also stops the executors it forked.
                process = subprocess.Popen(
                    [str(SPARK_CLASS), *arguments],
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    env=env,
                    cwd=tmp_path,
                    start_new_session=True,
                )
            cluster.processes.append((process, log))
        yield cluster
    finally:
        for process, _ in reversed(cluster.processes):
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _cyberpol(tmp_path: Path, *args: str, **extra: str) -> dict[str, Any]:
    env = {
        **os.environ,
        **LOOPBACK,
        "CYBERPOL_DATA_DIR": str(tmp_path / "data"),
        "CYBERPOL_SECRET_KEY": TEST_SECRET,
        "CYBERPOL_DATABASE_URL": f"sqlite:///{tmp_path / 'cyberpol.db'}",
        "NO_COLOR": "1",
        **extra,
    }
    result = subprocess.run(
        [sys.executable, "-m", "cyberpol", *args],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def _scores(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["account"]: row for row in csv.DictReader(handle)}


def _codes(row: dict[str, str]) -> dict[str, float]:
    pairs = (code.split("=") for code in row["reason_codes"].split(";") if code)
    return {name: float(value) for name, value in pairs}


@pytest.mark.slow
def test_scoring_on_a_standalone_cluster_matches_duckdb(
    spark_cluster: SparkCluster, tmp_path: Path
) -> None:
    synth = tmp_path / "synth"
    generate_transfers(synth, transfers=20_000, seed=11)
    imported = _cyberpol(
        tmp_path,
        "transfers",
        "import",
        str(synth / "transfers.parquet"),
        str(synth / "accounts.parquet"),
    )
    assert imported
    duck = _cyberpol(tmp_path, "mules", "score", "--engine", "duckdb", "--out", "duck.csv")

    spark_cluster.wait_for_worker()
    spark = _cyberpol(
        tmp_path,
        "mules",
        "score",
        "--engine",
        "spark",
        "--out",
        "spark.csv",
        CYBERPOL_SPARK_MASTER=spark_cluster.master_url,
    )

    assert spark["engine"] == "spark"
    assert (spark["accounts"], spark["flagged"]) == (duck["accounts"], duck["flagged"])
    assert duck["accounts"] > 500
    assert duck["flagged"] > 0
    by_duck, by_spark = _scores(tmp_path / "duck.csv"), _scores(tmp_path / "spark.csv")
    assert by_duck.keys() == by_spark.keys()
    for account, row in by_duck.items():
        other = by_spark[account]
        for column in ("score", "rules_score"):
            assert math.isclose(float(row[column]), float(other[column]), abs_tol=1e-4), account
        assert (row["flagged"], row["model"]) == (other["flagged"], other["model"]), account
        ours, theirs = _codes(row), _codes(other)
        assert ours.keys() == theirs.keys(), account
        for code, value in ours.items():
            assert math.isclose(value, theirs[code], rel_tol=1e-5, abs_tol=1e-6), (account, code)

    # The job ran on the cluster's executor, not in a local Spark inside the CLI.
    apps = spark_cluster.state()["completedapps"]
    assert [(a["name"], a["state"]) for a in apps] == [("cyberpol-mules", "FINISHED")]
    executor_log = spark_cluster.work_dir / apps[0]["id"] / "0" / "stderr"
    assert "Finished task" in executor_log.read_text()
