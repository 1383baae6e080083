"""Configuration: discovery, validation errors that name file and key, and the selection rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from msglint import ConfigError, Linter
from msglint.config import (
    PolicyPack,
    Settings,
    domain_name,
    find_config,
    is_selected,
    load_policy,
    load_settings,
    settings_from_mapping,
    severity_for,
)
from msglint.models import Category, Rule
from msglint.registry import Registry

from .toy_checkers import ShopWord


def rule(code: str, name: str = "some-rule", category: Category | None = Category.PROMOTIONAL) -> Rule:
    return Rule(code=code, name=name, category=category, summary="s")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_settings_from_pyproject_tool_table(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n[tool.msglint]\nignore = ["PRO"]\nfail-on = "warning"\n'
        '[tool.msglint.severity]\nEXT = "warning"\n',
    )
    settings = load_settings(path)
    assert settings.ignore == ("PRO",)
    assert settings.fail_on == "warning"
    assert settings.severity == {"EXT": "warning"}


def test_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    path = write(tmp_path / ".msglint.toml", 'ignore = ["PRO"]\nignroe-domains = []\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert caught.value.path == str(path)
    assert caught.value.key == "ignroe-domains"
    assert str(caught.value) == f"{path}: key 'ignroe-domains': unknown key"


def test_wrong_type_names_file_and_nested_key(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool.msglint]\nfail-on = "sometimes"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert caught.value.key == "tool.msglint.fail-on"
    assert str(caught.value) == (
        f'{path}: key \'tool.msglint.fail-on\': must be "error", "warning", "info" or "never" (got "sometimes")'
    )


@pytest.mark.parametrize(
    ("toml", "key", "problem"),
    [
        ('ignore = "PRO"', "ignore", 'must be a list of rule codes, e.g. ignore = ["PRO"] (got "PRO")'),
        ('ignore = ["PRO", 3]', "ignore", 'must be a list of rule codes, e.g. ignore = ["PRO"] (got 3)'),
        ('select = "ALL"', "select", 'must be a list of rule codes, e.g. select = ["EXT", "PRO001"] (got "ALL")'),
        (
            'extend-select = "TPL"',
            "extend-select",
            'must be a list of rule codes, e.g. extend-select = ["TPL"] (got "TPL")',
        ),
        ("policy = 1", "policy", 'must be a policy name or pack file, e.g. policy = "amazon" (got 1)'),
        (
            'severity = ["EXT"]',
            "severity",
            'must be a table of rule codes and severities, e.g. [severity] EXT = "warning" (got a list)',
        ),
        ('[severity]\nEXT = "fatal"', "severity.EXT", 'must be "error", "warning" or "info" (got "fatal")'),
        (
            'allowed-domains = "ups.com"',
            "allowed-domains",
            'must be a list of domain names, e.g. allowed-domains = ["ups.com"] (got "ups.com")',
        ),
        (
            '[extra-terms]\nPRO001 = "mega deal"',
            "extra-terms.PRO001",
            'must be a list of words, e.g. PRO001 = ["mega deal"] (got "mega deal")',
        ),
        (
            'exclude = "drafts"',
            "exclude",
            'must be a list of path globs, e.g. exclude = ["templates/drafts"] (got "drafts")',
        ),
        ('exclude = [""]', "exclude", "an empty glob matches no file; remove it"),
        ('[per-file-ignores]\n" " = ["PRO"]', "per-file-ignores", "an empty glob matches no file; remove it"),
        (
            'extend-exclude = "x"',
            "extend-exclude",
            'must be a list of path globs, e.g. extend-exclude = ["*.draft.txt"] (got "x")',
        ),
        (
            'per-file-ignores = ["legacy/*"]',
            "per-file-ignores",
            "must be a table of path globs and lists of rule codes, "
            'e.g. [per-file-ignores] "legacy/*" = ["PRO"] (got a list)',
        ),
        (
            '[per-file-ignores]\n"legacy/*" = "PRO"',
            'per-file-ignores."legacy/*"',
            'must be a list of rule codes, e.g. "legacy/*" = ["PRO"] (got "PRO")',
        ),
        ("fail-on = true", "fail-on", 'must be "error", "warning", "info" or "never" (got true)'),
        (
            "checker-timeout-seconds = 0",
            "checker-timeout-seconds",
            "must be a number of seconds above 0, e.g. checker-timeout-seconds = 5 (got 0)",
        ),
    ],
)
def test_a_type_slip_is_told_in_words_with_the_fix(tmp_path: Path, toml: str, key: str, problem: str) -> None:
    path = write(tmp_path / ".msglint.toml", toml + "\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert (caught.value.path, caught.value.key, caught.value.problem) == (str(path), key, problem)


def test_a_type_slip_in_pyproject_names_the_tool_table_key(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool.msglint]\nignore = "PRO"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value) == (
        f'{path}: key \'tool.msglint.ignore\': must be a list of rule codes, e.g. ignore = ["PRO"] (got "PRO")'
    )


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("ups.com", "ups.com"),
        ("https://ups.com/", "ups.com"),
        ("http://www.UPS.com", "www.ups.com"),
        ("ups.com/", "ups.com"),
        ("UPS.COM.", "ups.com"),
        ("bücher.de", "bücher.de"),
    ],
)
def test_an_allowed_domain_written_as_a_site_address_is_read_as_its_domain(written: str, read: str) -> None:
    assert domain_name(written) == read
    assert settings_from_mapping({"allowed-domains": [written]}).allowed_domains == (read,)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (
            "https://ups.com/track?id=1",
            '"https://ups.com/track?id=1" is a link, not a domain name; write "ups.com" '
            "(every page of it, and of its subdomains, is then allowed)",
        ),
        ("*.ups.com", '"*.ups.com": a domain allows its subdomains too; write "ups.com"'),
        ("ups", '"ups" is not a domain name; write one such as "ups.com"'),
        ("https://", '"https://" is not a domain name; write one such as "ups.com"'),
    ],
)
def test_an_allowed_domain_that_is_not_a_domain_is_refused_with_the_fix(
    tmp_path: Path, written: str, problem: str
) -> None:
    path = write(tmp_path / ".msglint.toml", f'allowed-domains = ["ok.example", "{written}"]\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert (caught.value.key, caught.value.problem) == ("allowed-domains", problem)


def test_an_allowed_domain_given_as_an_address_allows_its_links(linter: Linter) -> None:
    text = "Manuals are at https://www.kettleworks.com/manuals"
    assert [(f.rule, f.span.start, f.span.end) for f in linter.lint(text).findings] == [("EXT001", 15, 50)]
    allowing = Linter(config={"allowed-domains": ["https://kettleworks.com/"]})
    assert allowing.lint(text).findings == ()


def test_wrong_severity_value_names_the_rule_key(tmp_path: Path) -> None:
    path = write(tmp_path / ".msglint.toml", '[severity]\nEXT001 = "fatal"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert caught.value.key == "severity.EXT001"


def test_malformed_toml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / ".msglint.toml", 'ignore = ["PRO"]\nfail-on = \nselect = []\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert caught.value.path == str(path)
    assert caught.value.line == 2
    assert str(caught.value).startswith(f"{path}:2: not valid TOML")
    assert "not valid TOML" in str(caught.value)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_settings(tmp_path / "nope.toml")


def test_unknown_rule_code_in_config_names_file_and_key(tmp_path: Path) -> None:
    path = write(tmp_path / ".msglint.toml", 'ignore = ["TOY001", "TOY999"]\n')
    with pytest.raises(ConfigError) as caught:
        Linter(config=path, registry=Registry([ShopWord]))
    assert caught.value.path == str(path)
    assert caught.value.key == "ignore"
    assert "'TOY999' names no rule" in str(caught.value)


def test_unknown_policy_lists_the_built_in_ones() -> None:
    with pytest.raises(
        ConfigError, match="no policy named 'shopify'; built-in policies: amazon, ebay, etsy, mercadolibre, walmart"
    ):
        Linter(policy="shopify")


def test_config_is_found_by_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "no msglint table"\n')
    config = write(tmp_path / ".msglint.toml", "")
    nested = tmp_path / "templates" / "returns"
    nested.mkdir(parents=True)
    template = write(nested / "refund.txt", "hello")
    assert find_config(template) == config
    assert find_config(nested) == config


def test_pyproject_without_msglint_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    inner = tmp_path / "a"
    inner.mkdir()
    config = write(inner / "pyproject.toml", "[tool.msglint]\n")
    assert find_config(inner) == config
    assert find_config(tmp_path) is None or find_config(tmp_path) != tmp_path / "pyproject.toml"


def test_the_amazon_policy_pack_loads_and_cites_clauses() -> None:
    pack, source = load_policy("amazon")
    assert isinstance(pack, PolicyPack)
    assert pack.name == "amazon"
    assert "amazon.co.uk" in pack.allowed_domains
    assert "no-external-links" in pack.clauses
    assert source.endswith("amazon.toml")


def test_a_policy_pack_file_with_an_unknown_key_names_it(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.toml", 'name = "mine"\ntitle = "t"\nselct = ["ALL"]\n')
    with pytest.raises(ConfigError) as caught:
        load_policy(str(path))
    assert caught.value.key == "selct"
    assert caught.value.path == str(path)


# --- selection: the most specific entry wins, ignore wins a tie --------------------------------

EXT001 = rule("EXT001", "external-link", Category.EXTERNAL_CONTACT)


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (["ALL"], [], True),
        (["ALL"], ["EXT"], False),
        (["ALL"], ["EXT001"], False),
        (["EXT001"], ["EXT"], True),  # the code is more specific than the prefix
        (["EXT0"], ["EXT"], True),  # a longer prefix is more specific
        (["EXT"], ["EXT0"], False),
        (["external-link"], ["EXT"], True),  # a name is as specific as a code
        (["EXT"], ["external-contact"], True),  # a prefix beats a category
        (["external-contact"], ["ALL"], True),
        (["EXT"], ["EXT"], False),  # a tie: ignore wins
        (["EXT001"], ["external-link"], False),
        (["PRO"], [], False),
        ([], [], False),
    ],
)
def test_most_specific_entry_wins(select: list[str], ignore: list[str], expected: bool) -> None:
    assert is_selected(EXT001, select, ignore) is expected


def test_severity_overrides_take_the_most_specific_entry() -> None:
    assert severity_for(EXT001, [{"EXT": "warning", "EXT001": "info"}]) == "info"
    assert severity_for(EXT001, [{"EXT001": "info"}, {"EXT": "warning"}]) == "info"
    assert severity_for(EXT001, [{"EXT": "info"}, {"EXT": "warning"}]) == "warning"  # later file wins a tie
    assert severity_for(EXT001, [{"PRO": "info"}]) == "error"


def test_extend_select_adds_to_the_policy_selection() -> None:
    linter = Linter(registry=Registry([ShopWord]), config={"select": ["TOY001"], "extend-select": ["TOY002"]})
    assert linter.is_enabled("TOY001") and linter.is_enabled("TOY002")


def test_extra_terms_must_name_a_known_rule() -> None:
    with pytest.raises(ConfigError, match="'NOPE001' names no rule") as caught:
        Linter(registry=Registry([ShopWord]), config={"extra-terms": {"NOPE001": ["x"]}})
    assert caught.value.key == "extra-terms"


@pytest.mark.parametrize(
    ("code", "term", "text", "found"),
    [
        ("PRO003", "mega blowout", "Our mega blowout starts Friday.", (4, 16)),
        ("ABU002", "frick", "What the frick is this?", (9, 14)),
        ("EXT009", "ring me up", "Just ring me up tomorrow.", (5, 15)),
        ("REV001", "super duper review", "Please leave a super duper review!", (15, 33)),
    ],
)
def test_extra_terms_reach_every_built_in_checker(code: str, term: str, text: str, found: tuple[int, int]) -> None:
    linter = Linter(config={"extra-terms": {code: [term]}})
    spans = [(f.span.start, f.span.end) for f in linter.lint(text).findings if f.rule == code]
    assert spans == [found]


def test_a_checker_id_selects_every_rule_of_that_checker() -> None:
    linter = Linter(registry=Registry([ShopWord]), config={"select": ["toy-shop"], "ignore": ["TOY002"]})
    assert (linter.is_enabled("TOY001"), linter.is_enabled("TOY002")) == (True, False)
    ignoring = Linter(registry=Registry([ShopWord]), config={"ignore": ["toy-shop"]})
    assert (ignoring.is_enabled("TOY001"), ignoring.is_enabled("TOY002")) == (False, False)


def test_a_checker_id_is_more_specific_than_a_category_and_less_than_a_prefix() -> None:
    shop = Registry([ShopWord]).rules[0]
    assert is_selected(shop, ["toy-shop"], ["promotional"]) is True
    assert is_selected(shop, ["TOY"], ["toy-shop"]) is True
    assert is_selected(shop, ["toy-shop"], ["TOY"]) is False
    assert severity_for(shop, [{"toy-shop": "info", "promotional": "warning"}]) == "info"


def test_a_category_value_names_the_category_even_when_a_checker_has_that_id() -> None:
    template_rule = next(r for r in Linter().rules if r.code == "TPL002")  # category promotional
    assert template_rule.checker == "template-placeholders"
    assert is_selected(template_rule, ["ALL"], ["promotional"]) is False


# --- which files: exclude, extend-exclude, per-file-ignores --------------------------------------


def test_exclude_globs_are_relative_to_the_configuration_folder(tmp_path: Path) -> None:
    settings = Settings(exclude=("templates/drafts", "*.wip.txt"), extend_exclude=("old",))
    for relative, excluded in [
        ("templates/drafts/a.txt", True),  # a folder on its way
        ("templates/a.wip.txt", True),  # a file name anywhere
        ("other/old/b.txt", True),  # a folder name anywhere
        ("templates/ok.txt", False),
        ("elsewhere/templates/drafts/a.txt", False),  # relative globs start at the configuration's folder
    ]:
        assert settings.excludes(tmp_path / relative, tmp_path) is excluded, relative
    assert settings.excludes(tmp_path / "templates/drafts/a.txt", tmp_path, replaced=True) is False
    assert settings.excludes(tmp_path / "old/b.txt", tmp_path, replaced=True) is True  # extend-exclude stays


def test_per_file_ignores_name_the_rules_off_for_matching_files(tmp_path: Path) -> None:
    settings = settings_from_mapping(
        {"per-file-ignores": {"templates/legacy/*": ["PRO", "TPL002"], "*.eml": ["EXT"], "!templates/*": ["REV"]}}
    )
    assert settings.ignored_in(tmp_path / "templates/legacy/a.txt", tmp_path) == ("PRO", "TPL002")
    assert settings.ignored_in(tmp_path / "templates/b.eml", tmp_path) == ("EXT",)
    assert settings.ignored_in(tmp_path / "notes/c.txt", tmp_path) == ("REV",)  # a negated glob
    assert settings.ignored_in(tmp_path / "templates/c.txt", tmp_path) == ()


def test_a_per_file_ignores_entry_that_names_no_rule_names_file_and_glob(tmp_path: Path) -> None:
    from msglint.config import check_per_file_ignores

    settings = settings_from_mapping({"per-file-ignores": {"legacy/*": ["TOY001", "TOY999"]}})
    with pytest.raises(ConfigError) as caught:
        check_per_file_ignores(settings, Registry([ShopWord]).rules, path="x.toml")
    assert caught.value.key == 'per-file-ignores."legacy/*"'
    assert "'TOY999' names no rule" in caught.value.problem


def test_per_file_ignores_are_checked_by_the_library_too() -> None:
    with pytest.raises(
        ConfigError, match=re.escape("""key 'per-file-ignores."legacy/*.txt"': 'NOPE999' names no rule""")
    ):
        Linter(config={"per-file-ignores": {"legacy/*.txt": ["NOPE999"]}})
