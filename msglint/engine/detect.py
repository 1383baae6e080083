"""The language of a message that does not say it, among the languages of its marketplace.

py3langid (BSD; a naive Bayes model over byte n-grams, shipped inside its wheel, nothing fetched) reads
the text, restricted to the languages the marketplace's buyers write (the policy pack's
``[marketplaces]``). A text too short to tell, or one the model cannot tell from the marketplace's first
language with confidence, is taken to be in that first language: a seller on amazon.de who writes
"Danke!" writes German. The one exception: a text the model is sure is *not* in the first language
(below :data:`MAX_FIRST_WHEN_UNSURE`) but unsure which of the others it is in — Portuguese or Spanish
with no marketplace named, whose first language is English — is checked in the model's best guess,
not in a language it is not. Either way the source is ``default``: only a ``detected`` language was
read with confidence (LNG001 relies on that).

Cost: the model is restricted once per set of candidate languages (a Linter names its sets up front, see
:func:`expect`), not per message, and only the first :data:`MAX_DETECTED_CHARS` characters of a long text
are read. The full model's table of 142 languages (28 MB) is not kept: only its columns for the languages
asked about so far; a set with a language outside them loads the model again (once). The model's walk over
the text's bytes is remembered word by word (see `_visit_counts`), with the model's own scores.
"""

from __future__ import annotations

import copy
import functools
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import regex

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

#: Fewer letters than this tell too little (a greeting, an order number): the marketplace's first language.
MIN_LETTERS = 20
#: With no marketplace named, the first language is no more likely than the others (it is only the default):
#: a short text the model is sure of is read in its language from this many letters on ("Sie sind ein
#: Idiot." is German wherever it is sent; checked as English it passes).
MIN_LETTERS_WITHOUT_MARKETPLACE = 8
#: How sure the model must be (a probability) to choose another language than the marketplace's first.
MIN_CONFIDENCE = 0.9
#: Below this probability for the first language, an unsure text is not in it: its best guess is used.
MAX_FIRST_WHEN_UNSURE = 0.05
#: A longer text is told by its beginning: reading the model costs time in proportion to the text, and a
#: few thousand characters tell a language as well as a megabyte does.
MAX_DETECTED_CHARS = 4_000

Source = Literal["given", "detected", "default"]


@dataclass(frozen=True)
class Detected:
    """The language a message is checked in, and how it was found."""

    language: str
    source: Source


def detect(text: str, candidates: Sequence[str], *, marketplace: bool = True) -> Detected:
    """The language of ``text`` among ``candidates`` (never empty). The first is the marketplace's own
    language, or with ``marketplace=False`` (none named) msglint's default, which a short text the model
    is sure of does not fall back to."""
    first = candidates[0]
    needed = MIN_LETTERS if marketplace else MIN_LETTERS_WITHOUT_MARKETPLACE
    if len(candidates) == 1 or not _enough_letters(text, needed):
        return Detected(first, "default")
    key = tuple(candidates)
    identifier = _chosen[key] if key in _chosen else _choose(key)
    if identifier is None:
        return Detected(first, "default")
    ranked = identifier.rank(_letters_together(text[:MAX_DETECTED_CHARS]))
    best, score = ranked[0]
    if score >= MIN_CONFIDENCE:
        return Detected(best, "detected")
    if dict(ranked).get(first, 0.0) < MAX_FIRST_WHEN_UNSURE:
        return Detected(best, "default")  # surely not the first language, unsure which other: the likeliest
    return Detected(first, "default")  # not sure of any language: the marketplace's, as for a short text


#: Three or more letters standing alone, one separator apart ("P l e a s e", "s.t.a.r.s"): a word spelled out.
_SPELLED_OUT = regex.compile(r"(?<!\p{L})\p{L}(?:[ .·_\-](?=\p{L}(?!\p{L}))\p{L}){2,}(?!\p{L})")
_SEPARATORS = regex.compile(r"[ .·_\-]")


def _letters_together(text: str) -> str:
    """``text`` with words spelled out letter by letter written whole again, for the model only: it reads
    byte sequences, and "m e s s a g e" has none of English's (such a text was read as Portuguese)."""
    return _SPELLED_OUT.sub(lambda run: _SEPARATORS.sub("", run.group()), text)


def _enough_letters(text: str, needed: int) -> bool:
    """Whether ``text`` has ``needed`` letters; stops counting there (a long text is not walked)."""
    if len(text) < needed:
        return False
    letters = 0
    for char in text:
        if char.isalpha():
            letters += 1
            if letters >= needed:
                return True
    return False


_lock = threading.Lock()  # one load of the model and one restriction at a time, whichever thread asks first
#: Per tuple of candidates as given: the model restricted to those of them it knows, or None when fewer
#: than two, or not the first, are known (the text is then in the first language).
_chosen: dict[tuple[str, ...], LanguageIdentifier | None] = {}
#: Per sorted tuple of languages: the model restricted to them (the copies share the model's automaton).
_restricted: dict[tuple[str, ...], LanguageIdentifier] = {}
#: The model restricted to every language asked about so far, and every language the model knows.
_base: list[LanguageIdentifier] = []
_labels: list[frozenset[str]] = []
#: Sets of candidates a Linter will ask about (see :func:`expect`), restricted for when the model is loaded.
_expected: set[tuple[str, ...]] = set()


