"""Every lexicon line is checked against what its checker can read when a Linter is built.

A tag the checker does not know, a malformed ``key:value``, a role that does not exist, a tag combination
the checker cannot handle, a token pattern its dialect cannot read: each is a ConfigError naming the file,
the line and what was expected, never a line silently ignored or a checker that fails on every message.
"""

from __future__ import annotations

import functools
import json
import pickle
import shutil
import uuid
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

import msglint
from msglint.checkers.abusive import PHRASE_LEXICON, WORD_LEXICONS, AbusiveChecker
from msglint.checkers.base import Checker, LexiconEntry, load_lexicon
from msglint.checkers.external_contact import LEXICON as EXTERNAL_LEXICON
from msglint.checkers.external_contact import ExternalContactChecker
from msglint.checkers.promotional import PromotionalChecker
from msglint.checkers.review_manipulation import ReviewManipulationChecker
from msglint.errors import ConfigError
from msglint.nlp import Pipeline

SHIPPED = Path(str(resources.files("msglint.lexicons").joinpath("en")))
CHECKERS: tuple[type[Checker], ...] = (
    AbusiveChecker,
    ExternalContactChecker,
    PromotionalChecker,
    ReviewManipulationChecker,
)


class Lexicons:
    """A copy of the shipped lexicons in a package of its own, which the built-in checkers read."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, name: str) -> Path:
        return self.root / f"{name}.jsonl"

    def append(self, name: str, line: dict[str, object]) -> int:
        """Add a line at the end of lexicon ``name``; its line number."""
        path = self.path(name)
        text = path.read_text("utf-8").rstrip("\n") + "\n" + json.dumps(line) + "\n"
        path.write_text(text, "utf-8")
        return text.count("\n")

    def drop(self, name: str, keep: Callable[[str], bool]) -> None:
        path = self.path(name)
        path.write_text("".join(t for t in path.read_text("utf-8").splitlines(True) if keep(t)), "utf-8")


@pytest.fixture
def lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lexicons:
    package = f"lexicons_{uuid.uuid4().hex}"  # a new package each time: lexicons are read once per process
    root = tmp_path / package
    shutil.copytree(SHIPPED, root / "en")
    (root / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    for checker in CHECKERS:
        monkeypatch.setattr(checker, "lexicon_package", package)
    return Lexicons(root / "en")


def _prepare(checker: type[Checker], pipeline: Pipeline | None = None) -> None:
    """The checker's loading path: what a Linter does with it for English."""
    checker().prepare(pipeline or Pipeline("en"))


@functools.cache
def _shared_pipeline() -> Pipeline:
    """One pipeline for the lines that fail: they stop a checker before it matches anything, and building a
    pipeline costs most of such a test."""
    return Pipeline("en")


def _fails(checker: type[Checker], path: Path, line: int | None, *expected: str) -> ConfigError:
    with pytest.raises(ConfigError) as raised:
        _prepare(checker, _shared_pipeline())
    error = raised.value
    assert error.path == str(path), str(error)
    assert error.line == line, str(error)
    for words in expected:
        assert words in error.problem, str(error)
    return error


# --- the shipped lexicons ---------------------------------------------------------------------------


def test_a_linter_builds_over_every_shipped_lexicon() -> None:
    linter = msglint.Linter()
    built = {checker.id for checker in linter._checkers}
    assert {checker.id for checker in CHECKERS} <= built
    assert not linter._failures


SHIPPED_LEXICONS = {
    AbusiveChecker: (PHRASE_LEXICON, *WORD_LEXICONS),
    ExternalContactChecker: (EXTERNAL_LEXICON,),
    PromotionalChecker: (PromotionalChecker.lexicon,),
    ReviewManipulationChecker: (ReviewManipulationChecker.lexicon,),
}


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.id)
def test_every_shipped_lexicon_line_is_valid(checker: type[Checker]) -> None:
    for name in SHIPPED_LEXICONS[checker]:
        assert list(checker().lexicon_problems(name, load_lexicon("en", name))) == [], name
    _prepare(checker)


# --- abusive ----------------------------------------------------------------------------------------


def test_a_listed_word_under_a_phrase_rule_is_an_error_not_a_failing_checker(lexicons: Lexicons) -> None:
    """The line that once made the abusive checker fail on every message (tuple.index(x): x not in tuple)."""
    line = lexicons.append("abusive_insults", {"rule": "ABU008", "tags": ["word", "noun"], "phrases": ["scrounger"]})
    _fails(AbusiveChecker, lexicons.path("abusive_insults"), line, "ABU008", "ABU001, ABU002, ABU003, ABU004, ABU007")


