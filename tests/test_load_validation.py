"""Malformed data is stopped when a Linter is built, by an error naming the file, the line or key, and
what was expected: policy packs, lexicon lines, language files and the disguise table.

Each checker's own tag and pattern vocabulary is tested in tests/test_lexicon_validation.py and the
language file's keys in tests/test_language.py; this module adds what those do not feed: lines that are
not JSON or not a lexicon line at all, tags of another checker, rule codes no checker has, policy packs
that name no rule, and the disguise table. Where msglint accepts a malformed input today, the test is
an xfail saying so.
"""

# ruff: noqa: F811 - tests take the imported `lexicons` fixture as a parameter, as pytest passes it
from __future__ import annotations

import json
import re
import uuid
from importlib import resources
from pathlib import Path

import pytest

import msglint
from msglint.checkers.abusive import AbusiveChecker
from msglint.checkers.base import Checker
from msglint.checkers.external_contact import ExternalContactChecker
from msglint.checkers.promotional import PromotionalChecker
from msglint.checkers.review_manipulation import ReviewManipulationChecker
from msglint.engine import disguises
from msglint.engine.language import load_language_file
from msglint.errors import ConfigError
from tests.test_lexicon_validation import Lexicons, _fails, lexicons  # noqa: F401 - the fixture, used by name

# --- policy packs -------------------------------------------------------------------------------------

PACK = 'name = "mine"\ntitle = "A marketplace of my own"\n'


def _pack(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(PACK + text, "utf-8")
    return path


def _pack_error(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as raised:
        msglint.Linter(policy=str(path))
    return raised.value


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ('selct = ["ALL"]\n', "selct", "unknown key"),
        ('[severity]\nEXT = "fatal"\n', "severity.EXT", 'must be "error", "warning" or "info" (got "fatal")'),
        ('select = "ALL"\n', "select", "must be a list of rule codes"),
        ('allowed-domains = ["https://shop.example/returns"]\n', "allowed-domains", "is a link, not a domain name"),
    ],
)
def test_a_malformed_policy_pack_names_the_file_the_key_and_what_was_expected(
    tmp_path: Path, text: str, key: str, expected: str
) -> None:
    path = _pack(tmp_path, text)
    error = _pack_error(path)
    assert error.path == str(path), str(error)
    assert error.key == key, str(error)
    assert expected in error.problem, str(error)


@pytest.mark.parametrize(
    ("text", "key", "entry"),
    [
        ('select = ["EXTRNAL"]\n', "select", "EXTRNAL"),  # would select nothing: every message allowed
        ('ignore = ["PROO"]\n', "ignore", "PROO"),
        ('[severity]\nEXTT = "warning"\n', "severity", "EXTT"),
    ],
)
def test_a_policy_pack_selector_that_names_no_rule_is_an_error(tmp_path: Path, text: str, key: str, entry: str) -> None:
    path = _pack(tmp_path, text)
    error = _pack_error(path)
    assert error.path == str(path), str(error)
    assert error.key == key, str(error)
    assert f"{entry!r} names no rule" in error.problem and "a rule code (EXT001)" in error.problem, str(error)


def test_a_policy_pack_that_is_not_toml_names_the_line(tmp_path: Path) -> None:
    path = _pack(tmp_path, "[severity\n")
    error = _pack_error(path)
    assert error.path == str(path) and error.line == 3, str(error)
    assert "not valid TOML" in error.problem


def test_a_policy_pack_error_names_the_line(tmp_path: Path) -> None:
    path = _pack(tmp_path, '\n[severity]\nEXT = "fatal"\n')
    error = _pack_error(path)
    assert (error.line, error.key) == (5, "severity.EXT")
    assert str(error).startswith(f"{path}:5: key 'severity.EXT': must be")


