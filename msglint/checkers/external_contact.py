"""External contact: every way a message moves the buyer off the marketplace.

Rules: msglint/rules/external_contact.toml. Words and lists: msglint/lexicons/<lang>/external_contact.jsonl.

Links, email addresses, handles and phone numbers are found with precompiled patterns on the plain view
(homoglyphs and zero-width characters already folded, case, digits and punctuation kept) and then
validated: a bare domain needs a real public suffix (tldextract's bundled snapshot, never fetched) and,
when that suffix is also an everyday word or file extension, more evidence; a phone number must be valid
for a region (phonenumbers), which runs only on candidates a cheap pattern let through. Platform names
and requests to pay, talk or order elsewhere are lexicon phrases matched by the shared spaCy matchers on
the folded view, cleared when refused ("we cannot accept PayPal") or tied to the marketplace ("message us
on Amazon").

Disguises are read back the way a careful reader types them: a link or address is looked for again in
readings of the plain view where symbols stand for letters ('k!tchenhelper$.n*t', 'gm@!l'), a leet scheme
or suffix is spelt ('h77p5://', 'c0m'), and letters spaced or dotted out are joined ('w.w.w.s.h.o.p.c.o.m');
a token the folded view could not read ('n*t', 'Wh4754pp') is read as the one lexicon word it can be, and
the phrases are matched again; emoji stand for their words ('your 📞 number'); phrases glued together
('givemeacall') are matched as one word. What stays ambiguous ('c*ll': call or cell) is not guessed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import phonenumbers
import regex
import tldextract
from phonenumbers import Leniency, PhoneNumberMatcher
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from msglint.checkers.base import Checker, CheckerContext, Hit, LexiconEntry, LexiconLanguages, RulesFile
from msglint.document import Document
from msglint.engine import disguises
from msglint.engine.frames import FrameReader
from msglint.engine.language import Language, language
from msglint.engine.patterns import pattern_problem
from msglint.engine.tags import TagVocabulary, Values, values_of
from msglint.errors import ConfigError
from msglint.intervals import Intervals
from msglint.nlp import pattern_as_phrases
from msglint.normalize import FoldedText, Piece, fold_word, fold_words, rewrite
from msglint.watchdog import shared_watchdog

if TYPE_CHECKING:
    from msglint.nlp import Pipeline, TokenMatch

EXTERNAL_LINK = "EXT001"
LINK_SHORTENER = "EXT002"
LOOKALIKE_LINK = "EXT003"
CARRIER_LINK = "EXT004"
# A parcel's tracking number in a carrier link's path or query ("…/tracking-results/AB123456785GB",
# "?tracknum=1Z999AA10123456784"): the link follows this order's delivery, which completes the order.
PARCEL_TRACKING = "parcel-tracking"  # such a link: no rule, no finding
TRACKING_NUMBER = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]{10,34}(?![A-Za-z0-9]))(?:[A-Za-z]*[0-9]){8}")
EMAIL_ADDRESS = "EXT005"
PHONE_NUMBER = "EXT006"
SOCIAL_MEDIA = "EXT007"
OFF_PLATFORM_PAYMENT = "EXT008"
CONTACT_REQUEST = "EXT009"
OFF_PLATFORM_ORDER = "EXT010"

LEXICON = "external_contact"
LIST_TAG = "list:"
EMOJI_LIST = "emoji:"  # "list:emoji:phone": emoji that stand for the word "phone" in any phrase
# Word lists whose words a disguised token may be read as, besides the words of matched phrases.
READABLE_LISTS = (
    "negations",
    "negation-verbs",
    "negation-breakers",
    "clause-breaks",
    "on-platform",
    "on-platform-links",
    "paid-context",
    "code-words",
    "digit:0",
    "digit:1",
    "digit:2",
    "digit:3",
    "digit:4",
    "digit:5",
    "digit:6",
    "digit:7",
    "digit:8",
    "digit:9",
    "digit-repeat:2",
    "digit-repeat:3",
)
# The word lists the code reads (tag "list:<name>"), besides the digit words ("list:digit:0", "list:digit-repeat:2")
# and the emoji that stand for a word of the phrases ("list:emoji:phone").
WORD_LISTS = frozenset(
    {
        "weak-suffixes",
        "link-cues",
        "shorteners",
        "payment-domains",
        "email-providers",
        "code-words",
        "register-words",
        "phone-cues",
        "number-words",
        "number-of",
        "number-with",
        "negations",
        "negation-breakers",
        "negation-verbs",
        "clause-breaks",
        "on-platform",
        "on-platform-links",
        "paid-context",
        "common-suffixes",
        "not-glued",
    }
)
# The lists a lexicon must have: without them a pattern built from a list matches anywhere.
REQUIRED_LISTS = ("link-cues", "phone-cues", "code-words", *(f"digit:{digit}" for digit in range(10)))
TAGS = TagVocabulary(
    value_keys={
        "list": Values(
            WORD_LISTS,
            shape=re.compile(r"digit:[0-9]|digit-repeat:[2-9]|emoji:[a-z][a-z-]*"),
            means="a word list the checker reads",
            shaped="digit:0 to digit:9, digit-repeat:2 to digit-repeat:9, emoji:<a word of the phrases>",
        )
    }
)
MAX_HOST_CHARS = 253  # the DNS limit; a longer run of dotted words is no host
MIN_PHONE_DIGITS = 7  # fewer digits than any national number with its area code
MAX_PHONE_CANDIDATES = 64  # phonenumbers is slow; a real message has a handful of numbers at most
MIN_GLUED_CHARS = 7  # 'callus', 'ringus': shorter glued phrases are too often words of their own
CODE_WORD_REACH = 30
MAX_WORD_CHARS = 40  # longer than any word a disguised token could be read as
MAX_ATS = 8  # how far before a number 'order no.' or 'zip' may stand
MAX_SPELLED_CHARS = 400  # fifteen digits, however they are spelt, fit in far less
DEFAULT_PHONE_REGIONS = ("US", "GB", "DE", "FR", "IT", "ES", "CA", "IN")

# --- patterns on the plain view -----------------------------------------------------------------
# Stdlib ``re`` (three times faster here than ``regex``): ``[^\W_]`` is any Unicode letter or digit.

# A DNS label: letters or digits, inner hyphens; possessive so a label is never matched in part.
_LABEL = r"[^\W_](?:[^\W_]|-)*+(?<!-)"
_HOST_END = r"(?![\w-]|\.[^\W_]|:\d{6})"
_PORT = r"(?::\d{1,5}(?!\d))?"
_PATH = r"[/?#][^\s<>|`\\]*"
_SCHEME = r"(?:https?|ftps?|sftp|hxxps?|h\*\*ps?|h\[tt\]ps?|hxxp|h\*\*p)"
_IPV4 = r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"

LABEL = re.compile(_LABEL)
# Two one-letter labels in a row: a word dotted out ('s.i.z.e'), not a host name ('t.co', 'm.me').
SPELT_OUT_LABELS = re.compile(r"(?:^|\.)[^\W_]\.[^\W_](?:\.|$)")
HOMOGLYPH = regex.compile(r"[^\x00-\x7f\p{Cf}]")
TRAILING_PUNCTUATION = ".,;:!?*"
CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}
# Cheap gates, each a literal-prefixed search or a substring test, so clean messages skip the scans.
DOT_BEFORE_LETTER = re.compile(r"\.[^\W\d_]")
DOTTED_DIGITS = re.compile(r"\.\d{1,3}\.\d")
MAX_WINDOW_STEP = 300  # how far back to look for the start of a link's word, so long runs stay linear
# Where else a link can be, which view of the text to look in, and how many words it may spread either side
# (and a dot written as a word, four: see _LinkPatterns).
LINK_MARKS = (
    ("//", "plain", 1),  # "hxxps [:]// shop.com"
    (" .", "plain", 4),  # "w w w . shop . com"
    ("[.", "plain", 2),
    ("(.", "plain", 2),
    ("{.", "plain", 2),
    ("<.", "plain", 2),
    ("www", "lower", 4),
)
_LOCAL_CHUNK = r"""(?:[\w!#$%&*+=?^~-]|"[^"\s@]*")++"""
WORD_LOCAL_PART = re.compile(r"[\w.+-]+")

# A handle starts a word: "@shop.name", "(@shop)", "IG:@shop" — not "me$$@ge" or "p@ge".
HANDLE = re.compile(r"(?<![^\s(\[{\"'“‘«:,;])@(?P<handle>[A-Za-z0-9_](?:[\w.]{0,28}\w)?)(?![\w@])")

PHONE_GATE = re.compile(r"[0-9][0-9 \t().\-/]{5,}[0-9]")  # [0-9] is cheaper than \d; digits are folded to ASCII
# Things that look like phone numbers and are not are matched first, so the phone branch never sees them:
# the marketplace's order numbers (the pack's order-id-patterns), dates and IP addresses.
_NOT_PHONES = (
    r"(?<![\w./-])\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?![\w./-]*\d)",  # dates
    r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])",  # IP addresses
)
_PHONE_BRANCH = r"(?P<phone>(?<![\w+.,/£$€¥#-])(?:\+|00)?[ ]?\(?\d[\d \t().\-/]{5,24}\d(?!\w))"