def test_the_scrounger_line_stops_the_linter_naming_file_and_line(lexicons: Lexicons) -> None:
    line = lexicons.append("abusive_insults", {"rule": "ABU008", "tags": ["word", "noun"], "phrases": ["scrounger"]})
    with pytest.raises(ConfigError) as raised:
        msglint.Linter()
    assert raised.value.path == str(lexicons.path("abusive_insults"))
    assert raised.value.line == line


@pytest.mark.parametrize(
    ("name", "line", "expected"),
    [
        (
            "abusive_profanity",
            {"rule": "ABU002", "tags": ["word", "imprecaton"], "phrases": ["frak"]},
            ["unknown tag 'imprecaton'", "did you mean 'imprecation'", "expected one of:"],
        ),
        (
            "abusive_insults",
            {"rule": "ABU004", "tags": ["noun"], "phrases": ["numpty"]},
            ["'noun' describes a listed word", "'word'"],
        ),
        (
            "abusive_insults",
            {"rule": "ABU004", "tags": ["noun", "compound-head"], "phrases": ["idiot"]},
            ["describes a listed word", "'word'"],
        ),
        (
            "abusive_profanity",
            {"rule": "ABU001", "tags": ["compound-frist"], "phrases": ["drecks"]},
            ["unknown tag 'compound-frist'", "did you mean 'compound-first'"],
        ),
        (
            "abusive_insults",
            {"rule": "ABU004", "tags": ["word", "next-not:To|for"], "phrases": ["plonker"]},
            ["lower-case words separated by '|'"],
        ),
        (
            "abusive_insults",
            {"rule": "ABU004", "tags": ["word", "next-not:to", "next-not:for"], "phrases": ["plonker"]},
            ["'next-not:' is given twice"],
        ),
        (
            "abusive_profanity",
            {"rule": "ABU002", "tags": ["word"], "pattern": [{"LOWER": "frak"}]},
            ["phrases, not as a token pattern"],
        ),
        (
            "abusive",
            {"rule": "ABU006", "tags": ["initial", "final", "softener"], "phrases": ["kindly"]},
            ["a line tagged 'softener' carries no other tag"],
        ),
        (
            "abusive",
            {"rule": "ABU006", "tags": ["contxt:cat"], "phrases": ["kitten"]},
            ["unknown tag 'contxt:cat'", "did you mean 'context:'"],
        ),
        (
            "abusive",
            {"rule": "ABU006", "pattern": [{"LOWER": "go"}, {"LOWER": "away", "OP": "+"}]},
            ["token 2 of the pattern", "OP '+' is not read by the abusive checker", "expected '?'"],
        ),
        (
            "abusive",
            {"rule": "ABU006", "pattern": [{"LOWER": "go"}, {"IS_ALPHA": True}]},
            ["token 2 of the pattern", "IS_ALPHA is not read by the abusive checker", "expected LOWER, ORTH"],
        ),
        (
            "abusive",
            {"rule": "ABU006", "pattern": [{"LOWER": {"REGEX": "(go"}}, {}]},
            ["REGEX '(go' is not a regular expression"],
        ),
        (
            "abusive",
            {"rule": "ABU006", "pattern": [{"LOWER": "go", "OP": "?"}, {}]},
            ["needs a word it must contain"],
        ),
        (
            "abusive",
            {"rule": "PRO001", "phrases": ["go away"]},
            ["rule PRO001 is not a rule of checker 'abusive'", "ABU001"],
        ),
        ("abusive", {"rule": "ABU006", "phrases": ["  "]}, ["a phrase holds at least one word"]),
    ],
)
def test_a_malformed_abusive_line_names_file_line_and_what_was_expected(
    lexicons: Lexicons, name: str, line: dict[str, object], expected: list[str]
) -> None:
    number = lexicons.append(name, line)
    _fails(AbusiveChecker, lexicons.path(name), number, *expected)


def test_an_unless_context_must_name_a_context_of_the_phrase_lexicon(lexicons: Lexicons) -> None:
    line = lexicons.append(
        "abusive_profanity", {"rule": "ABU001", "tags": ["word", "unless-context:cat"], "phrases": ["heck"]}
    )
    _fails(AbusiveChecker, lexicons.path("abusive_profanity"), line, "'unless-context:cat' names no context", "dog")


