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
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, LENGTH, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from msglint.engine.language import language
from msglint.segment import Segmenter

#: Language used when spaCy has no tokenizer for a message's language.
FALLBACK_LANG = "xx"

#: spaCy's tokenizer takes quadratic time on long runs of punctuation or symbols without
#: whitespace ("((((…", "⭐⭐⭐…"); no real word is this long, so such runs are cut up.
MAX_RUN = 64
_NEWLINE = re.compile("\n")
_LONG_RUN = re.compile(rf"(\S{{{MAX_RUN - 1}}})\S")

#: The longest text handed to spaCy's tokenizer; max-message-chars keeps messages far below it.
MAX_TOKENIZED_CHARS = 10_000_000

#: Lexemes a pipeline may learn from messages before it is rebuilt (see Pipeline.worn_out).
MAX_LEARNED_LEXEMES = 100_000

#: (label, first token, token past the last); labels are "<checker id>:<anything>".
TokenMatch = tuple[str, int, int]


class Pipeline:
    """One language's tokenizer, sentencizer and shared matchers.

    Tokenising and matching mutate spaCy's shared vocabulary, so :meth:`make_doc`, :meth:`docs` and
    :meth:`match` hold :attr:`lock` while they run, and only then: no lock is held while a checker
    runs. ``lang`` is the language spaCy tokenises with: the one asked for, or ``xx`` (multilingual)
    when spaCy has no tokenizer for it that works without extra packages (Japanese, Korean, Thai…).
    """

    def __init__(self, lang: str) -> None:
        self.nlp: Language = _blank(lang)
        self.lang: str = self.nlp.lang
        # msglint bounds the text itself (max-message-chars, applied to the folded text too); spaCy's
        # own guard is for its statistical models, which are never loaded here.
        self.nlp.max_length = MAX_TOKENIZED_CHARS
        self.lock = threading.RLock()
        self._end_hashes = frozenset(self.nlp.vocab.strings.add(char) for char in Sentencizer.default_punct_chars)
        self._matcher = Matcher(self.nlp.vocab, validate=True)
        self._phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._has_patterns = False
        #: Per Matcher pattern, the words some token of a message must have for it to match (see
        #: :func:`required_words`); None once a pattern without any is added: the Matcher then always runs.
        self._pattern_words: list[tuple[tuple[int, frozenset[int]], ...]] | None = []
        self._has_phrases = False
        self._baseline = 0
        #: Every word of every phrase the checkers match: what a glued run must contain to be re-read.
        self.phrase_words: set[str] = set()
        #: Reads glued words apart, for languages it has word frequencies of (see msglint.segment).
        self.segmenter: Segmenter | None = None

    def seal(self) -> None:
        """Mark the vocabulary as complete: what is learned from now on comes from messages."""
        self._baseline = len(self.nlp.vocab)
        words = language(self.lang)
        if words.reads_glued_words:
            self.segmenter = Segmenter(self.phrase_words, words)

    def worn_out(self) -> bool:
        """Whether messages taught this pipeline so many new words that it should be rebuilt.

        spaCy keeps every string it has seen; a long-lived Linter would grow without bound on
        unique order ids and names. Rebuilding now and then keeps memory flat and the tokenizer's
        cache fast (a per-message ``memory_zone`` would free them, but costs a lexeme per token).
        """
        return len(self.nlp.vocab) - self._baseline > MAX_LEARNED_LEXEMES

    def make_doc(self, text: str) -> Doc:
        with self.lock:
            return self.nlp.make_doc(tokenizable(text))

    def docs(self, texts: Iterable[str]) -> list[Doc]:
        with self.lock:
            return [self.nlp.make_doc(tokenizable(t)) for t in texts]

    def sentence_starts(self, doc: Doc, text: str) -> list[int]:
        """Indices of the tokens that start a sentence: after end punctuation, as spaCy's rule-based
        sentencizer splits, and after line breaks, which end a line of a message. ``text`` is the
        doc's text.

        One pass over the token arrays: spaCy's Sentencizer builds a Python Token object for every
        token (1.4 ms of a 2,000-character message), and array arithmetic costs more in fixed
        overhead than a short message takes.
        """
        size = len(doc)
        if size == 0:
            return []
        ends = self._end_hashes
        starts = [0]
        seen_end = False
        for i, (orth, punct) in enumerate(doc.to_array([ORTH, IS_PUNCT]).tolist()):
            if orth in ends:
                seen_end = True  # ". ! ?" and the like: a sentence may end here
            elif seen_end and not punct:  # closing quotes and brackets stay in the ended sentence
                starts.append(i)
                seen_end = False
        if "\n" in text:
            token_starts = doc.to_array(IDX).tolist()
            lines = {bisect_right(token_starts, m.start()) - 1 for m in _NEWLINE.finditer(text)}
            breaks = set(starts) - lines  # a line break belongs to the line it ends
            breaks.update(i + 1 for i in lines if i + 1 < size)
            breaks.add(0)
            starts = sorted(breaks)
        return starts

    def sentence_spans(self, doc: Doc, text: str) -> list[tuple[int, int]]:
        """The character spans of the sentences of ``doc`` (see :meth:`sentences`): their ``start_char``
        and ``end_char``, read from the token arrays without making a ``Span`` of each."""
        if not len(doc):
            return []
        starts = self.sentence_starts(doc, text)
        offsets = doc.to_array([IDX, LENGTH]).tolist()
        ends = [*starts[1:], len(doc)]
        spans = []
        for start, end in zip(starts, ends, strict=True):
            last, length = offsets[end - 1]
            spans.append((offsets[start][0], last + length))
        return spans

    def sentences(self, doc: Doc, text: str) -> list[Span]:
        """The sentences of ``doc`` (see :meth:`sentence_starts`), without touching the doc."""
        if not len(doc):
            return []  # an empty message has no sentences (and sentence_starts would claim one at 0)
        starts = self.sentence_starts(doc, text)
        return [doc[start:end] for start, end in zip(starts, [*starts[1:], len(doc)], strict=True)]

    def sentencize(self, doc: Doc, text: str) -> Doc:
        """``doc`` with its sentence boundaries set (see :meth:`sentence_starts`)."""
        if len(doc):
            flags = [-1] * len(doc)
            for start in self.sentence_starts(doc, text):
                flags[start] = 1
            doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64").reshape(-1, 1))
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
            for pattern in rest:
                needed = required_words(pattern)
                if not needed or self._pattern_words is None:
                    self._pattern_words = None
                else:
                    strings = self.nlp.vocab.strings
                    self._pattern_words.append(
                        tuple((_ATTRS[attr], frozenset(map(strings.add, words))) for attr, words in needed)
                    )

    def add_phrases(self, label: str, phrases: Iterable[str]) -> None:
        """Literal phrases, matched case-insensitively token by token, reported under ``label``."""
        docs = [self.nlp.make_doc(p) for p in phrases]
        for doc in docs:
            self.phrase_words.update(token.lower_ for token in doc if token.is_alpha)
        if docs:
            self._phrases.add(label, docs)
            self._has_phrases = True

    def match(self, doc: Doc) -> dict[str, list[TokenMatch]]:
        """Every match in ``doc``, grouped by checker id (the label up to its first ``:``)."""
        strings = self.nlp.vocab.strings
        grouped: dict[str, list[TokenMatch]] = defaultdict(list)
        found: list[tuple[int, int, int]] = []
        with self.lock:
            if self._has_patterns and self._may_match(doc):
                found.extend(self._matcher(doc))
            if self._has_phrases:
                found.extend(self._phrases(doc))
        for match_id, start, end in found:
            label = strings[match_id]
            grouped[label.split(":", 1)[0]].append((label, start, end))
        for matches in grouped.values():
            matches.sort(key=lambda m: (m[1], m[2]))
        return grouped

    def _may_match(self, doc: Doc) -> bool:
        """Whether a Matcher pattern may match ``doc``: false only when, for every pattern, one of its
        required tokens has a word (lower case or as written) that no token of ``doc`` has."""
        if self._pattern_words is None:
            return True
        words: dict[int, set[int]] = {}

        def has(attr: int, choices: frozenset[int]) -> bool:
            if attr not in words:
                words[attr] = set(doc.to_array(attr).tolist())
            return not choices.isdisjoint(words[attr])

        return any(all(has(attr, choices) for attr, choices in needed) for needed in self._pattern_words)


