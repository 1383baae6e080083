"""msglint.batch: a pandas frame of messages in, the same frame with each row's verdict and findings out."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.audit_rows import EXPECTED, ROWS, need_module, reference, spans

pd = need_module("pandas", "dask")

import msglint  # noqa: E402
from msglint.batch import RESULT_COLUMNS, lint_frame, linter_for, policy_hash, result_meta  # noqa: E402
from msglint.report import audit_html_frame  # noqa: E402


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    ids, texts, languages = zip(*ROWS, strict=True)
    return pd.DataFrame({"id": ids, "text": texts, "lang": languages}, index=[10 * i for i in range(len(ROWS))])


@pytest.fixture(scope="module")
def linted(frame: pd.DataFrame) -> pd.DataFrame:
    return lint_frame(frame, id="id", language="lang")


def test_every_row_is_answered_as_lint_many_answers_it(linted: pd.DataFrame) -> None:
    got = list(zip(linted["verdict"], linted["ok"], linted["findings"], strict=True))
    assert got == reference(ROWS)


def test_verdicts_and_spans_are_exact(linted: pd.DataFrame) -> None:
    for row_id, verdict, findings in zip(linted["id"], linted["verdict"], linted["findings"], strict=True):
        assert (verdict, spans(findings)) == EXPECTED[row_id], row_id


def test_input_columns_and_index_are_kept_and_results_added(frame: pd.DataFrame, linted: pd.DataFrame) -> None:
    assert list(linted.columns) == [*frame.columns, *RESULT_COLUMNS]
    assert list(linted.index) == list(frame.index)
    pd.testing.assert_frame_equal(linted[list(frame.columns)], frame)
    assert set(linted["msglint_version"]) == {msglint.__version__}
    assert set(linted["policy_hash"]) == {policy_hash(linter_for())}


def test_a_missing_text_is_an_error_record_not_an_exception() -> None:
    frame = pd.DataFrame({"text": ["Hi", float("nan"), 42, None]}, dtype=object)
    linted = lint_frame(frame)
    assert list(linted["verdict"]) == ["allow", "block", "block", "block"]
    assert [[f["rule"] for f in row] for row in linted["findings"]] == [[], ["MSG006"], ["MSG006"], ["MSG006"]]
    assert "text must be a str, not NoneType" in linted["findings"][1][0]["message"]
    assert "text must be a str, not int" in linted["findings"][2][0]["message"]


def test_an_invalid_language_is_an_error_record_naming_the_field(linted: pd.DataFrame) -> None:
    finding = linted.loc[linted["id"] == "m8", "findings"].item()[0]
    assert finding["rule"] == "MSG006"
    assert finding["severity"] == "error"
    assert finding["category"] is None
    assert "field 'language'" in finding["message"]


def test_metadata_columns_fill_message_fields_and_missing_cells_leave_them_unset() -> None:
    frame = pd.DataFrame(
        {
            "text": ["Your order shipped.", "Your order shipped.", "Your order shipped."],
            "sent": [pd.Timestamp("2026-11-02T10:00:00Z"), pd.NaT, "yesterday-ish"],
            "order_id": ["123-4567890-1234567", None, None],
        }
    )
    linted = lint_frame(frame, metadata={"sent": "sent_at", "order_id": "order_id"})
    assert list(linted["verdict"]) == ["allow", "allow", "block"]
    assert "field 'sent_at'" in linted["findings"][2][0]["message"]


def test_integer_ids_are_read_as_text() -> None:
    linted = lint_frame(pd.DataFrame({"n": [7], "text": ["Hello"]}), id="n")
    assert list(linted["verdict"]) == ["allow"]


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"text": "body"}, "no column 'body'"),
        ({"metadata": ["colour"]}, "not a Message field: colour"),
        ({"metadata": "shade"}, "not a Message field: shade"),
    ],
)
def test_a_wrong_column_argument_is_refused_before_any_row(kwargs: dict[str, object], problem: str) -> None:
    frame = pd.DataFrame({"text": ["Hi"], "colour": ["red"], "shade": ["dark"]})
    with pytest.raises(ValueError, match=problem):
        lint_frame(frame, **kwargs)  # type: ignore[arg-type]


def test_a_frame_that_already_has_results_is_refused(linted: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="already has result column"):
        lint_frame(linted)


def test_configuration_changes_the_results_and_the_hash() -> None:
    frame = pd.DataFrame({"text": ["🎁 Visit shop-example.com for 20% off your next order 👉"]})
    default = lint_frame(frame)
    quiet = lint_frame(frame, config={"ignore": ["PRO"]})
    assert [f["rule"] for f in default["findings"][0]] == ["EXT001", "PRO002"]
    assert [f["rule"] for f in quiet["findings"][0]] == ["EXT001"]
    assert default["policy_hash"][0] != quiet["policy_hash"][0]


def test_one_linter_per_policy_and_configuration_is_kept() -> None:
    assert linter_for() is linter_for(None, {})
    assert linter_for(config={"ignore": ["PRO"]}) is not linter_for()


def test_the_policy_hash_is_the_same_in_another_process() -> None:
    code = "from msglint.batch import linter_for, policy_hash; print(policy_hash(linter_for()))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == policy_hash(linter_for())
    assert other.stdout.startswith("sha256:")


def test_an_empty_frame_gets_the_result_columns() -> None:
    frame = pd.DataFrame({"text": pd.Series([], dtype=object)})
    linted = lint_frame(frame)
    assert list(linted.columns) == ["text", *RESULT_COLUMNS]
    assert list(result_meta(frame).columns) == list(linted.columns)
    assert len(linted) == 0


def test_a_checked_frame_makes_an_audit_page(linted: pd.DataFrame) -> None:
    page = audit_html_frame(linted, id="id")
    assert page.count('<article class="msg"') == 6  # m1, m3, m4, m6, m7, m8
    assert '<a href="#m1">m1</a>' in page
    assert f"<dt>policy hash</dt><dd>{policy_hash(linter_for())}</dd>" in page
    assert ">shop@example.com</mark>" in page


def test_linters_beyond_the_cache_size_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    import msglint.batch

    monkeypatch.setattr(msglint.batch, "_CACHE_SIZE", 2)
    built = [linter_for(config={"max-message-chars": size}) for size in (1, 2, 3)]
    assert len(msglint.batch._linters) == 2
    assert linter_for(config={"max-message-chars": 3}) is built[2]
