"""The abusive checker: profanity by tier, insults aimed at the buyer, threats, hostility, slurs,
demeaning language, evasions folding undoes and those it cannot (masks, repeats, compounds), and
the innocent words that contain or resemble abusive ones."""

from __future__ import annotations

import pytest

from msglint import Category, Linter, Severity


def abusive(linter: Linter, text: str) -> list[tuple[str, str, int, int]]:
    """(rule, text, start, end) of every abusive finding, in text order."""
    return [
        (f.rule, f.text, f.span.start, f.span.end) for f in linter.lint(text).findings if f.category is Category.ABUSIVE
    ]


def only(linter: Linter, text: str) -> tuple[str, str, Severity]:
    findings = [f for f in linter.lint(text).findings if f.category is Category.ABUSIVE]
    assert len(findings) == 1, findings
    return findings[0].rule, findings[0].text, findings[0].severity


# --- profanity tiers -------------------------------------------------------------------------


def test_mild_swearing_aimed_at_no_one_is_a_warning(linter: Linter) -> None:
    assert only(linter, "Sorry, the damn courier lost it.") == ("ABU001", "damn", Severity.WARNING)


def test_british_mild_swearing_is_a_warning(linter: Linter) -> None:
    text = "Bloody hell, sorry! Sorry for the cock-up."
    assert abusive(linter, text) == [("ABU001", "Bloody", 0, 6), ("ABU001", "cock-up", 34, 41)]


def test_mild_swearing_at_the_buyer_is_an_error(linter: Linter) -> None:
    assert only(linter, "I won't read your bloody complaint again.") == ("ABU003", "your bloody", Severity.ERROR)


def test_strong_swearing_aimed_at_no_one_is_an_error(linter: Linter) -> None:
    assert only(linter, "The carrier is shit, sorry.") == ("ABU002", "shit", Severity.ERROR)


def test_imprecation_aims_swearing_at_the_buyer(linter: Linter) -> None:
    assert abusive(linter, "Refunded. Now fuck off.") == [("ABU003", "fuck off", 14, 22)]


def test_screw_you_is_aimed_swearing_but_screw_the_lid_is_a_product_word(linter: Linter) -> None:
    assert abusive(linter, "Screw you and your review.") == [("ABU003", "Screw you", 0, 9)]
    assert abusive(linter, "Screw the lid on tightly before you post it back.") == []


def test_sod_alone_is_turf_but_sod_off_is_aimed(linter: Linter) -> None:
    assert abusive(linter, "The grass sod rolls are 1m long.") == []
    assert abusive(linter, "Sod off, we answered already.") == [("ABU003", "Sod off", 0, 7)]


# --- evasions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what the f*ck happened", ("ABU002", "f*ck", 9, 13)),
        ("what the f**k happened", ("ABU002", "f**k", 9, 13)),
        ("sh*t happens", ("ABU002", "sh*t", 0, 4)),
        ("the f*** courier", ("ABU002", "f***", 4, 8)),
        ("the s#%t courier", ("ABU002", "s#%t", 4, 8)),
    ],
)
def test_masked_strong_words_are_found_with_their_exact_span(
    linter: Linter, text: str, expected: tuple[str, str, int, int]
) -> None:
    assert abusive(linter, text) == [expected]


def test_masked_word_fitting_two_words_takes_the_stronger(linter: Linter) -> None:
    # "f**k" fits both "feck" (mild) and "fuck" (strong)
    assert only(linter, "f**k, sorry")[2] is Severity.ERROR


def test_masked_insult_aimed_at_the_buyer(linter: Linter) -> None:
    assert abusive(linter, "Refunded, you a**hole.") == [("ABU004", "you a**hole", 10, 21)]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("ugh, shitshitshit, wrong box", "shitshitshit"),
        ("fuckfuck, wrong box", "fuckfuck"),
        ("the sh1tsh1t courier", "sh1tsh1t"),
        ("what a shitshow of a week", "shitshow"),
        ("the fuuck is this courier doing", "fuuck"),
    ],
)
def test_repeats_and_compounds_folding_cannot_undo_are_strong_profanity(linter: Linter, text: str, word: str) -> None:
    start = text.index(word)
    assert abusive(linter, text) == [("ABU002", word, start, start + len(word))]