def phone_pattern(order_ids: Sequence[str], pack: str | None = None) -> re.Pattern[str]:
    """Phone-number candidates, after the marketplace's order numbers and what else only looks like one."""
    for pattern in order_ids:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(
                f"{pattern!r} is not a regular expression ({exc})",
                path=pack,
                key="options.external-contact.order-id-patterns",
            ) from None
    # fail fast where no number starts
    return re.compile(r"(?=[0-9+(])(?:" + "|".join((*order_ids, *_NOT_PHONES, _PHONE_BRANCH)) + ")")


NATIONAL_SEPARATORS = re.compile(r"[ \t().\-/]+")


@dataclass(frozen=True)
class _LinkPatterns:
    """The patterns of links and addresses that depend on a language: the words it writes for a dot and an
    at sign to slip them past filters ("shop dot com", "tom at shop dot com", "d0t", "d*t")."""

    dot_words: tuple[str, ...]
    at_words: tuple[str, ...]
    link: re.Pattern[str]
    email: re.Pattern[str]
    disguised_dot: re.Pattern[str]
    at_word_in_brackets: re.Pattern[str]
    link_marks: tuple[tuple[str, str, int], ...]
    spaced_near_link: re.Pattern[str]
    leet_link_word: re.Pattern[str]
    masked_dot_word: re.Pattern[str]
    leet_suffix: re.Pattern[str]


@cache
def _link_patterns(dot_words: tuple[str, ...], at_words: tuple[str, ...]) -> _LinkPatterns:
    dot, at = _alternation(dot_words), _alternation(at_words)
    # A dot, or one written to slip past filters: "[.]", "(dot)", " dot ", " . ", " .co".
    disguised_dot = (
        r"(?:[ \t]?[\[({<][ \t]?(?:\.|" + dot + r")[ \t]?[\])}>][ \t]?|[ \t]+(?:" + dot + r")[ \t]+|[ \t]\.[ \t]?)"
    )
    any_dot = rf"(?:\.|{disguised_dot})"
    link = re.compile(
        "(?i)(?<!\\w)(?:"  # no link starts inside a word; checked once for every branch
        rf"(?<![\w/])(?P<scheme>{_SCHEME})[ ]?(?::|\[:\]|\(:\))[ ]?//(?:(?P<userinfo>[\w.~%!$&'*+,;=:-]+)@)?"
        rf"(?P<host>{_LABEL}(?:{any_dot}{_LABEL})*){_HOST_END}{_PORT}(?P<path>{_PATH})?"
        rf"|(?<![\w/:])(?P<neutral>//)(?P<neutral_host>{_LABEL}(?:\.{_LABEL})*){_HOST_END}{_PORT}"
        rf"(?P<neutral_path>{_PATH})?"
        rf"|(?<![\w.])(?P<ip>{_IPV4})(?!\w|\.\d){_PORT}(?P<ip_path>{_PATH})?"
        rf"|(?<![\w@.\-/:\\])(?P<bare_host>{_LABEL}(?:{any_dot}{_LABEL})+){_HOST_END}{_PORT}(?P<bare_path>{_PATH})?)"
    )
    email_at = (
        r"(?P<at>@|[ \t]+@[ \t]+|@[ \t]+|[ \t]?[\[({<][ \t]?(?:"
        + at
        + r"|@)[ \t]?[\])}>][ \t]?|[ \t]+(?:"
        + at
        + r")[ \t]+)"
    )
    email = re.compile(
        rf"(?i)(?<![\w.+\-@])(?P<mailto>mailto:)?(?P<local>{_LOCAL_CHUNK}(?:\.{_LOCAL_CHUNK})*+){email_at}"
        # one label after mailto:
        rf"(?P<domain>{_LABEL}(?(mailto)(?:{any_dot}{_LABEL})*|(?:{any_dot}{_LABEL})+)){_HOST_END}"
    )
    # Spaced-out letters next to what a link or address is made of: 'w w w.', 'h t t p:', 't o m   [at]', 'c o m'.
    spoken = _alternation([*at_words, *dot_words, *(" ".join(word) for word in dot_words)])
    table = disguises.table()
    # A dot written as a word with a letter masked or in leetspeak ('d0t', 'D*T'): the digits that stand
    # for a letter, and a mask for an inner one.
    digits = {char: letter for char, letter in table.usual().items() if char.isdigit()}
    masked = "|".join(
        f"(?P<d{k}>"
        + "".join(
            "["
            + re.escape(letter + letter.upper() + "".join(d for d, lt in digits.items() if lt == letter))
            + ("*" if 0 < i < len(word) - 1 else "")
            + "]"
            for i, letter in enumerate(word)
        )
        + ")"
        for k, word in enumerate(dot_words)
    )
    return _LinkPatterns(
        dot_words=dot_words,
        at_words=at_words,
        link=link,
        email=email,
        disguised_dot=re.compile(rf"(?i){disguised_dot}"),
        at_word_in_brackets=re.compile(rf"(?:{at})[ \t]?[\])}}>]"),
        link_marks=(*LINK_MARKS, *((word, "lower", 4) for word in dot_words)),
        spaced_near_link=re.compile(rf"[A-Za-z] [A-Za-z](?:[ \t]*[.@/:\[({{<]|[ \t]+(?i:{spoken})(?![A-Za-z]))"),
        # A link's own words with a letter disguised: a scheme ('h77p5:'), a spelled-out dot ('d0t').
        leet_link_word=re.compile("|".join(table.spelled(word) for word in ("http", *dot_words))),
        masked_dot_word=re.compile(rf"(?<![A-Za-z0-9])(?:{masked})(?![A-Za-z0-9])"),
        # A public suffix written in leetspeak after a dot, or after a spelt-out 'dot': 'c0m', 'n37', 'sh0p'.
        leet_suffix=re.compile(
            rf"(?P<before>(?:[^\W_]|[ \t])\.[ \t]?|(?i:{dot})[\])}}>]?[ \t]?)"
            r"(?P<suffix>[A-Za-z0-9]{2,6})(?![\w@-]|\.[^\W_])"
        ),
    )


