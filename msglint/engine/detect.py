"""The language of a message that does not say it, among the languages of its marketplace.

py3langid (BSD; a naive Bayes model over byte n-grams, shipped inside its wheel, nothing fetched) reads
the text, restricted to the languages the marketplace's buyers write (the policy pack's
``[marketplaces]``). A text too short to tell, or one the model cannot tell from the marketplace's first
language with confidence, is taken to be in that first language: a seller on amazon.de who writes
"Danke!" writes German. Either way the source is ``default``: only a ``detected`` language was read with
confidence (LNG001 relies on that).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

#: Fewer letters than this tell too little (a greeting, an order number): the marketplace's first language.
MIN_LETTERS = 20
#: How sure the model must be (a probability) to choose another language than the marketplace's first.
MIN_CONFIDENCE = 0.9

Source = Literal["given", "detected", "default"]


@dataclass(frozen=True)
class Detected:
    """The language a message is checked in, and how it was found."""

    language: str
    source: Source


def detect(text: str, candidates: Sequence[str]) -> Detected:
    """The language of ``text`` among ``candidates`` (the first is the marketplace's own; never empty)."""
    first = candidates[0]
    if len(candidates) == 1 or sum(c.isalpha() for c in text) < MIN_LETTERS:
        return Detected(first, "default")
    known = tuple(c for c in candidates if c in _labels())
    if len(known) < 2 or first not in known:
        return Detected(first, "default")
    scores = dict(_identifier(tuple(sorted(known))).rank(text))
    best = max(scores, key=scores.__getitem__)
    if scores[best] < MIN_CONFIDENCE:
        return Detected(first, "default")  # not sure of any language: the marketplace's, as for a short text
    return Detected(best, "detected")


_lock = threading.Lock()  # one load of the model, whichever thread asks first


_loaded: list[LanguageIdentifier] = []


def _model() -> LanguageIdentifier:
    """The model, loaded once per process (1 to 4 s: it is decompressed from the wheel)."""
    with _lock:
        if not _loaded:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _loaded.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
        return _loaded[0]


@lru_cache(maxsize=1)
def _labels() -> frozenset[str]:
    return frozenset(_model().nb_classes)


@lru_cache(maxsize=64)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    """A copy of the model restricted to ``languages`` (the copies share its tables)."""
    restricted = copy.copy(_model())
    restricted.set_languages(languages)
    return restricted


def warm() -> None:
    """Load the model now rather than on the first message that needs it."""
    _model()
