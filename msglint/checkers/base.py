"""What a checker is, and the pattern-driven base most of them build on.

A checker declares its rules (as data, in ``msglint/rules/<name>.toml``) and yields :class:`Hit`
values for a parsed :class:`~msglint.document.Document`. The engine turns hits into findings: it
maps spans to the original text, applies the configured severity and drops unselected rules, so
a checker never needs to know about configuration beyond its own options.
"""

from __future__ import annotations

import json
import tomllib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from msglint.engine.language import language, supported_languages
from msglint.engine.patterns import pattern_problem
from msglint.errors import ConfigError
from msglint.models import Rule, RuleExamples
from msglint.normalize import fold_word

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

    from msglint.config import LexiconOverlay, PolicyPack
    from msglint.document import Document, View
    from msglint.nlp import Pipeline


#: Package of the built-in lexicons: ``msglint/lexicons/<lang>/<name>.jsonl``.
LEXICONS = "msglint.lexicons"


@dataclass(frozen=True, slots=True)
class Hit:
    """A checker's raw finding: a rule code and where, in one of the document's views.

    ``message`` and ``suggestion`` override the rule's defaults when the checker knows better
    (the exact domain, the specific offer). ``field`` names the message field a finding about
    metadata is about (``sent_at``, ``attachments[5]``); such a hit may be empty (``start == end``).
    """

    rule: str
    start: int
    end: int
    view: View = "folded"
    message: str | None = None
    suggestion: str | None = None
    confidence: float = 1.0
    field: str | None = None
    #: What the finding names (the domain, the number): ``message`` is the rule's message with it added in
    #: brackets, and a report in another language adds it to the rule's message in that language.
    detail: str | None = None


@dataclass(frozen=True)
class CheckerContext:
    """What a checker may know of the active policy and configuration, fixed per Linter."""

    policy: str = "amazon"
    options: Mapping[str, Any] = field(default_factory=dict)
    allowed_domains: frozenset[str] = frozenset()
    extra_terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: the whole policy pack, for checkers that read its message types and windows (None: none known)
    pack: PolicyPack | None = None
    #: the policy pack's changes to the lexicons (``[[lexicon]]``), and the pack file they are named by
    lexicon_overlays: tuple[LexiconOverlay, ...] = ()
    pack_path: str | None = None


