"""The words of a language that msglint reads outside its lexicons: ``msglint/lang/<code>.toml``.

Function words, negations, clause breaks, determiners, number words, units, the phrases that aim a word
at the buyer: what a checker or the engine needs to read the sentence around a match, in one file per
language, validated once per process (an error names the file and the key)::

    from msglint.engine.language import language

    english = language("en")
    english.words.negations             # ("not", "n't", ...): a word set, in the file's order
    english.aim.copula                  # phrases in the cue notation (see cue_alternation)
    english.settings.negation_clitic    # "n't"

Every word set is a tuple of lower-case words; a reader that tests membership binds it to a frozenset
once, when it prepares a language, never per token. A language without a file of its own is read with
English words (its ``fallback`` is then true), as a checker's lexicon falls back to English; other
languages come as data, a file with every key of ``en.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from msglint.errors import ConfigError
from msglint.tomllines import key_line

#: Package of the language files, ``<code>.toml``.
LANGUAGES = "msglint.lang"
#: The language every other one falls back to until it has a file.
FALLBACK = "en"
_CODE = re.compile(r"[a-z]{2,3}")

_KEBAB = ConfigDict(frozen=True, extra="forbid", alias_generator=lambda n: n.replace("_", "-"), populate_by_name=True)


def _word_problem(word: str) -> str | None:
    if not word or word != word.strip() or "  " in word or any(c in word for c in "\t\n\r"):
        return f"{word!r} is not a word: no spaces around it, one space between words"
    if word != word.lower():
        return f"{word!r} is not lower case (the folded view the words are compared with is)"
    return None


def _words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words as the folded view writes them (accents dropped, 'ß' as 'ss'), each once."""
    from msglint.normalize import fold_word  # normalize reads language files: imported on first use

    seen: set[str] = set()
    folded = []
    for word in words:
        problem = _word_problem(word)
        if problem is None and (word := fold_word(word)) in seen:
            problem = f"{word!r} is listed twice (accents dropped)"
        if problem is not None:
            raise ValueError(problem)
        seen.add(word)
        folded.append(word)
    return tuple(folded)


def _cues(phrases: tuple[str, ...]) -> tuple[str, ...]:
    phrases = _words(phrases)
    for phrase in phrases:
        for index, word in enumerate(phrase.split(" ")):
            if word.startswith("'") and (index == 0 or len(word) < 2):
                raise ValueError(f"{phrase!r}: a clitic (a word starting with an apostrophe) follows a word")
    return phrases


#: A named set of words (or phrases of a few words), in the order written; never empty. (One validator
#: for the whole tuple: a schema per word costs start-up time for nothing.)
Words = Annotated[tuple[str, ...], Field(min_length=1), AfterValidator(_words)]
#: A set that may be empty: a language without one-letter words has none to list.
FewWords = Annotated[tuple[str, ...], AfterValidator(_words)]
Word = Annotated[str, AfterValidator(lambda word: _words((word,))[0])]
#: Phrases in the cue notation of ``[aim]`` (see :func:`cue_pattern`).
Cues = Annotated[tuple[str, ...], Field(min_length=1), AfterValidator(_cues)]


class LanguageSettings(BaseModel):
    """``[settings]``: single values and rules of the language (see ``en.toml`` for each)."""

    model_config = _KEBAB

    word_frequencies: str | None = Field(
        default=None, description="wordfreq's bundled lists read glued words apart; none: glued words are not read"
    )
    alphabet: str = Field(min_length=1, description="the letters of the language's words, as folded")
    vowels: str = Field(min_length=1, description="the vowels among them")
    spaced_run_articles: FewWords = Field(description="one-letter words that open a run of spaced letters")
    at_sign_article: Word = Field(description="the article a lone '@' stands for")
    negation_clitic: Word = Field(description="the negation written on the verb before it")
    negation: Word = Field(description="the word the negation clitic reads as when the verb is masked")
    spellings: dict[str, str] = Field(
        default_factory=dict,
        description="letters the language also writes another way ('ü' as 'ue'): lexicon words match both",
    )
    title_case_names: bool = Field(
        default=True,
        description="a run of capitalised words reads as a name or a title; false where every noun is capitalised",
    )

    @field_validator("alphabet")
    @classmethod
    def _alphabet(cls, alphabet: str) -> str:
        if not alphabet.isalpha() or alphabet != alphabet.lower() or len(set(alphabet)) != len(alphabet):
            raise ValueError("lower-case letters, each once")
        return alphabet

    @field_validator("vowels")
    @classmethod
    def _vowels(cls, vowels: str, info: ValidationInfo) -> str:
        if not set(vowels) <= set(info.data.get("alphabet", "")):
            raise ValueError("letters of the alphabet")
        return vowels

    @field_validator("spaced_run_articles")
    @classmethod
    def _one_letter(cls, articles: tuple[str, ...]) -> tuple[str, ...]:
        if any(len(article) != 1 for article in articles):
            raise ValueError("one-letter words")
        return articles