@pytest.mark.xfail(reason="options of an unknown checker, or unknown options, are silently ignored", strict=True)
@pytest.mark.parametrize(
    "text",
    [
        '[options.external-contact]\nmarketplace-brand = ["amazon"]\n',  # for marketplace-brands
        '[options.external-contacts]\nmarketplace-brands = ["amazon"]\n',  # no such checker
    ],
)
def test_a_policy_pack_option_nobody_reads_is_an_error(tmp_path: Path, text: str) -> None:
    path = _pack(tmp_path, text)
    error = _pack_error(path)
    assert error.path == str(path) and error.key is not None and error.key.startswith("options.")


@pytest.mark.xfail(
    reason="a pack without the clauses its rules cite loads; findings then cite a clause it lacks", strict=True
)
def test_a_policy_pack_must_have_every_clause_its_rules_cite(tmp_path: Path) -> None:
    path = _pack(tmp_path, '[clauses]\nno-promo = "No promotion."\n')
    error = _pack_error(path)
    assert error.key == "clauses" and "no-promotion" in error.problem


# --- lexicon lines ------------------------------------------------------------------------------------

LEXICON_OF: dict[str, type[Checker]] = {
    "abusive": AbusiveChecker,
    "abusive_profanity": AbusiveChecker,
    "abusive_insults": AbusiveChecker,
    "abusive_slurs": AbusiveChecker,
    "external_contact": ExternalContactChecker,
    "promotional": PromotionalChecker,
    "review_manipulation": ReviewManipulationChecker,
}


def _append_raw(lexicons: Lexicons, name: str, raw: str) -> int:
    """Add a line written as is (it may not be JSON); its line number."""
    path = lexicons.path(name)
    text = path.read_text("utf-8").rstrip("\n") + "\n" + raw + "\n"
    path.write_text(text, "utf-8")
    return text.count("\n")


@pytest.mark.parametrize("name", sorted(LEXICON_OF))
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('{"rule": "PRO003", "phrases": ["mega sale"]', "not valid JSON"),
        ("{'rule': 'PRO003', 'phrases': ['mega sale']}", "not valid JSON"),
        ('{"rule": "PRO003", "phrase": "mega sale", "phrses": ["x"]}', "phrses: Extra inputs are not permitted"),
        ('{"phrases": ["mega sale"]}', "rule: Field required"),
        ('{"rule": "pro3", "phrases": ["mega sale"]}', "rule: String should match pattern"),
        ('{"rule": "PRO003"}', "give exactly one of 'phrase', 'phrases' or 'pattern'"),
        ('{"rule": "PRO003", "phrases": ["mega sale"], "pattern": [{"LOWER": "mega"}]}', "give exactly one of"),
    ],
    ids=["unclosed", "single-quotes", "unknown-key", "no-rule", "bad-code", "no-trigger", "two-triggers"],
)
def test_a_line_that_is_no_lexicon_line_names_file_line_and_what_was_expected(
    lexicons: Lexicons, name: str, raw: str, expected: str
) -> None:
    number = _append_raw(lexicons, name, raw)
    _fails(LEXICON_OF[name], lexicons.path(name), number, expected)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("abusive", "ABU099"),
        ("external_contact", "EXT099"),
        ("promotional", "PRO099"),
        ("review_manipulation", "REV099"),
    ],
)
def test_a_rule_code_no_checker_has_names_the_rules_expected(lexicons: Lexicons, name: str, code: str) -> None:
    checker = LEXICON_OF[name]
    number = lexicons.append(name, {"rule": code, "phrases": ["mega sale"]})
    prefix = code[:3]
    _fails(checker, lexicons.path(name), number, f"rule {code} is not a rule of checker {checker.id!r}", f"{prefix}001")


