"""The frames' cheap path (msglint/engine/frames.py): a check whose gates match nowhere in the text is
skipped. A gate must never skip a check that would have found something: these tests hold it to that,
on the patterns themselves, on sentence windows that end where a letter follows, and on every corpus
message, whose frame findings must be exactly those of the checks run in full."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msglint import Linter
from msglint.document import Document
from msglint.engine import frames
from msglint.engine.frames import CooccurrenceCheck, Frames
from msglint.models import Message
from tests.corpus import CORPORA, load


@pytest.mark.parametrize(
    "source",
    [
        r"(?<![a-z])you(?![a-z])",  # a look-ahead sees past the match's end
        r"you\b",
        r"you$",
        r"you\Z",
        r"(?>you)r",  # an atomic group does not give back what a longer text would let it keep
        r"yo++u",
        r"(?<=(?=you)y)ou",  # a look-ahead hidden in a look-behind
    ],
)
def test_a_pattern_that_may_look_past_its_match_gets_no_gate(source: str) -> None:
    assert frames._gate(source) is None


def test_look_behinds_and_plain_repeats_get_a_gate() -> None:
    gate = frames._gate(r"(?<![a-z0-9'])(?:[y][o0][u]\s+(?:[a-z]+\s+){0,2}[r][u][d][e]|[u])")
    assert gate is not None
    assert gate.search("well you are so rude").span() == (5, 20)


def test_a_gate_groups_alternatives_on_their_first_letters() -> None:
    alternatives = [frames._atoms(p) for p in ("you", "your", "yes", "<num> stars")]
    assert frames._tree(alternatives, depth=3) == (
        r"[y](?:[o0](?:[u])|[e3](?:[s5\$]))|[y\*\#%](?:[o0\*\#%](?:[u\*\#%](?:[r\*\#%])))"
        r"|\d+(?:[.,]\d+)?\s+[s5\$\*\#%][t7\*\#%][a4@\*\#%][r\*\#%][s5\$\*\#%]"
    )


def test_a_gate_matches_the_same_strings_as_its_set() -> None:
    alternatives = ("you", "your", "yes", "you must", "<num> stars", "leave*")
    exact = re.compile("|".join(sorted(map(frames._phrase_regex, alternatives), key=len, reverse=True)))
    grouped = re.compile(frames._tree([frames._atoms(p) for p in alternatives], depth=3))
    for text in ("you", "your", "yes", "you   must", "5 stars", "leaves", "y0u", "yoyo", "ye", "4.5 stars"):
        assert bool(exact.fullmatch(text)) == bool(grouped.fullmatch(text)), text


_WORDS = ["you", "are", "so", "rude", "review", "free", "gift", "leave", "5", "stars", "great", "thanks", "your"]
_SEPARATORS = [" ", ".", ". ", "!", ",", "\n", ""]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), min_size=1, max_size=12),
    st.data(),
)
def test_a_match_in_any_window_is_a_match_of_its_gate_in_the_whole_text(
    pieces: list[tuple[str, str]], data: st.DataObject
) -> None:
    text = "".join(word + sep for word, sep in pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))  # a window may end inside a word ("great.Thanks")
    for compiled in frames._load("en"):
        if len(compiled.gates) != len(compiled.patterns):
            continue
        for pattern, gate in zip(compiled.patterns, compiled.gates, strict=True):
            if pattern.search(text, start, end) is not None:
                assert gate.search(text) is not None, (compiled.check.name, text, start, end)


def test_every_english_check_is_gated() -> None:
    """The shipped frames have no end-sensitive construct inside a set: every check has its gates."""
    compiled = frames._load("en")
    assert [c.check.name for c in compiled if len(c.gates) != len(c.patterns)] == []


def _frame_hits(readers: list[Frames], document: Document) -> list[tuple[str, int, int]]:
    return [(h.rule, h.start, h.end) for reader in readers for h in reader.hits(document)]


def test_gated_frames_find_exactly_what_the_full_checks_find_on_every_corpus_message(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = frames._load("en")
    rules = [c.check.rule for c in compiled]
    readers = [Frames("en", name, rules) for name in sorted({c.check.checker for c in compiled})]
    pipeline = linter._pipeline("en")
    texts = [s.text for path in sorted(Path(CORPORA).glob("*.jsonl")) for s in load(path)]
    # the sentence windows' own trap: a sentence that ends where a letter follows
    texts += ["Leave us 5 stars.Thanks", "you are so rude.You", "a free gift for your review.great"]
    documents = [Document(Message(text=text), pipeline) for text in texts]
    gated = [_frame_hits(readers, d) for d in documents]
    monkeypatch.setattr(frames, "_open", lambda compiled, text: True)
    monkeypatch.setattr(frames._CueIndex, "present", lambda index, text: -1)  # every set may occur
    frames._seen.text = None
    full = [_frame_hits(readers, d) for d in documents]
    assert sum(map(len, full)) > 100  # the corpus holds frame findings: the comparison is not vacuous
    assert any(isinstance(c.check, CooccurrenceCheck) for c in compiled)
    assert gated == full


# --- the cue index: one pass over the words decides which gates are searched at all ------------------


def test_a_phrase_key_is_its_longest_word_it_cannot_do_without() -> None:
    assert frames._key("leave us a review") == ("review", True)
    assert frames._key("<num> stars") == ("stars", True)  # a stand-in is no key
    assert frames._key("you 're so") == ("you", False)  # a word glued to the one before is none either
    assert frames._key("don't") == ("don", False)  # up to the apostrophe, which the phrase may leave out
    assert frames._key("leave*") == ("leave", True)  # a stem: any ending follows
    assert frames._key("'re <word>") is None


_TOY_SETS = """[sets]
reader = ["you", "your kids"]
degree = ["incredibly"]
insults = ["imbecile*", "moron"]
bad = ["@insults", "incompetent", "a joke"]
review = ["leave <word> review", "rate us"]
gift = ["gift card"]
"""
_TOY_CHECKS = """
[[check]]
kind = "sequence"
name = "aimed"
checker = "abusive"
rule = "ABU004"
parts = ["reader", "degree?", "bad"]
gap = 1

