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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import phonenumbers
import regex
import tldextract
from phonenumbers import Leniency, PhoneNumberMatcher

from msglint.checkers.base import Checker, CheckerContext, Hit, LexiconEntry, RulesFile, load_lexicon
from msglint.document import Document

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from msglint.nlp import Pipeline, TokenMatch

EXTERNAL_LINK = "EXT001"
LINK_SHORTENER = "EXT002"
LOOKALIKE_LINK = "EXT003"
CARRIER_LINK = "EXT004"
EMAIL_ADDRESS = "EXT005"
PHONE_NUMBER = "EXT006"
SOCIAL_MEDIA = "EXT007"
OFF_PLATFORM_PAYMENT = "EXT008"
CONTACT_REQUEST = "EXT009"
OFF_PLATFORM_ORDER = "EXT010"

LEXICON = "external_contact"
LIST_TAG = "list:"
MAX_HOST_CHARS = 253  # the DNS limit; a longer run of dotted words is no host
MAX_PHONE_CANDIDATES = 64  # phonenumbers is slow; a real message has a handful of numbers at most
MAX_SPELLED_CHARS = 400  # fifteen digits, however they are spelt, fit in far less
DEFAULT_PHONE_REGIONS = ("US", "GB", "DE", "FR", "IT", "ES", "CA", "IN")

# --- patterns on the plain view -----------------------------------------------------------------
# Stdlib ``re`` (three times faster here than ``regex``): ``[^\W_]`` is any Unicode letter or digit.

# A DNS label: letters or digits, inner hyphens; possessive so a label is never matched in part.
_LABEL = r"[^\W_](?:[^\W_]|-)*+(?<!-)"
# A dot, or one written to slip past filters: "[.]", "(dot)", " dot ", " . ", " .co".
_DISGUISED_DOT = r"(?:[ \t]?[\[({<][ \t]?(?:\.|dot)[ \t]?[\])}>][ \t]?|[ \t]+dot[ \t]+|[ \t]\.[ \t]?)"
_DOT = rf"(?:\.|{_DISGUISED_DOT})"
_HOST_END = r"(?![\w-]|\.[^\W_]|:\d{6})"
_PORT = r"(?::\d{1,5}(?!\d))?"
_PATH = r"[/?#][^\s<>|`\\]*"
_SCHEME = r"(?:https?|ftps?|sftp|hxxps?|h\*\*ps?|h\[tt\]ps?|hxxp|h\*\*p)"
_IPV4 = r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"

LINK = re.compile(
    "(?i)(?<!\\w)(?:"  # no link starts inside a word; checked once for every branch
    rf"(?<![\w/])(?P<scheme>{_SCHEME})[ ]?(?::|\[:\]|\(:\))[ ]?//(?:(?P<userinfo>[\w.~%!$&'*+,;=:-]+)@)?"
    rf"(?P<host>{_LABEL}(?:{_DOT}{_LABEL})*){_HOST_END}{_PORT}(?P<path>{_PATH})?"
    rf"|(?<![\w/:])(?P<neutral>//)(?P<neutral_host>{_LABEL}(?:\.{_LABEL})*){_HOST_END}{_PORT}(?P<neutral_path>{_PATH})?"
    rf"|(?<![\w.])(?P<ip>{_IPV4})(?!\w|\.\d){_PORT}(?P<ip_path>{_PATH})?"
    rf"|(?<![\w@.\-/:\\])(?P<bare_host>{_LABEL}(?:{_DOT}{_LABEL})+){_HOST_END}{_PORT}(?P<bare_path>{_PATH})?)"
)
LABEL = re.compile(_LABEL)
DISGUISED_DOT = re.compile(rf"(?i){_DISGUISED_DOT}")
HOMOGLYPH = regex.compile(r"[^\x00-\x7f\p{Cf}]")
TRAILING_PUNCTUATION = ".,;:!?*"
CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}
# Cheap gates, each a literal-prefixed search or a substring test, so clean messages skip the scans.
DOT_BEFORE_LETTER = re.compile(r"\.[^\W\d_]")
DOTTED_DIGITS = re.compile(r"\.\d{1,3}\.\d")
MAX_WINDOW_STEP = 300  # how far back to look for the start of a link's word, so long runs stay linear
# Where else a link can be, which view of the text to look in, and how many words it may spread either side.
LINK_MARKS = (
    ("//", "plain", 1),  # "hxxps [:]// shop.com"
    (" .", "plain", 4),  # "w w w . shop . com"
    ("[.", "plain", 2),
    ("(.", "plain", 2),
    ("{.", "plain", 2),
    ("<.", "plain", 2),
    ("dot", "lower", 4),
    ("www", "lower", 4),
)
AT_WORD_IN_BRACKETS = re.compile(r"at[ \t]?[\])}>]")