@pytest.mark.parametrize("compound", ["dumbass", "shithead", "fuckwit", "sh*thead", "dickhead", "asshat"])
def test_compound_insults_aimed_at_the_buyer(linter: Linter, compound: str) -> None:
    text = f"Read the label, you {compound}."
    assert abusive(linter, text) == [("ABU004", f"you {compound}", 16, 20 + len(compound))]


def test_compound_insult_aimed_at_no_one_is_strong_profanity(linter: Linter) -> None:
    assert abusive(linter, "Some shithead at the depot opened it.") == [("ABU002", "shithead", 5, 13)]


@pytest.mark.parametrize(
    ("text", "rule", "found"),
    [
        ("Read it again, 1d10t.", "ABU004", "1d10t"),
        ("the f u c k i n g courier", "ABU002", "f u c k i n g"),
        ("the s.h.i.t courier", "ABU002", "s.h.i.t"),
        ("the f\u200buck\u200bing courier", "ABU002", "f\u200buck\u200bing"),
        ("the \u0455hit courier", "ABU002", "\u0455hit"),
        ("the ｓｈｉｔ courier", "ABU002", "ｓｈｉｔ"),
        ("are you stuuuupid", "ABU004", "are you stuuuupid"),
        ("you b!tch", "ABU004", "you b!tch"),
    ],
)
def test_folded_evasions_map_back_to_what_the_seller_wrote(linter: Linter, text: str, rule: str, found: str) -> None:
    start = text.index(found)
    assert abusive(linter, text) == [(rule, found, start, start + len(found))]


@pytest.mark.parametrize(
    ("text", "rule", "found"),
    [
        ("Go to h*ll. The return window closed.", "ABU003", "Go to h*ll"),
        ("Y*u're an id!ot, read the listing.", "ABU004", "Y*u're an id!ot"),
        ("P!$$ off and stop messaging.", "ABU003", "P!$$ off"),
        ("St*p wh!n!ng, it's a £5 case.", "ABU006", "St*p wh!n!ng"),
        ("Y*u d u m b a s s, you ordered the wrong size.", "ABU004", "Y*u d u m b a s s"),
    ],
)
def test_masked_ordinary_words_are_read_as_the_word_they_hide(linter: Linter, text: str, rule: str, found: str) -> None:
    start = text.index(found)
    assert abusive(linter, text) == [(rule, found, start, start + len(found))]


def test_a_mask_fitting_an_ordinary_word_reads_it_for_phrases_and_the_swear_word_for_words(linter: Linter) -> None:
    # "g*t" is "get" to the phrase "get a life" (stop/step, get/git: the usual word wins)
    assert abusive(linter, "G*t a l!fe, it's a phone case.") == [("ABU006", "G*t a l!fe", 0, 10)]
    assert abusive(linter, "The carrier is sh*t, sorry.") == [("ABU002", "sh*t", 15, 19)]


def test_masking_every_word_is_a_style_not_a_hidden_swear_word(linter: Linter) -> None:
    assert abusive(linter, "We sh*t up sh*p at 5pm on Fr!d@ys, so y*ur ord*r leaves on Monday.") == []
    assert abusive(linter, "The cockt@!l sh@ker s*t includes a strainer.") == []  # "s*t" is never "sht"


@pytest.mark.parametrize(
    ("text", "rule", "found"),
    [
        ("Y0u'd b3773r r3m0v3 that review.", "ABU005", "Y0u'd b3773r r3m0v3"),
        ("We are so p1553d with this carrier.", "ABU001", "p1553d"),
    ],
)
def test_leetspeak_with_many_digits_is_read_when_it_spells_a_known_word(
    linter: Linter, text: str, rule: str, found: str
) -> None:
    start = text.index(found)
    assert abusive(linter, text) == [(rule, found, start, start + len(found))]