[[check]]
kind = "co-occurrence"
name = "tied"
checker = "abusive"
rule = "ABU005"
roles = { benefit = "gift", review = "review" }
window = 2
"""


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Frames:
    name = "frames_gate_index_case"
    root = tmp_path / name
    (root / "en").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "en" / "__init__.py").write_text("")
    (root / "en" / "frames.toml").write_text(_TOY_SETS + _TOY_CHECKS)
    monkeypatch.syspath_prepend(str(tmp_path))
    return Frames("en", "abusive", ["ABU004", "ABU005"], package=name)


def _toy_hits(linter: Linter, toy: Frames, text: str) -> list[tuple[str, int, int, str]]:
    document = Document(Message(text=text), linter._pipeline("en"))
    folded = document.folded.text
    return [(h.rule, h.start, h.end, folded[h.start : h.end]) for h in toy.hits(document)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the key "incompetent" reached only through a mask, which folding leaves as it is
        ("Well, you are inc*mpetent.", [("ABU004", 6, 25, "you are inc*mpetent")]),
        # an optional part's set is not needed: "incredibly" absent, the check still runs
        ("Honestly you imbeciles.", [("ABU004", 9, 22, "you imbeciles")]),
        # the same with the optional part present
        ("Honestly you incredibly moron", [("ABU004", 9, 29, "you incredibly moron")]),
        # a set included with @insults gives its keys to the set including it; a stem takes any ending
        ("you imbeciles!", [("ABU004", 0, 13, "you imbeciles")]),
        # a key that starts after a symbol inside a run of the index's alphabet ("#you")
        ("#you moron", [("ABU004", 1, 10, "you moron")]),
        # a key read through stand-ins the folded view keeps ("1" for i, "0" for o, "3" for e)
        ("your kids are 1nc0mp3t3nt", [("ABU004", 0, 25, "your kids are 1nc0mp3t3nt")]),
        # a key that is not the phrase's first word ("review" of "leave <word> review"), across sentences
        (
            "Here is a gift card. Please leave a review!",
            [("ABU005", 10, 42, "gift card. please leave a review")],
        ),
        # a key after a separator that is no space
        ("A gift card-rate us today", [("ABU005", 2, 19, "gift card-rate us")]),
    ],
)
def test_the_index_never_skips_a_check_its_cues_reach(
    linter: Linter, toy: Frames, text: str, expected: list[tuple[str, int, int, str]]
) -> None:
    assert _toy_hits(linter, toy, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Your order 114-2345678-1234567 has shipped.",  # no key at all
        "you are so incredibly kind",  # "reader" present, "bad" absent: the sequence cannot match
        "y*u moron",  # a mask stands for a letter of a word of four letters or more only
        "Your gift card code is on the invoice.",  # "gift" present, "review" absent
    ],
)
def test_what_the_index_rules_out_no_check_finds(linter: Linter, toy: Frames, text: str) -> None:
    assert _toy_hits(linter, toy, text) == []


def test_the_index_rules_out_the_sets_whose_keys_are_absent(toy: Frames) -> None:
    (aimed, tied) = toy._checks
    index = aimed.index
    assert aimed.needs and tied.needs and aimed.needs & tied.needs == 0
    assert index.present("the order 114-2345678-1234567 has shipped.") & (aimed.needs | tied.needs) == 0
    assert index.present("you are inc*mpetent") & aimed.needs == aimed.needs
    assert index.present("1mbec1le") & aimed.needs != 0  # stand-ins the folded view may keep
    assert index.present("*" * 5000) == index.every  # masks past any reading: every set may occur


_DISGUISED = [*_WORDS, "y0u", "inc*mpetent", "r*de", "fr33", "g1ft", "#you", "@", "*", "$tupid", "rev!ew", "l3ave"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_DISGUISED), st.sampled_from(_SEPARATORS)), min_size=1, max_size=12))
def test_a_gate_that_matches_is_never_ruled_out_by_the_index(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + sep for word, sep in pieces)
    for lang in ("en", "de", "fr"):
        for compiled in frames._load(lang):
            if all(gate.search(text) for gate in compiled.gates):
                assert compiled.needs & compiled.index.present(text) == compiled.needs, (compiled.check.name, text)