_EMAIL_AT = r"(?P<at>@|[ \t]+@[ \t]+|@[ \t]+|[ \t]?[\[({<][ \t]?(?:at|@)[ \t]?[\])}>][ \t]?|[ \t]+at[ \t]+)"
_LOCAL_CHUNK = r"""(?:[\w!#$%&*+=?^~-]|"[^"\s@]*")++"""
EMAIL = re.compile(
    rf"(?i)(?<![\w.+\-@])(?P<mailto>mailto:)?(?P<local>{_LOCAL_CHUNK}(?:\.{_LOCAL_CHUNK})*+){_EMAIL_AT}"
    rf"(?P<domain>{_LABEL}(?(mailto)(?:{_DOT}{_LABEL})*|(?:{_DOT}{_LABEL})+)){_HOST_END}"  # one label after mailto:
)
WORD_LOCAL_PART = re.compile(r"[\w.+-]+")

# A handle starts a word: "@shop.name", "(@shop)", "IG:@shop" — not "me$$@ge" or "p@ge".
HANDLE = re.compile(r"(?<![^\s(\[{\"'“‘«:,;])@(?P<handle>[A-Za-z0-9_](?:[\w.]{0,28}\w)?)(?![\w@])")
TIME_OR_AMOUNT = re.compile(r"(?i)\d{1,2}(?:[:.]\d{2})?(?:am|pm|h)?|\d+(?:[.,]\d+)?[a-z]{0,3}")

PHONE_GATE = re.compile(r"[0-9][0-9 \t().\-/]{5,}[0-9]")  # [0-9] is cheaper than \d; digits are folded to ASCII
# Things that look like phone numbers and are not are matched first, so the phone branch never sees them.
PHONE = re.compile(
    r"(?=[0-9+(])(?:"  # fail fast where no number starts
    r"(?<![\w-])\d{3}-\d{7}-\d{7}(?![\w-])"  # Amazon order id
    r"|(?<![\w./-])\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?![\w./-]*\d)"  # dates
    r"|(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])"  # IP addresses
    r"|(?P<phone>(?<![\w+.,/£$€¥#-])(?:\+|00)?[ ]?\(?\d[\d \t().\-/]{5,24}\d(?!\w)))"
)
NATIONAL_SEPARATORS = re.compile(r"[ \t().\-/]+")


class _Span(NamedTuple):
    """A finding in original-text offsets."""

    rule: str
    start: int
    end: int
    message: str | None = None


@dataclass(frozen=True)
class _Words:
    """One language's lexicon: matched entries by label index, and the lists the code reads."""

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
    phone_cue: re.Pattern[str]
    negations: frozenset[str]
    negation_breakers: frozenset[str]
    negation_verbs: frozenset[str]
    clause_breaks: frozenset[str]
    on_platform: tuple[tuple[str, ...], ...]
    on_platform_links: frozenset[str]
    paid_context: frozenset[str]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _read_lexicon(lang: str, extra: Sequence[LexiconEntry]) -> tuple[list[LexiconEntry], dict[str, list[str]]]:
    """Matched entries, and the word lists (lines tagged ``list:<name>``) by name."""
    lists: dict[str, list[str]] = {}
    matched: list[LexiconEntry] = []
    for entry in (*load_lexicon(lang, LEXICON), *extra):
        names = [tag[len(LIST_TAG) :] for tag in entry.tags if tag.startswith(LIST_TAG)]
        if not names:
            matched.append(entry)
        for name in names:
            lists.setdefault(name, []).extend(phrase.lower() for phrase in entry.all_phrases)
    return matched, lists