# --- promotional ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            {"rule": "PRO003", "tags": ["remedy-sensitve"], "phrases": ["mega sale"]},
            ["unknown tag 'remedy-sensitve'", "did you mean 'remedy-sensitive'", "needs-future"],
        ),
        (
            {"rule": "PRO003", "tags": ["not-befor:week"], "phrases": ["mega sale"]},
            ["unknown tag 'not-befor:week'", "did you mean 'not-before:'"],
        ),
        ({"rule": "PRO003", "tags": ["after:"], "phrases": ["mega sale"]}, ["lower-case words separated by '|'"]),
        ({"rule": "PRO003", "tags": ["after:a big"], "phrases": ["mega sale"]}, ["each without spaces"]),
        ({"rule": "PRO003", "tags": ["after"], "phrases": ["mega sale"]}, ["tag 'after' needs a value", "a|b"]),
        (
            {"rule": "PRO002", "tags": ["cue:futur"], "phrases": ["next time"]},
            ["'futur' is not a kind of cue", "did you mean 'future'", "expected one of: clause-break"],
        ),
        (
            {"rule": "PRO002", "tags": ["cue:future", "needs-future"], "phrases": ["next time"]},
            ["a cue line (cue:future) takes no trigger tags", "needs-future"],
        ),
        (
            {"rule": "PRO002", "tags": ["after-number", "before-amount"], "phrases": ["% off"]},
            ["one amount at most"],
        ),
        ({"rule": "PRO001", "tags": ["needs-code"], "phrases": ["promo code"]}, ["'needs-code' needs 'code'"]),
        (
            {"rule": "PRO010", "tags": ["unless-after:you"], "phrases": ["reorder"]},
            ["'unless-after:' only qualifies a 'not-after:' tag"],
        ),
        (
            {"rule": "PRO003", "tags": ["glued"], "phrases": ["mega sale"]},
            ["only one line may be tagged 'glued'"],
        ),
        (
            {"rule": "PRO003", "pattern": [{"LOWER": "mega"}, {"LOWER": "sale", "OP": "++"}]},
            ["token 2 of the pattern", "OP '++' is not a quantifier"],
        ),
        (
            {"rule": "PRO003", "pattern": [{"LOWR": "mega"}, {"LOWER": "sale"}]},
            ["token 1 of the pattern", "unknown key 'LOWR'"],
        ),
        ({"rule": "REV001", "phrases": ["mega sale"]}, ["rule REV001 is not a rule of checker 'promotional'"]),
    ],
)
def test_a_malformed_promotional_line_names_file_line_and_what_was_expected(
    lexicons: Lexicons, line: dict[str, object], expected: list[str]
) -> None:
    number = lexicons.append("promotional", line)
    _fails(PromotionalChecker, lexicons.path("promotional"), number, *expected)


# --- review manipulation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            {"rule": "REV001", "tags": ["positve-rating"], "phrases": ["top marks"]},
            ["first tag is its role", "unknown tag 'positve-rating'", "did you mean 'positive-rating'"],
        ),
        ({"rule": "REV001", "phrases": ["top marks"]}, ["first tag is its role", "no tags"]),
        (
            {"rule": "REV002", "tags": ["offer", "bare-star"], "phrases": ["a free mug"]},
            ["'bare-star' does not refine the role 'offer'", "head-noun, incentive, resolution"],
        ),
        (
            {"rule": "REV002", "tags": ["offer"], "phrases": ["a free mug"]},
            ["an offer line says 'incentive'", "'resolution'"],
        ),
        (
            {"rule": "REV003", "tags": ["satisfied-condition", "if-so", "question"], "phrases": ["if happy"]},
            ["is one of if-so, otherwise, question", "if-so and question"],
        ),
        (
            {"rule": "REV004", "tags": ["positive-rating"], "phrases": ["top marks"]},
            ["a positive-rating line reports under REV001, not REV004"],
        ),
        (
            {"rule": "REV001", "tags": ["vocabulary"], "phrases": ["grand"]},
            ["a vocabulary line has two tags"],
        ),
        (
            {"rule": "REV001", "tags": ["vocabulary", "pos_adj"], "phrases": ["grand"]},
            ["the word list 'pos_adj' is named twice"],
        ),
        (
            {
                "rule": "REV001",
                "tags": ["positive-rating"],
                "pattern": [{"LOWER": {"IN": ["$pos_adjective"]}}, {"LOWER": "review"}],
            },
            ["$pos_adjective names no word list"],
        ),
        (
            {
                "rule": "REV001",
                "tags": ["positive-rating"],
                "pattern": [{"LOWER": "top"}, {"LOWER": "marks", "OP": "!"}],
            },
            ["token 2 of the pattern", "OP '!' is not read by the review checker's matcher"],
        ),
        (
            {
                "rule": "REV001",
                "tags": ["positive-rating"],
                "pattern": [{"LOWER": "top"}, {"LOWER": "marks", "OP": "{3,1}"}],
            },
            ["token 2 of the pattern", "OP '{3,1}' repeats a token at least 3 and at most 1 times"],
        ),
        (
            {"rule": "REV001", "tags": ["positive-rating"], "pattern": [{"SHAPE": "Xxx"}, {"LOWER": "marks"}]},
            ["token 1 of the pattern", "unknown key 'SHAPE'"],
        ),
        (
            {"rule": "REV001", "tags": ["positive-rating"], "pattern": [{"LOWER": {"IN": ["top"]}, "OP": "?"}]},
            ["no required word to anchor on"],
        ),
        (
            {"rule": "REV001", "tags": ["positive-rating"], "pattern": [{"LOWER": "top"}, {"IS_ALPHA": "yes"}]},
            ["token 2 of the pattern", "IS_ALPHA is true or false, not 'yes'"],
        ),
    ],
)
def test_a_malformed_review_line_names_file_line_and_what_was_expected(
    lexicons: Lexicons, line: dict[str, object], expected: list[str]
) -> None:
    number = lexicons.append("review_manipulation", line)
    _fails(ReviewManipulationChecker, lexicons.path("review_manipulation"), number, *expected)


