"""The one token-pattern dialect (msglint.engine.patterns): spaCy Matcher syntax with ``$name`` macros.

Every checker reads its lexicon patterns through the one module when a Linter is built; a pattern outside
the dialect, or outside what the checker's engine matches, is an error naming the file, the line, the
token and the key.
"""

# ruff: noqa: F811 - tests take the imported `lexicons` fixture as a parameter, as pytest passes it
from __future__ import annotations

from importlib import resources

import pytest

from msglint.checkers.abusive import AbusiveChecker
from msglint.checkers.base import Checker, LexiconEntry, load_lexicon
from msglint.checkers.external_contact import ExternalContactChecker
from msglint.checkers.promotional import PromotionalChecker
from msglint.checkers.review_manipulation import ReviewManipulationChecker
from msglint.engine.patterns import SPACY, Reads, expand, named_lists, pattern_problem
from tests.test_lexicon_validation import Lexicons, _fails, lexicons  # noqa: F401 - the fixture, used by name

# --- the schema ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ([], "a pattern is a non-empty list of token specs"),
        ([{"LOWR": "x"}], "token 1 of the pattern: unknown key 'LOWR'"),
        ([{"LOWER": "x"}, {"LOWER": "y", "OP": "{2"}], "token 2 of the pattern: OP '{2' is not a quantifier"),
        ([{"LOWER": "x", "OP": "{}"}], "token 1 of the pattern: OP '{}' is not a quantifier"),
        ([{"LOWER": "x", "OP": "{4,2}"}], "token 1 of the pattern: OP '{4,2}' repeats a token at least 4"),
        ([{"LOWER": {"IN": "x"}}], "token 1 of the pattern: LOWER IN is a non-empty list of words, not 'x'"),
        ([{"LOWER": {"IN": []}}], "token 1 of the pattern: LOWER IN is a non-empty list of words, not []"),
        ([{"LOWER": {"IN": ["x"], "FUZZY": "y"}}], "token 1 of the pattern: LOWER {'IN': ['x'], 'FUZZY': 'y'}"),
        ([{"LOWER": {"REGEX": "(x"}}], "token 1 of the pattern: REGEX '(x' is not a regular expression"),
        ([{"LIKE_NUM": "yes"}], "token 1 of the pattern: LIKE_NUM is true or false, not 'yes'"),
        ([{"LOWER": "$nowhere"}], "$nowhere names no word list of the lexicon"),
        (["x"], "token 1 of the pattern: a token spec is a dict, not 'x'"),
    ],
)
def test_a_pattern_outside_the_dialect_says_which_token_and_key(pattern: list[object], expected: str) -> None:
    problem = pattern_problem(pattern)  # type: ignore[arg-type]
    assert problem is not None and problem.startswith(expected), problem


@pytest.mark.parametrize("op", ["?", "*", "+", "!", "{3}", "{0,2}", "{1,}", "{,4}"])
def test_every_quantifier_of_spacy_3_is_of_the_dialect(op: str) -> None:
    assert pattern_problem([{"LOWER": "x"}, {"IS_PUNCT": True, "OP": op}]) is None


def test_an_engine_rejects_what_it_cannot_match() -> None:
    reads = Reads("a test engine", frozenset({"LOWER"}), predicates=frozenset({"IN"}), ops=frozenset({"?"}))
    assert pattern_problem([{"LOWER": "x", "OP": "+"}], reads) == (
        "token 1 of the pattern: OP '+' is not read by a test engine (expected '?')"
    )
    assert pattern_problem([{"LOWER": {"NOT_IN": ["x"]}}], reads) == (
        "token 1 of the pattern: LOWER NOT_IN is not read by a test engine (expected IN)"
    )
    assert pattern_problem([{"LOWER": "x"}, {"IS_PUNCT": True}], reads) == (
        "token 2 of the pattern: IS_PUNCT is not read by a test engine (expected LOWER, and OP)"
    )
    assert pattern_problem([{"LOWER": "x"}, {"IS_PUNCT": True}], SPACY) is None


def test_a_macro_expands_to_the_words_of_its_list() -> None:
    pattern = [{"LOWER": "$star"}, {"LOWER": {"IN": ["$star", "five"], "NOT_IN": ["$bad"]}, "OP": "?"}]
    lists = {"star": frozenset({"stars", "star"}), "bad": frozenset({"no"})}
    assert named_lists(pattern) == ["star", "star", "bad"]
    assert pattern_problem(pattern, lists=lists) is None
    assert expand(pattern, lists) == (
        {"LOWER": {"IN": ["star", "stars"]}},
        {"LOWER": {"IN": ["star", "stars", "five"], "NOT_IN": ["no"]}, "OP": "?"},
    )