def _build_words(
    labelled: dict[str, LexiconEntry], lists: dict[str, list[str]], tokens_of: Callable[[str], tuple[str, ...]]
) -> _Words:
    def words(name: str) -> list[str]:
        return lists.get(name, [])

    digit_words = {w: name.split(":")[1] for name, ws in lists.items() if name.startswith("digit:") for w in ws}
    repeat_words = {
        w: int(name.split(":")[1]) for name, ws in lists.items() if name.startswith("digit-repeat:") for w in ws
    }
    token = rf"(?:{_alternation((*digit_words, *repeat_words))})(?!\w)|\d+"
    return _Words(
        by_label=labelled,
        # A digit word somewhere in the folded text; only then are spelt-out numbers looked for.
        spelled_gate=re.compile(rf"\b(?:{_alternation((*digit_words, *repeat_words))})\b"),
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
            rf"(?i)(?<!\w)(?:{_alternation(words('code-words'))})\W{{0,3}}"
            r"(?:(?:no|nr|number|num|id|code|is|was|#)\b\W{0,3}){0,2}$"
        ),
        phone_cue=re.compile(rf"(?i)(?<!\w)(?:{_alternation(words('phone-cues'))})(?!\w)"),
        negations=frozenset(words("negations")),
        negation_breakers=frozenset(words("negation-breakers")),
        negation_verbs=frozenset(words("negation-verbs")),
        clause_breaks=frozenset(words("clause-breaks")),
        on_platform=tuple(sorted({tokens_of(p) for p in words("on-platform")}, key=len, reverse=True)),
        on_platform_links=frozenset(words("on-platform-links")),
        paid_context=frozenset(words("paid-context")),
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


class ExternalContactChecker(Checker):
    """Links, emails, phone numbers, social platforms, and paying, talking or ordering off the marketplace."""

    id = "external-contact"
    rules = RulesFile("external_contact")  # type: ignore[assignment]

    def __init__(self, context: CheckerContext | None = None) -> None:
        super().__init__(context)
        options = self.context.options
        # The bundled public-suffix snapshot only: no list URL to fetch, no cache directory to write.
        self._suffixes = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
        self._suffixes.extract_str("warm.example.com")  # load the snapshot now, not on a buyer's message
        self._allowed = frozenset(d.lower() for d in self.context.allowed_domains)
        self._carriers = frozenset(d.lower() for d in options.get("carrier-domains", ()))
        brands = options.get("marketplace-brands")
        if brands is None:
            brands = {self._suffixes.extract_str(d).domain for d in self._allowed}
        self._brands = tuple(sorted(b.lower() for b in brands if len(b) >= 4))
        regions = [r.upper() for r in options.get("phone-regions", DEFAULT_PHONE_REGIONS)]
        self._regions = tuple(r for r in regions if r in phonenumbers.SUPPORTED_REGIONS)
        self._messages = {rule.code: rule.message for rule in self.rules}
        self._words: dict[str, _Words] = {}

    def prepare(self, pipeline: Pipeline) -> None:
        own = {rule.code for rule in self.rules}
        extra = [
            LexiconEntry(rule=code, phrases=tuple(terms), tags=("config",))
            for code, terms in self.context.extra_terms.items()
            if code in own and terms
        ]
        matched, lists = _read_lexicon(pipeline.lang, extra)
        labelled = {f"{self.id}:{index}": entry for index, entry in enumerate(matched)}
        for label, entry in labelled.items():
            if entry.pattern is not None:
                pipeline.add_patterns(label, [list(entry.pattern)])
            else:
                pipeline.add_phrases(label, entry.all_phrases)

        def tokens_of(phrase: str) -> tuple[str, ...]:
            return tuple(token.lower_ for token in pipeline.make_doc(phrase))

        self._words[pipeline.lang] = _build_words(labelled, lists, tokens_of)

    # --- the check ------------------------------------------------------------------------------

    def check(self, document: Document) -> Iterable[Hit]:
        words = self._words[document.lang]
        plain = document.plain.text
        lowered = plain.lower()
        may_link = _may_hold_link(plain, lowered)
        found: list[_Span] = []
        bare_links: list[_Span] = []
        if may_link:
            found, bare_links = self._links(document, words, lowered)
        if "@" in plain or AT_WORD_IN_BRACKETS.search(lowered) or (may_link and " at " in lowered):
            emails = [e for e in self._emails(document, words) if not _overlaps(e, found)]
            bare_links = [b for b in bare_links if not _overlaps(b, emails)]
            found += emails
        found += bare_links
        taken = tuple(found)
        if "@" in plain:
            found += [h for h in self._handles(document) if not _overlaps(h, taken)]
        if PHONE_GATE.search(plain):
            found += [p for p in self._phones(document, words) if not _overlaps(p, taken)]
        if words.spelled_gate.search(document.folded.text):
            found += [p for p in self._spelled_phones(document, words) if not _overlaps(p, taken)]
        matches = document.matches(self.id)
        if matches:
            found += [p for p in self._phrases(document, words, matches) if not _overlaps(p, taken)]
        return [Hit(f.rule, f.start, f.end, "original", message=f.message) for f in found]

    # --- links ----------------------------------------------------------------------------------

    def _links(self, document: Document, words: _Words, lowered: str) -> tuple[list[_Span], list[_Span]]:
        """Links written with a scheme, and the rest (bare or disguised domains, IP addresses)."""
        plain = document.plain.text
        scheme_links: list[_Span] = []
        bare_links: list[_Span] = []
        for window_start, window_end in _link_windows(plain, lowered):
            for match in LINK.finditer(plain, window_start, window_end):
                if match.group("ip") is not None:
                    end = _trim_link_end(plain, match.start(), match.end()) if match.group("ip_path") else match.end()
                    bare_links.append(self._span(document, EXTERNAL_LINK, match.start(), end, "an IP address"))
                    continue
                link = _link_parts(match)
                found = self._link(document, words, link)
                if found is not None:
                    (scheme_links if link.scheme else bare_links).append(found)
        return scheme_links, bare_links

    def _link(self, document: Document, words: _Words, link: _Link) -> _Span | None:
        plain = document.plain.text
        if link.host_end - link.host_start > MAX_HOST_CHARS:
            return None
        labels = [(m.start(), m.end()) for m in LABEL.finditer(plain, link.host_start, link.host_end)]
        # Drop trailing labels that are not part of the domain: "www.example.net.Thanks".
        for count in range(len(labels), 0 if link.scheme else 1, -1):
            host_end = labels[count - 1][1]
            host = _undisguise(plain[link.host_start : host_end])
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
            document, words, host, start=link.host_start, end=host_end, userinfo=link.userinfo
        )
        if rule is None:
            return None
        if disguised or (link.scheme and link.scheme.lower() not in PLAIN_SCHEMES):
            detail = f"{detail}, written in disguise"
        return self._span(document, rule, link.start, end, detail)

    def _plausible_domain(
        self,
        document: Document,
        host: str,
        span: tuple[int, int],
        last_start: int,
        words: _Words,
        *,
        path: bool,
        disguised: bool,
        link_start: int,
    ) -> bool:
        """Whether a host written without a scheme is a real domain, not a file name or a run-on sentence."""
        plain = document.plain.text
        parts = self._suffixes.extract_str(host)
        if not parts.suffix or not parts.domain:
            # An internationalised domain (президент.рф) is checked as written, before folding.
            original = document.text[slice(*document.plain.to_original(*span))]
            if original.isascii():
                return False
            parts = self._suffixes.extract_str(_undisguise(original))
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
        if last[0].isupper() and last[1:].islower() and plain[last_start - 2].islower():
            return False
        # A hyphen or digit in the name ("bestprice-tools.in") is a domain's, not a run-on sentence's;
        # so is a word that announces a link ("visit setup.zip").
        return (
            not weak
            or any(c == "-" or c.isdigit() for c in parts.domain)
            or words.link_cue.search(plain, max(0, link_start - 60), link_start) is not None
        )

    def _classify(
        self, document: Document, words: _Words, host: str, *, start: int, end: int, userinfo: str | None
    ) -> tuple[str | None, str]:
        """The rule a link to ``host`` breaks (None for the marketplace's own) and what to tell the seller."""
        host = host.lower().rstrip(".")
        original = document.text[slice(*document.plain.to_original(start, end))]
        homoglyphs = not original.isascii() and HOMOGLYPH.search(original) is not None
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

    def _emails(self, document: Document, words: _Words) -> Iterator[_Span]:
        plain = document.plain.text
        position = 0
        while (match := EMAIL.search(plain, position)) is not None:
            found = self._email(document, words, match)
            if found is None:
                position = match.start("domain")  # "us at support (at) shop (dot) com": retry from "support"
            else:
                position = match.end()
                yield found

    def _email(self, document: Document, words: _Words, match: re.Match[str]) -> _Span | None:
        plain = document.plain.text
        mailto = match.group("mailto") is not None
        word_at = match.group("at").strip().lower() == "at"  # " at ", not "(at)" or "[at]"
        if word_at and not WORD_LOCAL_PART.fullmatch(match.group("local")):
            return None
        domain_start, domain_end = match.span("domain")
        if domain_end - domain_start > MAX_HOST_CHARS:
            return None
        labels = [m.end() for m in LABEL.finditer(plain, domain_start, domain_end)]
        for count in range(len(labels), 0 if mailto else 1, -1):
            end = labels[count - 1]
            domain = _undisguise(plain[domain_start:end]).lower()
            parts = self._suffixes.extract_str(domain)
            # A one-letter name before the suffix is a masked word ("tod@y.Thanks"), not a mail host.
            if mailto or (parts.suffix and len(parts.domain) > 1):
                break
        else:
            return None
        if word_at and parts.domain not in words.mail_providers:
            return None  # "look at example.com" is a link, not an address
        if _within(domain, self._allowed):
            return None  # the marketplace's own relay addresses
        disguised = match.group("at") != "@" or len(domain) != end - domain_start
        if self._imitates(domain):
            rule, detail = LOOKALIKE_LINK, f"an email address at {domain}"
        else:
            rule, detail = EMAIL_ADDRESS, ""
        if disguised:
            detail = f"{detail}, written in disguise" if detail else "written in disguise"
        return self._span(document, rule, match.start(), end, detail or None)

    def _handles(self, document: Document) -> Iterator[_Span]:
        plain = document.plain.text
        for match in HANDLE.finditer(plain):
            handle = match.group("handle")
            if TIME_OR_AMOUNT.fullmatch(handle) or sum(c.isalpha() for c in handle) < 2:
                continue  # "@5pm", "@12x"
            if _within(handle.lower(), self._allowed):
                continue
            yield self._span(document, SOCIAL_MEDIA, match.start(), match.end(), f"the handle @{handle}")

    # --- phone numbers --------------------------------------------------------------------------

    def _phones(self, document: Document, words: _Words) -> Iterator[_Span]:
        plain = document.plain.text
        regions: tuple[str, ...] = ()
        validated = 0
        for match in PHONE.finditer(plain):
            candidate = match.group("phone")
            if candidate is None:
                continue
            start = match.start("phone")
            if not 7 <= sum(c.isdigit() for c in candidate) <= 15:
                continue
            if not self._phone_context(plain, start, candidate, words):
                continue
            validated += 1
            if validated > MAX_PHONE_CANDIDATES:
                break
            regions = regions or self._phone_regions(document)
            cue = words.phone_cue.search(plain, max(0, start - 40), start) is not None
            found = _phone_in(candidate, regions, cue)
            if found is not None:
                yield self._span(document, PHONE_NUMBER, start + found[0], start + found[1])

    def _phone_context(self, plain: str, start: int, candidate: str, words: _Words) -> bool:
        """Whether a digit run may be a phone number, by its shape and the words before it."""
        if words.code_word_before.search(plain, max(0, start - 30), start):
            return False  # "order no. 4520 3381 22", "tracking 9400 1118 …"
        groups = [g for g in NATIONAL_SEPARATORS.split(candidate.strip("+ ()")) if g]
        if candidate.lstrip("( ").startswith(("+", "00")) or groups[0].startswith("0"):
            return True
        if len(groups) == 1:  # one unseparated run is an id, unless announced as a number
            return words.phone_cue.search(plain, max(0, start - 40), start) is not None
        return max(len(g) for g in groups) > 2  # "sizes 10 12 14 16"

    def _spelled_phones(self, document: Document, words: _Words) -> Iterator[_Span]:
        """Numbers spelt out, whole or in part: 'oh seven nine double one, 1 2 3 4 5 6'."""
        plain = document.plain.text
        regions: tuple[str, ...] = ()
        for run in words.spelled_number.finditer(plain):
            if run.end() - run.start() > MAX_SPELLED_CHARS:
                continue
            tokens = list(words.spelled_token.finditer(plain, run.start(), run.end()))
            if sum(not t.group().isdigit() for t in tokens) < 2:
                continue
            text, origin = _spell_out(tokens, words)
            if not 7 <= sum(c.isdigit() for c in text) <= 15:
                continue
            if words.code_word_before.search(plain, max(0, run.start() - 30), run.start()):
                continue
            regions = regions or self._phone_regions(document)
            cue = words.phone_cue.search(plain, max(0, run.start() - 40), run.start()) is not None
            found = _phone_in(text, regions, cue)
            if found is not None:
                start, end = origin[found[0]][0], origin[found[1] - 1][1]
                yield self._span(document, PHONE_NUMBER, start, end, "spelt out in words")

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

    def _phrases(self, document: Document, words: _Words, matches: Sequence[TokenMatch]) -> list[_Span]:
        doc = document.doc
        folded = document.folded.text
        kept: list[tuple[str, int, int]] = []
        for label, start, end in matches:
            entry = words.by_label[label]
            if self._refused_or_on_platform(doc, start, end, entry.rule, words):
                continue
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
            if before[i] in words.negations and not words.negation_breakers.intersection(before[i + 1 :]):
                return True
        previous = span_last
        for token in after[:3]:
            if token in words.clause_breaks:
                break
            if token in words.negations and previous in words.negation_verbs:
                return True
            previous = token
        if rule == OFF_PLATFORM_PAYMENT and words.paid_context.intersection(before[-3:]):
            return True
        if rule in (SOCIAL_MEDIA, CONTACT_REQUEST):
            if after[:1] == ["here"]:
                return True
            tail = [span_last, *after]
            for i, token in enumerate(tail[:4]):
                if i and token in words.clause_breaks:
                    break
                if token in words.on_platform_links and _starts_with_place(tail[i + 1 :], words):
                    return True
        return False

    # --- helpers --------------------------------------------------------------------------------

    def _span(self, document: Document, rule: str, start: int, end: int, detail: str | None = None) -> _Span:
        """A finding at ``plain[start:end]``; ``detail`` (the domain, the disguise) goes into its message."""
        original_start, original_end = document.plain.to_original(start, end)
        message = self._messages.get(rule) if detail else None
        if message:
            message = f"{message.rstrip('.')} ({detail})."
        return _Span(rule, original_start, original_end, message)


