"""Frames (msglint/engine/frames.py, lexicons/en/frames.toml): what no single lexicon line spells out.

Each behaviour is asserted with its exact rule and span; each hard negative with no finding at all.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from msglint import Linter
from msglint.engine.frames import Frames
from msglint.errors import ConfigError


def findings(linter: Linter, text: str) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.span.start, f.span.end, f.text) for f in linter.lint(text).findings]


# --- aim grammar: a negative evaluation aimed at the reader -------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Honestly, you are so incompetent it hurts.", ("ABU004", 10, 32, "you are so incompetent")),
        ("You're a complete joke, the size was right.", ("ABU004", 0, 22, "You're a complete joke")),
        ("Stop being so unbelievably petty about a scratch.", ("ABU004", 0, 32, "Stop being so unbelievably petty")),
        ("You are incredibly demanding for a £4 item.", ("ABU004", 0, 28, "You are incredibly demanding")),
        ("What kind of idiot orders a size 12 for a child?", ("ABU004", 0, 18, "What kind of idiot")),
    ],
)
def test_a_negative_judgement_aimed_at_the_reader_is_an_insult(
    linter: Linter, text: str, expected: tuple[str, int, int, str]
) -> None:
    assert findings(linter, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "You're entitled to a full refund under the guarantee.",  # a behaviour word needs a degree
        "You are an animal lover, so you will like the bird feeder we packed for you.",
        "The charger was useless, I'm sorry, we are sending a new one.",  # not aimed
        "I was so clueless about the courier rules, sorry for the delay.",
        "You are very difficult to reach by phone, so we are writing here.",
        "What kind of person is the gift for? We can add a card.",
    ],
)
def test_judgement_words_not_aimed_at_the_reader_are_not_insults(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []


def test_comparison_with_a_child_belittles(linter: Linter) -> None:
    text = "You're acting like a spoilt toddler over a bent corner."
    assert findings(linter, text) == [("ABU008", 0, 35, "You're acting like a spoilt toddler")]


def test_a_mock_question_about_competence_belittles(linter: Linter) -> None:
    text = "Is reading hard for you? The listing says 2 metres."
    assert findings(linter, text) == [("ABU008", 0, 23, "Is reading hard for you")]


def test_a_sweeping_remark_about_the_buyers_group_belittles(linter: Linter) -> None:
    text = "Buyers like you are the reason small shops close."
    assert findings(linter, text) == [("ABU008", 0, 30, "Buyers like you are the reason")]


def test_the_buyers_group_thanked_is_no_remark(linter: Linter) -> None:
    assert findings(linter, "Customers like you are the reason we love this job, thank you!") == []


# --- threat frames --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Next time you will be reported to Amazon for this.", ("ABU005", 0, 30, "Next time you will be reported")),
        (
            "We have your home address, so think carefully before you leave that review.",
            ("ABU005", 0, 35, "We have your home address, so think"),
        ),
        (
            "Take the review down or our solicitors will be in touch.",
            ("ABU005", 24, 38, "our solicitors"),
        ),
    ],
)
def test_a_consequence_for_the_reader_is_a_threat(
    linter: Linter, text: str, expected: tuple[str, int, int, str]
) -> None:
    assert expected in findings(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "We will open a claim with the carrier and send a replacement today.",
        "We have your address as 12 High Street; please confirm it before we ship the replacement.",
        "You can open an A-to-z claim if you disagree; we will send our evidence.",
        "Next time you order, the parcel will come from our new warehouse.",
        "We will find you the right size; just tell us your foot length.",
        "Our engineer will pay you a visit on Monday to fit the boiler part.",
    ],
)
def test_information_about_the_order_is_no_threat(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []


# --- incentive, gating, take-down ------------------------------------------------------------------------


def test_a_benefit_tied_to_a_review_is_an_incentive(linter: Linter) -> None:
    text = "Every review enters you into our monthly draw for a hamper."
    assert findings(linter, text) == [
        ("REV002", 0, 45, "Every review enters you into our monthly draw"),
        ("PRO009", 33, 45, "monthly draw"),
    ]


def test_asking_unhappy_buyers_to_write_first_is_gating(linter: Linter) -> None:
    text = "If you are not happy, write to us before reviewing."
    assert findings(linter, text) == [("REV003", 0, 50, "If you are not happy, write to us before reviewing")]


@pytest.mark.parametrize(
    "text",
    [
        "If there is any problem, please contact us first so we can help.",
        "Your refund has been processed. If you have a moment, an honest review helps other buyers.",
        "Feel free to leave a review whenever it suits you.",
    ],
)
def test_help_and_neutral_review_requests_are_not_manipulation(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []


# --- promotion frames -----------------------------------------------------------------------------------


def test_a_companion_product_after_purchase_is_cross_selling(linter: Linter) -> None:
    text = "Glad the lamp arrived! It goes perfectly with the oak side table in our range."
    assert findings(linter, text) == [("PRO005", 26, 45, "goes perfectly with")]


def test_a_gift_over_an_order_threshold_is_a_deal(linter: Linter) -> None:
    text = "Spend £50 or more and we will add a free tote bag."
    assert findings(linter, text) == [("PRO003", 0, 40, "Spend £50 or more and we will add a free")]


@pytest.mark.parametrize(
    "text",
    [
        "The matching lid was missing, so a replacement lid is on its way.",
        "You may also like to know that the parcel has already left our warehouse.",
        "Your order over £25 qualified for free delivery, so there is nothing to pay.",
    ],
)
def test_remedies_and_order_information_are_not_promotion(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []


# --- precision fixes ---------------------------------------------------------------------------------------


def test_the_buyers_words_quoted_back_are_not_the_sellers_swearing(linter: Linter) -> None:
    assert findings(linter, "You described the kettle as 'a piece of shit' - I'm sorry, a refund is on its way.") == []


def test_the_sellers_own_swearing_after_a_quote_is_still_reported(linter: Linter) -> None:
    text = "You said the lid was loose. Well, shit happens, a new one is coming."
    assert findings(linter, text) == [("ABU002", 34, 38, "shit")]


@pytest.mark.parametrize(
    "text",
    [
        "The screw you ordered is the M4 one; it ships today.",
        "The bastard file and the butt hinges are packed together.",
        "Our VAT number is GB 123 4567 89, company registration number 09876543.",
    ],
)
def test_product_names_and_registration_numbers_are_not_violations(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []


def test_free_as_the_buyers_expectation_is_no_offer(linter: Linter) -> None:
    assert findings(linter, "Nobody gets freebies here; we sent exactly what you ordered.") == []


# --- the file: validated at load, errors name file and line ------------------------------------------------


_VALID_SETS = '[sets]\nreader = ["you"]\nbad = ["stupid"]\n'


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> str:
    name = f"frames_case_{next(_COUNTER)}"
    root = tmp_path / name
    (root / "en").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "en" / "__init__.py").write_text("")
    (root / "en" / "frames.toml").write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


_COUNTER = itertools.count()


@pytest.mark.parametrize(
    ("check", "problem"),
    [
        (
            'kind = "sequence"\nname = "x"\nchecker = "abusive"\nrule = "ABU004"\nparts = ["reader", "nope"]',
            "no set 'nope'",
        ),
        (
            'kind = "sequence"\nname = "x"\nchecker = "abusive"\nrule = "ABU004"\nparts = ["reader"]\nspan = 1',
            "unknown key",
        ),
        (
            'kind = "sideways"\nname = "x"\nchecker = "abusive"\nrule = "ABU004"',
            "does not match any of the expected tags",
        ),
        (
            'kind = "co-occurrence"\nname = "x"\nchecker = "abusive"\nrule = "ABU004"\n'
            'roles = { a = "reader", b = "bad" }\nreport = "c"',
            "neither 'all' nor a role",
        ),
    ],
)
def test_a_malformed_check_names_the_file_and_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check: str, problem: str
) -> None:
    package = _package(tmp_path, monkeypatch, f"{_VALID_SETS}\n# a comment\n[[check]]\n{check}\n")
    with pytest.raises(ConfigError) as error:
        Frames("en", "abusive", ["ABU004"], package=package)
    assert error.value.path is not None and error.value.path.endswith("frames.toml")
    assert error.value.line == 6
    assert problem in str(error.value)


def test_a_set_including_an_unknown_set_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = '[sets]\nreader = ["you"]\nbad = ["@worse"]\n[[check]]\nkind = "sequence"\nname = "x"\n'
    source += 'checker = "abusive"\nrule = "ABU004"\nparts = ["reader", "bad"]\n'
    package = _package(tmp_path, monkeypatch, source)
    with pytest.raises(ConfigError, match=r"frames\.toml:3: key 'sets\.bad': '@worse' names no set"):
        Frames("en", "abusive", ["ABU004"], package=package)


def test_a_rule_the_checker_does_not_have_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = f'{_VALID_SETS}[[check]]\nkind = "sequence"\nname = "x"\nchecker = "abusive"\nrule = "REV001"\n'
    source += 'parts = ["reader", "bad"]\n'
    package = _package(tmp_path, monkeypatch, source)
    with pytest.raises(ConfigError, match="abusive has no rule REV001"):
        Frames("en", "abusive", ["ABU004"], package=package)


def test_the_shipped_file_loads_for_every_checker() -> None:
    for checker, rules in {
        "abusive": ["ABU001", "ABU004", "ABU005", "ABU006", "ABU007", "ABU008"],
        "review-manipulation": ["REV001", "REV002", "REV003", "REV004"],
        "promotional": ["PRO002", "PRO003", "PRO004", "PRO005", "PRO007", "PRO008"],
        "external-contact": ["EXT010"],
    }.items():
        assert Frames("en", checker, rules)._checks


def test_a_sarcastic_name_at_the_end_of_a_clause_is_an_insult(linter: Linter) -> None:
    assert findings(linter, "Read the size chart next time, genius.") == [("ABU004", 31, 37, "genius")]


@pytest.mark.parametrize(
    "text",
    [
        "Our technician is a genius and had the part fitted in ten minutes.",
        "Hello Professor Hughes, your books are packed.",
    ],
)
def test_a_name_for_someone_else_or_a_title_is_no_sarcasm(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []


def test_a_vocative_insult_must_end_its_clause(linter: Linter) -> None:
    assert findings(linter, "Read the listing again, you clown.") == [("ABU004", 24, 33, "you clown")]
    assert findings(linter, "You kid yourself if you think the box was open.") == []


def test_police_action_with_pressure_intimidates_and_as_an_option_informs(linter: Linter) -> None:
    threat = "We will file a police report against you if that review stays up."
    assert findings(linter, threat) == [("ABU005", 15, 28, "police report")]
    assert findings(linter, "If the parcel is stolen, you can file a police report and we will refund you.") == []


def test_condescension_and_mock_praise_belittle(linter: Linter) -> None:
    text = "Anyone with half a brain would know it needs batteries."
    assert findings(linter, text) == [("ABU008", 0, 24, "Anyone with half a brain")]
    assert findings(linter, "Well done on breaking it in a day.") == [("ABU008", 0, 21, "Well done on breaking")]
    assert findings(linter, "Well done on getting the shelf up so quickly, thanks for the photo!") == []


def test_a_removal_demand_is_read_through_the_insult_between(linter: Linter) -> None:
    text = "Please remove that nasty review now."
    assert findings(linter, text) == [("REV004", 7, 31, "remove that nasty review")]


@pytest.mark.parametrize(
    "text",
    ["Amazon may remove reviews that break its rules.", "We can't change or edit feedback, but we can help."],
)
def test_removal_said_as_information_is_no_request(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_message_has_no_frames_and_no_failure(linter: Linter, text: str) -> None:
    assert linter.lint(text).findings == ()


@pytest.mark.parametrize(
    ("phrase", "text", "matches"),
    [
        ("<num>% off", "15% off", True),
        ("<num>-year warranty", "3-year warranty", True),
        ("<num>-year-old", "5-year-old", True),
        ("<num>-year-old", "five-year-old", False),
        ("<num>% off", "% off", False),
    ],
)
def test_a_stand_in_glued_to_letters_is_read_as_a_stand_in(phrase: str, text: str, matches: bool) -> None:
    from msglint.engine.frames import _phrase_regex

    assert (re.fullmatch(_phrase_regex(phrase), text) is not None) is matches


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Your complaint is a joke.", ("ABU004", 0, 24, "Your complaint is a joke")),
        ("What a pathetic little cockroach you are.", ("ABU004", 0, 40, "What a pathetic little cockroach you are")),
        ("You are the reason small sellers give up.", ("ABU008", 0, 40, "You are the reason small sellers give up")),
        ("Carry on like this and you will pay for it.", ("ABU005", 23, 42, "you will pay for it")),
        (
            "Reviews unlock our extended 3-year warranty.",
            ("REV002", 0, 43, "Reviews unlock our extended 3-year warranty"),
        ),
        (
            "Give us a chance to fix it before you review.",
            ("REV003", 0, 44, "Give us a chance to fix it before you review"),
        ),
    ],
)
def test_second_round_frames_find_what_no_lexicon_line_spells_out(
    linter: Linter, text: str, expected: tuple[str, int, int, str]
) -> None:
    assert findings(linter, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "You are the reason we never give up on the small details, thank you.",
        "Your question is not stupid at all; the manual is confusing on that page.",
        "What a lovely surprise you are giving your sister!",
        "We'll get your parcel to you one way or another, even if we have to send it twice.",
        "Most customers order a size up because the chart runs small, so the 12 you picked should be right.",
        "The collection is out of stock for now, so we have refunded the second item of your order.",
        "Please contact us before you leave the house on Tuesday, the courier needs a signature.",
    ],
)
def test_second_round_hard_negatives_stay_clean(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []
