"""msglint.spark on a real local Spark (``local[2]``): one session for the whole run, small data."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.audit_rows import EXPECTED, ROWS, need_module, reference, spans

if shutil.which("java") is None:
    pytest.skip("Java is not installed here: Spark needs a Java 17+ runtime on PATH", allow_module_level=True)

need_module("pyspark", "spark")
need_module("pyarrow", "spark")

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.types import StringType, StructField, StructType  # noqa: E402

import msglint  # noqa: E402
from msglint.report import audit_html_frame  # noqa: E402
from msglint.spark import finding_type, lint_dataframe  # noqa: E402

SCHEMA = StructType([StructField(name, StringType()) for name in ("id", "text", "lang")])


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter, msglint and all
    session = (
        SparkSession.builder.master("local[2]")
        .appName("msglint-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _record(finding: Any) -> dict[str, Any]:
    return finding.asDict()


def test_a_spark_dataframe_is_answered_row_by_row_as_lint_many_answers_it(spark: SparkSession) -> None:
    df = spark.createDataFrame(ROWS, SCHEMA).repartition(2)
    rows = lint_dataframe(df, id_col="id", language_col="lang").collect()
    by_id = {row["id"]: row for row in rows}
    assert sorted(by_id) == sorted(row[0] for row in ROWS)
    expected = dict(zip((row[0] for row in ROWS), reference(ROWS), strict=True))
    texts = {row[0]: row[1] for row in ROWS}
    for row_id, row in by_id.items():
        findings = [_record(f) for f in row["findings"]]
        assert (row["verdict"], row["ok"], findings) == expected[row_id], row_id
        assert (row["verdict"], spans(findings)) == EXPECTED[row_id], row_id
        assert row["text"] == texts[row_id]
        assert row["msglint_version"] == msglint.__version__
    assert len({row["policy_hash"] for row in rows}) == 1


def test_a_spark_result_makes_an_audit_page(spark: SparkSession) -> None:
    linted = lint_dataframe(spark.createDataFrame(ROWS, SCHEMA), id_col="id", language_col="lang")
    page = audit_html_frame(linted.filter("verdict != 'allow'").toPandas(), id="id")
    assert page.count('<article class="msg"') == 6
    assert ">20% off your next order</mark>" in page


def test_results_have_a_typed_schema(spark: SparkSession) -> None:
    linted = lint_dataframe(spark.createDataFrame(ROWS[:1], SCHEMA), language_col="lang")
    assert linted.columns == ["id", "text", "lang", "verdict", "ok", "findings", "msglint_version", "policy_hash"]
    assert linted.schema["findings"].dataType.elementType == finding_type()
    rules = linted.selectExpr("explode(findings.rule) AS rule").groupBy("rule").count()
    counts = {row["rule"]: row["count"] for row in rules.collect()}
    assert counts == {"REV001": 1, "REV002": 1}


def test_configuration_is_read_on_the_driver_and_applied_on_the_workers(spark: SparkSession) -> None:
    df = spark.createDataFrame([ROWS[6]], SCHEMA)
    linted = lint_dataframe(df, language_col="lang", config={"ignore": ["PRO"]}).collect()
    assert [f["rule"] for f in linted[0]["findings"]] == ["EXT001"]


def test_a_result_column_already_there_is_refused(spark: SparkSession) -> None:
    df = spark.createDataFrame([("x", "allow")], "text string, verdict string")
    with pytest.raises(ValueError, match="already has result column"):
        lint_dataframe(df)


def test_the_findings_struct_ends_with_a_nullable_field_column(spark: SparkSession) -> None:
    names = [f.name for f in finding_type().fields]
    assert names == [
        "rule", "name", "category", "severity", "message", "start", "end", "line", "column", "text", "suggestion",
        "policy", "field",
    ]  # fmt: skip
    assert finding_type()["field"].nullable is True
    df = spark.createDataFrame(
        [
            ("m1", "Your delivery is delayed by two days.", "[Important] Delivery update"),
            ("m2", "Leave us 5 stars!", None),
        ],
        "id string, text string, subject string",
    )
    rows = lint_dataframe(df, id_col="id", metadata_cols=["subject"]).collect()
    found = {row["id"]: [(f["rule"], f["field"], f["start"], f["end"]) for f in row["findings"]] for row in rows}
    assert found == {"m1": [("SUB001", "subject", 0, 0)], "m2": [("REV001", None, 9, 16)]}