_ATTRS = {"LOWER": LOWER, "ORTH": ORTH}


def required_words(pattern: Sequence[dict[str, Any]]) -> list[tuple[str, frozenset[str]]]:
    """For each token of a Matcher pattern that must be there exactly once (no ``OP``) or at least once
    (``OP: "+"``) and names its word (``LOWER`` or ``ORTH``: one string or an ``IN`` list), that
    attribute and the words it may be: a message with no token of one of these words cannot match the
    pattern. Tokens that may be absent, negated ones and other predicates add nothing (they never make
    a match impossible here)."""
    needed = []
    for token in pattern:
        spec = {key.upper(): value for key, value in token.items() if isinstance(key, str)}  # as spaCy reads it
        if spec.get("OP", "1") not in ("1", "+"):
            continue
        for attr in ("LOWER", "ORTH"):
            value = spec.get(attr)
            if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list | tuple):
                value = value["IN"]
            elif isinstance(value, str):
                value = [value]
            else:
                continue
            if all(isinstance(word, str) for word in value):  # a hash (int) is not a word
                needed.append((attr, frozenset(value)))
    return needed


#: A plain-word pattern that stands for more phrases than this stays a Matcher pattern.
MAX_PHRASES_PER_PATTERN = 2_000


def pattern_as_phrases(pattern: Sequence[dict[str, Any]]) -> tuple[str, ...] | None:
    """The phrases a pattern of plain words stands for, or None when it needs the Matcher."""
    choices = _word_choices(pattern)
    if choices is None:
        return None
    phrases = {" ".join(word for word in words if word) for words in itertools.product(*choices)}
    return tuple(sorted(phrase for phrase in phrases if phrase))