def test_leetspeak_with_many_digits_still_reads_exceptions(linter: Linter) -> None:
    assert abusive(linter, "Th3 dr0p d34d g0rg30u5 dr355 is b4ck in y0ur s1z3!") == []
    assert abusive(linter, "The b3773r option is the 1000mAh model, code X1234.") == []


@pytest.mark.parametrize(
    ("text", "rule", "found"),
    [
        (
            "The size is in the listing, y o u   a b s o l u t e   m u p p e t.",
            "ABU004",
            "y o u   a b s o l u t e   m u p p e t",
        ),
        ("Typical r3t a r d buyer.", "ABU007", "r3t a r d"),
        ("Some sh1t.h.e.a.d at the depot opened the box.", "ABU002", "sh1t.h.e.a.d"),
        ("Your b!t.c.h of a neighbour took it.", "ABU002", "b!t.c.h"),
        ("S t o p   l   y   i   n   g, the photo shows it.", "ABU006", "S t o p   l   y   i   n   g"),
    ],
)
def test_letters_folding_left_half_joined_are_joined_into_known_words(
    linter: Linter, text: str, rule: str, found: str
) -> None:
    start = text.index(found)
    assert abusive(linter, text) == [(rule, found, start, start + len(found))]


@pytest.mark.parametrize(
    "text",
    [
        'The book you ordered, "S.h.i.t My D.a.d S.a.y.s", is a first edition.',
        'The book, "Ｓｈｉｔ Ｍｙ Ｄａｄ Ｓａｙｓ", is here.',
        'The book, "S&#104;it My Dad Says", is here.',
        'The "D@mn G*od C*ffee" tin is out of stock.',
    ],
)
def test_disguised_quoted_product_title_is_still_a_title(linter: Linter, text: str) -> None:
    assert abusive(linter, text) == []


@pytest.mark.parametrize(
    ("text", "rule", "found"),
    [
        ("Gotohell. The return window closed.", "ABU003", "Gotohell"),
        ("Areyoustupid? The plug is UK only.", "ABU004", "Areyoustupid"),
        ("We don't give refunds to entitledbuyerslikeyou.", "ABU004", "entitledbuyerslikeyou"),
        ("I'm not reading yourbloody complaint.", "ABU003", "yourbloody"),
    ],
)
def test_phrases_written_without_spaces_are_found_as_whole_words(
    linter: Linter, text: str, rule: str, found: str
) -> None:
    start = text.index(found)
    assert abusive(linter, text) == [(rule, found, start, start + len(found))]


@pytest.mark.parametrize("word", ["classic", "assessment", "therapist", "fuchsia", "shutter", "scunthorpe"])
def test_a_word_is_never_split_into_a_phrase_written_without_spaces(linter: Linter, word: str) -> None:
    assert abusive(linter, f"Your {word} order ships today.") == []


# --- insults: only when aimed at the buyer -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The size is in the listing, you absolute muppet.", "you absolute muppet"),
        ("Are you stupid? The plug is UK only.", "Are you stupid"),
        ("We don't refund entitled buyers like you.", "entitled buyers like you"),
        ("Stop acting like a spoilt brat.", "acting like a spoilt brat"),
        ("Listen you idiot, it was delivered.", "you idiot"),
        ("You're a complete moron.", "You're a complete moron"),
        ("Your an idiot, the manual is in the box.", "Your an idiot"),
        ("Read the description again, idiot.", "idiot"),
        ("Your stupid question is in the FAQ.", "Your stupid"),
        ("Don't be such a prat about it.", "Don't be such a prat"),
    ],
)
def test_insult_aimed_at_the_buyer_is_an_error(linter: Linter, text: str, found: str) -> None:
    start = text.index(found)
    assert abusive(linter, text) == [("ABU004", found, start, start + len(found))]
    assert only(linter, text)[2] is Severity.ERROR


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, I'm an idiot, I sent the wrong size.",
        "It was a stupid mistake on our part.",
        "The dummy camera kit ships today.",
        "Thank you Karen! Your refund is on its way.",
        "Thanks for your patience, Dick.",
        "Your Moby Dick hardback ships today.",
        "Idiot-proof instructions are included.",
        "You're entitled to a full refund.",
        "Are you a pig farmer? The feed bags are 25kg.",
        "Your thick coat and the lazy susan ship today.",
        "The clown costume comes in adult sizes.",
        "Scammers, beware of fake emails pretending to be us.",
    ],
)
def test_insult_words_not_aimed_at_the_buyer_are_not_insults(linter: Linter, text: str) -> None:
    assert abusive(linter, text) == []