class Checker(ABC):
    """Base class of every checker, built-in or third-party.

    Subclasses set ``id`` and ``rules`` and implement :meth:`check`. One instance is made per
    :class:`~msglint.Linter` and shared across threads, so :meth:`check` must not mutate ``self``.
    """

    id: ClassVar[str]
    rules: ClassVar[tuple[Rule, ...]]
    #: The languages whose words this checker knows (its lexicons); a message in another language is
    #: reported as not fully checked (MSG005). None: the checker needs no words of any language.
    languages: ClassVar[frozenset[str] | None] = None
    #: Whether every finding comes from words of a language (no recognizer of links, addresses or numbers):
    #: read in a language it has no words for, with English words, its findings are at most a warning.
    reads_only_words: ClassVar[bool] = False
    #: Package holding the checker's lexicons, ``<package>/<lang>/<name>.jsonl``; a plugin points this at
    #: its own package.
    lexicon_package: ClassVar[str] = LEXICONS

    def __init__(self, context: CheckerContext | None = None) -> None:
        self.context = context or CheckerContext()

    def prepare(self, pipeline: Pipeline) -> None:  # noqa: B027 - optional hook
        """Add matcher patterns for one language's pipeline. Called once per Linter and language."""

    def lexicon_entries(self, lang: str, name: str, package: str | None = None) -> list[LexiconEntry]:
        """A lexicon's entries, checked (see :meth:`checked_lexicon`), plus the terms configuration adds
        (``extra-terms``) for this checker's rules, tagged ``config``."""
        own = {rule.code for rule in self.rules}
        loaded = self.checked_lexicon(lang, name, package)
        entries = self._overlaid(name, loaded)
        for code, terms in self.context.extra_terms.items():
            if code in own and terms:
                entries.append(LexiconEntry(rule=code, phrases=tuple(terms), tags=("config",)))
        return entries

    def _overlaid(self, name: str, loaded: LexiconEntries) -> list[LexiconEntry]:
        """``loaded`` with the policy pack's changes to it; a change that selects no line, or that leaves a
        line this checker cannot read, is an error naming the pack file and the change."""
        entries = list(loaded)
        lang = PurePath(loaded.path).parent.name
        changes = [
            (index, overlay)
            for index, overlay in enumerate(self.context.lexicon_overlays)
            if overlay.lexicon == name and overlay.lang == lang
        ]
        for index, overlay in changes:
            key = f"lexicon[{index}]"
            try:
                entries = overlay_lines(entries, overlay)
            except ValueError as exc:
                raise ConfigError(f"{exc} (in {loaded.path})", path=self.context.pack_path, key=key) from None
        if changes:
            for at, problem in self.lexicon_problems(name, entries):
                where = (
                    f"line {loaded.lines[at]} of {loaded.path}" if at is not None and at < len(loaded) else loaded.path
                )
                raise ConfigError(
                    f"after its changes to {name}, {where}: {problem}", path=self.context.pack_path, key="lexicon"
                )
        return entries

    def checked_lexicon(self, lang: str, name: str, package: str | None = None) -> LexiconEntries:
        """A lexicon's entries (from :attr:`lexicon_package` unless ``package`` is given), every line checked
        against what this checker can read (:meth:`lexicon_problems`); the first problem is an error naming
        the file and the line."""
        entries = load_lexicon(lang, name, package or self.lexicon_package)
        if type(self) not in entries.valid_for:  # the lines and what a checker reads are fixed: check once
            for index, problem in self.lexicon_problems(name, entries):
                raise entries.error(index, problem)
            entries.valid_for.add(type(self))
        return entries

    def lexicon_problems(self, name: str, entries: Sequence[LexiconEntry]) -> Iterator[tuple[int | None, str]]:
        """What is wrong with the lines of lexicon ``name``: (index of the line, or None for the whole file,
        and what was expected). The base checks that every line names one of this checker's rules; a
        checker that reads tags or a pattern dialect of its own checks them too."""
        own = {rule.code for rule in self.rules}
        for index, entry in enumerate(entries):
            if entry.rule not in own:
                expected = ", ".join(sorted(own))
                yield index, f"rule {entry.rule} is not a rule of checker {self.id!r} (expected one of: {expected})"

    @abstractmethod
    def check(self, document: Document) -> Iterable[Hit]:
        """Yield a :class:`Hit` for every rule violation in ``document``."""


class LexiconLanguages:
    """Class attribute: the languages a checker knows the words of, read from the data.

    A language counts when it is supported (a language file and a lexicon folder, see
    :func:`~msglint.engine.language.supported_languages`) and its folder in the checker's
    :attr:`~Checker.lexicon_package` holds every lexicon named here; English always does.
    """

    def __init__(self, *names: str) -> None:
        self.names = names

    def __get__(self, instance: object, owner: type) -> frozenset[str]:
        return _languages_with(getattr(owner, "lexicon_package", LEXICONS), self.names)


@cache
def _languages_with(package: str, names: tuple[str, ...]) -> frozenset[str]:
    root = resources.files(package)
    return frozenset(
        lang for lang in supported_languages() if all(root.joinpath(lang, f"{name}.jsonl").is_file() for name in names)
    )


class RulesFile:
    """Class attribute that loads a checker's rules from ``msglint/rules/<name>.toml`` on first use."""

    def __init__(self, name: str, package: str = "msglint.rules") -> None:
        self.name = name
        self.package = package

    def __get__(self, instance: object, owner: type) -> tuple[Rule, ...]:
        return load_rules(self.package, self.name, getattr(owner, "id", ""))


