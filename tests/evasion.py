"""The tricks a seller uses to slip words past a filter, as reusable, deterministic transformations.

The evasion tests and benchmarks apply each one to the words a rule flagged (what an evader
disguises) and check that the rule still fires; applied to compliant messages they check that
disguise does not create false alarms. Each transformation takes the text and the spans to
disguise (``None`` for the whole text) and returns the disguised text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

Spans = Sequence[tuple[int, int]] | None
Transformation = Callable[[str, Spans], str]

_WORD = re.compile(r"[A-Za-z]+")
_LEET = str.maketrans(
    {
        "a": "4",
        "e": "3",
        "i": "1",
        "o": "0",
        "s": "5",
        "t": "7",
        "A": "4",
        "E": "3",
        "I": "1",
        "O": "0",
        "S": "5",
        "T": "7",
    }
)
_SYMBOLS = str.maketrans("asiASI", "@$!@$!")
_HOMOGLYPHS = str.maketrans("aeopcxyisAEO", "аеорсхуіѕΑΕΟ")  # Cyrillic and Greek look-alikes
_FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {" ": "\u3000"}
_ZERO_WIDTH = "\u200b"
_EMOJI = {
    "stars": "⭐⭐⭐⭐⭐",
    "star": "⭐",
    "gift": "🎁",
    "gifts": "🎁",
    "money": "💰",
    "cash": "💵",
    "phone": "📞",
    "call": "📞",
    "email": "📧",
    "free": "🆓",
    "new": "🆕",
    "love": "❤️",
}
_LINK_DOT = re.compile(r"(?<=[A-Za-z0-9])\.(?=[A-Za-z]{2,})")
# Only an address's "@" is spelt out ("bob at mail dot com"), not one used as a letter ("upd@te").
_EMAIL_AT = re.compile(r"(?<=[A-Za-z0-9])@(?=[A-Za-z0-9-]+\.[A-Za-z]{2,})")


def _in_spans(text: str, spans: Spans, change: Callable[[str], str]) -> str:
    """Apply ``change`` to each span (the whole text when ``spans`` is None), right to left."""
    if spans is None:
        return change(text)
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + change(text[start:end]) + text[end:]
    return text


def _per_word(change: Callable[[str], str], word_gap: str | None = None) -> Transformation:
    """Disguise each word; ``word_gap`` widens the spaces between words, as a reader needs once the
    letters themselves are spaced out ("F R E E   G I F T")."""

    def disguise(part: str) -> str:
        if word_gap:
            part = part.replace(" ", word_gap)
        return _WORD.sub(lambda m: change(m.group()), part)

    def transform(text: str, spans: Spans) -> str:
        return _in_spans(text, spans, disguise)

    return transform


def _leet(word: str) -> str:
    # Keep the first letter, as evaders do, so the word still reads: "r3v13w", "f4k3".
    return word[0] + word[1:].translate(_LEET) if len(word) > 2 else word


def _mask(word: str) -> str:
    if len(word) < 3:
        return word
    symbols = word[0] + word[1:].translate(_SYMBOLS)
    if symbols != word:
        return symbols
    inner = [i for i, c in enumerate(word[1:-1], start=1) if c.lower() in "aeiou"]
    return word if not inner else word[: inner[0]] + "*" + word[inner[0] + 1 :]


def _spell_out_links(part: str) -> str:
    return _EMAIL_AT.sub(" at ", _LINK_DOT.sub(" dot ", part))


def _emoji(part: str) -> str:
    return _WORD.sub(lambda m: _EMOJI.get(m.group().lower(), m.group()), part)


def _entities(part: str) -> str:
    return "".join(f"&#{ord(c)};" if c.isalpha() and i % 2 == 0 else c for i, c in enumerate(part))


def _spell_out_links_in(lang: str) -> Transformation:
    """Links with their dot and at sign written as the language's words ("shop punkt de")."""
    from msglint.engine.language import language

    words = language(lang).words
    dot, at = f" {words.dot_words[0]} ", f" {words.at_words[0]} "

    def spell_out(part: str) -> str:
        return _EMAIL_AT.sub(at, _LINK_DOT.sub(dot, part))

    return lambda text, spans: _in_spans(text, spans, spell_out)