def test_swearing_inside_an_insult_is_one_finding(linter: Linter) -> None:
    assert abusive(linter, "Read it, you f*cking idiot.") == [("ABU004", "you f*cking idiot", 9, 26)]


def test_bitch_about_a_breeding_dog_is_not_abuse_but_aimed_at_the_buyer_is(linter: Linter) -> None:
    assert abusive(linter, "Our bitch had a litter of six puppies.") == []
    assert abusive(linter, "Shut it, you bitch.") == [("ABU006", "Shut it", 0, 7), ("ABU004", "you bitch", 9, 18)]


# --- threats, hostility, demeaning language --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "found"),
    [
        ("Take that review down, or else.", "ABU005", "or else"),
        ("You'll regret this.", "ABU005", "You'll regret this"),
        ("We know where you live.", "ABU005", "We know where you live"),
        ("Keep lying and we will come after you.", "ABU005", "come after you"),
        ("Y0u'll r3gret th1s.", "ABU005", "Y0u'll r3gret th1s"),
        ("Stop lying, it was delivered.", "ABU006", "Stop lying"),
        ("Shut up and wait.", "ABU006", "Shut up"),
        ("Don't like it? Shop somewhere else.", "ABU006", "Shop somewhere else"),
        ("Refund issued. Don't bother us again.", "ABU006", "Don't bother us again"),
        ("Learn to read.", "ABU006", "Learn to read"),
        ("Just deal with it.", "ABU006", "deal with it"),
        ("Even a child could assemble this.", "ABU008", "Even a child"),
        ("You people never read the size guide.", "ABU008", "You people"),
        ("Is English your first language?", "ABU008", "Is English your first"),
    ],
)
def test_phrase_rules_find_their_exact_words(linter: Linter, text: str, rule: str, found: str) -> None:
    start = text.index(found)
    assert abusive(linter, text) == [(rule, found, start, start + len(found))]


@pytest.mark.parametrize(
    "text",
    [
        "Please confirm the colour, or else we will send black.",
        "You won't regret it: two-year warranty.",
        "If the lamp flickers, kill the power at the switch.",
        "Shoot us a message if anything comes up.",
        "We'll shoot you an email with the invoice.",
        "I'll find you a replacement in size 10.",
        "We shut up shop at 5pm on Fridays.",
        "Don't bother sending it back, keep it.",
        "We deal with it every day: reset the router.",
        "The smell will go away after a day.",
        "Thank you people at the front desk for signing.",
        "Go back to your orders page and click Return.",
        "Can you read the serial number on the base?",
        "The drop dead gorgeous dress is back in stock.",
    ],
)
def test_phrases_that_only_look_like_threats_or_hostility_are_not_flagged(linter: Linter, text: str) -> None:
    assert abusive(linter, text) == []


# --- slurs ------------------------------------------------------------------------------------


def test_slur_is_an_error_even_when_aimed_at_no_one(linter: Linter) -> None:
    assert only(linter, "The driver is a retard.") == ("ABU007", "retard", Severity.ERROR)


def test_masked_slur_is_found(linter: Linter) -> None:
    assert abusive(linter, "some p*ki courier") == [("ABU007", "p*ki", 5, 9)]


