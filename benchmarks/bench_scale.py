"""Audits at scale on this machine: single-process lint_many, Dask with two workers and Spark local[2],
on the same unique messages in the same run, each beside spaCy's bare tokenizer (the floor).

    pip install -e '.[spark,dask]' && python benchmarks/bench_scale.py [--messages 20000]

Messages are the corpora's texts, each prefixed with an order number of its own (``bench_parallel``'s
``unique_messages``), so no cache answers twice. Rows:

* ``lint_many``: one Linter in this process, built and warmed before the clock starts;
* Dask: ``msglint.dask.lint_ddf`` on a ``LocalCluster(n_workers=2, processes=True, threads_per_worker=1)``,
  eight partitions; the first run includes each worker building its Linter (~1.5 s), the second not;
* Spark: ``msglint.spark.lint_dataframe`` on ``local[2]``, written to Spark's ``noop`` sink; first run
  and second run likewise. Session and cluster start-up are not counted.

The floor (spaCy's bare tokenizer, one core) is measured right before each row, on the same messages:
"per core vs floor" is the row's messages/s per core over it, which holds still better than messages/s
when the machine's other load changes during the run. Per core divides by the cores the row uses.
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
import spacy
from bench_parallel import unique_messages

import msglint


def seconds(run: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    args = parser.parse_args()
    count = args.messages
    messages = unique_messages(count)
    frame = pd.DataFrame({"id": [f"m{i}" for i in range(count)], "text": messages})
    print(f"cores available: {len(os.sched_getaffinity(0))}; messages: {count:,}; msglint {msglint.__version__}")

    nlp = spacy.blank("en")
    rows: list[tuple[str, int, float, float]] = []  # what, cores, seconds, the floor's seconds beside it

    def row(name: str, cores: int, run: Callable[[], object]) -> None:
        floor = seconds(lambda: [nlp.make_doc(m) for m in messages])
        rows.append((name, cores, seconds(run), floor))

    linter = msglint.Linter()
    for _ in linter.lint_many(unique_messages(300)):  # warm: lazy word lists, first-message costs
        pass
    row("Linter.lint_many, 1 process", 1, lambda: list(linter.lint_many(messages)))

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
            row(f"Dask, 2 worker processes, {run}", 2, lambda: lint_ddf(ddf, id="id").compute())

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
        row(f"Spark local[2], {run}", 2, sink.save)
    spark.stop()

    single = count / rows[0][2]
    print("| what | cores | messages/s | per core | vs lint_many | floor beside, messages/s | per core vs floor |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, cores, took, floor in rows:
        speed = count / took
        print(
            f"| {name} | {cores} | {speed:,.0f} | {speed / cores:,.0f} | {speed / single:.2f}x "
            f"| {count / floor:,.0f} | {speed / cores / (count / floor):.3f}x |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