class _Span(NamedTuple):
    """A finding in original-text offsets."""

    rule: str
    start: int
    end: int
    message: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class _Words:
    """One language's lexicon: matched entries by label index, and the lists the code reads."""

    lang: str  # the language, as spaCy spells it
    by_label: dict[str, LexiconEntry]
    spelled_gate: re.Pattern[str]
    weak_suffixes: frozenset[str]
    link_cue: re.Pattern[str]
    shorteners: frozenset[str]
    payment_domains: frozenset[str]
    mail_providers: frozenset[str]
    digit_words: dict[str, str]
    repeat_words: dict[str, int]
    spelled_number: re.Pattern[str]
    spelled_token: re.Pattern[str]
    code_word_before: re.Pattern[str]
    code_word_near: re.Pattern[str]
    phone_cue: re.Pattern[str]
    number_words: frozenset[str]  # "número", "Nummer": a cue only when it names no other number
    number_of: re.Pattern[str] | None  # "de", "do", "de l'" and the word after: what a "número" is the number of
    number_with: re.Pattern[str] | None  # the word before "mit der", "avec le": what carries the "Nummer"
    negations: frozenset[str]
    negation_breakers: frozenset[str]
    negation_verbs: frozenset[str]
    clause_breaks: frozenset[str]
    on_platform: tuple[tuple[str, ...], ...]
    on_platform_links: tuple[tuple[str, ...], ...]  # "via", "a través de"
    place_determiners: frozenset[str]  # before the marketplace: "the Amazon app"
    this_place: frozenset[str]  # "message us here"
    negation_clitic: str  # "n't": 'd*n't' is one token
    time_or_amount: re.Pattern[str]  # what an '@' before a time or an amount is followed by ("@5pm")
    links: _LinkPatterns
    paid_context: frozenset[str]
    common_suffixes: tuple[str, ...]
    brands: tuple[str, ...]
    providers: dict[tuple[int, int, str], tuple[str, ...]]
    vocabulary: dict[tuple[int, int, str], tuple[str, ...]]
    suffixes_by_length: dict[tuple[int, int, str], tuple[str, ...]]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _whole_word_gate(words: Iterable[str]) -> re.Pattern[str]:
    """A search for any of ``words`` standing as a whole word that starts only at the first letters of the
    words: the word boundary before a word is checked after its first letter, so the search skips other
    letters without trying each (0.5 µs of 2 on a 100-character message)."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    branches = [rf"{re.escape(first)}(?<=\b.)(?:{_alternation(rests)})" for first, rests in sorted(by_first.items())]
    return re.compile(rf"(?:{'|'.join(branches)})\b")


def _read_lexicon(entries: Sequence[LexiconEntry]) -> tuple[list[LexiconEntry], dict[str, list[str]]]:
    """Matched entries, and the word lists (lines tagged ``list:<name>``) by name."""
    lists: dict[str, list[str]] = {}
    matched: list[LexiconEntry] = []
    for entry in entries:
        names = [tag[len(LIST_TAG) :] for tag in entry.tags if tag.startswith(LIST_TAG)]
        if not names:
            matched.append(entry)
        for name in names:
            lists.setdefault(name, []).extend(phrase.lower() for phrase in entry.all_phrases)
    return matched, lists


def _build_words(
    labelled: dict[str, LexiconEntry],
    lists: dict[str, list[str]],
    tokens_of: Callable[[str], tuple[str, ...]],
    vocabulary: Iterable[str],
    *,
    brands: tuple[str, ...],
    lang: Language,
) -> _Words:
    def words(name: str) -> list[str]:
        return lists.get(name, [])

    digit_words = {w: name.split(":")[1] for name, ws in lists.items() if name.startswith("digit:") for w in ws}
    repeat_words = {
        w: int(name.split(":")[1]) for name, ws in lists.items() if name.startswith("digit-repeat:") for w in ws
    }
    token = rf"(?:{_alternation((*digit_words, *repeat_words))})(?!\w)|\d+"
    # A code word of several words matches however its words are parted: "Reg. No.", "reg no", "reg.-nr".
    code_words = "|".join(
        r"[.\s-]+".join(map(re.escape, w.split(" "))) for w in sorted(set(words("code-words")), key=len, reverse=True)
    )
    # The registry's town between a register word and its number: "RCS Lyon 812 345 678".
    registry_town = ""
    if words("register-words"):
        registry_town = (
            rf"|(?:{_alternation(words('register-words'))})\W{{1,3}}"
            rf"(?-i:[A-Z][^\W\d_]+(?:-[^\W\d_]+)*)\W{{1,3}}"
        )
    articles = frozenset(lang.settings.spaced_run_articles)
    return _Words(
        lang=lang.code,
        by_label=labelled,
        # A digit word somewhere in the folded text; only then are spelt-out numbers looked for.
        spelled_gate=_whole_word_gate((*digit_words, *repeat_words)),
        weak_suffixes=frozenset(words("weak-suffixes")),
        link_cue=re.compile(rf"(?i)(?<!\w)(?:{_alternation(words('link-cues'))})(?!\w)[^.!?\n]{{0,40}}$"),
        shorteners=frozenset(words("shorteners")),
        payment_domains=frozenset(words("payment-domains")),
        mail_providers=frozenset(words("email-providers")),
        digit_words=digit_words,
        repeat_words=repeat_words,
        spelled_number=re.compile(rf"(?i)(?<!\w)(?:{token})(?:[ \t,\-]{{1,3}}(?:{token})){{3,}}"),
        spelled_token=re.compile(rf"(?i){token}"),
        # "order no. ", "tracking number is ", "ref: " straight before a number make it an identifier.
        code_word_before=re.compile(
            rf"(?i)(?<!\w)(?:(?:{code_words})\W{{0,3}}{registry_town})"
            rf"(?:(?:{_alternation(lang.words.number_leads)}|#)\b\W{{0,3}}){{0,2}}"
            # a series letter before the digits: "RCS Paris B 812 345 678", "return no. R 55120-88"
            rf"(?:(?-i:[A-Z])[ .-]{{1,2}})?$"
        ),
        # A dotted number a word or two after 'version' or 'firmware' is a version, not an IP address.
        code_word_near=re.compile(rf"(?i)(?<!\w)(?:{code_words})\W{{1,3}}(?:\w{{1,8}}\W{{1,3}})?$"),
        phone_cue=re.compile(rf"(?i)(?<!\w)(?:{_alternation(words('phone-cues'))})(?!\w)"),
        number_words=frozenset(words("number-words")),
        number_of=(
            re.compile(rf"(?i)[ \t]+(?:{_alternation(words('number-of'))})[ \t]*([^\W\d_]+)")
            if words("number-of")
            else None
        ),
        number_with=(
            re.compile(rf"(?i)([^\W\d_]+)[ \t]+(?:{_alternation(words('number-with'))})[ \t]+\Z")
            if words("number-with")
            else None
        ),
        negations=frozenset(words("negations")),
        negation_breakers=frozenset(words("negation-breakers")),
        negation_verbs=frozenset(words("negation-verbs")),
        clause_breaks=frozenset(words("clause-breaks")),
        on_platform=tuple(
            sorted(
                {t for p in words("on-platform") for t in _with_article_split(tokens_of(p), articles)},
                key=len,
                reverse=True,
            )
        ),
        on_platform_links=tuple(sorted({tokens_of(w) for w in words("on-platform-links")}, key=len, reverse=True)),
        place_determiners=frozenset(lang.words.place_determiners),
        this_place=frozenset(lang.words.this_place),
        negation_clitic=lang.settings.negation_clitic,
        time_or_amount=re.compile(
            rf"(?i)\d{{1,2}}(?:[:.]\d{{2}})?(?:{_alternation(lang.words.clock_suffixes)})?|\d+(?:[.,]\d+)?[a-z]{{0,3}}"
        ),
        links=_link_patterns(lang.words.dot_words, lang.words.at_words),
        paid_context=frozenset(words("paid-context")),
        vocabulary=_by_length(vocabulary),
        providers=_by_length(words("email-providers")),
        brands=brands,
        common_suffixes=tuple(sorted(set(words("common-suffixes")), key=len, reverse=True)),
        suffixes_by_length=_by_length(w for w in words("common-suffixes") if "." not in w),
    )


class _Link(NamedTuple):
    """The parts of one LINK match, whichever branch matched."""

    start: int
    end: int
    scheme: str | None
    userinfo: str | None
    host_start: int
    host_end: int
    has_path: bool


def _link_parts(match: re.Match[str]) -> _Link:
    if match.group("scheme") is not None:
        scheme, host, path = match.group("scheme"), "host", "path"
    elif match.group("neutral") is not None:
        scheme, host, path = "//", "neutral_host", "neutral_path"
    else:
        scheme, host, path = None, "bare_host", "bare_path"
    start, end = match.span(host)
    return _Link(match.start(), match.end(), scheme, match.group("userinfo"), start, end, match.group(path) is not None)


@cache
def _public_suffixes() -> tldextract.TLDExtract:
    """The bundled public-suffix snapshot only: no list URL to fetch, no cache directory to write. Loaded
    when the first Linter starts, not on a buyer's message, and shared by every Linter after it (it is
    read-only once loaded; loading costs 0.03-0.07 s)."""
    suffixes = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    suffixes.extract_str("warm.example.com")
    return suffixes


class ExternalContactChecker(Checker):
    """Links, emails, phone numbers, social platforms, and paying, talking or ordering off the marketplace."""

    id = "external-contact"
    languages = LexiconLanguages(LEXICON)  # msglint/lexicons/<lang>/ with these files
    rules = RulesFile("external_contact")  # type: ignore[assignment]

    def __init__(self, context: CheckerContext | None = None) -> None:
        super().__init__(context)
        self._frames = FrameReader(self.id, [rule.code for rule in self.rules])
        options = self.context.options
        self._suffixes = _public_suffixes()
        self._allowed = frozenset(d.lower() for d in self.context.allowed_domains)
        self._carriers = frozenset(d.lower() for d in options.get("carrier-domains", ()))
        brands = options.get("marketplace-brands")
        if brands is None:
            brands = {self._suffixes.extract_str(d).domain for d in self._allowed}
        self._brands = tuple(sorted(b.lower() for b in brands if len(b) >= 4))
        regions = [r.upper() for r in options.get("phone-regions", DEFAULT_PHONE_REGIONS)]
        self._regions = tuple(r for r in regions if r in phonenumbers.SUPPORTED_REGIONS)
        self._phone = phone_pattern(tuple(options.get("order-id-patterns", ())), self.context.pack_path)
        self._messages = {rule.code: rule.message for rule in self.rules}
        self._words: dict[str, _Words] = {}
        self._disguised: dict[str, PhraseMatcher] = {}

    def lexicon_problems(self, name: str, entries: Sequence[LexiconEntry]) -> Iterator[tuple[int | None, str]]:
        """The base's problems; tags of the vocabulary; a word list holds phrases; the lists the code needs."""
        yield from super().lexicon_problems(name, entries)
        lists: set[str] = set()
        # the words an emoji may stand for: those of the matched phrases (see _with_emoji)
        phrase_words = {
            word
            for entry in entries
            if entry.pattern is None and not values_of(entry.tags, "list")
            for phrase in entry.all_phrases
            for word in phrase.split(" ")
        }
        for index, entry in enumerate(entries):
            problem = TAGS.problem(entry.tags)
            names = values_of(entry.tags, "list")
            if problem is None and names and entry.pattern is not None:
                problem = "a word list ('list:') lists its words as phrases, not as a token pattern"
            if problem is None and entry.pattern is not None:
                problem = pattern_problem(entry.pattern)
            for emoji in (n[len(EMOJI_LIST) :] for n in names if n.startswith(EMOJI_LIST)):
                if emoji not in phrase_words:
                    problem = (
                        problem or f"'list:emoji:{emoji}': no phrase has the word {emoji!r} for the emoji to stand for"
                    )
            if problem is not None:
                yield index, problem
            lists.update(names)
        for required in REQUIRED_LISTS:
            if required not in lists:
                yield (
                    None,
                    f"no line is tagged 'list:{required}': the checker reads that list (expected a line with it)",
                )

    def prepare(self, pipeline: Pipeline) -> None:
        self._frames.prepare(pipeline.lang)
        lang = language(pipeline.lang)
        articles = frozenset(lang.settings.spaced_run_articles)
        matched, lists = _read_lexicon(self.lexicon_entries(pipeline.lang, LEXICON))
        labelled = {f"{self.id}:{index}": entry for index, entry in enumerate(matched)}
        emoji = {name[len(EMOJI_LIST) :]: ws for name, ws in lists.items() if name.startswith(EMOJI_LIST)}
        not_glued = frozenset(lists.get("not-glued", ()))
        make_doc = pipeline.make_doc
        # Disguised words ('n*t', 'Wh4754pp') are read back against this vocabulary and matched again.
        disguised = PhraseMatcher(pipeline.nlp.vocab, attr="LOWER")
        vocabulary: set[str] = set()
        for label, entry in labelled.items():
            phrases = entry.all_phrases if entry.pattern is None else pattern_as_phrases(list(entry.pattern))
            if entry.pattern is not None:
                pipeline.add_patterns(label, [list(entry.pattern)])
            else:
                variants = _with_emoji(entry.all_phrases, emoji)
                variants += [
                    " ".join(t)
                    for p in entry.all_phrases
                    for t in _with_article_split(tuple(p.split(" ")), articles)[1:]
                ]
                variants += [v for v in map(_short_words_spaced, entry.all_phrases) if v is not None]
                pipeline.add_phrases(label, (*entry.all_phrases, *variants))
            docs = [make_doc(p) for p in phrases or ()]  # each phrase tokenised once
            glued = _glued(docs, not_glued)
            if glued:
                pipeline.add_phrases(label, glued)
            if docs:
                disguised.add(label, [*docs, *map(make_doc, glued)])
                vocabulary.update(t.lower_ for doc in docs for t in doc)

        def tokens_of(phrase: str) -> tuple[str, ...]:
            return tuple(token.lower_ for token in pipeline.make_doc(phrase))

        for name in READABLE_LISTS:
            vocabulary.update(t for w in lists.get(name, ()) for t in tokens_of(w))
        self._words[pipeline.lang] = _build_words(
            labelled, lists, tokens_of, vocabulary, brands=self._brands, lang=lang
        )
        self._disguised[pipeline.lang] = disguised

    # --- the check ------------------------------------------------------------------------------

    def check(self, document: Document) -> Iterable[Hit]:
        return self._frames.apply(document, self._lexicon_hits(document))

    def _lexicon_hits(self, document: Document) -> Iterable[Hit]:
        words = self._words[document.lang]
        plain = document.plain.text
        found = self._addresses(document, words, document.plain)
        for view in _link_readings(document.plain, words):  # "h77p5://", "k!tchenhelper$.n*t", "w.w.w.shop"
            found += _apart(self._addresses(document, words, view), found)
        taken = tuple(found)
        if "@" in plain:
            found += _apart(self._handles(document, words), taken)
        if PHONE_GATE.search(plain):
            found += _apart(self._phones(document, words), taken)
        folded = document.folded.text
        if words.spelled_gate.search(folded) or "*" in folded:
            # In the plain view, then with leetspeak and spacing undone, then with masked words read back.
            views = [document.plain]
            if folded != plain.lower():
                views.append(document.folded)
            unmasked = _unmasked(document.folded, words) if "*" in folded else None
            views += [unmasked] if unmasked is not None else []
            for view in views:
                found += _apart(self._spelled_phones(document, words, view), found)
        matches = document.matches(self.id)
        doc = document.doc
        if "*" in folded or (LEET_LEFT_GATE.search(folded) and DISGUISED_WORD.search(folded)):
            resolved = _resolved_doc(document.doc, document.folded.text, words)
            if resolved is not None:
                matcher = self._disguised[document.lang]
                strings = resolved.vocab.strings
                matches = sorted(((strings[m], s, e) for m, s, e in matcher(resolved)), key=lambda m: (m[1], m[2]))
                doc = resolved
        if matches:
            found += _apart(self._phrases(document, words, matches, doc), taken)
        parcels = [(f.start, f.end) for f in found if f.rule == PARCEL_TRACKING]
        found = [f for f in found if not any(s <= f.start and f.end <= e for s, e in parcels)]
        return [Hit(f.rule, f.start, f.end, "original", message=f.message, detail=f.detail) for f in found]

    def _addresses(self, document: Document, words: _Words, view: FoldedText) -> list[_Span]:
        """Links and email addresses in one view of the text."""
        plain = view.text
        lowered = plain.lower()
        links = words.links
        may_link = _may_hold_link(plain, lowered, links)
        found: list[_Span] = []
        bare_links: list[_Span] = []
        if may_link:
            found, bare_links = self._links(document, words, view)
        if (
            "@" in plain
            or links.at_word_in_brackets.search(lowered)
            or (may_link and any(f" {at} " in lowered for at in links.at_words))
        ):
            emails = _apart(self._emails(document, words, view), found)
            bare_links = _apart(bare_links, emails)
            found += emails
        return found + bare_links

    # --- disguised words ------------------------------------------------------------------------

    # --- links ----------------------------------------------------------------------------------

    def _links(self, document: Document, words: _Words, view: FoldedText) -> tuple[list[_Span], list[_Span]]:
        """Links written with a scheme, and the rest (bare or disguised domains, IP addresses)."""
        plain = view.text
        lowered = plain.lower()
        scheme_links: list[_Span] = []
        bare_links: list[_Span] = []
        link_pattern = words.links.link
        for window_start, window_end in _link_windows(plain, lowered, words.links.link_marks):
            for match in link_pattern.finditer(plain, window_start, window_end):
                if match.group("ip") is not None:
                    if _after_code_word(plain, match.start(), words, near=True):
                        continue  # "firmware 3.0.0.7", "Firmware auf 3.0.0.7": a version
                    end = _trim_link_end(plain, match.start(), match.end()) if match.group("ip_path") else match.end()
                    bare_links.append(
                        self._span(document, EXTERNAL_LINK, match.start(), end, "an IP address", view=view)
                    )
                    continue
                link = _link_parts(match)
                found = self._link(document, words, link, view)
                if found is not None:
                    (scheme_links if link.scheme else bare_links).append(found)
        return scheme_links, bare_links

    def _link(self, document: Document, words: _Words, link: _Link, view: FoldedText) -> _Span | None:
        plain = view.text
        if link.host_end - link.host_start > MAX_HOST_CHARS:
            return None
        labels = [(m.start(), m.end()) for m in LABEL.finditer(plain, link.host_start, link.host_end)]
        # Drop trailing labels that are not part of the domain: "www.example.net.Thanks".
        for count in range(len(labels), 0 if link.scheme else 1, -1):
            host_end = labels[count - 1][1]
            host = _undisguise(plain[link.host_start : host_end], words)
            disguised = len(host) != host_end - link.host_start
            has_path = link.has_path and count == len(labels)
            if link.scheme == "//" and count == 1 and host.lower() != "localhost":
                return None  # "//test": a single label needs a real scheme
            if link.scheme or self._plausible_domain(
                document,
                host,
                (link.host_start, host_end),
                labels[count - 1][0],
                words,
                view=view,
                path=has_path,
                disguised=disguised,
                link_start=link.start,
            ):
                break
        else:
            return None
        if count < len(labels):
            end = host_end
        elif link.has_path:
            end = _trim_link_end(plain, link.start, link.end)
        else:
            end = link.end
        rule, detail = self._classify(
            document, words, host, view, start=link.host_start, end=host_end, userinfo=link.userinfo
        )
        if rule is None:
            return None
        read_back = view is not document.plain
        if disguised or read_back or (link.scheme and link.scheme.lower() not in PLAIN_SCHEMES):
            detail = f"{detail}, written in disguise"
        elif rule == CARRIER_LINK and TRACKING_NUMBER.search(view.text, host_end, end):
            rule = PARCEL_TRACKING  # kept as a finding until the end, so no other reading splits the link
        return self._span(document, rule, link.start, end, detail, view=view)

    def _plausible_domain(
        self,
        document: Document,
        host: str,
        span: tuple[int, int],
        last_start: int,
        words: _Words,
        *,
        view: FoldedText,
        path: bool,
        disguised: bool,
        link_start: int,
    ) -> bool:
        """Whether a host written without a scheme is a real domain, not a file name or a run-on sentence."""
        plain = view.text
        parts = self._suffixes.extract_str(host)
        if not parts.suffix or not parts.domain:
            # An internationalised domain (президент.рф) is checked as written, before folding.
            original = document.text[slice(*view.to_original(*span))]
            if original.isascii():
                return False
            parts = self._suffixes.extract_str(_undisguise(original, words))
            if not parts.suffix or not parts.domain:
                return False
            host = original
        www = host[:4].lower() == "www."
        last = host.rsplit(".", 1)[1]
        weak = last.lower() in words.weak_suffixes
        if disguised:  # "shop dot it" with a link word before it counts; "a dot in the corner" does not
            return www or not weak or words.link_cue.search(plain, max(0, link_start - 60), link_start) is not None
        if www or path:
            return True
        # "arrived today.Thanks": a capitalised word straight after a lower-case one starts a sentence.
        # 'the s.i.z.e.c.h.a.r.t': a word dotted out letter by letter (read back elsewhere), not a host.
        sentence = last[0].isupper() and last[1:].islower() and plain[last_start - 2].isalnum()
        if sentence or SPELT_OUT_LABELS.search(host):
            return False
        # A hyphen or digit in the name ("bestprice-tools.in") is a domain's, not a run-on sentence's;
        # so is a word that announces a link ("visit setup.zip").
        return (
            not weak
            or "-" in parts.domain
            or (any(c.isdigit() for c in parts.domain) and not LEET_INSIDE_WORD.search(parts.domain))
            or words.link_cue.search(plain, max(0, link_start - 60), link_start) is not None
        )

    def _classify(
        self,
        document: Document,
        words: _Words,
        host: str,
        view: FoldedText,
        *,
        start: int,
        end: int,
        userinfo: str | None,
    ) -> tuple[str | None, str]:
        """The rule a link to ``host`` breaks (None for the marketplace's own) and what to tell the seller."""
        host = host.lower().rstrip(".")
        original = document.text[slice(*view.to_original(start, end))]
        # Full-width and other compatibility forms are the same address to a browser (IDNA maps them with
        # NFKC); a Cyrillic 'а' is another site.
        if "&" in original:  # '&#1072;mazon.com': the entity is a Cyrillic letter
            original = html.unescape(original)
        homoglyphs = not original.isascii() and HOMOGLYPH.search(unicodedata.normalize("NFKC", original)) is not None
        if userinfo and self._imitates(userinfo.lower()):
            return LOOKALIKE_LINK, f"{host}, disguised with '{userinfo}@' in front"
        if _within(host, self._allowed):
            return (LOOKALIKE_LINK, f"{host}, spelt with look-alike characters") if homoglyphs else (None, host)
        for domains, rule in (
            (words.shorteners, LINK_SHORTENER),
            (words.payment_domains, OFF_PLATFORM_PAYMENT),
            (self._carriers, CARRIER_LINK),
        ):
            if _within(host, domains):
                return rule, host
        if self._imitates(host):
            return LOOKALIKE_LINK, host
        return EXTERNAL_LINK, host

    def _imitates(self, host: str) -> bool:
        """Whether a domain outside the marketplace borrows its name: amazon-refund.com, amaz0n.com."""
        if not self._brands:
            return False
        # Every label but the public suffix: the registrable name and the subdomains in front of it.
        suffix = self._suffixes.extract_str(host).suffix
        names = host[: len(host) - len(suffix) - 1] if suffix else host
        for label in names.split("."):
            unleet = label.replace("-", "").translate(_UNLEET).replace("rn", "m").replace("vv", "w")
            for brand in self._brands:
                if brand in label or brand in unleet:
                    return True
                if len(brand) >= 5 and _within_one_edit(unleet, brand):
                    return True
        return False

    # --- emails and handles ---------------------------------------------------------------------

    def _emails(self, document: Document, words: _Words, view: FoldedText) -> Iterator[_Span]:
        plain = view.text
        position = 0
        email = words.links.email
        while (match := email.search(plain, position)) is not None:
            found = self._email(document, words, match, view)
            if found is None:
                position = match.start("domain")  # "us at support (at) shop (dot) com": retry from "support"
            else:
                position = match.end()
                yield found

    def _email(self, document: Document, words: _Words, match: re.Match[str], view: FoldedText) -> _Span | None:
        plain = view.text
        mailto = match.group("mailto") is not None
        word_at = match.group("at").strip().lower() in words.links.at_words  # " at ", not "(at)" or "[at]"
        if word_at and not WORD_LOCAL_PART.fullmatch(match.group("local")):
            return None
        domain_start, domain_end = match.span("domain")
        if domain_end - domain_start > MAX_HOST_CHARS:
            return None
        labels = [m.end() for m in LABEL.finditer(plain, domain_start, domain_end)]
        for count in range(len(labels), 0 if mailto else 1, -1):
            end = labels[count - 1]
            domain = _undisguise(plain[domain_start:end], words).lower()
            parts = self._suffixes.extract_str(domain)
            # A one-letter name before the suffix is a masked word ("tod@y.Thanks"), not a mail host.
            if mailto or (parts.suffix and len(parts.domain) > 1):
                break
        else:
            return None
        if word_at and parts.domain not in words.mail_providers and not _reading(parts.domain, words.providers):
            return None  # "look at example.com" is a link, not an address
        if _within(domain, self._allowed):
            return None  # the marketplace's own relay addresses
        disguised = match.group("at") != "@" or len(domain) != end - domain_start or view is not document.plain
        if self._imitates(domain):
            rule, detail = LOOKALIKE_LINK, f"an email address at {domain}"
        else:
            rule, detail = EMAIL_ADDRESS, ""
        if disguised:
            detail = f"{detail}, written in disguise" if detail else "written in disguise"
        return self._span(document, rule, match.start(), end, detail or None, view=view)

    def _handles(self, document: Document, words: _Words) -> Iterator[_Span]:
        plain = document.plain.text
        for match in HANDLE.finditer(plain):
            handle = match.group("handle")
            if words.time_or_amount.fullmatch(handle) or sum(c.isalpha() for c in handle) < 2:
                continue  # "@5pm", "@12x"
            if _within(handle.lower(), self._allowed):
                continue
            yield self._span(document, SOCIAL_MEDIA, match.start(), match.end(), f"the handle @{handle}")

    # --- phone numbers --------------------------------------------------------------------------

    def _phones(self, document: Document, words: _Words) -> Iterator[_Span]:
        plain = document.plain.text
        regions: tuple[str, ...] = ()
        validated = 0
        for match in self._phone.finditer(plain):
            candidate = match.group("phone")
            if candidate is None:
                continue
            start = match.start("phone")
            if not MIN_PHONE_DIGITS <= sum(c.isdigit() for c in candidate) <= 15:
                continue
            if not self._phone_context(plain, start, candidate, words):
                continue
            validated += 1
            if validated > MAX_PHONE_CANDIDATES:
                break
            regions = regions or self._phone_regions(document)
            cue = _phone_cue_before(plain, start, words)
            found = _phone_in(candidate, regions, cue)
            if found is not None:
                yield self._span(document, PHONE_NUMBER, start + found[0], start + found[1])

    def _phone_context(self, plain: str, start: int, candidate: str, words: _Words) -> bool:
        """Whether a digit run may be a phone number, by its shape and the words before it."""
        if _after_code_word(plain, start, words):
            return False  # "order no. 4520 3381 22", "tracking 9400 1118 …"
        international = candidate.lstrip("( ").startswith(("+", "00"))
        if not international and ID_PREFIX.search(plain, max(0, start - 12), start):
            return False  # the digits of a tracking number after its letters: "1Z 999 …", "8R 012 345 6789 0"
        groups = [g for g in NATIONAL_SEPARATORS.split(candidate.strip("+ ()")) if g]
        if not international and _part_number_grouping(groups):
            return False  # "0 601 868 109": a manufacturer's part number; no one writes a trunk 0 apart
        if international or groups[0].startswith("0"):
            return True
        if len(groups) == 1:  # one unseparated run is an id, unless announced as a number
            return _phone_cue_before(plain, start, words)
        return max(len(g) for g in groups) > 2  # "sizes 10 12 14 16"

    def _spelled_phones(self, document: Document, words: _Words, view: FoldedText) -> Iterator[_Span]:
        """Numbers spelt out, whole or in part: 'oh seven nine double one, 1 2 3 4 5 6'."""
        plain = view.text
        regions: tuple[str, ...] = ()
        for run in words.spelled_number.finditer(plain):
            if run.end() - run.start() > MAX_SPELLED_CHARS:
                continue
            tokens = list(words.spelled_token.finditer(plain, run.start(), run.end()))
            if sum(not t.group().isdigit() for t in tokens) < 2:
                continue
            text, origin = _spell_out(tokens, words)
            if not MIN_PHONE_DIGITS <= sum(c.isdigit() for c in text) <= 15:
                continue
            if _after_code_word(plain, run.start(), words):
                continue
            regions = regions or self._phone_regions(document)
            cue = _phone_cue_before(plain, run.start(), words)
            found = _phone_in(text, regions, cue)
            if found is not None:
                start, end = origin[found[0]][0], origin[found[1] - 1][1]
                yield self._span(document, PHONE_NUMBER, start, end, "spelt out in words", view=view)

    def _phone_regions(self, document: Document) -> tuple[str, ...]:
        """The marketplace's region when the message names it, else every configured region."""
        marketplace = document.message.marketplace
        if marketplace:
            suffix = self._suffixes.extract_str(marketplace.lower()).suffix
            code = suffix.rsplit(".", 1)[-1].upper()
            region = {"UK": "GB", "COM": "US"}.get(code, code)
            if region in phonenumbers.SUPPORTED_REGIONS:
                return (region,)
        return self._regions

    # --- phrases --------------------------------------------------------------------------------

    def _phrases(self, document: Document, words: _Words, matches: Sequence[TokenMatch], doc: Doc) -> list[_Span]:
        folded = document.folded.text
        kept: list[tuple[str, int, int]] = []
        for label, start, end in matches:
            entry = words.by_label[label]
            if self._refused_or_on_platform(doc, start, end, entry.rule, words):
                continue
            if "".join(t.lower_ for t in doc[start:end]).replace("-", "") in self._brands:
                continue  # the marketplace's own name ("amazon" is another shop only to Mercado Livre)
            begin, finish = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            if kept and kept[-1][0] == entry.rule and not folded[kept[-1][2] : begin].strip():
                kept[-1] = (entry.rule, kept[-1][1], max(finish, kept[-1][2]))  # "find us on" + "Instagram"
            else:
                kept.append((entry.rule, begin, finish))
        return [_Span(rule, *document.folded.to_original(s, e)) for rule, s, e in kept]

    def _refused_or_on_platform(self, doc: Doc, start: int, end: int, rule: str, words: _Words) -> bool:
        """'We cannot accept PayPal', 'PayPal is not accepted', 'message us on Amazon', 'you paid via PayPal'."""
        first = max(0, start - CONTEXT_TOKENS)
        lower = [token.lower_ for token in doc[first : min(len(doc), end + CONTEXT_TOKENS)]]
        before, span_last, after = lower[: start - first], lower[end - first - 1], lower[end - first :]
        for i in range(len(before) - 1, -1, -1):
            if before[i] in words.clause_breaks:
                break
            negation = before[i] in words.negations or before[i].endswith(words.negation_clitic)  # 'd*n't' is one token
            if negation and not words.negation_breakers.intersection(before[i + 1 :]):
                return True
        previous = span_last
        for token in after[:3]:
            if token in words.clause_breaks:
                break
            if token in words.negations and previous in words.negation_verbs:
                return True
            previous = token
        if (
            rule == OFF_PLATFORM_PAYMENT
            and (
                words.paid_context.intersection(before[-3:])
                # or the participle after the means: "Sie haben mit PayPal bezahlt"
                or (words.paid_context.intersection(after[:2]) and not words.clause_breaks.intersection(after[:1]))
            )
        ):
            return True
        if rule in (SOCIAL_MEDIA, CONTACT_REQUEST):
            if after[:1] and after[0] in words.this_place:
                return True
            tail = [span_last, *after]
            for i, token in enumerate(tail[:4]):
                if i and token in words.clause_breaks:
                    break
                for link in words.on_platform_links:
                    if tuple(tail[i : i + len(link)]) == link and _starts_with_place(tail[i + len(link) :], words):
                        return True
        return False

    # --- helpers --------------------------------------------------------------------------------

    def _span(
        self,
        document: Document,
        rule: str,
        start: int,
        end: int,
        detail: str | None = None,
        *,
        view: FoldedText | None = None,
    ) -> _Span:
        """A finding at ``view[start:end]`` (the plain view by default); ``detail`` goes into its message."""
        original_start, original_end = (view or document.plain).to_original(start, end)
        message = self._messages.get(rule) if detail else None
        if message:
            message = f"{message.rstrip('.')} ({detail})."
        return _Span(rule, original_start, original_end, message, detail if message else None)