@cache
def load_rules(package: str, name: str, checker_id: str) -> tuple[Rule, ...]:
    """Rules declared in ``<package>/<name>.toml``: a ``category`` and a list of ``[[rule]]`` tables."""
    resource = resources.files(package).joinpath(f"{name}.toml")
    try:
        data = tomllib.loads(resource.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read rules: {exc}", path=str(resource)) from None
    category = data.get("category")
    rules = []
    for index, table in enumerate(data.get("rule", [])):
        try:
            rules.append(Rule.model_validate({"category": category, **table, "checker": checker_id}))
        except (ValidationError, TypeError) as exc:
            raise ConfigError(str(exc), path=str(resource), key=f"rule[{index}]") from None
    return tuple(rules)


@cache
def load_rule_examples(lang: str, package: str = "msglint.rules") -> dict[str, RuleExamples]:
    """A language's examples of each rule, ``<package>/examples/<lang>.toml``: one table per rule code with
    ``violating`` and ``compliant`` messages in that language. English's are in the rules' own files; a
    language without a file has none."""
    resource = resources.files(package).joinpath("examples", f"{lang}.toml")
    if not resource.is_file():
        return {}
    try:
        data = tomllib.loads(resource.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read rule examples: {exc}", path=str(resource)) from None
    examples = {}
    for code, table in data.items():
        try:
            examples[code] = RuleExamples.model_validate(table)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in (code, *error["loc"]))
            raise ConfigError(error["msg"], path=str(resource), key=where) from None
    return examples


# --- pattern-driven checkers ------------------------------------------------------------------


class LexiconEntry(BaseModel):
    """One line of a lexicon file: a rule code and the words or token pattern that trigger it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str = Field(pattern=r"^[A-Z]{2,4}[0-9]{3}$")
    phrase: str | None = None
    phrases: tuple[str, ...] = ()
    pattern: tuple[dict[str, Any], ...] | None = None
    message: str | None = None
    suggestion: str | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _one_trigger(self) -> LexiconEntry:
        if self.pattern == ():
            raise ValueError("a pattern is a non-empty list of token specs (msglint.engine.patterns)")
        given = sum(x is not None and x != () for x in (self.phrase, self.phrases or None, self.pattern))
        if given != 1:
            raise ValueError("give exactly one of 'phrase', 'phrases' or 'pattern'")
        return self

    @model_validator(mode="after")
    def _phrases_have_words(self) -> LexiconEntry:
        if any(not phrase.strip() for phrase in self.all_phrases):
            raise ValueError("a phrase holds at least one word")
        return self

    @property
    def all_phrases(self) -> tuple[str, ...]:
        return (self.phrase,) if self.phrase is not None else self.phrases


def overlay_lines(entries: Sequence[LexiconEntry], overlay: LexiconOverlay) -> list[LexiconEntry]:
    """The lines of a lexicon after one change of a policy pack; ValueError says what did not fit."""
    if overlay.line is not None:
        try:
            return [*entries, LexiconEntry.model_validate(overlay.line)]
        except ValidationError as exc:
            problem = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'line'}: {e['msg']}" for e in exc.errors())
            raise ValueError(f"the new line is not a lexicon line: {problem}") from None
    chosen = [
        number
        for number, entry in enumerate(entries)
        if entry.rule == overlay.rule and (overlay.tags is None or tuple(entry.tags) == overlay.tags)
    ]
    if not chosen:
        tags = f" tagged {list(overlay.tags)}" if overlay.tags is not None else ""
        raise ValueError(f"no line of rule {overlay.rule}{tags} to change")
    if overlay.drop:
        return [entry for number, entry in enumerate(entries) if number not in chosen]
    changed = list(entries)
    for number in chosen:
        entry = entries[number]
        if entry.pattern is not None:
            raise ValueError("'add' and 'remove' change the words of phrase lines; this selects a token pattern")
        missing = [word for word in overlay.remove if word not in entry.all_phrases]
        if missing:
            raise ValueError(f"cannot remove {missing[0]!r}: the selected line has no such phrase")
        kept = [phrase for phrase in entry.all_phrases if phrase not in overlay.remove]
        kept += [word for word in overlay.add if word not in kept]
        changed[number] = entry.model_copy(update={"phrase": None, "phrases": tuple(kept)})
    return changed


class LineProblem(ValueError):
    """What is wrong with one line of a lexicon, found where a checker compiles it: the index of its entry
    and what was expected. The checker turns it into a :class:`ConfigError` naming the file and line."""

    def __init__(self, index: int, problem: str) -> None:
        super().__init__(problem)
        self.index = index
        self.problem = problem


class LexiconEntries(tuple[LexiconEntry, ...]):
    """The entries of one lexicon file, in order, knowing the file and the line each came from."""

    path: str
    lines: tuple[int, ...]
    #: the checker classes whose :meth:`Checker.lexicon_problems` found nothing wrong with these lines
    valid_for: set[type]

    def __new__(cls, entries: Iterable[LexiconEntry], path: str, lines: Iterable[int]) -> LexiconEntries:
        found = super().__new__(cls, entries)
        found.path = path
        found.lines = tuple(lines)
        found.valid_for = set()
        return found

    def __reduce__(self) -> tuple[type[LexiconEntries], tuple[tuple[LexiconEntry, ...], str, tuple[int, ...]]]:
        return LexiconEntries, (tuple(self), self.path, self.lines)

    def error(self, index: int | None, problem: str) -> ConfigError:
        """A problem with entry ``index`` (None: with the file as a whole), naming the file and the line;
        an entry past the file's own is a term configuration added (``extra-terms``)."""
        if index is None:
            return ConfigError(problem, path=self.path)
        if index < len(self.lines):
            return ConfigError(problem, path=self.path, line=self.lines[index])
        return ConfigError(problem, key="extra-terms")


def lexicon_resource(lang: str, name: str, package: str = LEXICONS) -> Traversable:
    """``<package>/<lang>/<name>.jsonl``, falling back to English."""
    root = resources.files(package)
    candidate = root.joinpath(lang, f"{name}.jsonl")
    return candidate if candidate.is_file() else root.joinpath("en", f"{name}.jsonl")


@cache
def load_lexicon(lang: str, name: str, package: str = LEXICONS) -> LexiconEntries:
    """The entries of one lexicon file; a bad line is an error naming the file and line."""
    resource = lexicon_resource(lang, name, package)
    try:
        lines = resource.read_text("utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read lexicon: {exc}", path=str(resource)) from None
    entries = []
    numbers = []
    spellings = language(lang).settings.spellings
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            entries.append(LexiconEntry.model_validate(_folded_triggers(json.loads(line), spellings)))
            numbers.append(number)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"not valid JSON: {exc.msg}", path=str(resource), line=number) from None
        except ValidationError as exc:
            problem = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in exc.errors())
            raise ConfigError(problem, path=str(resource), line=number) from None
    return LexiconEntries(entries, str(resource), numbers)


