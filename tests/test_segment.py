"""Words glued together are read apart (msglint.segment), and only words glued together."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msglint import Linter
from msglint.normalize import normalize
from msglint.segment import RareWords, Segmenter


@pytest.fixture(scope="module")
def segmenter(linter: Linter) -> Segmenter:
    linter.lint("warm up")
    pipeline = linter._pipeline("en")
    assert pipeline.segmenter is not None
    return pipeline.segmenter


def _respace(segmenter: Segmenter, text: str) -> str | None:
    """The message with its re-spaced stretches in place (None when nothing is glued)."""
    stretches = segmenter.respace(text, normalize(text)[0])
    for stretch in reversed(stretches):
        text = text[: stretch.start] + stretch.text + text[stretch.end :]
    return text if stretches else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yourrefundisunderreview.", "Your refund is under review."),
        ("Leave us a review and claim your freephone case!", None),  # "freephone" is a word
        ("we'll knock £5off", "we'll knock £5 off"),
        ("For next order you will have 5dollardiscount", "For next order you will have 5 dollar discount"),
        ("Buy2get 1 free", "Buy 2 get 1 free"),
        ("We'vejustlaunched a range", "We've just launched a range"),
        ("G3t 20%0FFy0urn3xt0rder.", "G3t 20% 0FF y0ur n3xt 0rder."),  # leetspeak read inside the run
        ("u$ec*de for 20%offy*urn*xtord*r", "u$e c*de for 20% off y*ur n*xt ord*r"),  # one masked letter a word
        ("More at shopexampledotcom", "More at shop example dot com"),  # "dotcom": two common words
        ("Could you deleteyour1-starreview?", "Could you delete your 1-star review?"),
        ("Ifso, we'd be grateful", "If so, we'd be grateful"),
        # glued sentences are read as sentences once something in them is glued
        ("Sorrythevouchercodedidn'twork;we'verefunded it", "Sorry the voucher code didn't work; we've refunded it"),
        ("Your order was declined.Pleaseplaceaneworder", "Your order was declined. Please place a new order"),
    ],
)
def test_glued_words_are_read_apart(segmenter: Segmenter, text: str, expected: str | None) -> None:
    assert _respace(segmenter, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Welcome to Scunthorpe!",  # a word of its own, rare as it is
        "Sorry about the mishit on the label.",
        "The flameretardant spray is in box 2.",  # "retardant", never "retard ant"
        "Your classic Cockburn's port gift set has been dispatched.",  # a name mid-sentence
        "Your parcel is with Parcelforce.",
        "Please share your IBAN.",  # an acronym
        "Tracking: 1Z999AA10123456784, order 114-1234567-1234567.",  # codes
        "Tracking ID TBA304956782000 is out for delivery.",
        "See https://www.royalmail.com/track-your-item#/results/QF123456785GB",  # a link's words
        "Mail sales_team@hotmail.com or mailto:orders@bagsforyou.de",
        "Follow @cosyhomeuk for the mix-up fix: a 5-star next-day service.",  # handles, hyphenated words
        "We're s*rry the off*r d!dn't apply.",  # one disguised word is the checkers' to read
        "Your refund is under review; it's been assessed.",
    ],
)
def test_words_that_are_not_glued_stay_whole(segmenter: Segmenter, text: str) -> None:
    assert _respace(segmenter, text) is None


@pytest.mark.parametrize(
    ("text", "rule", "start", "end"),
    [
        # the finding points at the glued words as the seller wrote them
        ("Leave an honest review and get a freebottle of our shampoo.", "REV002", 33, 43),
        ("youareanidiot", "ABU004", 0, 13),
        ("Sorry for the wait, ringus whenever suits you.", "EXT009", 20, 26),
        ("Your order is packed. Usec0deS4VE10 at ch3ckout!", "PRO001", 22, 29),
        ("Could you kindly updateyour1-starreview?", "REV004", 17, 39),
        # through full-width letters and an ideographic space
        ("ｆｏｌｌｏｗ\u3000ｕｓonAmazon for updates.", "PRO006", 0, 17),
    ],
)
def test_a_finding_in_glued_words_has_the_exact_span_of_the_original(
    linter: Linter, text: str, rule: str, start: int, end: int
) -> None:
    findings = [(f.rule, f.span.start, f.span.end, f.text) for f in linter.lint(text).findings]
    assert findings == [(rule, start, end, text[start:end])]


@pytest.mark.parametrize(
    "text",
    [
        "Yourrefundisunderreview.",
        "Yourorderwascancelledbecausethepaymentwasdeclined.Pleaseplaceaneworderifyoustillwantthelamp.",
        "Thesalesectionofthelistingshowstheoldprice;youpaidthecorrect,lowerprice.",
        "Theflameretardantsprayisinthesecondbox.",
        "Ourlampisrated4.6onaverage,butwestillwanttofixtheflickeryoureported.",
    ],
)
def test_glued_order_talk_stays_clean(linter: Linter, text: str) -> None:
    assert linter.lint(text).findings == ()


_GLUE = st.lists(
    st.sampled_from(
        ["leave", "us", "a", "5", "star", "review", "free", "gift", "your", "order", "£5", "off", "!", "."]
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(_GLUE, st.sampled_from(["", "\u200b", " "]))
def test_respacing_only_inserts_spaces_and_maps_every_other_character_back(
    segmenter: Segmenter, words: list[str], joiner: str
) -> None:
    text = joiner.join(words)
    for stretch in segmenter.respace(text, normalize(text)[0]):
        to_stretch = stretch.to_original
        inserted = {i for i in range(len(stretch.text)) if to_stretch.end(i) == to_stretch.start(i)}
        assert all(stretch.text[i] == " " for i in inserted)
        kept = "".join(c for i, c in enumerate(stretch.text) if i not in inserted)
        assert kept == text[stretch.start : stretch.end]
        for i, char in enumerate(stretch.text):
            if i not in inserted:
                assert text[stretch.start + to_stretch.start(i)] == char


def test_a_long_message_is_read_again_only_around_its_glued_words(segmenter: Segmenter) -> None:
    order_talk = "Your parcel left our warehouse today. It should arrive on Friday. "
    text = order_talk * 10 + "Leave us a review and get afreegift. Thanks again! " + order_talk * 10
    stretches = segmenter.respace(text, normalize(text)[0])
    assert [(text[s.start : s.end], s.text) for s in stretches] == [
        (
            "It should arrive on Friday. Leave us a review and get afreegift. Thanks again! ",
            "It should arrive on Friday. Leave us a review and get a free gift. Thanks again! ",
        )
    ]


def test_rare_words_are_found_with_their_cost_and_nothing_else() -> None:
    words = RareWords([("retardant", 636), ("mishit", 748), ("scunthorpe", 642)])
    assert words.cost("retardant") == pytest.approx(6.35)  # kept in steps of 5 centibels
    assert "mishit" in words and "scunthorpe" in words
    assert all(w not in words for w in ("retard", "mishits", "scunthorp", "xyzzyq", "", "m"))


def test_the_word_lists_load_on_the_first_word_not_at_import() -> None:
    code = (
        "import sys, msglint, msglint.segment as s; msglint.lint('x');"
        " print(not s._frequencies, 'msgpack' in sys.modules);"
        " msglint.lint('Thanks for your order'); print(not s._frequencies)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False"]


def test_only_languages_with_word_frequencies_are_respaced(linter: Linter) -> None:
    from msglint.models import Message

    linter.lint(Message(text="Uw bestelling is verzonden, hartelijkdank", language="nl"))
    assert linter._pipeline("nl").segmenter is None  # no language file: read as written
    assert linter._pipeline("en").segmenter is not None
    assert linter._pipeline("de").segmenter is not None  # de.toml names wordfreq's German list


def test_the_built_word_lists_are_kept_on_disk_and_read_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from msglint import segment
    from msglint.engine.language import language

    monkeypatch.setenv(segment.CACHE_DIR_VARIABLE, str(tmp_path))
    one_letter = frozenset(language("en").words.one_letter_words)
    built_costs, built_rare = segment._cached_words("en", one_letter)
    (kept,) = tmp_path.iterdir()
    read_costs, read_rare = segment._cached_words("en", one_letter)
    assert read_costs == built_costs
    assert read_rare.state() == built_rare.state()
    assert read_rare.cost("retardant") == pytest.approx(6.35) and "xyzzyq" not in read_rare
    kept.write_bytes(b"not marshal data")  # a damaged file is built around and replaced
    costs, rare = segment._cached_words("en", one_letter)
    assert costs == built_costs and rare.state() == built_rare.state()
    assert kept.read_bytes() != b"not marshal data"


def test_no_word_list_is_kept_unless_a_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from msglint import segment

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(segment.CACHE_DIR_VARIABLE, raising=False)
    assert segment._cache_dir() is None
    monkeypatch.setenv(segment.CACHE_DIR_VARIABLE, "")
    assert segment._cache_dir() is None