_UNLEET = str.maketrans(disguises.table().shapes())
PLAIN_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "sftp", "//"})
CONTEXT_TOKENS = 8  # how far a negation reaches: 'not allowed to take bank transfers or PayPal'


# --- reading disguised words and links ------------------------------------------------------------

# What a digit or symbol written inside a word can stand for; '*' hides any one letter.
_READINGS = {"0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s"}
_READINGS |= {"!": "il", "|": "l"}
# A token the folded view could not read: masked ('n*t') or with more digits than its leetspeak undoes.
DISGUISED_WORD = re.compile(r"[a-z]\*|\*[a-z]|[a-z][0-9]+[a-z]|[0-9][a-z]+[0-9]")
MASKED_WORD = re.compile(r"(?<![a-z*'])(?=[a-z*]*[a-z])[a-z*]*\*[a-z*]*(?![a-z*])")
# A digit between letters is leetspeak ('c0nf1g', 'tw1c3'), not the digits of a name ('shop24', 'b2b-parts').
LEET_INSIDE_WORD = re.compile(r"[a-z][0134579][a-z]", re.IGNORECASE)
# Cheap, literal-led first looks for the link disguises read back below.
LEET_SUFFIX_GATE = re.compile(r"\.[ \t]?(?:[A-Za-z]{1,5}[0-9]|[0-9][A-Za-z])")
BANG_GATE = re.compile(r"![A-Za-z0-9]")  # 'c0m', 'n37', '. n37'
SPACED_GATE = re.compile(r" [A-Za-z] [A-Za-z] ")
DOTTED_GATE = re.compile(r"\.[A-Za-z]\.")
LEET_LEFT_WORD = re.compile(r"(?<![\w*])(?=\w*[a-z])(?=\w*[0-9])[a-z0-9]{3,40}(?![\w*])", re.IGNORECASE)
LEET_LEFT_GATE = re.compile(r"[0-9][a-z]")  # the folded view leaves words of four or more digits as they are
FOLDABLE_WINDOW = re.compile(r"[a-z][0-9$@!|*]|[0-9$@|*][a-z]|(?<![a-z])[a-z][ .][a-z](?![a-z])", re.IGNORECASE)
LEET_SCHEME = re.compile(r"(?<![\w/])[hH](?:[tT7*]{2}|[xX]{2})[pP][sS5$]?(?=[ ]?(?::|\[:\]|\(:\))[ ]?//)")
SCHEME_LETTERS = str.maketrans({"7": "t", "*": "t", "5": "s", "$": "s"})
SYMBOL_RUN = re.compile(r"(?<!\S)\S*[$!|*@]\S*")
DOLLAR_IN_WORD = re.compile(r"(?<=[A-Za-z])\$|\$(?=[A-Za-z])")
BANG_IN_WORD = re.compile(r"(?<=[A-Za-z0-9@*])!(?=[A-Za-z0-9$]|\.[A-Za-z*])")
PIPE_IN_WORD = re.compile(r"(?<=[A-Za-z])\|(?=[A-Za-z])")
AT_IN_WORD = re.compile(r"(?<=[A-Za-z0-9*])@(?=[A-Za-z0-9*])")
MASKED_CHUNK = re.compile(r"[A-Za-z*]*\*[A-Za-z*]*")
# Letters dotted out one by one, with the hyphens and underscores of a name kept: 'w.w.w.s.h.o.p-u.k'.
SPACED_LETTERS = re.compile(r"(?<![A-Za-z0-9])[A-Za-z](?![A-Za-z0-9])(?:[ \-_][A-Za-z](?![A-Za-z0-9])){2,}")
DOTTED_LINK_ENDINGS = frozenset({"com", "co.uk"})  # 'c.o.s.y.h.o.m.e.c.o.m': no dotted-out word ends so
WIDE_GAP = re.compile(r"[ \t]{2,}")
DOTTED_LETTERS = re.compile(r"(?<![A-Za-z0-9])[A-Za-z](?![A-Za-z0-9])(?:[.\-_][A-Za-z](?![A-Za-z0-9])){2,}")