def expect(candidate_sets: Iterable[Sequence[str]]) -> None:
    """Name the sets of candidates that will be asked about: :func:`warm` restricts the model to each of
    them once, and to all of them together, before any message asks."""
    sets = {tuple(candidates) for candidates in candidate_sets if len(candidates) > 1}
    with _lock:
        _expected.update(sets - _chosen.keys())


def warm() -> None:
    """Load the model and restrict it to every expected set of candidates now, rather than on the first
    message that needs it (nothing to do when no set is expected)."""
    with _lock:
        wanted = sorted(_expected)
        _expected.clear()
        if not wanted:
            return
        _load({lang for candidates in wanted for lang in candidates})
        for candidates in wanted:
            _choose_locked(candidates)


def _choose(candidates: tuple[str, ...]) -> LanguageIdentifier | None:
    with _lock:
        return _choose_locked(candidates)


def _choose_locked(candidates: tuple[str, ...]) -> LanguageIdentifier | None:
    if candidates in _chosen:
        return _chosen[candidates]
    _load(set(candidates))
    known = tuple(c for c in candidates if c in _labels[0])
    chosen = None
    if len(known) >= 2 and candidates[0] in known:
        languages = tuple(sorted(known))
        chosen = _restricted.get(languages)
        if chosen is None:
            chosen = _restricted[languages] = copy.copy(_base[0])
            chosen.set_languages(languages)
            chosen.__class__ = _walked(type(chosen))
    _chosen[candidates] = chosen
    return chosen


def _load(languages: set[str]) -> None:
    """Make the base model hold ``languages`` (those of them the model knows) beside what it holds.

    Loading takes 1 to 4 s (the model is decompressed from the wheel); it happens once per process, and
    again only for a language outside every set asked about before. Restricting a restricted model to
    fewer languages selects the same columns of the same table: answers are the model's own.
    """
    if _base and languages <= set(_base[0].nb_classes) | (languages - _labels[0]):
        return
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if not _labels:
        _labels.append(frozenset(full.nb_classes))
    held: set[str] = set()
    if _base:  # the same automaton as the one loaded before (39 MB): keep one, shared by every copy
        before = _base[0]
        held = set(before.nb_classes)
        full.tk_nextmove, full.tk_row, full.tk_output = before.tk_nextmove, before.tk_row, before.tk_output
        full._rowbase = before._rowbase  # py3langid's walk reads it; same model file
    full.set_languages(sorted((held | languages) & _labels[0]))
    # The restricted table becomes the base's whole model, so the full one (28 MB) can be freed.
    full._full_model = (full.nb_ptc, full.nb_pc, full.nb_classes)
    _base[:] = [full]


# --- reading the bytes, word by word -----------------------------------------------------------
#
# py3langid's walk (``visit_counts``) reads a text byte by byte through its automaton in Python: about
# half of a detection. Messages are mostly the same words in new orders, so the walk is remembered per
# (state, word): from the same state, the same bytes reach the same state through the same features.
# The features are collected in the walk's order and counted as the walk counts them, so the scores
# (and every answer) are the model's own, to the bit; `tests/test_language_detection.py` holds it.

#: (automaton state, the bytes up to a space) -> (state after them, the features they visited)
_Walks = dict[tuple[int, bytes], tuple[int, tuple[int, ...]]]
#: words remembered before the memory is cleared (a few MB at most)
_MAX_WALKS = 65_536
_walks: list[tuple[object, _Walks]] = []


@functools.cache
def _walked(base: type[LanguageIdentifier]) -> type[LanguageIdentifier]:
    """py3langid's identifier, its walk remembered word by word (same slots: a copy can take it)."""

    class Walked(base):  # type: ignore[valid-type, misc]
        __slots__ = ()

        def _raw_score(self, data: bytes) -> object:
            visits = _visit_counts(self, data)
            if visits:
                return self._sparse_score(visits, self.nb_ptc)
            return super()._raw_score(data)  # no feature: the model's own fill

    return Walked


def _visit_counts(identifier: LanguageIdentifier, data: bytes) -> Counter[int] | None:
    """What ``py3langid.langid.visit_counts`` gives for ``data``, the walk remembered word by word."""
    nm, rowbase, out = identifier.tk_nextmove, identifier._rowbase, identifier.tk_output
    held = _walks[0] if _walks else None
    if held is None or held[0] is not nm:  # another automaton (a reloaded model): start afresh
        held = (nm, {})
        _walks[:] = [held]
    walks = held[1]
    if len(walks) > _MAX_WALKS:
        walks.clear()
    state = 0
    indexes: list[int] = []
    last = data.count(b" ")
    for i, piece in enumerate(data.split(b" ")):
        word = piece + b" " if i < last else piece
        known = walks.get((state, word))
        if known is None:
            start, found = state, []
            for letter in word:
                state = nm[rowbase[state] + letter]
                if out[state] >= 0:
                    found.append(out[state])
            known = walks[start, word] = (state, tuple(found))
        state = known[0]
        indexes += known[1]
    return Counter(indexes) if indexes else None
