"""Review manipulation (REV001-REV005): exact rule codes and spans, obfuscated input, and the traps.

Spans follow msglint/rules/review_manipulation.toml: REV001 the rating or praise asked for, REV002 the
offer, REV003 the gating condition or diversion, REV004 the request to change, REV005 the person asked.
"""

from __future__ import annotations

import pytest

import msglint
from msglint import Linter

Found = tuple[str, str, int, int]


def _review_findings(linter: Linter, text: str) -> list[Found]:
    return [(f.rule, f.text, f.span.start, f.span.end) for f in linter.lint(text).findings if f.rule.startswith("REV")]


def _at(text: str, rule: str, words: str, occurrence: int = 0) -> Found:
    """The finding ``rule`` on the ``occurrence``-th ``words`` of ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return rule, words, start, start + len(words)


# --- REV001 positive-review-request ---------------------------------------------------------------


def test_five_star_review_request_is_flagged_on_the_rating(linter: Linter) -> None:
    text = "Your yoga mat was delivered. If you have a minute, please leave us a 5-star review on Amazon."
    assert _review_findings(linter, text) == [_at(text, "REV001", "5-star review")]


def test_positive_feedback_request_is_flagged(linter: Linter) -> None:
    text = "Please leave us positive feedback on Amazon, it helps a small business like ours."
    assert _review_findings(linter, text) == [_at(text, "REV001", "positive feedback")]


def test_star_emoji_request_is_flagged_on_the_whole_row(linter: Linter) -> None:
    text = "Order 113-2233445-6677889 is on its way. Please rate us ⭐⭐⭐⭐⭐ once it arrives!"
    assert _review_findings(linter, text) == [_at(text, "REV001", "⭐⭐⭐⭐⭐")]


def test_specific_star_count_request_is_flagged(linter: Linter) -> None:
    text = "Your replacement has shipped. Please give us 5 stars if the new one works well."
    assert _review_findings(linter, text) == [_at(text, "REV001", "5 stars")]


def test_non_native_bare_five_star_request_is_flagged(linter: Linter) -> None:
    text = "Dear buyer, we sent your order today. Pls give us 5 star and good comment, thank you so much."
    assert _review_findings(linter, text) == [_at(text, "REV001", "5 star")]


def test_praise_request_is_flagged(linter: Linter) -> None:
    text = "We really hope you are enjoying the blender. Please say something nice about us on Amazon!"
    assert _review_findings(linter, text) == [_at(text, "REV001", "say something nice")]


def test_if_you_loved_it_tell_the_world_is_gating_and_a_praise_request(linter: Linter) -> None:
    text = "If you loved it, tell the world!"
    assert _review_findings(linter, text) == [
        _at(text, "REV003", "If you loved it"),
        _at(text, "REV001", "tell the world"),
    ]


def test_thanks_for_an_existing_five_star_review_is_not_a_request(linter: Linter) -> None:
    text = "Thank you so much for the 5-star review! We're glad the kettle arrived safely."
    assert _review_findings(linter, text) == []


def test_five_star_in_a_product_name_is_not_a_request(linter: Linter) -> None:
    text = "Your order of Five Star Spiral Notebooks (pack of 6) has been dispatched. Please check the parcel."
    assert _review_findings(linter, text) == []


def test_five_stars_in_a_quoted_buyer_message_is_not_a_request(linter: Linter) -> None:
    text = 'You wrote "5 stars but the box was crushed". Please accept our apologies; a new box is on its way.'
    assert _review_findings(linter, text) == []


def test_existing_reviews_mentioned_as_a_fact_are_not_a_request(linter: Linter) -> None:
    text = "Our product has over 2,000 five-star reviews, so please let us know what went wrong."
    assert _review_findings(linter, text) == []


def test_neutral_honest_review_request_is_allowed(linter: Linter) -> None:
    text = "Please leave an honest review on Amazon when you've had a chance to use the lamp."
    assert _review_findings(linter, text) == []


# --- REV002 incentivized-review ------------------------------------------------------------------


def test_gift_card_offered_in_the_next_sentence_is_flagged_and_named(linter: Linter) -> None:
    text = "We'd love your review! As a thank-you we'll send a $10 gift card."
    (finding,) = [f for f in linter.lint(text).findings if f.rule == "REV002"]
    assert _review_findings(linter, text) == [_at(text, "REV002", "gift card")]
    assert "a gift card" in finding.message
    assert finding.policy == "amazon:no-review-incentives"


def test_free_product_for_a_review_is_flagged(linter: Linter) -> None:
    text = "Leave an honest review and get a free bottle of our shampoo."
    assert _review_findings(linter, text) == [_at(text, "REV002", "free bottle")]


def test_refund_for_deleting_a_review_is_an_incentive_and_a_removal_request(linter: Linter) -> None:
    text = "We will refund you in full once you delete your review."
    assert _review_findings(linter, text) == [
        _at(text, "REV002", "refund"),
        _at(text, "REV004", "delete your review"),
    ]


def test_refund_tied_by_once_the_review_is_posted_is_flagged(linter: Linter) -> None:
    text = "Thank you for your order. We will refund 50% of the price once your review is posted. Have a lovely day."
    assert _review_findings(linter, text) == [_at(text, "REV002", "refund")]


def test_prize_draw_for_feedback_is_flagged(linter: Linter) -> None:
    text = "Post your feedback and we'll enter you into our monthly prize draw."
    assert _review_findings(linter, text) == [_at(text, "REV002", "prize draw")]


def test_paypal_money_for_a_review_is_flagged(linter: Linter) -> None:
    text = "Please write a review and send us a screenshot. We will then transfer $15 to your PayPal."
    assert _review_findings(linter, text) == [_at(text, "REV002", "PayPal")]


def test_refund_beside_a_neutral_review_request_is_not_an_incentive(linter: Linter) -> None:
    text = (
        "We have issued a partial refund of £8 for the scratch on the frame. "
        "If you have a moment, please share your experience on Amazon."
    )
    assert _review_findings(linter, text) == []


def test_refund_after_returning_the_item_is_not_an_incentive(linter: Linter) -> None:
    text = "Please return the item using the prepaid label. Once you've done so, we'll issue a full refund."
    assert _review_findings(linter, text) == []


def test_refund_to_the_gift_card_balance_is_not_a_gift_card_offer(linter: Linter) -> None:
    text = (
        "Your refund will be credited to your Amazon gift card balance. "
        "If you have a moment, please share your experience on Amazon."
    )
    assert _review_findings(linter, text) == []


# --- REV003 review-gating ------------------------------------------------------------------------


def test_happy_leave_a_review_not_happy_contact_us_first_is_gating(linter: Linter) -> None:
    text = "Happy with your order? Leave us a review! Not happy? Contact us first and we'll make it right."
    assert _review_findings(linter, text) == [
        _at(text, "REV003", "Happy with your order?"),
        _at(text, "REV003", "Contact us first"),
    ]


def test_if_satisfied_leave_feedback_if_not_message_us_is_gating(linter: Linter) -> None:
    text = "If you're satisfied please leave feedback, if not, message us."
    assert _review_findings(linter, text) == [_at(text, "REV003", "If you're satisfied")]


def test_contact_us_before_leaving_negative_feedback_is_gating(linter: Linter) -> None:
    text = "Before leaving negative feedback, please contact us so we can resolve the issue."
    assert _review_findings(linter, text) == [_at(text, "REV003", "Before leaving negative feedback")]


def test_contact_us_instead_of_a_bad_review_is_gating(linter: Linter) -> None:
    text = "Please contact us instead of leaving a bad review. We always reply within 24 hours."
    assert _review_findings(linter, text) == [_at(text, "REV003", "instead of leaving a bad review")]


def test_otherwise_after_a_problem_branch_is_gating(linter: Linter) -> None:
    text = "If anything is wrong, please message us first. Otherwise, we'd love a review!"
    assert _review_findings(linter, text) == [
        _at(text, "REV003", "message us first"),
        _at(text, "REV003", "Otherwise"),
    ]


def test_british_if_so_after_chuffed_is_gating(linter: Linter) -> None:
    text = "We hope you're chuffed with the new lamp! If so, we'd be grateful for a review."
    assert _review_findings(linter, text) == [_at(text, "REV003", "If so")]


def test_contact_us_first_without_a_review_request_is_not_gating(linter: Linter) -> None:
    text = "If the item arrives damaged, please contact us first so we can send a replacement."
    assert _review_findings(linter, text) == []


def test_help_offered_separately_from_a_neutral_request_is_not_gating(linter: Linter) -> None:
    text = (
        "If you have a moment, please share your experience on Amazon. "
        "If anything is wrong with your order, we are here to help."
    )
    assert _review_findings(linter, text) == []


def test_british_if_you_like_meaning_if_you_wish_is_not_a_condition(linter: Linter) -> None:
    text = "If you like, you can keep the damaged item. If you have a moment, please leave a review on Amazon."
    assert _review_findings(linter, text) == []


def test_happy_question_without_a_review_request_is_not_gating(linter: Linter) -> None:
    text = "Are you happy with the replacement? Please let us know so we can close the case."
    assert _review_findings(linter, text) == []


# --- REV004 review-removal-or-change-request ----------------------------------------------------


def test_polite_request_to_update_a_one_star_review_is_flagged(linter: Linter) -> None:
    text = "Now that the replacement has arrived, could you kindly update your 1-star review?"
    assert _review_findings(linter, text) == [_at(text, "REV004", "update your 1-star review")]


def test_request_to_remove_negative_feedback_is_flagged(linter: Linter) -> None:
    text = "Please remove the negative feedback, we have already refunded you."
    assert _review_findings(linter, text) == [_at(text, "REV004", "remove the negative feedback")]


def test_request_to_take_down_feedback_is_flagged(linter: Linter) -> None:
    text = "Is it possible to take down the feedback you left last week?"
    assert _review_findings(linter, text) == [_at(text, "REV004", "take down the feedback")]


def test_change_request_naming_the_review_by_pronoun_is_flagged(linter: Linter) -> None:
    text = "Hello, because your review was negative, we'd like to offer 20 dollars via PayPal if you update it."
    assert _review_findings(linter, text) == [
        _at(text, "REV002", "PayPal"),
        _at(text, "REV004", "update it"),
    ]


def test_seller_saying_it_cannot_remove_reviews_is_not_a_request(linter: Linter) -> None:
    text = "We cannot remove or edit reviews; only Amazon can do that."
    assert _review_findings(linter, text) == []


def test_asking_amazon_to_remove_feedback_is_not_a_request_to_the_buyer(linter: Linter) -> None:
    text = "We have asked Amazon to remove the feedback, as it is about the carrier's delay."
    assert _review_findings(linter, text) == []


def test_thanking_for_an_updated_review_is_not_a_request(linter: Linter) -> None:
    text = "Thank you for updating your review, we really appreciate it."
    assert _review_findings(linter, text) == []


# --- REV005 third-party-review-request ----------------------------------------------------------


def test_asking_friends_to_review_is_flagged_on_who_is_asked(linter: Linter) -> None:
    text = "Loved the scarf? Ask your friends to review it on Amazon too!"
    assert _review_findings(linter, text) == [
        _at(text, "REV003", "Loved the scarf?"),
        _at(text, "REV005", "Ask your friends"),
    ]


def test_share_with_family_and_ask_them_to_rate_is_flagged(linter: Linter) -> None:
    text = "Please share the listing with family and ask them to rate it."
    assert _review_findings(linter, text) == [_at(text, "REV005", "share the listing with family")]


def test_spouse_reviewing_from_her_account_is_flagged(linter: Linter) -> None:
    text = "Your wife can also leave a review from her account, every review helps."
    assert _review_findings(linter, text) == [_at(text, "REV005", "Your wife")]


def test_third_party_named_before_ask_them_is_flagged(linter: Linter) -> None:
    text = "If your colleagues enjoyed the coffee too, please ask them to leave a review on Amazon."
    assert _review_findings(linter, text) == [_at(text, "REV005", "ask them")]


def test_asking_family_to_sign_for_a_parcel_is_not_a_review_request(linter: Linter) -> None:
    text = "Ask your family to sign for the parcel if you are not at home on Tuesday."
    assert _review_findings(linter, text) == []


# --- obfuscation: spans point into what the seller wrote -------------------------------------------


def test_leetspeak_review_is_flagged_with_its_original_spelling(linter: Linter) -> None:
    text = "Please leave us a 5-star r3view, it really helps!"
    assert _review_findings(linter, text) == [_at(text, "REV001", "5-star r3view")]


def test_spaced_letters_are_flagged_with_the_spaces(linter: Linter) -> None:
    text = "Please r e m o v e the n e g a t i v e f e e d b a c k, we fixed it."
    assert _review_findings(linter, text) == [_at(text, "REV004", "r e m o v e the n e g a t i v e f e e d b a c k")]


def test_zero_width_characters_stay_inside_the_span(linter: Linter) -> None:
    hidden = "r\u200be\u200bv\u200bi\u200be\u200bw"
    text = f"Your order has arrived. Kindly leave a 5-star {hidden}, thank you!"
    assert _review_findings(linter, text) == [_at(text, "REV001", f"5-star {hidden}")]


def test_cyrillic_homoglyphs_are_flagged(linter: Linter) -> None:
    text = "Could you kindly dеlеtе your rеvіеw? We refunded you."  # е, і are Cyrillic
    assert _review_findings(linter, text) == [_at(text, "REV004", "dеlеtе your rеvіеw")]


def test_full_width_letters_are_flagged(linter: Linter) -> None:
    text = "ＬＥＡＶＥ Ａ ＲＥＶＩＥＷ ＡＮＤ ＧＥＴ ＡＮ ＥＸＴＥＮＤＥＤ ＷＡＲＲＡＮＴＹ"
    assert _review_findings(linter, text) == [_at(text, "REV002", "ＥＸＴＥＮＤＥＤ ＷＡＲＲＡＮＴＹ")]


def test_full_width_condition_with_capital_i_is_flagged(linter: Linter) -> None:
    condition = "Ｉｆ\u3000ｙｏｕ\u3000ａｒｅ\u3000ｈａｐｐｙ"
    text = f"{condition}, please leave feedback on Amazon."
    assert _review_findings(linter, text) == [_at(text, "REV003", condition)]


def test_all_caps_is_flagged(linter: Linter) -> None:
    text = "THANK YOU FOR YOUR ORDER!!! PLEASE LEAVE US FIVE STARS ON AMAZON!!!"
    assert _review_findings(linter, text) == [_at(text, "REV001", "FIVE STARS")]


def test_spaced_offer_after_an_article_is_flagged(linter: Linter) -> None:
    text = "Post your feedback and receive a g i f t c a r d worth $20."
    assert _review_findings(linter, text) == [_at(text, "REV002", "g i f t c a r d")]


def test_double_space_inside_an_offer_is_flagged(linter: Linter) -> None:
    text = "Leave a review and get a free  gift!"
    assert _review_findings(linter, text) == [_at(text, "REV002", "free  gift")]


# --- precision traps: ordinary order talk is never flagged ------------------------------------------

TRAPS = [
    "Your refund request is under review and we'll update you within 24 hours.",
    "We reviewed your photos and agree the lid arrived cracked.",
    "Our team will review the case and get back to you by Monday.",
    "Feedback on the sizing helps us improve. If you have a moment, please share your experience on Amazon.",
    "If you have a moment, please share your experience with the product on Amazon.",
    "Please leave a review on Amazon if you have a moment. Thank you for shopping with us!",
    "The refund has been processed and should reach your card within 3-5 working days.",
    "We appreciate your feedback and have passed it on to our product team.",
    "The rate of delivery depends on the courier; most parcels arrive within two days.",
    "We are reviewing the damage claim and will contact the carrier today.",
    "We're sending you a free replacement today. No need to return the faulty one.",
    "Please review the attached invoice and let us know if anything is wrong.",
    "Please update your shipping address in your account so the replacement reaches you.",
    "The discount code you used at checkout has been applied, so the total was $18.50.",
    "If you're satisfied with the resolution, please let us know and we will close the case.",
    "For your review, we've attached the return label and the packing slip.",
    "Thanks for your message. The 5-star energy rating applies to the 240V model only.",
    "Order 123-4567890-1234567 ships today; tracking 1Z999AA10123456784.",
    "Please remove it from the packaging before charging, then update the app.",
    "You can leave the parcel with a neighbour and we'll refund the postage.",
    "Thank you for your review. We are sending a replacement today, free of charge.",
]


@pytest.mark.parametrize("text", TRAPS)
def test_trap_is_never_flagged(text: str, linter: Linter) -> None:
    assert _review_findings(linter, text) == []


# --- disguised words: read as the one lexicon word they can stand for ------------------------------


def test_masked_letters_are_read_as_the_rating_they_hide(linter: Linter) -> None:
    text = "Please leave us g*od feedb@ck, it helps our small shop."
    assert _review_findings(linter, text) == [_at(text, "REV001", "g*od feedb@ck")]


def test_masked_change_request_is_flagged_on_the_request(linter: Linter) -> None:
    text = "Now the replacement has arrived, could you d*lete y*ur rev!ew?"
    assert _review_findings(linter, text) == [_at(text, "REV004", "d*lete y*ur rev!ew")]


def test_masked_offer_is_flagged(linter: Linter) -> None:
    text = "Leave a review and we'll send you a fr*e b*ttle of shampoo."
    assert _review_findings(linter, text) == [_at(text, "REV002", "fr*e b*ttle")]


def test_masked_contraction_and_bang_before_a_symbol_still_gate(linter: Linter) -> None:
    text = "If y*u're s@t!$f!ed please leave feedback, if not, message us."
    assert _review_findings(linter, text) == [_at(text, "REV003", "If y*u're s@t!$f!ed")]


def test_leetspeak_with_many_digits_is_read_when_it_spells_a_lexicon_word(linter: Linter) -> None:
    text = "Please leave only p05171v3 f33db4ck, we work very hard."
    assert _review_findings(linter, text) == [_at(text, "REV001", "p05171v3 f33db4ck")]


def test_leetspeak_change_request_is_flagged(linter: Linter) -> None:
    text = "Kindly d3l373 th3 f33db4ck about the late delivery."
    assert _review_findings(linter, text) == [_at(text, "REV004", "d3l373 th3 f33db4ck")]


def test_dotted_letters_after_leetspeak_are_read_as_one_word(linter: Linter) -> None:
    text = "Your item was delivered. P.O.S.I.T.I.V.E f33d.b.a.c.k would make our day!"
    assert _review_findings(linter, text) == [_at(text, "REV001", "P.O.S.I.T.I.V.E f33d.b.a.c.k")]


def test_ambiguous_masked_word_is_not_guessed(linter: Linter) -> None:
    # "g*t" is "get" or "got", "n*w" is "new" or "now": the checker does not pick one.
    text = "We g*t your message n*w and will reply today."
    assert _review_findings(linter, text) == []


def test_masked_compliant_message_stays_clean(linter: Linter) -> None:
    text = "Y*ur r*fund h@s b**n pr*cessed; th* r*placement sh*ps t*morrow. Please r*view the invoice."
    assert _review_findings(linter, text) == []


def test_codes_and_measures_are_not_read_as_words(linter: Linter) -> None:
    text = "Tracking 1Z999AA10123456784, model B07XYZ1234, 4 m3 screws, 10am delivery. Please leave feedback."
    assert _review_findings(linter, text) == []


def test_gift_emoji_reads_as_a_gift(linter: Linter) -> None:
    text = "Leave us a review and get a free 🎁!"
    assert _review_findings(linter, text) == [_at(text, "REV002", "free 🎁")]


def test_free_emoji_reads_as_free(linter: Linter) -> None:
    text = "Leave an honest review and get a 🆓 bottle of our shampoo."
    assert _review_findings(linter, text) == [_at(text, "REV002", "🆓 bottle")]


def test_count_hyphen_star_emoji_is_a_rating(linter: Linter) -> None:
    text = "A quick 5-⭐ review would really make our week."
    assert _review_findings(linter, text) == [_at(text, "REV001", "5-⭐")]


def test_change_request_for_a_star_emoji_review_is_flagged(linter: Linter) -> None:
    text = "Could you kindly update your 1-⭐ review?"
    assert _review_findings(linter, text) == [_at(text, "REV004", "update your 1-⭐ review")]


def test_star_emoji_after_an_average_score_is_not_a_request(linter: Linter) -> None:
    text = "The listing says 4.5 ⭐⭐⭐⭐⭐ because Amazon averages all ratings; we can't change that."
    assert _review_findings(linter, text) == []


def test_spaced_word_split_after_a_leading_a_is_read_whole(linter: Linter) -> None:
    text = "Would you be willing to a m e n d   y o u r   r e v i e w if we send a replacement?"
    assert _review_findings(linter, text) == [_at(text, "REV004", "a m e n d   y o u r   r e v i e w")]


def test_spaced_amazon_stays_the_subject(linter: Linter) -> None:
    text = "A m a z o n   m a y   r e m o v e   r e v i e w s   t h a t   m e n t i o n   s h i p p i n g."
    assert _review_findings(linter, text) == []


def test_letters_spaced_wider_than_words_are_joined(linter: Linter) -> None:
    text = "Please leave a p   o   s   i   t   i   v   e   r   e   v   i   e   w on Amazon."
    assert _review_findings(linter, text) == [
        _at(text, "REV001", "p   o   s   i   t   i   v   e   r   e   v   i   e   w")
    ]


def test_longest_spaced_word_is_read_first(linter: Linter) -> None:
    # "t h e n e g a t i v e": "the negative", not "then egative".
    text = "Please r   e   m   o   v   e   t h e   n   e   g   a   t   i   v   e   f e e d b a c k, thanks."
    assert _review_findings(linter, text) == [_at(text, "REV004", text[7 : text.index(",")])]


def test_spaced_letters_after_a_number_keep_the_number(linter: Linter) -> None:
    text = "Please kindly leave 5   s t a r s feedback for us."
    assert _review_findings(linter, text) == [_at(text, "REV001", "5   s t a r s")]


def test_words_run_together_are_cut_into_lexicon_words(linter: Linter) -> None:
    text = "We will refund you in full once you deleteyourreview."
    assert _review_findings(linter, text) == [
        _at(text, "REV002", "refund"),
        _at(text, "REV004", "deleteyourreview"),
    ]


def test_run_together_contraction_is_cut(linter: Linter) -> None:
    text = "Ifyou'resatisfied please leave feedback, if not, message us."
    assert _review_findings(linter, text) == [_at(text, "REV003", "Ifyou'resatisfied")]


def test_run_together_compliant_message_stays_clean(linter: Linter) -> None:
    text = "YourrefundwillbecreditedtoyourAmazongiftcardbalance.Ifyouhaveamoment,pleaseshareyourexperienceonAmazon."
    assert _review_findings(linter, text) == []


def test_run_together_praise_is_cut_into_words_not_folded_forms(linter: Linter) -> None:
    # "astar" is what the folding makes of "4star"; "you'reastar" is "you're a star".
    assert _review_findings(linter, "Happytohelpanytime,you'reastar!") == []


def test_long_ordinary_words_are_not_cut(linter: Linter) -> None:
    text = "Unfortunately the replacement arrived late; everything is sorted now and we apologise wholeheartedly."
    assert _review_findings(linter, text) == []


# --- configuration ------------------------------------------------------------------------------


def test_configured_extra_term_reports_its_rule() -> None:
    linter = msglint.Linter(config={"extra-terms": {"REV001": ["top marks please"]}})
    text = "Enjoy the kettle, and top marks please!"
    assert _review_findings(linter, text) == [_at(text, "REV001", "top marks please")]