def _unmasked(view: FoldedText, words: _Words) -> FoldedText | None:
    """``view`` with each masked word ('z*ro', 'n*t') read as the one lexicon word it can be."""
    text = MASKED_WORD.sub(lambda m: _reading(m.group().lower(), words.vocabulary) or m.group(), view.text)
    return view.then(text, None) if text != view.text else None


def _resolved_doc(doc: Doc, text: str, words: _Words) -> Doc | None:
    """``doc`` (of ``text``) with each disguised token ('n*t', 'wh4754pp') read as the one lexicon word it
    can be, or None when none could be read. Same lengths, so token offsets are unchanged."""
    readings: dict[int, str] = {}
    seen: set[int] = set()
    for match in DISGUISED_WORD.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or len(span) != 1 or span.start in seen:
            continue
        seen.add(span.start)
        if span.end_char - span.start_char <= MAX_WORD_CHARS:
            reading = _reading(span.text.lower(), words.vocabulary)
            if reading is not None:
                readings[span.start] = reading
    if not readings:
        return None
    token_words = [readings.get(token.i, token.text) for token in doc]
    return Doc(doc.vocab, words=token_words, spaces=[bool(token.whitespace_) for token in doc])


#: A short word of letters and digits just before a digit run ("1Z", "8R", "AA1"): the run is the rest of
#: an identifier (a UPS or La Poste tracking number written in groups), not a phone number.
ID_PREFIX = re.compile(r"(?<!\w)(?=\w*\d)(?=\w*[^\W\d_])\w{2,6}[ .-]{1,2}\Z")