def _word_choices(pattern: Sequence[dict[str, Any]]) -> list[list[str]] | None:
    """The words each token of a plain-word pattern may be ('' for an optional one), or None when the
    pattern needs the Matcher (see :func:`pattern_as_phrases`)."""
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
    return choices


def tokenizable(text: str) -> str:
    """``text`` with every 64th character of a whitespace-free run turned into a space.

    The length is unchanged, so token offsets still index ``text``.
    """
    if len(text) <= MAX_RUN or not _LONG_RUN.search(text):
        return text
    return _LONG_RUN.sub(r"\1 ", text)


_warming: dict[str, threading.Thread] = {}
_warming_lock = threading.Lock()


def warm_up_in_background(languages: Sequence[str]) -> None:
    """Load, on a background thread and once per process, what the first message of each language would
    otherwise wait for: spaCy's language data (French tokenizer exceptions take seconds to import) and the
    language detector's model. A Linter's own pipelines are then built in well under a second."""
    with _warming_lock:
        wanted = tuple(lang for lang in languages if lang not in _warming)
        if not wanted:
            return
        thread = threading.Thread(target=_warm, args=(wanted,), name="msglint-warm-up", daemon=True)
        for lang in wanted:
            _warming[lang] = thread
        thread.start()


def wait_for_warm_up() -> None:
    """Until the background loading is done (before a fork: a child must not inherit a half-done import)."""
    with _warming_lock:
        threads = set(_warming.values())
    for thread in threads:
        thread.join()


def _warm(languages: Sequence[str]) -> None:
    from msglint.engine import detect

    try:
        detect.warm()
        for lang in languages:
            resolve_lang(lang)
            _blank(lang)
    except Exception:  # noqa: BLE001 - only a head start: the first message loads whatever failed here
        pass


def _blank(lang: str) -> Language:
    try:
        return spacy.blank(resolve_lang(lang))
    except ImportError:  # a tokenizer that needs a package msglint does not install (SudachiPy, mecab…)
        return spacy.blank(FALLBACK_LANG)


@lru_cache(maxsize=256)
def resolve_lang(lang: str) -> str:
    """The spaCy language to tokenise ``lang`` with: itself when spaCy has it, else multilingual."""
    try:
        spacy.util.get_lang_class(lang)
    except (ImportError, KeyError, ValueError):
        return FALLBACK_LANG
    return lang
