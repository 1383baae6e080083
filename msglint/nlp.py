"""Blank spaCy pipelines and the matchers every checker shares, built once per Linter and language.

No statistical model is ever loaded: ``spacy.blank`` gives the tokenizer, a rule-based
sentencizer splits sentences, and one ``Matcher`` plus one ``PhraseMatcher`` hold the token
patterns of every checker, so a message is matched in one pass whatever the number of rules.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

#: Language used when spaCy has no tokenizer for a message's language.
FALLBACK_LANG = "xx"

#: spaCy's tokenizer takes quadratic time on long runs of punctuation or symbols without
#: whitespace ("((((…", "⭐⭐⭐…"); no real word is this long, so such runs are cut up.
MAX_RUN = 64
_NEWLINE = re.compile("\n")
_LONG_RUN = re.compile(rf"(\S{{{MAX_RUN - 1}}})\S")

#: Lexemes a pipeline may learn from messages before it is rebuilt (see Pipeline.worn_out).
MAX_LEARNED_LEXEMES = 100_000

#: (label, first token, token past the last); labels are "<checker id>:<anything>".
TokenMatch = tuple[str, int, int]


class Pipeline:
    """One language's tokenizer, sentencizer and shared matchers.

    Tokenising and matching mutate spaCy's shared vocabulary, so callers hold :attr:`lock`
    around them; :class:`msglint.api.Linter` does.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.nlp: Language = _blank(lang)
        self.lock = threading.RLock()
        self._end_hashes = numpy.array(
            [self.nlp.vocab.strings.add(char) for char in Sentencizer.default_punct_chars], dtype="uint64"
        )
        self._matcher = Matcher(self.nlp.vocab, validate=True)
        self._phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._has_patterns = False
        self._has_phrases = False
        self._baseline = 0

    def seal(self) -> None:
        """Mark the vocabulary as complete: what is learned from now on comes from messages."""
        self._baseline = len(self.nlp.vocab)

    def worn_out(self) -> bool:
        """Whether messages taught this pipeline so many new words that it should be rebuilt.

        spaCy keeps every string it has seen; a long-lived Linter would grow without bound on
        unique order ids and names. Rebuilding now and then keeps memory flat and the tokenizer's
        cache fast (a per-message ``memory_zone`` would free them, but costs a lexeme per token).
        """
        return len(self.nlp.vocab) - self._baseline > MAX_LEARNED_LEXEMES

    def make_doc(self, text: str) -> Doc:
        return self.nlp.make_doc(tokenizable(text))

    def docs(self, texts: Iterable[str], batch_size: int) -> Iterable[Doc]:
        return self.nlp.pipe((tokenizable(t) for t in texts), batch_size=batch_size)

    def sentencize(self, doc: Doc, text: str) -> Doc:
        """Split sentences at end punctuation, as spaCy's rule-based sentencizer does, and at line
        breaks, which end a line of a message. ``text`` is the doc's text.

        Computed on the token arrays at once: spaCy's Sentencizer builds a Python Token object for every
        token, which cost 1.4 ms of a 2,000-character message.
        """
        size = len(doc)
        if size == 0:
            return doc
        orth, punct, start_chars = doc.to_array([ORTH, IS_PUNCT, IDX]).T
        ends = numpy.isin(orth, self._end_hashes)  # ". ! ?" and the like: a sentence may end here
        quiet = ends | (punct != 0)  # closing quotes and brackets after an end stay in its sentence
        index = numpy.arange(size)
        # A token starts a sentence when it is not quiet and an end came after the last token that was not.
        last_loud = numpy.maximum.accumulate(numpy.where(quiet, -1, index))
        previous_loud = numpy.concatenate(([-1], last_loud[:-1]))
        ends_before = numpy.concatenate(([0], numpy.cumsum(ends)[:-1]))
        ends_upto_loud = numpy.where(previous_loud >= 0, ends_before[numpy.clip(previous_loud + 1, 0, size - 1)], 0)
        starts = (ends_before - ends_upto_loud > 0) & ~quiet
        starts[0] = True
        if "\n" in text:
            breaks = numpy.array([m.start() for m in _NEWLINE.finditer(text)])
            tokens = numpy.unique(numpy.searchsorted(start_chars, breaks, side="right") - 1)
            starts[tokens[tokens > 0]] = False  # a line break belongs to the line it ends
            after = tokens + 1
            starts[after[after < size]] = True
        doc.from_array([SENT_START], numpy.where(starts, 1, -1).astype("uint64").reshape(-1, 1))
        return doc

    def add_patterns(self, label: str, patterns: Sequence[list[dict[str, Any]]]) -> None:
        """Token patterns (spaCy ``Matcher`` syntax) reported under ``label``.

        A pattern of plain words (``LOWER``/lower-case ``ORTH``, ``IN`` lists, ``OP: "?"``) becomes the
        phrases it stands for: the Matcher costs every pattern on every token of every message
        (about 8 µs per pattern, 30 µs with an ``IN`` list, on a 40-token message), the
        PhraseMatcher next to nothing.
        """
        rest = []
        for pattern in patterns:
            phrases = pattern_as_phrases(pattern)
            if phrases is None:
                rest.append(pattern)
            else:
                self.add_phrases(label, phrases)
        if rest:
            self._matcher.add(label, rest)
            self._has_patterns = True

    def add_phrases(self, label: str, phrases: Iterable[str]) -> None:
        """Literal phrases, matched case-insensitively token by token, reported under ``label``."""
        docs = [self.nlp.make_doc(p) for p in phrases]
        if docs:
            self._phrases.add(label, docs)
            self._has_phrases = True

    def match(self, doc: Doc) -> dict[str, list[TokenMatch]]:
        """Every match in ``doc``, grouped by checker id (the label up to its first ``:``)."""
        strings = self.nlp.vocab.strings
        grouped: dict[str, list[TokenMatch]] = defaultdict(list)
        found: list[tuple[int, int, int]] = []
        if self._has_patterns:
            found.extend(self._matcher(doc))
        if self._has_phrases:
            found.extend(self._phrases(doc))
        for match_id, start, end in found:
            label = strings[match_id]
            grouped[label.split(":", 1)[0]].append((label, start, end))
        for matches in grouped.values():
            matches.sort(key=lambda m: (m[1], m[2]))
        return grouped