def _after_code_word(text: str, start: int, words: _Words, *, near: bool = False) -> bool:
    """Whether the number at ``start`` follows 'order no.', 'zip', 'tracking' — also disguised ('Z1P', 'Z I P',
    'c*de'): the window before it is folded the way the folded view folds words. ``near``: a word may stand
    between them ('firmware to 3.0.0.7')."""
    pattern = words.code_word_near if near else words.code_word_before
    floor = max(0, start - CODE_WORD_REACH)
    if pattern.search(text, floor, start):
        return True
    window = text[floor:start]
    if not window.isascii():
        window = fold_word(window)  # 'Rücksendenummer', 'RÜCKSENDENUMMER': the lexicon's words are folded
        if pattern.search(window):
            return True
    if not FOLDABLE_WINDOW.search(window):
        return False  # nothing disguised to undo
    folded = fold_words(FoldedText(window, window), words.lang).text
    # what the folded view leaves ('v3r510n3': more digits than its leetspeak undoes), read as a lexicon word
    folded = LEET_LEFT_WORD.sub(lambda m: _reading(m.group().lower(), words.vocabulary) or m.group(), folded)
    if "*" in folded:
        folded = MASKED_WORD.sub(lambda m: _reading(m.group(), words.vocabulary) or m.group(), folded)
    return pattern.search(folded) is not None