class WordSets(BaseModel):
    """``[words]``: the named word sets, each read by the checker or engine module its comment names."""

    model_config = _KEBAB

    # the engine
    ordinal_suffixes: Words = Field(description="normalize, segment: '1st', '22nd'")
    unit_suffixes: Words = Field(description="normalize: a number with a unit is no leetspeak ('5kg', '3pm')")
    one_letter_words: FewWords = Field(description="segment: letters that are words by themselves")
    ambiguous_one_letter_words: FewWords = Field(description="segment: as often pieces of a longer glued word")
    # external contact
    dot_words: Words = Field(description="external contact: a dot written as a word ('shop dot com')")
    at_words: Words = Field(description="external contact: an at sign written as a word ('tom at gmail')")
    number_leads: Words = Field(description="external contact: 'order no.', 'tracking number is'")
    clock_suffixes: Words = Field(description="external contact: '@5pm' is a time, not a handle")
    place_determiners: Words = Field(description="external contact: before the marketplace ('the Amazon app')")
    this_place: Words = Field(description="external contact: 'message us here'")
    # promotional
    function_words: Words = Field(description="promotional: what spaced or run-together letters hold")
    percent_off_words: Words = Field(description="promotional: '10%off'")
    promo_code_words: Words = Field(description="promotional: what a code run together follows ('usecodeX')")
    # review manipulation
    clause_breaks: Words = Field(description="review: words that end the clause of a request")
    determiners: Words = Field(description="review: skipped before the word that tells a rating")
    degree_adverbs: Words = Field(description="review: skipped before a liking verb")
    quantity_words: Words = Field(description="review: skipped with numbers before a rating")
    negations: Words = Field(description="review: a satisfaction condition after one is none")
    question_leads: Words = Field(description="review: what may open a question before a condition")
    condition_tail_words: Words = Field(description="review: what a condition does not end on, with determiners")
    condition_carry_ons: Words = Field(description="review: openings that make a question a condition ('if so')")
    plural_pronouns: Words = Field(description="review: 'ask them'")
    generic_people: Words = Field(description="review: people in general, no third party")
    addressee: Words = Field(description="review: the buyer addressed")
    addressee_forms: Words = Field(description="review: the buyer addressed, chat spellings too")
    thanked_for: Words = Field(description="review: what thanks are for")
    weak_contact_words: Words = Field(description="review: contact words that send an unhappy buyer nowhere")
    star_words: Words = Field(description="review: a star rating's noun")
    star_counts: Words = Field(description="review: a count written before a star emoji ('five-⭐')")
    glued_one_letter_words: FewWords = Field(description="review: one-letter words among words run together")
    commonest_words: Words = Field(description="review: the commonest words of order talk, never an anchor")
    frequent_words: Words = Field(description="review: frequent words of order talk, an anchor of last resort")
    # abusive
    clause_goes_on: Words = Field(description="abusive: words that go on with the clause after an insult")
    title_small_words: Words = Field(description="abusive: the small words of a title in title case")
    doubled_words: FewWords = Field(description="abusive: real words a listed word becomes with a letter doubled")
    plural_endings: Words = Field(description="abusive: how a plural ends")
    singular_endings: FewWords = Field(description="abusive: a singular that ends like a plural")


class AimCues(BaseModel):
    """``[aim]``: phrases in the cue notation that aim a word at the buyer (abusive)."""

    model_config = _KEBAB

    copula: Cues
    vocative: Cues
    what: Cues
    possessive: Cues
    interjections: Cues
    like_you: Cues
    imprecation_objects: Cues
    at_you: Cues
    articles: Cues
    end_tails: Cues


class GluedCues(BaseModel):
    """``[glued]``: the aim phrases written without spaces, looked up whole (abusive)."""

    model_config = _KEBAB

    vocative: Words
    intensified_vocative: Words
    copula: Words
    articles: Words
    what: Words
    like_you: Words
    possessive: Words


