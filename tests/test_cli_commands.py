"""``msglint check`` options, ``msglint rules`` and ``msglint explain``, called through ``cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from msglint.cli import main

MINE = ["--select", "TPL,MSG"]
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


@pytest.fixture(autouse=True)
def _no_colour_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["check", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def findings(doc: dict) -> list[tuple[str, int, str]]:
    return [(f["rule"], f["span"]["line"], f["text"]) for r in doc["results"] for f in r["findings"]]


# --- suppression directives in every template syntax --------------------------------------------

DIRECTIVES = {
    "jinja.j2": (
        "Use {{ coupon_code }} {# msglint: disable=TPL002 #}\nUse {{ promo_code }}\n",
        [("TPL002", 2, "{{ promo_code }}")],
    ),
    "html.html": (
        "<p>Hi</p>\n<!-- msglint: disable-next-line -->\n<p>{{ coupon_code }}</p>\n<p>{{ voucher }}</p>\n",
        [("TPL002", 4, "{{ voucher }}")],
    ),
    "handlebars.hbs": (
        "{{!-- msglint: disable-file=TPL --}}\n{{coupon_code}}\n{{instagram_url}}\n",
        [],
    ),
    "hash.txt": (
        "Use {{ coupon_code }}  # msglint: disable=promotional-placeholder\nUse {coupon}\n",
        [("TPL002", 2, "{coupon}")],
    ),
    "unused.md": (
        "Hello {{ buyer_name }} <!-- msglint: disable=TPL001 -->\n",
        [("MSG002", 1, "msglint: disable=TPL001")],
    ),
}


@pytest.mark.parametrize("name", DIRECTIVES)
def test_suppression_directives_work_in_every_template_syntax(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, expected = DIRECTIVES[name]
    (tmp_path / name).write_text(text)
    _, doc = check_json(capsys, *MINE, str(tmp_path / name))
    assert findings(doc) == expected


def test_a_directive_does_not_leak_into_the_checked_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Your order has shipped. # msglint: disable=EXT001\n")
    _, doc = check_json(capsys, str(tmp_path / "a.txt"))
    assert [f["rule"] for f in doc["results"][0]["findings"]] == ["MSG002"]


# --- selection, thresholds and configuration ----------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "a.txt").write_text("{{ coupon_code }} and {{ instagram_url }}\n")
    return tmp_path


def test_ignore_and_select_choose_the_rules(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = str(project / "templates")
    assert {r for r, _, _ in findings(check_json(capsys, *MINE, target)[1])} == {"TPL001", "TPL002"}
    assert {r for r, _, _ in findings(check_json(capsys, *MINE, "--ignore", "TPL002", target)[1])} == {"TPL001"}
    assert {r for r, _, _ in findings(check_json(capsys, "--select", "TPL002", target)[1])} == {"TPL002"}
    selected = check_json(capsys, "--select", "MSG", "--extend-select", "external-contact-placeholder", target)[1]
    assert {r for r, _, _ in findings(selected)} == {"TPL001"}


def test_the_nearest_config_is_found_from_the_checked_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".msglint.toml").write_text('select = ["TPL", "MSG"]\nignore = ["TPL001"]\nfail-on = "warning"\n')
    code, doc = check_json(capsys, str(project / "templates" / "a.txt"))
    assert code == 1  # the config's fail-on
    assert [r for r, _, _ in findings(doc)] == ["TPL002"]


def test_command_line_options_override_the_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".msglint.toml").write_text('select = ["TPL", "MSG"]\nignore = ["TPL001"]\nfail-on = "warning"\n')
    code, doc = check_json(capsys, "--ignore", "TPL002", "--fail-on", "error", str(project / "templates"))
    assert code == 0
    assert [r for r, _, _ in findings(doc)] == ["TPL001"]


def test_an_explicit_config_file_is_used(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "strict.toml"
    config.write_text('select = ["TPL001"]\n')
    _, doc = check_json(capsys, "--config", str(config), str(project / "templates"))
    assert [r for r, _, _ in findings(doc)] == ["TPL001"]


def test_a_severity_override_in_the_config_changes_the_exit_code(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".msglint.toml").write_text('select = ["TPL"]\n[severity]\nTPL002 = "error"\n')
    code, doc = check_json(capsys, str(project / "templates"))
    assert code == 1
    assert {f["rule"]: f["severity"] for r in doc["results"] for f in r["findings"]} == {
        "TPL001": "warning",
        "TPL002": "error",
    }


def test_a_missing_config_file_or_policy_is_a_one_line_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--config", str(project / "nope.toml"), str(project)]) == 2
    assert capsys.readouterr().err == f"msglint: error: {project / 'nope.toml'}: file not found\n"
    assert main(["check", "--policy", "ebay-2031", str(project)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("msglint: error: command line: key '--policy': no policy named 'ebay-2031'")
    assert error.count("\n") == 1


def test_include_and_exclude_globs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.txt", "b.tpl", "drafts/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("{{ coupon_code }}")
    _, doc = check_json(capsys, *MINE, "--include", "*.tpl,*.txt", "--exclude", "drafts", str(tmp_path))
    assert sorted(Path(r["path"]).name for r in doc["results"]) == ["a.txt", "b.tpl"]


def test_statistics_and_quiet_in_text_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", *MINE, "--statistics", "--quiet", str(project / "templates")])
    output = capsys.readouterr().out
    assert code == 0
    assert "1  TPL001  external-contact-placeholder\n1  TPL002  promotional-placeholder\n" in output
    assert "Found" not in output


def test_sarif_from_the_command_line_is_valid(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", *MINE, "--format", "sarif", str(project / "templates"), str(project / "missing.txt")])
    doc = json.loads(capsys.readouterr().out)
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    assert [r["ruleId"] for r in doc["runs"][0]["results"]] == ["TPL002", "TPL001"]
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_github_annotations_from_the_command_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", *MINE, "--format", "github", str(project / "templates" / "a.txt")])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"::warning file={(project / 'templates' / 'a.txt').as_posix()},line=1,col=1,")
    assert lines[0].split("::")[1].endswith(",title=TPL002")


# --- msglint rules ------------------------------------------------------------------------------


def test_rules_lists_every_rule_with_its_state(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--ignore", "TPL002"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["CODE", "NAME", "CATEGORY", "DEFAULT", "ACTIVE"]
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert rows["TPL001"] == ["TPL001", "external-contact-placeholder", "external-contact", "warning", "warning"]
    assert rows["TPL002"][-1] == "off"
    assert rows["MSG002"][:3] == ["MSG002", "unused-suppression", "-"]


def test_rules_as_json_has_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from msglint import Linter

    assert main(["rules", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in doc["rules"]] == sorted(rule.code for rule in Linter().rules)
    tpl = next(r for r in doc["rules"] if r["code"] == "TPL003")
    assert tpl == {
        "code": "TPL003",
        "name": "review-manipulation-placeholder",
        "category": "review-manipulation",
        "default_severity": "warning",
        "enabled": True,
        "severity": "warning",
        "scope": "template",
    }


# --- msglint explain ----------------------------------------------------------------------------


def test_explain_prints_every_section_of_the_rule_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "tpl002"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("TPL002  promotional-placeholder\n")
    for heading in ("What it flags", "Why the marketplace forbids it", "Fails", "Passes", "What to write instead"):
        assert f"\n{heading}\n" in text
    assert "No unsolicited marketed or promotional communication" in text  # the policy clause
    assert "{{ coupon_code }}" in text  # the failing example


def test_explain_accepts_a_rule_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "external-contact-placeholder"]) == 0
    assert capsys.readouterr().out.startswith("TPL001  ")


def test_explain_an_unknown_code_exits_2_with_close_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "TPL01"]) == 2
    assert capsys.readouterr().err.strip() == "msglint: error: no rule 'TPL01'; did you mean TPL001, TPL003, TYP001?"


def test_explain_something_unrelated_points_to_the_rule_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "banana"]) == 2
    assert capsys.readouterr().err.strip() == "msglint: error: no rule 'banana'; see `msglint rules`"


# --- ruff's conventions: --exit-zero, --extend-ignore, --output-file, --statistics, -q, --color ----


def test_exit_zero_exits_0_with_findings_at_the_threshold(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = str(project / "templates")
    assert main(["check", *MINE, "--fail-on", "warning", target]) == 1
    capsys.readouterr()
    code, doc = check_json(capsys, *MINE, "--fail-on", "warning", "--exit-zero", target)
    assert code == 0
    assert findings(doc) == [("TPL002", 1, "{{ coupon_code }}"), ("TPL001", 1, "{{ instagram_url }}")]
    assert main(["check", *MINE, "--fail-on", "warning", "-e", target]) == 0


def test_exit_zero_still_exits_2_when_an_input_could_not_be_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", *MINE, "--exit-zero", str(project / "templates"), str(project / "missing.txt")])
    assert code == 2
    assert (
        f"msglint: error: {(project / 'missing.txt').as_posix()}: no such file or directory" in capsys.readouterr().err
    )


def test_exit_zero_still_exits_2_on_a_configuration_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".msglint.toml").write_text('ignore = "TPL001"\n')
    assert main(["check", "--exit-zero", str(project / "templates")]) == 2
    assert capsys.readouterr().err == (
        f"msglint: error: {(project / '.msglint.toml').resolve()}: key 'ignore': "
        'must be a list of rule codes, e.g. ignore = ["PRO"] (got "TPL001")\n'
    )


def test_extend_ignore_adds_to_the_configured_ignore_list(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".msglint.toml").write_text('select = ["TPL", "MSG"]\nignore = ["TPL001"]\n')
    target = str(project / "templates")
    assert findings(check_json(capsys, target)[1]) == [("TPL002", 1, "{{ coupon_code }}")]
    assert findings(check_json(capsys, "--extend-ignore", "TPL002", target)[1]) == []
    assert findings(check_json(capsys, "--ignore", "TPL002", target)[1]) == [("TPL001", 1, "{{ instagram_url }}")]
    assert findings(check_json(capsys, "--ignore", "MSG", "--extend-ignore", "TPL002", target)[1]) == [
        ("TPL001", 1, "{{ instagram_url }}")
    ]


def test_an_unknown_rule_in_extend_ignore_names_the_option(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--extend-ignore", "TPL002,NOPE9", str(project)]) == 2
    assert capsys.readouterr().err.startswith(
        "msglint: error: command line: key '--extend-ignore': 'NOPE9' names no rule; "
    )


def test_output_file_takes_the_report_and_standard_output_stays_empty(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = project / "reports" / "msglint.json"  # its folder is made
    code = main(["check", *MINE, "--fail-on", "warning", "-o", str(report), "--format", "json", str(project)])
    assert code == 1
    assert capsys.readouterr().out == ""
    assert findings(json.loads(report.read_text("utf-8"))) == [
        ("TPL002", 1, "{{ coupon_code }}"),
        ("TPL001", 1, "{{ instagram_url }}"),
    ]


def test_output_file_is_never_coloured_nor_checked_itself(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = project / "templates" / "report.txt"  # in the checked folder, with a template extension
    assert main(["check", *MINE, "--color", "always", "--output-file", str(report), str(project)]) == 0
    text = report.read_text("utf-8")
    assert "\033[" not in text
    assert text.startswith(f"{(project / 'templates' / 'a.txt').as_posix()}:1:1: TPL002 [warning]")
    assert text.endswith("Found 2 problems (2 warnings) in 1 file (1 file checked).\n")


@pytest.mark.parametrize("jsonl", [False, True])
def test_an_output_file_that_is_also_an_input_is_refused_before_it_is_touched(
    jsonl: bool, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = project / "templates" / "a.txt"
    given = ["--jsonl", str(target)] if jsonl else [str(target)]
    assert main(["check", *given, "-o", str(target)]) == 2
    assert "is also an input: the report would overwrite it" in capsys.readouterr().err
    assert target.read_text("utf-8") == "{{ coupon_code }} and {{ instagram_url }}\n"


def test_an_output_file_that_cannot_be_written_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "taken").write_text("a file, not a folder")
    assert main(["check", *MINE, "-o", str(project / "taken" / "report.txt"), str(project)]) == 2
    assert capsys.readouterr().err.startswith(f"msglint: error: {project / 'taken' / 'report.txt'}: cannot write")


def test_statistics_show_counts_instead_of_findings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "templates" / "b.txt").write_text("{{ coupon_code }}\n")
    target = str(project / "templates")
    assert main(["check", *MINE, "--statistics", "--fail-on", "warning", target]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "2  TPL002  promotional-placeholder",
        "1  TPL001  external-contact-placeholder",
        "Found 3 problems (3 warnings) in 2 files (2 files checked).",
    ]
    assert main(["check", *MINE, "--statistics", "--format", "json", target]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"code": "TPL002", "name": "promotional-placeholder", "count": 2},
        {"code": "TPL001", "name": "external-contact-placeholder", "count": 1},
    ]
    assert main(["check", *MINE, "--statistics", "--format", "jsonl", target]) == 0
    assert [json.loads(line)["code"] for line in capsys.readouterr().out.splitlines()] == ["TPL002", "TPL001"]


def test_statistics_of_a_json_lines_audit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sent = tmp_path / "sent.jsonl"
    sent.write_text('{"id": "1", "text": "Visit https://example.com"}\n{"id": "2", "text": "It shipped."}\n')
    assert main(["check", "--jsonl", str(sent), "--select", "EXT001", "--statistics", "-q"]) == 1
    assert capsys.readouterr().out == "1  EXT001  external-link\n"


def test_statistics_refuse_the_formats_that_describe_findings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--statistics", "--format", "sarif", str(project)]) == 2
    assert "--statistics counts findings as text, json or jsonl, not as --format sarif" in capsys.readouterr().err


def test_quiet_prints_the_findings_and_nothing_else(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *MINE, "-q", str(project / "templates")]) == 0
    output = capsys.readouterr()
    assert output.out.startswith(f"{(project / 'templates' / 'a.txt').as_posix()}:1:1: TPL002 [warning]")
    assert "Found" not in output.out
    assert output.err == ""


COLOUR_CASES = [
    ([], {}, False),  # not a terminal
    (["--color", "always"], {}, True),
    (["--color", "always"], {"NO_COLOR": "1"}, True),  # the option wins
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins over FORCE_COLOR
    ([], {"FORCE_COLOR": ""}, False),  # empty means unset
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    (["--no-color"], {"FORCE_COLOR": "1"}, False),
]


@pytest.mark.parametrize("case", COLOUR_CASES, ids=lambda case: " ".join([*case[0], *case[1]]) or "default")
def test_colour_follows_the_option_then_no_color_then_force_color(
    case: tuple[list[str], dict[str, str], bool],
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args, env, coloured = case
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    main(["check", *MINE, *args, str(project / "templates")])
    assert ("\033[" in capsys.readouterr().out) is coloured


def test_no_color_is_a_deprecated_alias(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", *MINE, "--no-color", str(project / "templates")])
    assert capsys.readouterr().err == "msglint: warning: --no-color is deprecated; use --color never\n"
    main(["check", *MINE, "--no-color", "-q", str(project / "templates")])
    assert capsys.readouterr().err == ""


# --- configuration: exclude, extend-exclude, per-file-ignores -------------------------------------


@pytest.fixture
def scoped(tmp_path: Path) -> Path:
    """A seller's repository: templates, drafts, a legacy folder and a configuration at the root."""
    for name in ("templates/a.txt", "templates/drafts/b.txt", "templates/legacy/c.txt", "templates/d.wip.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Use {{ coupon_code }} and {{ instagram_url }}\n")
    return tmp_path