_UNLEET = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s"})
_DETERMINERS = frozenset({"the", "your", "our", "this", "my"})
PLAIN_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "sftp", "//"})
CONTEXT_TOKENS = 8  # how far a negation reaches: 'not allowed to take bank transfers or PayPal'


def _may_hold_link(plain: str, lowered: str) -> bool:
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
        or "dot" in lowered
        or "www" in lowered
    )


def _link_windows(plain: str, lowered: str) -> list[tuple[int, int]]:
    """Stretches of text around every place a link could be, so the full pattern scans only those.

    A link holds a dot before a letter, dotted digits or '//' somewhere in one run of non-spaces, or
    a disguised dot ('dot', ' .', '[.') that may spread it over a few words either side.
    """
    anchors = [(m.start(), 0) for m in DOT_BEFORE_LETTER.finditer(plain)]
    anchors += [(m.start(), 0) for m in DOTTED_DIGITS.finditer(plain)]
    for mark, text, words in LINK_MARKS:
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
    rest = tokens[1:] if tokens[:1] and tokens[0] in _DETERMINERS else tokens
    return any(tuple(rest[: len(place)]) == place for place in words.on_platform)


def _undisguise(host: str) -> str:
    """``example(.)com``, ``example dot com`` -> ``example.com``."""
    return DISGUISED_DOT.sub(".", host)


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


def _overlaps(span: _Span, others: Sequence[_Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)


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
    for region in regions:
        for number in PhoneNumberMatcher(candidate, region, leniency=Leniency.VALID):
            return number.start, number.end
    if cue:
        for region in regions:
            for number in PhoneNumberMatcher(candidate, region, leniency=Leniency.POSSIBLE):
                return number.start, number.end
    return None