def _phone_cue_before(plain: str, start: int, words: _Words) -> bool:
    """Whether a word announcing a phone number stands shortly before ``start``: "Telefon", "WhatsApp", a bare
    "número" — not a "número" that names another number ("número de expediente", "numéro de l'avis")."""
    for cue in words.phone_cue.finditer(plain, max(0, start - 40), start):
        if not _names_another_number(plain, cue, start, words):
            return True
    return False


def _names_another_number(plain: str, cue: re.Match[str], start: int, words: _Words) -> bool:
    if fold_word(cue.group().lower()) not in words.number_words:
        return False
    named = words.number_of.match(plain, cue.end(), start) if words.number_of is not None else None
    if named is None and words.number_with is not None:  # "eine Karte mit der Nummer …": the card's number
        named = words.number_with.search(plain, max(0, cue.start() - CODE_WORD_REACH), cue.start())
    return named is not None and words.phone_cue.fullmatch(named.group(1)) is None


def _part_number_grouping(groups: Sequence[str]) -> bool:
    """A lone 0 and then groups of three digits only ("0 601 868 109"): how manufacturers print a part number.
    A phone's trunk 0 is written with its area code ("0601 868109"), and a number spaced out to hide it has
    groups of one or two digits."""
    return len(groups) >= 3 and groups[0] == "0" and all(len(g) == 3 for g in groups[1:])


def _by_length(words: Iterable[str]) -> dict[tuple[int, int, str], tuple[str, ...]]:
    """Words by length and first letter, and by length and last letter: a disguised word keeps one of them
    more often than not, so few candidates are compared."""
    grouped: dict[tuple[int, int, str], set[str]] = {}
    for word in words:
        if any(c.isalpha() for c in word):
            for key in ((len(word), 0, word[0]), (len(word), -1, word[-1]), (len(word), 0, "")):
                grouped.setdefault(key, set()).add(word)
    return {key: tuple(sorted(ws)) for key, ws in grouped.items()}


def _reading(word: str, vocabulary: dict[tuple[int, int, str], tuple[str, ...]]) -> str | None:
    """The one word of ``vocabulary`` a disguised ``word`` can be read as ('n*t' -> 'not'), else None."""
    size = len(word)
    if word[0].isalpha():
        candidates = vocabulary.get((size, 0, word[0]), ())
    elif word[-1].isalpha():
        candidates = vocabulary.get((size, -1, word[-1]), ())
    else:
        candidates = vocabulary.get((size, 0, ""), ())
    found = None
    for candidate in candidates:
        for c, w in zip(word, candidate, strict=True):
            if c != w and not (c == "*" and w.isalpha()) and w not in _READINGS.get(c, ""):
                break
        else:
            if found is not None:
                return None  # 'c*ll': call or cell; a careful reader would not guess either
            found = candidate
    return found


def _with_article_split(tokens: tuple[str, ...], articles: frozenset[str]) -> list[tuple[str, ...]]:
    """``tokens``, then again with a word starting with an article ('a', 'i') split as the folded view splits
    it when its letters were spaced out: 'A m a z o n' folds to 'a mazon', 'I B A N' to 'i ban'."""
    variants = [tokens]
    for i, token in enumerate(tokens):
        if token[:1] in articles and len(token) > 3 and token.isalpha():
            variants.append((*tokens[:i], token[0], token[1:], *tokens[i + 1 :]))
    return variants


def _glued(phrases: Iterable[Doc], not_glued: frozenset[str]) -> list[str]:
    """Each phrase of two or more words written without spaces ('givemeacall', 'yourphonenumber'), when long
    enough to be no word of its own: spaCy has no word segmentation, so a glued phrase is one token."""
    glued = []
    for phrase in phrases:
        words = [token.lower_ for token in phrase]
        joined = "".join(words)
        if len(words) >= 2 and joined.isalpha() and len(joined) >= MIN_GLUED_CHARS and joined not in not_glued:
            glued.append(joined)
    return glued


def _short_words_spaced(phrase: str) -> str | None:
    """The phrase with its two-letter words spelt out ('call m e', 'text u s'), which the folded view leaves
    apart (two letters alone are too ambiguous to join) but a phrase makes plain; None if it has none."""
    tokens = phrase.split(" ")
    if len(tokens) < 2 or not any(len(t) == 2 and t.isalpha() for t in tokens):
        return None
    return " ".join(" ".join(t) if len(t) == 2 and t.isalpha() else t for t in tokens)


def _with_emoji(phrases: Iterable[str], emoji: dict[str, list[str]]) -> list[str]:
    """Each phrase again with an emoji in place of the word it stands for: 'your 📞 number'."""
    variants = []
    for phrase in phrases:
        tokens = phrase.split(" ")
        for i, token in enumerate(tokens):
            for symbol in emoji.get(token, ()):
                variants.append(" ".join([*tokens[:i], symbol, *tokens[i + 1 :]]))
    return variants


def _link_readings(view: FoldedText, words: _Words) -> list[FoldedText]:
    """The plain view as a reader types a disguised link back: symbols read as letters ('k!tchenhelper$.n*t'),
    a leet scheme and suffix ('h77p5://', 'c0m'), letters dotted out joined ('w.w.w.s.h.o.p.c.o.m')."""
    readings = []
    text = view.text
    lowered = text.lower()
    if (
        "$" in text
        or "*" in text
        or ("!" in text and BANG_GATE.search(text))
        or "|" in text
        or text.count("@") > 1
        or words.links.leet_link_word.search(lowered)
        or LEET_SUFFIX_GATE.search(text)
    ):
        read = _read_link_text(text, words)
        if read != text:
            view = view.then(read, None)
            readings.append(view)
    if SPACED_GATE.search(view.text) and words.links.spaced_near_link.search(
        view.text
    ):  # the dots between words are real
        joined, offset_map = rewrite(view.text, SPACED_LETTERS, _joined_spaced)
        view = view.then(joined, offset_map)
        view = view.then(*rewrite(view.text, WIDE_GAP, _one_space))  # 'w w w   .   s h o p' -> 'www . shop'
        readings.append(view)
    if DOTTED_GATE.search(view.text) and DOTTED_LETTERS.search(view.text):
        joined, offset_map = rewrite(view.text, DOTTED_LETTERS, lambda m: _joined_letters(m, words))
        if joined != view.text:
            readings.append(view.then(joined, offset_map))
    return readings


def _read_link_text(text: str, words: _Words) -> str:
    """``text`` with link disguises read back, character for character (same length, same offsets)."""
    text = LEET_SCHEME.sub(lambda m: m.group().translate(SCHEME_LETTERS), text)
    if "$" in text or "!" in text or "|" in text or "*" in text or "@" in text:
        text = SYMBOL_RUN.sub(lambda m: _read_symbols(m.group(), words), text)
    links = words.links
    text = links.masked_dot_word.sub(lambda m: _read_dot_word(m, links.dot_words), text)
    return links.leet_suffix.sub(lambda m: m.group("before") + _read_suffix(m.group("suffix"), words), text)


def _read_dot_word(match: re.Match[str], dot_words: tuple[str, ...]) -> str:
    """A dot written as a word with a letter disguised ('d0t', 'D*T') read back letter for letter ('dot', 'DoT')."""
    word = dot_words[int((match.lastgroup or "d0")[1:])]
    return "".join(a if a.isalpha() else b for a, b in zip(match.group(), word, strict=True))


def _read_suffix(suffix: str, words: _Words) -> str:
    if suffix.isalpha() or suffix.isdigit():
        return suffix
    return _reading(suffix.lower(), words.suffixes_by_length) or suffix


def _read_symbols(run: str, words: _Words) -> str:
    """One run of non-spaces with symbols standing for letters: '$' s, '!' i, '|' l, '@' a, '*' a hidden one."""
    if "@" in run and run.count("@") == 1 and not any(c in run for c in "$!|*"):
        return run  # a plain email address or handle
    run = DOLLAR_IN_WORD.sub("s", run)
    run = BANG_IN_WORD.sub("i", run)
    run = PIPE_IN_WORD.sub("l", run)
    if "*" in run:
        run = MASKED_CHUNK.sub(lambda m: _read_masked(m, words), run)
    if "@" in run:
        run = _read_ats(run, words)
    return run


def _read_masked(match: re.Match[str], words: _Words) -> str:
    """A masked piece of a link: a suffix after a dot ('c*m'), a dotted 'd*t', or any letter in a name."""
    chunk = match.group()
    after_dot = match.string[match.start() - 1 : match.start()] in (".", "[", "(", "{", "<")
    if after_dot or match.start() == 0:
        suffix = _reading(chunk.lower(), words.suffixes_by_length)
        if suffix is not None:
            return suffix
    dot = _masked_dot_word(chunk, words.links.dot_words)
    if dot is not None:
        return dot if chunk[0].islower() else dot.upper()
    return chunk.replace("*", "x")  # the letter a '*' hides does not change that this is a link