@pytest.mark.parametrize(
    "text",
    [
        "There was a chink of light through the seal.",
        "Traditional faggots in gravy are out of stock.",
        "The pipe bender ships today.",
        "The flame retardant spray is in box two.",
    ],
)
def test_slur_homographs_in_their_ordinary_sense_are_not_flagged(linter: Linter, text: str) -> None:
    assert abusive(linter, text) == []


def test_ambiguous_slur_aimed_at_a_person_is_flagged(linter: Linter) -> None:
    text = "Stop being such a f@ggot about it."
    assert abusive(linter, text) == [("ABU007", "Stop being such a f@ggot", 0, 24)]


# --- words that only contain abusive letters ---------------------------------------------------

SCUNTHORPE = [
    "Scunthorpe",
    "assess",
    "assembly",
    "class",
    "cocktail",
    "Dickens",
    "butt hinge",
    "Hello",
    "kill the power",
    "shoot us a message",
    "Essex",
    "Sussex",
    "cockpit",
    "analysis",
    "therapist",
    "grape",
    "mishit",
    "the bloody mary mix",
    'the "Damn Good" coffee tin',
    "hard-wearing",
    "screw",
    "nuts and bolts",
    "shiitake",
    "Middlesex",
    "Penistone",
    "Cockburn's port",
    "Hancock",
    "passion fruit",
    "Arsenal shirt",
]


@pytest.mark.parametrize("words", SCUNTHORPE)
def test_innocent_words_are_never_flagged(linter: Linter, words: str) -> None:
    assert abusive(linter, f"Your order with the {words} ships today from our warehouse.") == []


def test_quoted_product_title_is_not_swearing(linter: Linter) -> None:
    assert abusive(linter, 'The book "Shit My Dad Says" is a hardback.') == []
    assert abusive(linter, "We sell the 'Damn Good' coffee blend.") == []


def test_quoted_sentence_is_still_the_sellers_swearing(linter: Linter) -> None:
    text = 'We replied "this is bullshit" because the box was sealed.'
    assert abusive(linter, text) == [("ABU002", "bullshit", 20, 28)]


def test_pussy_willow_is_a_plant(linter: Linter) -> None:
    assert abusive(linter, "The pussy willow cuttings ship in March.") == []


# --- configuration ----------------------------------------------------------------------------


def test_extra_terms_from_configuration_fire_under_their_rule() -> None:
    linter = Linter(config={"extra-terms": {"ABU002": ["frak"]}})
    assert abusive(linter, "The frak courier lost it.") == [("ABU002", "frak", 4, 8)]


# --- abuse with no listed word, a second pass ---------------------------------------------------

