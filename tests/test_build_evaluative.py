"""The rated evaluative vocabulary of en/frames.toml and the tool that proposes it.

The ``vader-*`` sets hold words hand-picked from the VADER lexicon, each with its rating as a comment;
the tiers are read by rating (-2.0 or lower: a judgement once aimed; -1.5 .. -1.9: only with a degree).
These tests need no ``vaderSentiment``: they hold the file to its own tiers, and the tool's checks to
what they say.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FRAMES = ROOT / "msglint" / "lexicons" / "en" / "frames.toml"
_RATED = re.compile(r'^\s*"([^"]+)",\s*#\s*(-?\d+(?:\.\d+)?)\s*$')


def _tool():
    spec = importlib.util.spec_from_file_location("build_evaluative", ROOT / "tools" / "build_evaluative.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _written_ratings() -> dict[str, float]:
    ratings: dict[str, float] = {}
    for line in FRAMES.read_text("utf-8").splitlines():
        match = _RATED.match(line)
        if match:
            ratings[match.group(1)] = float(match.group(2))
    return ratings


TIERS = {
    "vader-person-judgement": (-4.0, -2.0),
    "vader-person-name": (-4.0, -2.0),
    "vader-superlative": (-4.0, -2.0),
    "vader-behaviour-judgement": (-1.9, -1.5),
    "vader-behaviour-name": (-1.9, -1.5),
}


@pytest.mark.parametrize("name", sorted(TIERS))
def test_every_rated_word_carries_a_rating_of_its_tier(name: str) -> None:
    words = tomllib.loads(FRAMES.read_text("utf-8"))["sets"][name]
    ratings = _written_ratings()
    low, high = TIERS[name]
    assert words
    assert [w for w in words if w not in ratings] == []
    assert [w for w in words if not low <= ratings[w] <= high] == []


def test_verify_accepts_the_ratings_written_and_names_a_wrong_one(capsys: pytest.CaptureFixture[str]) -> None:
    tool = _tool()
    ratings = _written_ratings()
    assert tool.verify(ratings) == 0
    ratings["heartless"] = -1.0
    assert tool.verify(ratings) == 1
    assert "'heartless' is rated -2.2, VADER says -1.0" in capsys.readouterr().out


def test_candidates_leave_out_adverbs_abstract_nouns_and_milder_words() -> None:
    tool = _tool()
    ratings = {"heartless": -2.2, "heartlessly": -2.8, "cruelty": -2.9, "annoying": -1.7, "late": -0.5, ":(": -1.9}
    assert tool.candidates(ratings, -1.5) == [(-2.2, "heartless"), (-1.7, "annoying")]