def _read_ats(run: str, words: _Words) -> str:
    """Which '@' of a run separates an address, the others standing for 'a': 'pete@gm@il.com', 'greenle@f.de'."""
    ats = [m.start() for m in AT_IN_WORD.finditer(run)]
    if not ats or len(ats) > MAX_ATS:
        return run  # no address has more than a few '@' standing for letters
    separator: int | None = ats[0]
    if "://" in run or run[:4].lower() == "www.":
        separator = None  # a link: its '@' are letters
    elif (name := run.replace("@", "a").split(".", 1)[0].strip("([{<\"'").lower()) in words.mail_providers:
        separator = None  # 'gm@il': the name of a mail host
    elif any(brand in name and brand not in run.lower() for brand in words.brands):
        separator = None  # 'am@zon-refund.com': the marketplace's name, an '@' for its 'a'
    else:
        for at in ats:
            dot = run.find(".", at + 1, at + 1 + MAX_HOST_CHARS)
            name = run[at + 1 : dot if dot > 0 else at + 1 + MAX_HOST_CHARS].replace("@", "a").lower()
            if name in words.mail_providers:
                separator = at
    chars = list(run)
    for at in ats:
        if at != separator:
            chars[at] = "a"
    return "".join(chars)


def _one_space(match: re.Match[str]) -> Iterable[Piece]:
    yield " ", match.start(), match.end()


def _joined_spaced(match: re.Match[str]) -> Iterable[Piece]:
    base = match.start()
    for i, char in enumerate(match.group()):
        if char != " ":
            yield char, base + i, base + i + 1


def _joined_letters(match: re.Match[str], words: _Words) -> Iterable[Piece]:
    """Letters dotted out one by one, joined; the dots a reader sees in a link kept: after 'www' and
    before its suffix ('w.w.w.s.h.o.p.c.o.m/x' -> 'www.shop.com/x')."""
    run = match.group()
    base = match.start()
    if run.count(".") < 2:
        yield run, base, match.end()
        return
    letters = [(i, c) for i, c in enumerate(run) if c != "."]
    joined = "".join(c for _, c in letters).lower()
    before = match.string[max(0, base - 3) : base]
    after = match.string[match.end() : match.end() + 1]
    www = joined.startswith("www") and len(joined) > 5
    keep: set[int] = set()
    if www:
        keep.add(3)
    # What makes dotted-out letters a link: 'www', a scheme or '@' before, a path after, a word announcing a
    # link ('visit', 'our portal'), or an ending no word has ('c.o.m').
    announced = words.link_cue.search(match.string, max(0, base - 60), base) is not None
    evidence = www or before.endswith(("://", "@")) or after == "/" or announced
    for suffix in words.common_suffixes:
        bare = suffix.replace(".", "")
        first = len(joined) - len(bare)
        if (evidence or suffix in DOTTED_LINK_ENDINGS) and joined.endswith(bare) and first >= (5 if www else 2):
            keep.add(first)
            if "." in suffix:  # "co.uk"
                keep.add(first + suffix.index("."))
            break
    for k, (i, char) in enumerate(letters):
        if k in keep and run[i - 1] == ".":
            yield ".", base + i - 1, base + i
        yield char, base + i, base + i + 1


def _masked_dot_word(chunk: str, dot_words: tuple[str, ...]) -> str | None:
    """The dot word ``chunk`` writes with its inner letters masked ('d*t'), or None."""
    lowered = chunk.lower()
    for word in dot_words:
        if (
            len(lowered) == len(word)
            and len(word) > 2
            and lowered[0] == word[0]
            and lowered[-1] == word[-1]
            and "*" in lowered[1:-1]
            and all(c in ("*", w) for c, w in zip(lowered[1:-1], word[1:-1], strict=True))
        ):
            return word
    return None


def _may_hold_link(plain: str, lowered: str, links: _LinkPatterns) -> bool:
    """A cheap first look: can there be a link at all? Each test is a substring or literal-led search."""
    return (
        DOT_BEFORE_LETTER.search(plain) is not None
        or DOTTED_DIGITS.search(plain) is not None
        or "//" in plain
        or " ." in plain
        or "[." in plain
        or "(." in plain
        or "{." in plain
        or "<." in plain
        or any(word in lowered for word in links.dot_words)
        or "www" in lowered
    )


def _link_windows(plain: str, lowered: str, marks: Sequence[tuple[str, str, int]]) -> list[tuple[int, int]]:
    """Stretches of text around every place a link could be, so the full pattern scans only those.

    A link holds a dot before a letter, dotted digits or '//' somewhere in one run of non-spaces, or
    a disguised dot ('dot', ' .', '[.') that may spread it over a few words either side.
    """
    anchors = [(m.start(), 0) for m in DOT_BEFORE_LETTER.finditer(plain)]
    anchors += [(m.start(), 0) for m in DOTTED_DIGITS.finditer(plain)]
    for mark, text, words in marks:
        haystack = plain if text == "plain" else lowered
        index = haystack.find(mark)
        while index != -1:
            anchors.append((index, words))
            index = haystack.find(mark, index + 1)
    if not anchors:
        return []
    windows: list[tuple[int, int]] = []
    for anchor, words in sorted(anchors):
        if windows and anchor < windows[-1][1] and not words:
            continue  # already inside the run of non-spaces a window covers
        start = anchor
        for _ in range(words + 1):
            if start <= 0:
                start = -1
                break
            floor = max(0, start - MAX_WINDOW_STEP)
            start = max(plain.rfind(" ", floor, start), plain.rfind("\n", floor, start), floor - 1)
        end = anchor
        for _ in range(words + 1):
            found = plain.find(" ", end + 1, None if not words else end + 1 + MAX_WINDOW_STEP)
            end = len(plain) if found < 0 else found
        start += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _starts_with_place(tokens: Sequence[str], words: _Words) -> bool:
    """Whether ``tokens`` begin with the marketplace or its messaging ('Amazon', 'this thread')."""
    rest = tokens[1:] if tokens[:1] and tokens[0] in words.place_determiners else tokens
    return any(tuple(rest[: len(place)]) == place for place in words.on_platform)


def _undisguise(host: str, words: _Words) -> str:
    """``example(.)com``, ``example dot com`` -> ``example.com``."""
    return words.links.disguised_dot.sub(".", host)


def _within(host: str, domains: frozenset[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or a subdomain of one."""
    if host in domains:
        return True
    index = host.find(".")
    while index != -1:
        if host[index + 1 :] in domains:
            return True
        index = host.find(".", index + 1)
    return False


def _within_one_edit(word: str, target: str) -> bool:
    """Whether ``word`` is ``target`` with one letter changed, added or dropped, or two neighbours swapped."""
    if abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diffs = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        if len(diffs) <= 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and word[i] == target[j] and word[j] == target[i]
    shorter, longer = (word, target) if len(word) < len(target) else (target, word)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _apart(spans: Iterable[_Span], taken: Sequence[_Span]) -> list[_Span]:
    """The spans that overlap none of ``taken``; log time per span, so dense text stays linear."""
    spans = list(spans)
    if not spans or not taken:
        return spans
    index = Intervals((t.start, t.end) for t in taken)
    return [s for s in spans if not index.overlaps(s.start, s.end)]


def _trim_link_end(text: str, start: int, end: int) -> int:
    """End of a link without trailing punctuation or an unbalanced closing bracket or quote."""
    while end > start:
        last = text[end - 1]
        link = text[start:end]
        unbalanced = (last in CLOSERS and link.count(last) > link.count(CLOSERS[last])) or (
            last in "\"'" and link.count(last) % 2 == 1
        )
        if last not in TRAILING_PUNCTUATION and not unbalanced:
            break
        end -= 1
    return end


def _spell_out(tokens: Sequence[re.Match[str]], words: _Words) -> tuple[str, list[tuple[int, int]]]:
    """Digits for a run of number words and digits, and each character's source span."""
    text: list[str] = []
    origin: list[tuple[int, int]] = []
    repeat = 1
    for token in tokens:
        word = token.group().lower()
        if word in words.repeat_words:
            repeat = words.repeat_words[word]
            continue
        digits = word if word.isdigit() else words.digit_words[word] * repeat
        repeat = 1
        if text:
            text.append(" ")
            origin.append((token.start(), token.start()))
        for char in digits:
            text.append(char)
            origin.append(token.span())
    return "".join(text), origin


def _phone_in(candidate: str, regions: Sequence[str], cue: bool) -> tuple[int, int] | None:
    """Where a valid phone number is in ``candidate``; a merely possible one counts after 'call me on'."""
    with shared_watchdog().shielded():  # phonenumbers' lazy metadata loading is not safe against a timeout
        return _phone_number_in(candidate, regions, cue)


def _phone_number_in(candidate: str, regions: Sequence[str], cue: bool) -> tuple[int, int] | None:
    for region in regions:
        for number in PhoneNumberMatcher(candidate, region, leniency=Leniency.VALID):
            if _dialable(number.raw_string):
                return number.start, number.end
    if cue:
        for region in regions:
            for number in PhoneNumberMatcher(candidate, region, leniency=Leniency.POSSIBLE):
                # merely possible: only as the whole run of digits, not a piece of a longer id
                if _dialable(number.raw_string) and _digits(number.raw_string) == _digits(candidate):
                    return number.start, number.end
    return None


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _dialable(number: str) -> bool:
    """Whether a number has the digits of one a buyer could dial: the first group of a long id ("1234" of
    "1234 5678 9012") may be a possible short number somewhere, but it is not what the seller wrote."""
    return _digits(number) >= MIN_PHONE_DIGITS
