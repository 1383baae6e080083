"""Audits on Spark: :func:`lint_dataframe` checks a Spark DataFrame of messages (``msglint[spark]``).

Each partition goes through :func:`msglint.batch.lint_frame` with ``mapInPandas`` in Spark's Python
workers, which keep one Linter each between tasks (Spark reuses its Python workers by default). The
configuration is read on the driver and shipped as values, so executors need msglint installed (see
docs/scale.md), not the configuration file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from msglint.api import ConfigLike
from msglint.batch import RESULT_COLUMNS, lint_frame, resolve_settings

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType


def finding_type() -> StructType:
    """The Spark type of one element of the ``findings`` column (the keys of ``batch.FINDING_FIELDS``)."""
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    text, number = StringType(), IntegerType()
    return StructType(
        [
            StructField("rule", text, nullable=False),
            StructField("name", text, nullable=False),
            StructField("category", text),
            StructField("severity", text, nullable=False),
            StructField("message", text, nullable=False),
            StructField("start", number, nullable=False),
            StructField("end", number, nullable=False),
            StructField("line", number, nullable=False),
            StructField("column", number, nullable=False),
            StructField("text", text, nullable=False),
            StructField("suggestion", text),
            StructField("policy", text),
            StructField("field", text),  # the metadata field a finding is about (sent_at), else null
        ]
    )


def result_schema(input_schema: StructType) -> StructType:
    """``input_schema`` with the result columns added, as :func:`lint_dataframe` returns them."""
    from pyspark.sql.types import ArrayType, BooleanType, StringType, StructField, StructType

    added = [
        StructField("verdict", StringType(), nullable=False),
        StructField("ok", BooleanType(), nullable=False),
        StructField("findings", ArrayType(finding_type(), containsNull=False), nullable=False),
        StructField("msglint_version", StringType(), nullable=False),
        StructField("policy_hash", StringType(), nullable=False),
    ]
    return StructType([*input_schema.fields, *added])


def lint_dataframe(
    df: DataFrame,
    text_col: str = "text",
    id_col: str | None = None,
    metadata_cols: Sequence[str] | Mapping[str, str] = (),
    policy: str | None = None,
    *,
    language_col: str | None = None,
    config: ConfigLike = None,
) -> DataFrame:
    """``df`` with ``verdict``, ``ok``, ``findings`` (an array of structs, :func:`finding_type`),
    ``msglint_version`` and ``policy_hash`` added to every row. Lazy, like any Spark transformation.

    Column arguments are as :func:`msglint.batch.lint_frame`'s; a row that is not a message (a null
    text, an invalid language) is answered in its row with ``MSG006`` and ``verdict`` ``block``.
    """
    clash = [name for name in RESULT_COLUMNS if name in df.columns]
    if clash:
        raise ValueError(f"the DataFrame already has result column(s) {', '.join(clash)}; drop or rename them first")
    settings = resolve_settings(config)
    options = {
        "text": text_col,
        "id": id_col,
        "language": language_col,
        "metadata": dict(metadata_cols) if isinstance(metadata_cols, Mapping) else tuple(metadata_cols),
        "policy": policy,
        "config": settings,
    }

    def lint_partition(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in frames:
            yield lint_frame(frame, **options)  # type: ignore[arg-type]

    return df.mapInPandas(lint_partition, result_schema(df.schema))