#: The keys of a lexicon line whose words are matched against the folded view.
_TRIGGER_KEYS = ("phrase", "phrases", "pattern", "tags")
#: Token attributes whose words may be spelt another way (the language's ``spellings``).
_WORD_ATTRS = ("LOWER", "ORTH")


def _folded_triggers(row: Any, spellings: Mapping[str, str]) -> Any:
    """A lexicon line with the words it matches written as the folded view writes them (accents dropped,
    'ß' as 'ss'), so a lexicon is written in its language's own spelling; with the language's other
    spellings of its letters ("für" is also written "fuer") as alternatives of each word."""
    if not isinstance(row, dict):
        return row
    folded = {key: _fold_strings(value) if key in _TRIGGER_KEYS else value for key, value in row.items()}
    if not spellings:
        return folded
    if isinstance(row.get("phrase"), str) and len(forms := _forms(row["phrase"], spellings)) > 1:
        del folded["phrase"]
        folded["phrases"] = forms
    if isinstance(row.get("phrases"), list):
        folded["phrases"] = [form for phrase in row["phrases"] for form in _forms(phrase, spellings)]
    if isinstance(row.get("pattern"), list):
        folded["pattern"] = [_token_forms(token, spellings) for token in row["pattern"]]
    return folded


def _forms(word: Any, spellings: Mapping[str, str]) -> list[Any]:
    """``word`` folded, and folded as written with the other spellings, each once."""
    if not isinstance(word, str):
        return [word]
    other = word
    for letter, spelt in spellings.items():
        other = other.replace(letter, spelt)
    return list(dict.fromkeys((fold_word(word), fold_word(other))))