def test_a_word_list_that_includes_itself_names_its_line(lexicons: Lexicons) -> None:
    first = lexicons.append(
        "review_manipulation", {"rule": "REV001", "tags": ["vocabulary", "loop_a"], "phrases": ["$loop_b"]}
    )
    lexicons.append("review_manipulation", {"rule": "REV001", "tags": ["vocabulary", "loop_b"], "phrases": ["$loop_a"]})
    _fails(
        ReviewManipulationChecker,
        lexicons.path("review_manipulation"),
        first,
        "includes itself",
        "loop_a -> loop_b -> loop_a",
    )


def test_a_word_list_the_checker_reads_must_be_there(lexicons: Lexicons) -> None:
    lexicons.drop("review_manipulation", lambda line: '"review_word"]' not in line)
    _fails(ReviewManipulationChecker, lexicons.path("review_manipulation"), None, "'review_word'", "reads")


# --- external contact -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            {"rule": "EXT009", "tags": ["list:link-cue"], "phrases": ["see"]},
            ["'link-cue' is not a word list the checker reads", "did you mean 'link-cues'", "digit:0 to digit:9"],
        ),
        ({"rule": "EXT006", "tags": ["list:digit:x"], "phrases": ["ex"]}, ["'digit:x' is not a word list"]),
        ({"rule": "EXT007", "tags": ["social"], "phrases": ["my blog"]}, ["unknown tag 'social'", "list:"]),
        (
            {"rule": "EXT009", "tags": ["list:negations"], "pattern": [{"LOWER": "nope"}]},
            ["lists its words as phrases, not as a token pattern"],
        ),
        (
            {"rule": "EXT009", "tags": ["list:emoji:fax"], "phrases": ["📠"]},
            ["no phrase has the word 'fax'"],
        ),
        (
            {"rule": "EXT009", "pattern": [{"LOWER": "ring"}, {"LOWER": "me", "OP": "*?"}]},
            ["token 2 of the pattern", "OP '*?' is not a quantifier"],
        ),
        ({"rule": "ABU001", "phrases": ["ring me"]}, ["rule ABU001 is not a rule of checker 'external-contact'"]),
    ],
)
def test_a_malformed_external_contact_line_names_file_line_and_what_was_expected(
    lexicons: Lexicons, line: dict[str, object], expected: list[str]
) -> None:
    number = lexicons.append("external_contact", line)
    _fails(ExternalContactChecker, lexicons.path("external_contact"), number, *expected)


def test_a_list_the_external_contact_checker_reads_must_be_there(lexicons: Lexicons) -> None:
    lexicons.drop("external_contact", lambda line: '"list:link-cues"' not in line)
    _fails(ExternalContactChecker, lexicons.path("external_contact"), None, "'list:link-cues'")


# --- the base -----------------------------------------------------------------------------------------


def test_configured_extra_terms_are_not_lexicon_lines_and_stay_valid() -> None:
    linter = msglint.Linter(config={"extra-terms": {"PRO003": ["mega blowout"], "REV001": ["rave about us"]}})
    assert any(f.rule == "PRO003" for f in linter.lint("Our mega blowout starts now").findings)


def test_a_lexicon_entry_knows_nothing_of_its_line() -> None:
    """Where a line came from is the lexicon's to say (LexiconEntries), not a field a line could set."""
    assert "line" not in LexiconEntry.model_fields


def test_lexicon_entries_keep_their_file_and_lines_through_pickle() -> None:
    entries = load_lexicon("en", "promotional")
    copied = pickle.loads(pickle.dumps(entries))
    assert copied == entries and copied.path == entries.path and copied.lines == entries.lines
    assert copied.error(0, "x").line == entries.lines[0]
