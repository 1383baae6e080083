"""The words of a language are data (msglint/lang/<code>.toml), validated when first read."""

from __future__ import annotations

import re
import tomllib
import uuid
from importlib import resources
from pathlib import Path

import pytest

from msglint.engine.language import (
    LanguageFile,
    cue_alternation,
    cue_pattern,
    language,
    load_language_file,
)
from msglint.errors import ConfigError

ENGLISH = resources.files("msglint.lang").joinpath("en.toml").read_text("utf-8")


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, code: str = "en") -> str:
    """A throwaway package holding one language file; returns its name (a new one each time: files and
    packages are read once per process)."""
    name = f"lang_{uuid.uuid4().hex}"
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / f"{code}.toml").write_text(text, "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


def test_english_is_loaded_and_every_set_has_words() -> None:
    english = language("en")
    assert english.code == "en" and not english.fallback
    assert english.reads_glued_words
    for name, words in english.words:
        assert words, name
    assert "not" in english.words.negations
    assert english.settings.negation_clitic == "n't"


def test_a_language_without_a_file_is_read_with_english_words_and_reads_no_glued_words() -> None:
    dutch = language("nl")
    assert dutch.fallback and dutch.code == "nl"
    assert dutch.words == language("en").words
    assert not dutch.reads_glued_words
    assert language("../en").fallback  # a code is never a path


def test_the_language_is_loaded_once() -> None:
    assert language("en") is language("en")
    assert load_language_file("en") is load_language_file("en")


@pytest.mark.parametrize(
    ("edit", "key", "problem"),
    [
        (lambda t: t.replace('negations = ["not"', 'negations = ["Not"'), "words.negations", "'Not' is not lower case"),
        (lambda t: t.replace('negations = ["not", ', 'negations = ["not", "not", '), "words.negations", "twice"),
        (lambda t: t.replace("[words]\n", '[words]\nnegatoins = ["not"]\n'), "words.negatoins", "unknown key"),
        (lambda t: re.sub(r"\nstar-words = .*\n", "\n", t), "words.star-words", "Field required"),
        (lambda t: t.replace('plural-endings = ["s"]', "plural-endings = []"), "words.plural-endings", "at least"),
        (lambda t: t.replace('"you \'re", ', '"\'re", '), "aim.copula", "clitic"),
        (lambda t: t.replace('vowels = "aeiouy"', 'vowels = "aeiouy1"'), "settings.vowels", "letters of the alphabet"),
        (
            lambda t: t.replace('spaced-run-articles = ["a", "i"]', 'spaced-run-articles = ["an"]'),
            "settings.spaced-run-articles",
            "one-letter",
        ),
    ],
)
def test_a_bad_language_file_names_the_file_and_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit, key: str, problem: str
) -> None:
    text = edit(ENGLISH)
    assert text != ENGLISH
    package = _package(tmp_path, monkeypatch, text)
    with pytest.raises(ConfigError) as raised:
        load_language_file("en", package)
    error = raised.value
    assert error.path is not None and error.path.endswith("en.toml")
    assert error.key == key
    assert problem in error.problem


def test_a_language_file_says_which_language_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _package(tmp_path, monkeypatch, ENGLISH, code="fr")
    with pytest.raises(ConfigError, match=r"fr\.toml: key 'code': the file of language 'fr' says it is 'en'"):
        load_language_file("fr", package)


def test_a_language_file_that_is_not_toml_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _package(tmp_path, monkeypatch, ENGLISH + "\n[words\n")
    with pytest.raises(ConfigError, match=r"en\.toml: not valid TOML"):
        load_language_file("en", package)


def test_the_schema_is_the_english_file() -> None:
    """Every key of en.toml is declared, and every declared key is in en.toml: the file documents the schema."""
    data = tomllib.loads(ENGLISH)
    LanguageFile.model_validate(data)
    for table in ("settings", "words", "aim", "glued"):
        declared = {
            (field.alias or name)
            for name, field in LanguageFile.model_fields[table].annotation.model_fields.items()  # type: ignore[union-attr]
        }
        assert set(data[table]) == declared, table


@pytest.mark.parametrize(
    ("phrase", "matches", "misses"),
    [
        ("you 're", ["you're", "youre", "you re", "you ' re", "you 're"], ["your", "you'rex"]),
        ("don't be", ["don't be", "dont be", "don't  be"], ["don t be", "don 't be", "dontbe"]),
        ("you @re", ["you @re", "you  @re"], ["you are", "you@re"]),
    ],
)
def test_the_cue_notation(phrase: str, matches: list[str], misses: list[str]) -> None:
    pattern = re.compile(cue_pattern(phrase))
    assert all(pattern.fullmatch(text) for text in matches)
    assert not any(pattern.fullmatch(text) for text in misses)
    assert re.fullmatch(cue_alternation([phrase, "x"]), matches[0])


def test_a_language_file_writes_its_words_as_the_folded_view_does() -> None:
    german = language("de")
    assert not german.fallback
    assert "fur" in german.words.thanked_for and "fuer" in german.words.thanked_for  # "für", folded, and "fuer"
    assert "was fur ein" in german.aim.what