# A tag that means something to one checker is unknown to the others: it would otherwise do nothing.
@pytest.mark.parametrize(
    ("name", "line", "expected"),
    [
        ("abusive", {"rule": "ABU006", "tags": ["needs-future"], "phrases": ["go away"]}, "unknown tag 'needs-future'"),
        (
            "abusive_profanity",
            {"rule": "ABU002", "tags": ["word", "list:link-cues"], "phrases": ["frak"]},
            "list:link-cues",
        ),
        (
            "promotional",
            {"rule": "PRO003", "tags": ["imprecation"], "phrases": ["mega sale"]},
            "unknown tag 'imprecation'",
        ),
        ("promotional", {"rule": "PRO003", "tags": ["list:negations"], "phrases": ["mega sale"]}, "list:negations"),
        (
            "review_manipulation",
            {"rule": "REV001", "tags": ["needs-future"], "phrases": ["top marks"]},
            "unknown tag 'needs-future'",
        ),
        (
            "external_contact",
            {"rule": "EXT007", "tags": ["positive-rating"], "phrases": ["my blog"]},
            "positive-rating",
        ),
        ("external_contact", {"rule": "EXT007", "tags": ["word"], "phrases": ["my blog"]}, "unknown tag 'word'"),
    ],
)
def test_a_tag_of_another_checker_names_file_line_and_what_was_expected(
    lexicons: Lexicons, name: str, line: dict[str, object], expected: str
) -> None:
    number = lexicons.append(name, line)
    _fails(LEXICON_OF[name], lexicons.path(name), number, expected)


@pytest.mark.parametrize(
    ("name", "line", "expected"),
    [
        ("external_contact", {"rule": "EXT009", "pattern": [{"LOWR": "ring"}, {"LOWER": "me"}]}, "LOWR"),
        ("external_contact", {"rule": "EXT009", "pattern": [{"LOWER": "ring"}, {"LOWER": "me", "OP": "{x}"}]}, "OP"),
        ("abusive", {"rule": "ABU006", "pattern": [{"LOWER": "go"}, {"LOWER": "away", "OP": "!"}]}, "OP '!'"),
    ],
)
def test_a_bad_token_pattern_names_file_line_and_the_attribute_or_op(
    lexicons: Lexicons, name: str, line: dict[str, object], expected: str
) -> None:
    number = lexicons.append(name, line)
    _fails(LEXICON_OF[name], lexicons.path(name), number, expected)


def test_a_bad_lexicon_line_stops_the_linter_not_a_message(lexicons: Lexicons) -> None:
    number = _append_raw(lexicons, "promotional", '{"rule": "PRO003", "phrases": ["mega sale"],}')
    with pytest.raises(ConfigError) as raised:
        msglint.Linter()
    assert raised.value.path == str(lexicons.path("promotional")) and raised.value.line == number
    assert str(raised.value).startswith(f"{lexicons.path('promotional')}:{number}: not valid JSON")


# --- language files -----------------------------------------------------------------------------------

ENGLISH = resources.files("msglint.lang").joinpath("en.toml").read_text("utf-8")


def _language_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> ConfigError:
    name = f"lang_{uuid.uuid4().hex}"
    (tmp_path / name).mkdir()
    (tmp_path / name / "__init__.py").write_text("")
    (tmp_path / name / "en.toml").write_text(text, "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ConfigError) as raised:
        load_language_file("en", name)
    return raised.value


@pytest.mark.parametrize(
    ("edit", "key", "expected"),
    [
        (lambda t: t.replace('negations = ["not"', 'negations = ["NOT"'), "words.negations", "not lower case"),
        (lambda t: t.replace("[aim]\n", '[aim]\nvocatives = ["you"]\n'), "aim.vocatives", "unknown key"),
        (lambda t: re.sub(r"\ncopula = \[\"youre\".*\n", "\n", t), "glued.copula", "Field required"),
        (
            lambda t: t.replace('negations = ["not", ', 'negations = ["not", "not  now", '),
            "words.negations",
            "one space",
        ),
        (
            lambda t: t.replace('code = "en"', 'code = "english"'),
            "code",
            "the file of language 'en' says it is 'english'",
        ),
    ],
)
def test_a_bad_language_file_names_file_key_and_what_was_expected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit, key: str, expected: str
) -> None:
    text = edit(ENGLISH)
    assert text != ENGLISH
    error = _language_error(tmp_path, monkeypatch, text)
    assert error.path is not None and error.path.endswith("en.toml")
    assert error.key == key, str(error)
    assert expected in error.problem, str(error)