# --- every shipped file of every language ---------------------------------------------------------------

LANGUAGES = sorted(
    p.name for p in resources.files("msglint.lexicons").iterdir() if p.is_dir() and p.name != "__pycache__"
)
CHECKERS: dict[str, type[Checker]] = {
    "abusive": AbusiveChecker,
    "external_contact": ExternalContactChecker,
    "promotional": PromotionalChecker,
    "review_manipulation": ReviewManipulationChecker,
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_shipped_pattern_of_every_language_is_of_the_dialect(lang: str) -> None:
    checked = 0
    for path in sorted(resources.files("msglint.lexicons").joinpath(lang).iterdir(), key=str):
        if not path.name.endswith(".jsonl"):
            continue
        name = path.name.removesuffix(".jsonl")
        entries = load_lexicon(lang, name)
        checker = CHECKERS.get(name)
        if checker is not None:
            assert list(checker().lexicon_problems(name, entries)) == [], f"{lang}/{name}"
        lists = {
            e.tags[1]: frozenset(e.all_phrases) for e in entries if e.tags[:1] == ("vocabulary",) and len(e.tags) > 1
        }
        for entry in entries:
            if entry.pattern is not None:
                assert pattern_problem(entry.pattern, lists=lists) is None, f"{lang}/{name}: {entry}"
                checked += 1
    assert lang == "pt" or checked > 0


# --- malformed lines name the file and the line ---------------------------------------------------------

MALFORMED = [
    ([{"LOWR": "mega"}, {"LOWER": "sale"}], ["token 1 of the pattern", "unknown key 'LOWR'"]),
    ([{"LOWER": "mega"}, {"LOWER": "sale", "OP": "~"}], ["token 2 of the pattern", "OP '~' is not a quantifier"]),
    ([{"LOWER": {"IN": ["$no_such_list"]}}, {"LOWER": "sale"}], ["$no_such_list names no word list"]),
    ([{"LOWER": {"IN": "mega"}}, {"LOWER": "sale"}], ["token 1 of the pattern", "LOWER IN is a non-empty list"]),
]


#: Each checker's lexicon, and a line of it the malformed pattern is added to.
PATTERN_READERS = [
    pytest.param((PromotionalChecker, "promotional", {"rule": "PRO003"}), id="promotional"),
    pytest.param((AbusiveChecker, "abusive", {"rule": "ABU006"}), id="abusive"),
    pytest.param(
        (ReviewManipulationChecker, "review_manipulation", {"rule": "REV001", "tags": ["positive-rating"]}), id="review"
    ),
]


@pytest.mark.parametrize("reader", PATTERN_READERS)
@pytest.mark.parametrize(("pattern", "expected"), MALFORMED)
def test_a_malformed_pattern_names_file_and_line(
    lexicons: Lexicons, reader: tuple[type, str, dict[str, object]], pattern: list[object], expected: list[str]
) -> None:
    checker, lexicon, line = reader
    number = lexicons.append(lexicon, {**line, "pattern": pattern})
    _fails(checker, lexicons.path(lexicon), number, *expected)


@pytest.mark.parametrize("checker", [PromotionalChecker, AbusiveChecker, ExternalContactChecker])
def test_an_empty_pattern_names_file_and_line(lexicons: Lexicons, checker: type[Checker]) -> None:
    name = {PromotionalChecker: "promotional", AbusiveChecker: "abusive"}.get(checker, "external_contact")
    rule = {PromotionalChecker: "PRO003", AbusiveChecker: "ABU006"}.get(checker, "EXT009")
    number = lexicons.append(name, {"rule": rule, "pattern": []})
    _fails(checker, lexicons.path(name), number, "a pattern is a non-empty list of token specs")


def test_abusive_reads_one_word_key_and_one_predicate(lexicons: Lexicons) -> None:
    number = lexicons.append("abusive", {"rule": "ABU006", "pattern": [{"LOWER": {"IN": ["go"], "REGEX": "g.*"}}]})
    _fails(AbusiveChecker, lexicons.path("abusive"), number, "token 1 of the pattern", "gives IN or REGEX, not both")


def test_a_lexicon_entry_keeps_its_pattern_as_written() -> None:
    entry = LexiconEntry(rule="PRO003", pattern=({"LOWER": "mega"}, {"LOWER": "sale", "OP": "{0,2}"}))
    assert entry.pattern == ({"LOWER": "mega"}, {"LOWER": "sale", "OP": "{0,2}"})
