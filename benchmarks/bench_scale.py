"""Audits at scale on this machine: single-process lint_many, Dask with two workers and Spark local[2],
on the same unique messages in the same run, each beside spaCy's bare tokenizer (the floor).

    pip install -e '.[spark,dask]' && python benchmarks/bench_scale.py [--messages 20000]

Messages are the corpora's texts, each prefixed with an order number of its own
(``corpus_texts.unique_messages``), so no cache answers twice. Rows:

* ``lint_many``: one Linter in this process, built and warmed before the clock starts;
* Dask: ``msglint.dask.lint_ddf`` on a ``LocalCluster(n_workers=2, processes=True, threads_per_worker=1)``,
  eight partitions; the first run includes each worker building its Linter (~1.5 s), the second not;
* Spark: ``msglint.spark.lint_dataframe`` on ``local[2]``, written to Spark's ``noop`` sink; first run
  and second run likewise. Session and cluster start-up are not counted.

Wall-clock rates on a machine shared with other work say as much about that work as about msglint,
so each row also counts the CPU time its processes used (this process and every process under it: Dask's
nannies and workers, Spark's JVM and Python workers), framework overhead included: messages per
CPU-second is what a dedicated core of a cluster would do. The floor (spaCy's bare tokenizer) is
measured the same way, right before each row, on the same messages.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd
import psutil
import spacy
from corpus_texts import unique_messages

import msglint


def cpu_seconds() -> dict[int, float]:
    """CPU time (user + system) of this process and each process under it, by process id."""
    used = {}
    me = psutil.Process()
    for process in (me, *me.children(recursive=True)):
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        used[process.pid] = times.user + times.system
    return used


def measure(run: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock seconds of ``run()`` and the CPU seconds this process tree spent on it."""
    gc.collect()
    before = cpu_seconds()
    start = time.perf_counter()
    run()
    wall = time.perf_counter() - start
    after = cpu_seconds()
    return wall, sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    args = parser.parse_args()
    count = args.messages
    messages = unique_messages(count)
    frame = pd.DataFrame({"id": [f"m{i}" for i in range(count)], "text": messages})
    print(f"cores available: {len(os.sched_getaffinity(0))}; messages: {count:,}; msglint {msglint.__version__}")

    nlp = spacy.blank("en")
    rows: list[tuple[str, float, float, float]] = []  # what, wall s, CPU s, the floor's CPU s beside it

    def row(name: str, run: Callable[[], object]) -> None:
        _, floor = measure(lambda: [nlp.make_doc(m) for m in messages])
        wall, cpu = measure(run)
        rows.append((name, wall, cpu, floor))

    linter = msglint.Linter()
    for _ in linter.lint_many(unique_messages(300)):  # warm: lazy word lists, first-message costs
        pass
    row("Linter.lint_many, 1 process", lambda: list(linter.lint_many(messages)))

    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from msglint.dask import lint_ddf

    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        ddf = dd.from_pandas(frame, npartitions=8).persist()
        for run in ("first run, Linters built", "second run"):
            row(f"Dask, 2 worker processes, {run}", lambda: lint_ddf(ddf, id="id").compute())

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from msglint.spark import lint_dataframe

    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.createDataFrame(frame).cache()
    df.count()
    for run in ("first run, Linters built", "second run"):
        sink = lint_dataframe(df, id_col="id").write.format("noop").mode("overwrite")
        row(f"Spark local[2], {run}", sink.save)
    spark.stop()

    single = count / rows[0][2]
    print(
        "| what | messages/s (wall) | CPU-seconds | messages per CPU-second | vs lint_many "
        "| floor beside, per CPU-second | vs floor |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, wall, cpu, floor in rows:
        per_cpu = count / cpu
        print(
            f"| {name} | {count / wall:,.0f} | {cpu:.1f} | {per_cpu:,.0f} | {per_cpu / single:.2f}x "
            f"| {count / floor:,.0f} | {per_cpu / (count / floor):.3f}x |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
