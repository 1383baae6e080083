"""msglint.dask on a real cluster: two worker processes, each keeping its own Linter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.audit_rows import EXPECTED, ROWS, message, need_module, reference, spans

pd = need_module("pandas", "dask")
db = need_module("dask.bag", "dask")
dd = need_module("dask.dataframe", "dask")
distributed = need_module("distributed", "dask")

import msglint  # noqa: E402
from msglint.dask import lint_bag, lint_ddf  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def _frame() -> pd.DataFrame:
    ids, texts, languages = zip(*ROWS, strict=True)
    return pd.DataFrame({"id": ids, "text": texts, "lang": languages})


def _kept_linters() -> list[int]:
    import msglint.batch

    return [id(linter) for linter, _ in msglint.batch._linters.values()]


def test_a_dask_dataframe_is_answered_row_by_row_as_lint_many_answers_it(client: Any) -> None:
    ddf = dd.from_pandas(_frame(), npartitions=3)
    linted = lint_ddf(ddf, id="id", language="lang").compute()
    assert list(linted["id"]) == [row[0] for row in ROWS]
    assert list(zip(linted["verdict"], linted["ok"], linted["findings"], strict=True)) == reference(ROWS)
    for row_id, verdict, findings in zip(linted["id"], linted["verdict"], linted["findings"], strict=True):
        assert (verdict, spans(findings)) == EXPECTED[row_id], row_id
    assert set(linted["msglint_version"]) == {msglint.__version__}
    assert linted["policy_hash"].nunique() == 1


def test_a_bag_of_texts_mappings_and_messages_is_answered_in_order(client: Any) -> None:
    items: list[Any] = [message(*row) for row in ROWS]
    items[0] = ROWS[0][1]  # a plain text
    items[1] = msglint.Message(text=str(ROWS[1][1]), id="m2")
    items.append({"id": "m10", "text": 42, "note": "kept"})  # not a string: answered, not raised
    linted = lint_bag(db.from_sequence(items, npartitions=4)).compute()
    expected = reference([*ROWS, ("m10", 42, None)])
    assert [(r["verdict"], r["ok"], r["findings"]) for r in linted] == expected
    assert linted[0]["text"] == ROWS[0][1]
    assert linted[1]["id"] == "m2"
    assert linted[-1]["note"] == "kept"
    assert [f["rule"] for f in linted[-1]["findings"]] == ["MSG006"]
    assert "text must be a str, not int" in linted[-1]["findings"][0]["message"]


def test_each_worker_builds_one_linter_and_keeps_it(client: Any) -> None:
    ddf = dd.from_pandas(_frame(), npartitions=6)
    lint_ddf(ddf, language="lang").compute()
    first = client.run(_kept_linters)
    lint_ddf(ddf, language="lang").compute()
    assert client.run(_kept_linters) == first
    assert len(first) == 2
    assert all(len(ids) <= 1 for ids in first.values())
    assert sum(len(ids) for ids in first.values()) >= 1


def test_a_metadata_finding_names_its_field_and_a_text_finding_has_none(client: Any) -> None:
    frame = pd.DataFrame(
        {
            "id": ["m1", "m2"],
            "text": ["Your delivery is delayed by two days.", "Leave us 5 stars!"],
            "subject": ["[Important] Delivery update", None],
        }
    )
    linted = lint_ddf(dd.from_pandas(frame, npartitions=2), id="id", metadata=["subject"]).compute()
    found = {
        row_id: [(f["rule"], f["field"], f["start"], f["end"]) for f in findings]
        for row_id, findings in zip(linted["id"], linted["findings"], strict=True)
    }
    assert found == {"m1": [("SUB001", "subject", 0, 0)], "m2": [("REV001", None, 9, 16)]}