def test_a_bad_language_file_names_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = ENGLISH.replace('negations = ["not"', 'negations = ["NOT"')
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if t.startswith("negations = "))
    assert _language_error(tmp_path, monkeypatch, text).line == line


# --- the disguise table -------------------------------------------------------------------------------

DISGUISES = resources.files("msglint.data").joinpath("disguises.toml").read_text("utf-8")


def _disguise_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> ConfigError:
    name = f"data_{uuid.uuid4().hex}"
    (tmp_path / name).mkdir()
    (tmp_path / name / "__init__.py").write_text("")
    (tmp_path / name / "disguises.toml").write_text(text, "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ConfigError) as raised:
        disguises.table(name)
    return raised.value


def test_the_shipped_disguise_table_is_valid() -> None:
    table = disguises.table()
    assert table.usual()["0"] == "o" and "*" in table.masks.chars


@pytest.mark.parametrize(
    ("edit", "key", "expected"),
    [
        (lambda t: t.replace('char = "0"', 'char = "00"'), "leet.0.char", "at most 1 character"),
        (
            lambda t: t.replace('letters = ["e"]', 'letters = ["ee"]'),
            "leet.2.letters",
            "each letter must be one letter",
        ),
        (lambda t: t.replace('letters = ["e"]', "letters = []"), "leet.2.letters", "at least 1 item"),
        (lambda t: t.replace("folded = false", 'folded = "maybe"'), "leet.6.folded", "valid boolean"),
        (lambda t: t.replace('char = "3"\n', 'char = "3"\nsound = "e"\n'), "leet.2.sound", "Extra inputs"),
        (lambda t: t.replace('chars = "*#%"', 'chars = ""'), "masks.chars", "at least 1 character"),
        (lambda t: t.replace("[emoji]", "[emojis]"), "emoji", "Field required"),
    ],
)
def test_a_bad_disguise_entry_names_the_file_the_key_and_what_was_expected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit, key: str, expected: str
) -> None:
    text = edit(DISGUISES)
    assert text != DISGUISES
    error = _disguise_error(tmp_path, monkeypatch, text)
    assert error.path is not None and error.path.endswith("disguises.toml")
    assert error.key == key, str(error)
    assert expected in error.problem, str(error)


def test_a_disguise_table_that_is_not_toml_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    error = _disguise_error(tmp_path, monkeypatch, DISGUISES + "\n[masks\n")
    assert error.path is not None and error.path.endswith("disguises.toml") and "not valid TOML" in error.problem


@pytest.mark.xfail(
    reason="a character listed twice in [[leet]] is accepted; the later entry silently wins", strict=True
)
def test_a_character_listed_twice_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = DISGUISES.replace("[masks]", '[[leet]]\nchar = "0"\nletters = ["q"]\n\n[masks]')
    error = _disguise_error(tmp_path, monkeypatch, text)
    assert "'0'" in error.problem and "twice" in error.problem


@pytest.mark.xfail(reason="a mask character that is also a leet character is accepted", strict=True)
def test_a_mask_that_is_also_a_leet_character_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    error = _disguise_error(tmp_path, monkeypatch, DISGUISES.replace('chars = "*#%"', 'chars = "*#%$"'))
    assert error.key == "masks.chars" and "'$'" in error.problem


def test_a_bad_disguise_entry_names_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = DISGUISES.replace('letters = ["e"]', 'letters = ["ee"]')
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if t == 'letters = ["ee"]')
    assert _disguise_error(tmp_path, monkeypatch, text).line == line


def test_lexicon_lines_are_json_objects_one_a_line() -> None:
    """Every shipped lexicon line outside comments is one JSON object: the loader's line numbers are the file's."""
    root = resources.files("msglint.lexicons").joinpath("en")
    for name in LEXICON_OF:
        for number, line in enumerate(root.joinpath(f"{name}.jsonl").read_text("utf-8").splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("//"):
                assert isinstance(json.loads(line), dict), f"{name}.jsonl:{number}"
