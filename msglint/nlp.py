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

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

#: Language used when spaCy has no tokenizer for a message's language.
FALLBACK_LANG = "xx"

#: spaCy's tokenizer takes quadratic time on long runs of punctuation or symbols without
#: whitespace ("((((…", "⭐⭐⭐…"); no real word is this long, so such runs are cut up.
MAX_RUN = 64
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
        self._sentencizer = Sentencizer()
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

    def sentencize(self, doc: Doc) -> Doc:
        """Split sentences at end punctuation, and at line breaks, which end a line of a message."""
        doc = self._sentencizer(doc)
        if "\n" not in doc.text:
            return doc
        for i in doc.to_array("IS_SPACE").nonzero()[0].tolist():
            token = doc[i]
            if "\n" in token.text:
                if i > 0:
                    token.is_sent_start = False  # a line break belongs to the line it ends
                if i + 1 < len(doc):
                    doc[i + 1].is_sent_start = True
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
