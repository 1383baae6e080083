"""SARIF output: valid against the official SARIF 2.1.0 schema, and what GitHub code scanning reads."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest

from msglint import Linter
from msglint.formatters import FORMATTERS, Options, Source
from msglint.formatters.sarif import artifact_uri
from msglint.registry import Registry

from .toy_checkers import ShopWord

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def toy() -> Linter:
    return Linter(registry=Registry([ShopWord]), config={"severity": {"TOY002": "info"}})


def sarif(linter: Linter, files: list[tuple[str, str]], problems: tuple[tuple[str, int | None, str], ...] = ()) -> dict:
    stream = io.StringIO()
    formatter = FORMATTERS["sarif"](
        stream,
        Options(
            rules=tuple(linter.rules),
            severity={r.code: linter.severity_of(r.code) for r in linter.rules},
            enabled=frozenset(r.code for r in linter.rules if linter.is_enabled(r.code)),
            policy=linter.policy.name,
            clauses=linter.policy.clause_texts,
        ),
    )
    formatter.start()
    for path, text in files:
        formatter.handle(Source(path, text), linter.lint(text, template=True))
    for problem in problems:
        formatter.problem(*problem)
    formatter.stop()
    return json.loads(stream.getvalue())


def assert_valid(doc: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_the_schema_is_the_official_sarif_2_1_0_schema() -> None:
    assert SCHEMA["id"].endswith("/sarif-schema-2.1.0.json")
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_output_with_findings_is_valid_sarif(toy: Linter) -> None:
    doc = sarif(toy, [("templates/a.txt", "Hi\nour shop and store"), ("templates/sub dir/b é.txt", "shop")])
    assert_valid(doc)
    assert doc["version"] == "2.1.0"
    assert len(doc["runs"][0]["results"]) == 3


def test_output_without_findings_is_valid_sarif(toy: Linter) -> None:
    doc = sarif(toy, [("a.txt", "hello")])
    assert_valid(doc)
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_input_problems_are_tool_notifications_and_still_valid(toy: Linter) -> None:
    doc = sarif(toy, [], problems=(("bin.txt", None, "binary file"), ("in.jsonl", 3, "not valid JSON")))
    assert_valid(doc)
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [
        "binary file",
        "not valid JSON",
    ]


def test_result_has_rule_index_level_message_and_exclusive_end_column(toy: Linter) -> None:
    doc = sarif(toy, [("templates/a.txt", "Hi\nour shop")])
    run = doc["runs"][0]
    (result,) = run["results"]
    assert result["ruleId"] == "TOY001"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "TOY001"
    assert result["level"] == "error"
    assert result["message"]["text"] == "shop-word found Suggestion: say 'order' instead"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "templates/a.txt"
    assert location["region"] == {
        "startLine": 2,
        "startColumn": 5,
        "endLine": 2,
        "endColumn": 9,
        "charOffset": 7,
        "charLength": 4,
        "snippet": {"text": "shop"},
    }
    assert run["columnKind"] == "unicodeCodePoints"


def test_levels_map_error_warning_and_info_to_note(toy: Linter) -> None:
    linter = Linter(registry=Registry([ShopWord]), config={"severity": {"TOY001": "warning", "TOY002": "info"}})
    doc = sarif(linter, [("a.txt", "shop store")])
    assert [(r["ruleId"], r["level"]) for r in doc["runs"][0]["results"]] == [("TOY001", "warning"), ("TOY002", "note")]


def test_rules_carry_documentation_and_the_configured_level(toy: Linter) -> None:
    rules = {r["id"]: r for r in sarif(toy, [])["runs"][0]["tool"]["driver"]["rules"]}
    shop = rules["TOY001"]
    assert shop["name"] == "shop-word"
    assert shop["shortDescription"]["text"] == "shop-word test rule"
    assert "What to write instead: say 'order' instead" in shop["help"]["text"]
    assert "**What to write instead**" in shop["help"]["markdown"]
    assert shop["defaultConfiguration"]["level"] == "error"
    assert rules["TOY002"]["defaultConfiguration"]["level"] == "note"
    assert shop["properties"]["policy"] == "amazon:no-promotion"


def test_uris_are_relative_with_forward_slashes_and_percent_encoded() -> None:
    assert artifact_uri("templates/sub dir/b é.txt") == "templates/sub%20dir/b%20%C3%A9.txt"
    assert artifact_uri("templates\\win\\a.txt") == "templates/win/a.txt"
    assert artifact_uri("/abs/a.txt") == "file:///abs/a.txt"


def test_the_validator_rejects_a_log_that_breaks_the_schema(toy: Linter) -> None:
    doc = sarif(toy, [("a.txt", "shop")])
    doc["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError, match="level"):
        assert_valid(doc)


def test_a_finding_about_a_metadata_field_names_it_as_property_logical_location_and_in_the_message() -> None:
    linter = Linter()
    text = "Your delivery is delayed by two days."
    report = linter.lint({"text": text, "subject": "[Important] Delivery update"})
    stream = io.StringIO()
    formatter = FORMATTERS["sarif"](stream, Options.for_linter(linter))
    formatter.start()
    formatter.handle(Source("messages.jsonl", text, line=1, message_id="m1"), report)
    formatter.stop()
    doc = json.loads(stream.getvalue())
    assert_valid(doc)
    (result,) = doc["runs"][0]["results"]
    assert (result["ruleId"], result["properties"]["field"]) == ("SUB001", "subject")
    (location,) = result["locations"]
    assert location["logicalLocations"] == [{"name": "subject", "fullyQualifiedName": "subject", "kind": "member"}]
    assert (
        location["physicalLocation"]["region"]["charOffset"],
        location["physicalLocation"]["region"]["charLength"],
    ) == (0, 0)
    finding = report.findings[0]
    assert result["message"]["text"] == f"{finding.message} (field: subject) Suggestion: {finding.suggestion}"


def test_a_finding_in_the_text_has_no_field_property_nor_logical_location(toy: Linter) -> None:
    (result,) = sarif(toy, [("a.txt", "our shop")])["runs"][0]["results"]
    assert "field" not in result["properties"]
    assert "logicalLocations" not in result["locations"][0]