UNLISTED_ABUSE = [
    (
        "Honestly, it is buyers like you who make running a small shop miserable.",
        ("ABU008", "buyers like you who make running a small shop miserable", 16, 71),
    ),
    (
        "Our feedback score dropped because of you and your endless complaints.",
        ("ABU008", "your endless complaints", 46, 69),
    ),
    ("Congratulations on discovering the on switch.", ("ABU008", "Congratulations on discovering the on", 0, 37)),
    (
        "Buyers like you from Essex are always trying to get something for free.",
        ("ABU008", "Buyers like you from Essex are always trying to get", 0, 51),
    ),
    ("Nice house on Elm Street, by the way.", ("ABU005", "Nice house", 0, 10)),
    (
        "It would be a real pity if something happened to your car, wouldn't it?",
        ("ABU005", "pity if something happened to your car", 19, 57),
    ),
    ("Do you have trouble reading?", ("ABU008", "Do you have trouble reading", 0, 27)),
    (
        "Wow, what a brilliant detective you are, finding a scratch on the underside.",
        ("ABU008", "what a brilliant detective you are", 5, 39),
    ),
    ("You're nothing but a leech on honest sellers.", ("ABU004", "You're nothing but a leech", 0, 26)),
    ("Our solicitor will bury you in paperwork if that review stays up.", ("ABU005", "bury you", 19, 27)),
    ("Go crawl back under your rock.", ("ABU008", "crawl back under", 3, 19)),
    ("Stop acting like a circus act and read the tracking page.", ("ABU008", "acting like a circus act", 5, 29)),
    ("Remember, we have your home address on file.", ("ABU005", "Remember, we have your home address", 0, 35)),
    ("Keep leaving reviews like that and see where it gets you.", ("ABU005", "see where it gets you", 35, 56)),
    (
        "Thank you so much for your expert opinion on how to run my business.",
        ("ABU008", "how to run my business", 45, 67),
    ),
    ("Oh wonderful, another genius who can't measure a door.", ("ABU008", "another genius who can't", 14, 38)),
    ("Shall I draw you a picture?", ("ABU008", "Shall I draw you a picture", 0, 26)),
    ("You sad little man.", ("ABU004", "You sad little man", 0, 18)),
    ("If you weren't so lazy you'd have read the size guide.", ("ABU004", "If you weren't so lazy", 0, 22)),
    (
        "I've dealt with toddlers who were more reasonable than you.",
        ("ABU008", "toddlers who were more reasonable than you", 16, 58),
    ),
    (
        "I'd think twice before opening another claim against us, if I were you.",
        ("ABU005", "think twice", 4, 15),
    ),
    ("Accidents happen to people who leave reviews like yours.", ("ABU005", "Accidents happen to people", 0, 26)),
    ("Honestly, were you raised in a barn?", ("ABU008", "raised in a barn", 19, 35)),
]


@pytest.mark.parametrize(("text", "finding"), UNLISTED_ABUSE)
def test_abuse_with_no_listed_word_is_found(linter: Linter, text: str, finding: tuple[str, str, int, int]) -> None:
    assert abusive(linter, text) == [finding]


def test_a_mild_oath_said_of_no_one_is_a_warning(linter: Linter) -> None:
    text = "Jesus Christ, how many times do we have to send it."
    assert only(linter, text) == ("ABU001", "Jesus Christ", Severity.WARNING)
    assert only(linter, "Freaking Royal Mail strikes again.") == ("ABU001", "Freaking", Severity.WARNING)


ORDER_TALK_NEAR_UNLISTED_ABUSE = [
    "Even a toddler can use this cup, it has two soft handles.",
    "Are you blind or partially sighted? We can send the large print manual.",
    "Can you read me the code on the sticker?",
    "Can you read the serial number to us? It is under the base.",
    "Our solicitor has confirmed the refund is yours to keep; no action is needed from you.",
    "It would be a shame if anything happened to the vase in transit, so we double boxed it.",
    "Our driver said you have a lovely garden; he left the parcel by the gate as you asked.",
    "Sorry for the endless questions, we just need the order number to find it.",
    "The courier was freaking out about the dog, so he left the parcel at the gate.",
    "Your copy of The Life of Jesus Christ, illustrated edition, ships on Monday.",
    "What an expert you are, thank you for the tip about the hinge.",
    "Customers like you who make the effort to measure first rarely need a return.",
    "You will be hearing from our returns department within two working days.",
    "Thanks so much for explaining how to do our job better with the label placement; we changed it.",
    "Remember, we have your delivery address as 4 Mill Lane; tell us if it changed.",
    "Our new genius bar stool ships in grey or oak.",
    "Shall I draw you a quick sketch of where the bracket goes?",
    "If you weren't home, the courier will try again tomorrow.",
    "The toddler set is cheaper than you think, and it ships free.",
    "I'd think twice before opening the sealed bag if I were you; the powder gets everywhere.",
    "This blender is about as useful as it gets for smoothies and soups.",
    "The Raised in a Barn cookbook is back in stock.",
]


@pytest.mark.parametrize("text", ORDER_TALK_NEAR_UNLISTED_ABUSE)
def test_order_talk_near_unlisted_abuse_is_clean(linter: Linter, text: str) -> None:
    assert abusive(linter, text) == []