def _drop_accents(part: str) -> str:
    """Accents left off, as on a keyboard without them ("Déjenos" -> "Dejenos"); 'ß' stays."""
    decomposed = unicodedata.normalize("NFD", part)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
# Italian written without accented keys: "perché" as "perche'", "è" as "e'".
_ITALIAN_ACCENT = re.compile(r"([aeiouAEIOU])[\u0300\u0301](?=\W|$)")


def _apostrophe_accents(part: str) -> str:
    return unicodedata.normalize("NFC", _ITALIAN_ACCENT.sub(r"\1'", unicodedata.normalize("NFD", part)))


# Brazilian chat spelling: the short forms buyers and sellers type on a phone ("vc", "q", "pq", "tb", "n").
_PORTUGUESE_CHAT = {
    "você": "vc",
    "voce": "vc",
    "vocês": "vcs",
    "que": "q",
    "porque": "pq",
    "por que": "pq",
    "também": "tb",
    "não": "n",
    "para": "pra",
    "comigo": "cmg",
    "beleza": "blz",
    "mensagem": "msg",
}
_PORTUGUESE_CHAT_WORD = re.compile(
    r"(?<!\w)(" + "|".join(sorted(map(re.escape, _PORTUGUESE_CHAT), key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE
)


def _portuguese_chat(part: str) -> str:
    return _PORTUGUESE_CHAT_WORD.sub(lambda m: _PORTUGUESE_CHAT[m.group().lower()], part)


def _on_spans(change: Callable[[str], str]) -> Transformation:
    return lambda text, spans: _in_spans(text, spans, change)


#: Each language's own disguises, besides the language-neutral ones of TRANSFORMATIONS.
LANGUAGE_TRANSFORMATIONS: dict[str, dict[str, Transformation]] = {
    "de": {
        "eszett-as-ss": _on_spans(lambda p: p.replace("ß", "ss")),
        "umlauts-as-e": _on_spans(lambda p: p.translate(_UMLAUTS)),
        "accents-dropped": _on_spans(_drop_accents),
    },
    "fr": {"accents-dropped": _on_spans(_drop_accents)},
    "es": {"accents-dropped": _on_spans(_drop_accents)},
    "it": {"accents-dropped": _on_spans(_drop_accents), "accents-as-apostrophes": _on_spans(_apostrophe_accents)},
    # Brazilian Portuguese: accents and cedilla left off ("promoção" -> "promocao"), and chat spelling.
    "pt": {"accents-dropped": _on_spans(_drop_accents), "chat-spelling": _on_spans(_portuguese_chat)},
}
#: The transformations that write English words ("dot", a star emoji for "stars"): English only.
ENGLISH_WORDED = frozenset({"emoji", "spelled-out-dot-at"})


def transformations(lang: str) -> dict[str, Transformation]:
    """The disguises tried on messages in ``lang``: the language-neutral ones, the language's own, and links
    spelt out with its words for dot and at."""
    if lang == "en":
        return TRANSFORMATIONS
    neutral = {name: t for name, t in TRANSFORMATIONS.items() if name not in ENGLISH_WORDED}
    return {**neutral, "spelled-out-dot-at": _spell_out_links_in(lang), **LANGUAGE_TRANSFORMATIONS.get(lang, {})}


TRANSFORMATIONS: dict[str, Transformation] = {
    "leetspeak": _per_word(_leet),
    "spaced-letters": _per_word(lambda w: " ".join(w) if len(w) > 2 else w, word_gap="   "),
    "dotted-letters": _per_word(lambda w: ".".join(w) if len(w) > 2 else w),
    "masking": _per_word(_mask),
    "zero-width": _per_word(_ZERO_WIDTH.join),
    "homoglyphs": _per_word(lambda w: w.translate(_HOMOGLYPHS)),
    "full-width": lambda text, spans: _in_spans(text, spans, lambda p: "".join(_FULL_WIDTH.get(c, c) for c in p)),
    "all-caps": lambda text, spans: _in_spans(text, spans, str.upper),
    "no-spaces": lambda text, spans: _in_spans(text, spans, lambda p: p.replace(" ", "")),
    "emoji": lambda text, spans: _in_spans(text, spans, _emoji),
    "html-entities": lambda text, spans: _in_spans(text, spans, _entities),
    "spelled-out-dot-at": lambda text, spans: _in_spans(text, spans, _spell_out_links),
}