#: A plain-word pattern that stands for more phrases than this stays a Matcher pattern.
MAX_PHRASES_PER_PATTERN = 2_000


def pattern_as_phrases(pattern: Sequence[dict[str, Any]]) -> tuple[str, ...] | None:
    """The phrases a pattern of plain words stands for, or None when it needs the Matcher."""
    choices: list[list[str]] = []
    for token in pattern:
        attrs = set(token) - {"OP"}
        if len(attrs) != 1 or not attrs <= {"LOWER", "ORTH"} or token.get("OP", "?") != "?":
            return None
        attr = attrs.pop()
        value = token[attr]
        if isinstance(value, str):
            options = [value]
        elif isinstance(value, dict) and set(value) == {"IN"}:
            options = [str(v) for v in value["IN"]]
        else:
            return None
        if attr == "ORTH" and any(o != o.lower() for o in options):
            return None  # phrases match lower case; an upper-case ORTH would change meaning
        choices.append([*options, ""] if "OP" in token else options)
    if not choices or math.prod(len(options) for options in choices) > MAX_PHRASES_PER_PATTERN:
        return None
    phrases = {" ".join(word for word in words if word) for words in itertools.product(*choices)}
    return tuple(sorted(phrase for phrase in phrases if phrase))


def tokenizable(text: str) -> str:
    """``text`` with every 64th character of a whitespace-free run turned into a space.

    The length is unchanged, so token offsets still index ``text``.
    """
    if len(text) <= MAX_RUN or not _LONG_RUN.search(text):
        return text
    return _LONG_RUN.sub(r"\1 ", text)


def _blank(lang: str) -> Language:
    return spacy.blank(resolve_lang(lang))


@lru_cache(maxsize=256)
def resolve_lang(lang: str) -> str:
    """The spaCy language to tokenise ``lang`` with: itself when spaCy has it, else multilingual."""
    try:
        spacy.util.get_lang_class(lang)
    except (ImportError, KeyError, ValueError):
        return FALLBACK_LANG
    return lang