def checked(doc: dict, root: Path) -> list[str]:
    return [Path(r["path"]).resolve().relative_to(root.resolve()).as_posix() for r in doc["results"]]


def test_config_exclude_and_extend_exclude_leave_files_out(scoped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (scoped / ".msglint.toml").write_text(
        'select = ["TPL"]\nexclude = ["templates/drafts"]\nextend-exclude = ["*.wip.txt"]\n'
    )
    _, doc = check_json(capsys, str(scoped))
    assert checked(doc, scoped) == ["templates/a.txt", "templates/legacy/c.txt"]
    named = [str(scoped / "templates" / n) for n in ("a.txt", "drafts/b.txt", "d.wip.txt")]
    _, doc = check_json(capsys, *named)  # as pre-commit passes them: excluded all the same
    assert checked(doc, scoped) == ["templates/a.txt"]


def test_the_exclude_option_replaces_the_config_exclude_but_not_extend_exclude(
    scoped: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (scoped / ".msglint.toml").write_text('exclude = ["templates/drafts"]\nextend-exclude = ["*.wip.txt"]\n')
    monkeypatch.chdir(scoped)  # the option's globs start from the current folder
    _, doc = check_json(capsys, "--exclude", "templates/legacy", ".")
    assert checked(doc, scoped) == ["templates/a.txt", "templates/drafts/b.txt"]
    _, doc = check_json(capsys, "--extend-exclude", "templates/legacy", ".")
    assert checked(doc, scoped) == ["templates/a.txt"]


def test_config_globs_start_from_the_config_folder(
    scoped: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (scoped / "templates" / ".msglint.toml").write_text('exclude = ["legacy", "drafts/*.txt"]\n')
    monkeypatch.chdir(scoped / "templates" / "legacy")
    _, doc = check_json(capsys, str(scoped))
    assert checked(doc, scoped) == ["templates/a.txt", "templates/d.wip.txt"]


def test_a_folder_whose_templates_are_all_excluded_is_not_an_error(
    scoped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (scoped / ".msglint.toml").write_text('exclude = ["templates"]\n')
    assert main(["check", str(scoped)]) == 0
    assert capsys.readouterr().out == "No problems found (0 files checked).\n"


def test_per_file_ignores_turn_rules_off_in_matching_files(scoped: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (scoped / ".msglint.toml").write_text(
        'select = ["TPL"]\n[per-file-ignores]\n"templates/legacy/*" = ["promotional-placeholder"]\n'
        '"*.wip.txt" = ["template-placeholders"]\n'
    )
    _, doc = check_json(capsys, str(scoped / "templates"))
    by_file = {
        Path(r["path"]).name: [(f["rule"], f["span"]["start"], f["span"]["end"]) for f in r["findings"]]
        for r in doc["results"]
    }
    assert by_file == {
        "a.txt": [("TPL002", 4, 21), ("TPL001", 26, 45)],
        "b.txt": [("TPL002", 4, 21), ("TPL001", 26, 45)],
        "c.txt": [("TPL001", 26, 45)],
        "d.wip.txt": [],
    }


def test_per_file_ignores_apply_to_standard_input_under_its_name(
    scoped: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    (scoped / ".msglint.toml").write_text('select = ["TPL"]\n[per-file-ignores]\n"legacy/*" = ["TPL002"]\n')
    monkeypatch.chdir(scoped)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Use {{ coupon_code }}\n")))
    _, doc = check_json(capsys, "--stdin-filename", "legacy/x.txt", "-")
    assert findings(doc) == []


def test_a_per_file_ignores_rule_that_names_nothing_names_the_file_and_glob(
    scoped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (scoped / "pyproject.toml").write_text('[tool.msglint.per-file-ignores]\n"legacy/*" = ["TPL002", "TPL9"]\n')
    assert main(["check", str(scoped / "templates")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(
        f"msglint: error: {(scoped / 'pyproject.toml').resolve()}: key 'tool.msglint.per-file-ignores.\"legacy/*\"': "
        "'TPL9' names no rule"
    )


# --- a configuration file among the paths: validated, never checked as a template -----------------


def test_a_configuration_file_given_as_a_path_is_validated_not_linted(
    scoped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = scoped / ".msglint.toml"
    config.write_text('# Links to https://example.com are ours\nallowed-domains = ["example.com"]\n')
    assert main(["check", "--format", "json", str(config)]) == 0
    assert json.loads(capsys.readouterr().out)["results"] == []
    config.write_text('ignroe = ["PRO"]\n')
    assert main(["check", str(config), str(scoped / "templates" / "a.txt")]) == 2
    assert capsys.readouterr().err == f"msglint: error: {config.resolve()}: key 'ignroe': unknown key\n"


def test_a_pyproject_without_a_msglint_table_given_as_a_path_is_passed_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\nurls = {home = "https://example.com"}\n')
    assert main(["check", str(tmp_path / "pyproject.toml")]) == 0
    assert capsys.readouterr().out == "No problems found (0 files checked).\n"