def spelling_forms(phrase: str, spellings: Mapping[str, str]) -> list[str]:
    """``phrase`` folded, and folded as written with the language's other spellings of its letters."""
    return _forms(phrase, spellings)


def _token_forms(token: Any, spellings: Mapping[str, str]) -> Any:
    if not isinstance(token, dict):
        return _fold_strings(token)
    out = {}
    for attr, value in token.items():
        if attr in _WORD_ATTRS and isinstance(value, str) and len(forms := _forms(value, spellings)) > 1:
            out[attr] = {"IN": forms}
        elif attr in _WORD_ATTRS and isinstance(value, dict):
            out[attr] = {op: _list_forms(words, spellings) for op, words in value.items()}
        else:
            out[attr] = _fold_strings(value)
    return out


def _list_forms(words: Any, spellings: Mapping[str, str]) -> Any:
    if not isinstance(words, list):
        return _fold_strings(words)
    return [form for word in words for form in _forms(word, spellings)]


def _fold_strings(value: Any) -> Any:
    if isinstance(value, str):
        return fold_word(value)
    if isinstance(value, list):
        return [_fold_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: _fold_strings(v) for k, v in value.items()}
    return value


class PatternChecker(Checker):
    """A checker whose rules are lexicon lines: phrases and spaCy token patterns.

    Lexicons live in ``<lexicon_package>/<lang>/<lexicon>.jsonl`` (English when the message's
    language has none).
    Subclasses name their ``lexicon`` and may override :meth:`accept` to decide from context
    (who is asked, which sentence, what came before) whether a match really breaks the rule.
    Terms a user adds in configuration (``extra-terms``) become phrases of the rule they name.
    """

    lexicon: ClassVar[str]

    def __init__(self, context: CheckerContext | None = None) -> None:
        super().__init__(context)
        self._entries: dict[str, tuple[LexiconEntry, ...]] = {}

    def lexicon_problems(self, name: str, entries: Sequence[LexiconEntry]) -> Iterator[tuple[int | None, str]]:
        """The base's problems, and every token pattern outside the dialect (msglint.engine.patterns)."""
        yield from super().lexicon_problems(name, entries)
        for index, entry in enumerate(entries):
            if entry.pattern is not None and (problem := pattern_problem(entry.pattern)) is not None:
                yield index, problem

    def prepare(self, pipeline: Pipeline) -> None:
        self._entries[pipeline.lang] = add_entries(pipeline, self.id, self.lexicon_entries(pipeline.lang, self.lexicon))

    def check(self, document: Document) -> Iterable[Hit]:
        entries = self._entries[document.lang]
        for label, start, end in document.matches(self.id):
            entry = entries[int(label.rsplit(":", 1)[1])]
            span = document.doc[start:end]
            if self.accept(document, span, entry):
                yield Hit(
                    entry.rule,
                    span.start_char,
                    span.end_char,
                    "folded",
                    message=entry.message,
                    suggestion=entry.suggestion,
                )

    def accept(self, document: Document, span: SpacySpan, entry: LexiconEntry) -> bool:
        """Whether this match breaks its rule here. The default trusts the lexicon."""
        return True


def add_entries(pipeline: Pipeline, checker_id: str, entries: Sequence[LexiconEntry]) -> tuple[LexiconEntry, ...]:
    """Give ``pipeline``'s matchers each lexicon line (``<checker id>:<index>``); the lines, as a tuple."""
    for index, entry in enumerate(entries):
        label = f"{checker_id}:{index}"
        if entry.pattern is not None:
            pipeline.add_patterns(label, [list(entry.pattern)])
        else:
            pipeline.add_phrases(label, entry.all_phrases)
    return tuple(entries)