class LanguageFile(BaseModel):
    """``msglint/lang/<code>.toml``, validated."""

    model_config = _KEBAB

    code: str = Field(pattern=_CODE.pattern)
    name: str = Field(min_length=1)
    settings: LanguageSettings
    words: WordSets
    aim: AimCues
    glued: GluedCues


@dataclass(frozen=True)
class Language:
    """The words msglint reads a language with: its own file's, or English's until it has one."""

    #: The language asked for, as spaCy spells it ("en", "de", "xx").
    code: str
    #: The file its words come from.
    file: LanguageFile

    @property
    def fallback(self) -> bool:
        """Whether the language has no file of its own and is read with English words."""
        return self.file.code != self.code

    @property
    def settings(self) -> LanguageSettings:
        return self.file.settings

    @property
    def words(self) -> WordSets:
        return self.file.words

    @property
    def aim(self) -> AimCues:
        return self.file.aim

    @property
    def glued(self) -> GluedCues:
        return self.file.glued

    @property
    def reads_glued_words(self) -> bool:
        """Whether glued words are read apart: only with the language's own word frequencies."""
        return not self.fallback and self.settings.word_frequencies is not None


@cache
def language(code: str) -> Language:
    """The words of language ``code`` (a base code as spaCy spells it), loaded and validated once per process.

    A code without a file of its own gets English's words (``fallback`` true).
    """
    return Language(code, load_language_file(code if has_language_file(code) else FALLBACK))


def has_language_file(code: str, package: str = LANGUAGES) -> bool:
    """Whether ``code`` has a language file of its own (a code is never a path)."""
    return _CODE.fullmatch(code) is not None and resources.files(package).joinpath(f"{code}.toml").is_file()


@cache
def supported_languages() -> tuple[str, ...]:
    """The languages msglint checks in their own words: a language file and a lexicon folder each.

    Adding a language is adding its data (see docs/languages.md); no code names one.
    """
    from msglint.checkers.base import LEXICONS

    folders = resources.files(LEXICONS)
    return tuple(
        sorted(
            p.name
            for p in folders.iterdir()
            if p.is_dir() and _CODE.fullmatch(p.name) is not None and has_language_file(p.name)
        )
    )


@cache
def load_language_file(code: str, package: str = LANGUAGES) -> LanguageFile:
    """``<package>/<code>.toml``, validated; an error names the file, the key and its line."""
    resource = resources.files(package).joinpath(f"{code}.toml")
    try:
        text = resource.read_text("utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"cannot read language file: {exc}", path=str(resource)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=str(resource)) from None
    try:
        parsed = LanguageFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"]).lstrip(".")
        problem = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        raise ConfigError(problem, path=str(resource), key=key or None, line=key_line(text, error["loc"])) from None
    if parsed.code != code:
        raise ConfigError(f"the file of language {code!r} says it is {parsed.code!r}", path=str(resource), key="code")
    return parsed


# --- words in regular expressions ---------------------------------------------------------------


def alternation(words: Iterable[str]) -> str:
    """A regular expression for any of ``words`` as written, the longest first (a space is one space)."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=_longest_first))


def cue_pattern(phrase: str) -> str:
    """A regular expression for one phrase in the cue notation of ``[aim]``.

    Words are one or more whitespace characters apart; an apostrophe may be left out ("don't" reads
    "dont"); a word starting with an apostrophe is a clitic, written on the word before or apart, with
    or without its apostrophe ("you 're": "you're", "youre", "you re", "you ' re").
    """
    parts: list[str] = []
    for index, word in enumerate(phrase.split(" ")):
        if word.startswith("'"):
            parts.append(r"\s*'?\s*" + _optional_apostrophes(word[1:]))
        else:
            parts.append((r"\s+" if index else "") + _optional_apostrophes(word))
    return "".join(parts)


def cue_alternation(phrases: Iterable[str]) -> str:
    """A regular expression for any of ``phrases`` in the cue notation (see :func:`cue_pattern`)."""
    return "|".join(cue_pattern(p) for p in sorted(set(phrases), key=_longest_first))


def _longest_first(word: str) -> tuple[int, str]:
    return -len(word), word


def _optional_apostrophes(word: str) -> str:
    return "'?".join(re.escape(piece) for piece in word.split("'"))


__all__ = [
    "FALLBACK",
    "LANGUAGES",
    "AimCues",
    "GluedCues",
    "Language",
    "LanguageFile",
    "LanguageSettings",
    "WordSets",
    "alternation",
    "cue_alternation",
    "cue_pattern",
    "has_language_file",
    "language",
    "load_language_file",
    "supported_languages",
]
