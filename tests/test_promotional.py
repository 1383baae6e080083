"""The promotional checker: offers, sales and follow-ups are reported; remedies and order facts are not."""

from __future__ import annotations

import pytest

import msglint
from msglint import Linter
from msglint.checkers.base import load_lexicon
from msglint.nlp import pattern_as_phrases

Found = list[tuple[str, int, int, str]]


def promotional(linter: Linter, text: str) -> Found:
    """(rule, start, end, text) of every promotional finding, in text order."""
    return [
        (f.rule, f.span.start, f.span.end, f.text)
        for f in linter.lint(text).findings
        if f.category is not None and f.category.value == "promotional"
    ]


# --- discount codes -----------------------------------------------------------------------------


def test_promo_code_is_reported_with_the_code_that_follows(linter: Linter) -> None:
    text = "Use promo code SPRING20 for 20% off anything in our range!"
    assert promotional(linter, text) == [("PRO001", 4, 23, "promo code SPRING20"), ("PRO002", 28, 35, "20% off")]


def test_bare_code_without_an_offer_is_a_locker_pin(linter: Linter) -> None:
    assert promotional(linter, "Use code 482913 to collect your parcel from the locker.") == []


def test_code_the_buyer_already_used_on_this_order_is_a_fact(linter: Linter) -> None:
    assert promotional(linter, "The promo code you used was applied to this order.") == []


def test_code_offered_as_an_apology_is_still_a_discount_code(linter: Linter) -> None:
    text = "Sorry for the delay. Here is a coupon code for your trouble: SORRY10."
    assert promotional(linter, text) == [("PRO001", 31, 42, "coupon code")]


# --- discounts on future purchases --------------------------------------------------------------


def test_discount_takes_in_the_future_purchase_it_is_tied_to(linter: Linter) -> None:
    assert promotional(linter, "Enjoy 10% off your next order with us.") == [
        ("PRO002", 6, 37, "10% off your next order with us")
    ]


def test_money_off_when_buying_again(linter: Linter) -> None:
    assert promotional(linter, "We'd like to give you £5 off when you buy again.") == [
        ("PRO002", 22, 47, "£5 off when you buy again")
    ]


def test_free_delivery_over_a_spending_threshold(linter: Linter) -> None:
    assert promotional(linter, "Free delivery on all orders over £20 this month!") == [
        ("PRO002", 0, 36, "Free delivery on all orders over £20")
    ]


def test_future_purchase_nearer_than_the_apology_makes_an_offer(linter: Linter) -> None:
    assert promotional(linter, "Sorry for the delay, so here is 10% off your next order.") == [
        ("PRO002", 32, 55, "10% off your next order")
    ]


def test_partial_refund_to_keep_the_item_is_a_remedy(linter: Linter) -> None:
    assert promotional(linter, "We can take 10% off the price as a partial refund if you keep the item.") == []


@pytest.mark.parametrize(
    "text",
    [
        "We've refunded 20% for the delay.",
        "We've refunded 20% of the price for the delay.",
        "A free replacement is on its way; you don't need to return the broken one.",
        "The sale price was applied at checkout, so you paid the reduced amount.",
        "Our card reader at the point of sale failed, so we refunded the duplicate payment.",
        "This listing is for a refurbished unit, and the unit is not for resale.",
        "The vase is for sale as a single item; the stand in the photo is not included.",
        "We are sorry, the item is out of stock, and you have been refunded in full.",
        "The discount you received has been applied to this order.",
        "Your order qualified for free delivery, so there was no postage charge.",
        "Please check out the instructions in the manual before using the blender.",
        "Because of Black Friday volumes, your parcel may take an extra day.",
        "We have arranged a new collection of the return parcel for Wednesday.",
        "Your tracking code is 1Z999AA10123456784.",
    ],
)
def test_compensation_and_order_facts_are_never_promotion(linter: Linter, text: str) -> None:
    assert promotional(linter, text) == []


def test_review_reward_alone_is_left_to_the_review_checker(linter: Linter) -> None:
    assert promotional(linter, "Leave us 5 stars and get 10% off!") == []


def test_review_reward_on_the_next_order_is_also_promotion(linter: Linter) -> None:
    assert promotional(linter, "Leave a 5-star review and get 10% off your next order.") == [
        ("PRO002", 30, 53, "10% off your next order")
    ]


# --- sales, new products, cross-selling ---------------------------------------------------------


def test_named_sale_is_announced(linter: Linter) -> None:
    assert promotional(linter, "Our summer sale starts Friday.") == [("PRO003", 4, 15, "summer sale")]


def test_shopping_event_counts_only_with_its_deals(linter: Linter) -> None:
    assert promotional(linter, "Black Friday deals start tomorrow.") == [("PRO003", 0, 18, "Black Friday deals")]


def test_persuasive_negation_still_sells(linter: Linter) -> None:
    assert promotional(linter, "You won't want to miss our summer sale.") == [("PRO003", 27, 38, "summer sale")]


def test_new_collection_of_the_store_is_announced(linter: Linter) -> None:
    assert promotional(linter, "Our new autumn collection is now live!") == [
        ("PRO004", 0, 25, "Our new autumn collection")
    ]


def test_recommendation_of_other_products_is_cross_selling(linter: Linter) -> None:
    assert promotional(linter, "You might also like our matching bulbs.") == [
        ("PRO005", 0, 23, "You might also like our")
    ]


def test_british_may_also_like_to_know_is_politeness(linter: Linter) -> None:
    text = "You may also like to know that the replacement has already been dispatched."
    assert promotional(linter, text) == []


# --- store, newsletter, loyalty, giveaways, buying again ----------------------------------------


def test_invitation_to_visit_the_store(linter: Linter) -> None:
    assert promotional(linter, "Please visit our Amazon storefront to see more.") == [
        ("PRO006", 7, 34, "visit our Amazon storefront")
    ]


def test_follow_up_with_the_courier_is_order_talk(linter: Linter) -> None:
    assert promotional(linter, "We will follow up with the courier tomorrow.") == []


def test_follow_us_on_a_network_leaves_the_handle_to_external_contact(linter: Linter) -> None:
    assert promotional(linter, "Follow us on Instagram @cosyhomeuk for styling ideas.") == [
        ("PRO006", 0, 9, "Follow us")
    ]


def test_newsletter_sign_up(linter: Linter) -> None:
    assert promotional(linter, "Sign up for our newsletter.") == [
        ("PRO007", 0, 15, "Sign up for our"),
        ("PRO007", 16, 26, "newsletter"),
    ]


def test_statement_that_denies_a_newsletter_is_not_one(linter: Linter) -> None:
    assert promotional(linter, "We do not send newsletters or marketing emails.") == []


def test_loyalty_programme(linter: Linter) -> None:
    assert promotional(linter, "Join our loyalty programme today.") == [("PRO008", 9, 26, "loyalty programme")]


def test_thanks_for_loyalty_is_a_courtesy(linter: Linter) -> None:
    assert promotional(linter, "Thank you for your loyalty and patience.") == []


def test_giveaway_and_chance_to_win(linter: Linter) -> None:
    assert promotional(linter, "Enter our giveaway for a chance to win a hamper.") == [
        ("PRO009", 10, 18, "giveaway"),
        ("PRO009", 25, 38, "chance to win"),
    ]


def test_winning_back_trust_is_not_a_prize(linter: Linter) -> None:
    assert promotional(linter, "We hope to win back your trust.") == []


def test_push_to_stock_up(linter: Linter) -> None:
    assert promotional(linter, "Stock up before it's gone!") == [
        ("PRO010", 0, 8, "Stock up"),
        ("PRO010", 9, 25, "before it's gone"),
    ]


def test_placing_a_failed_order_again_is_order_talk(linter: Linter) -> None:
    text = "Your order was cancelled because the payment failed. Please place a new order when you are ready."
    assert promotional(linter, text) == []


def test_seller_reordering_from_a_supplier_is_order_talk(linter: Linter) -> None:
    assert promotional(linter, "We have had to reorder the part from our supplier.") == []


# --- evasion: spans point at what the seller typed ----------------------------------------------


def test_leetspeak_offer(linter: Linter) -> None:
    assert promotional(linter, "G3t 20% 0FF y0ur n3xt 0rder.") == [("PRO002", 4, 27, "20% 0FF y0ur n3xt 0rder")]


def test_zero_width_characters_inside_words(linter: Linter) -> None:
    assert promotional(linter, "Your d\u200biscount c\u200bode is EXTRA5.") == [
        ("PRO001", 5, 20, "d\u200biscount c\u200bode")
    ]


def test_full_width_code(linter: Linter) -> None:
    assert promotional(linter, "ＰＲＯＭＯ ＣＯＤＥ: ＢＡＣＫ１０") == [
        ("PRO001", 0, 18, "ＰＲＯＭＯ ＣＯＤＥ: ＢＡＣＫ１０")
    ]


def test_cyrillic_homoglyphs(linter: Linter) -> None:
    assert promotional(linter, "Here is a соupоn for your next visit.") == [("PRO001", 10, 16, "соupоn")]


def test_spaced_out_words_across_the_gap_between_them(linter: Linter) -> None:
    assert promotional(linter, "F R E E  S H I P P I N G on your next order!") == [
        ("PRO002", 0, 43, "F R E E  S H I P P I N G on your next order")
    ]


def test_percentage_glued_to_off(linter: Linter) -> None:
    assert promotional(linter, "Get 10%off everything this weekend.") == [("PRO002", 4, 21, "10%off everything")]


def test_all_capitals(linter: Linter) -> None:
    assert promotional(linter, "SAVE 25% ON ALL ORDERS THIS WEEKEND!") == [("PRO002", 0, 22, "SAVE 25% ON ALL ORDERS")]


def test_masked_letters_and_symbols_in_a_code(linter: Linter) -> None:
    assert promotional(linter, "As a thank you, u$e c*de TH@NKYOU15 on your next order.") == [
        ("PRO001", 16, 35, "u$e c*de TH@NKYOU15")
    ]


def test_masked_negation_still_denies_the_offer(linter: Linter) -> None:
    assert promotional(linter, "We do n*t r*n any g!ve@w@y$ or pr!ze dr@w$.") == []


def test_masked_word_with_two_readings_is_read_both_ways(linter: Linter) -> None:
    # "n*w" is "new" before "range" and "now" after "in store"
    assert promotional(linter, "O*r n*w range is here, and it is in st*re n*w!") == [
        ("PRO004", 0, 13, "O*r n*w range"),
        ("PRO004", 33, 45, "in st*re n*w"),
    ]


def test_masked_compliant_message_keeps_its_order_facts(linter: Linter) -> None:
    text = "The l!ghtn!ng de@l pr!ce w@$ h*noured, so y*u p@!d £19.99 as sh*wn."
    assert promotional(linter, text) == []


def test_leetspeak_with_more_digits_than_a_code_reads_as_a_lexicon_word(linter: Linter) -> None:
    assert promotional(linter, "We've created a sp3c14l d15c0un7 ju57 f0r y0u.") == [
        ("PRO002", 16, 45, "sp3c14l d15c0un7 ju57 f0r y0u")
    ]


def test_leetspeak_remedy_cue_keeps_a_replacement_clean(linter: Linter) -> None:
    text = "We c4n off3r e4rly acc355 to th3 r3pl4c3m3n7 s70ck as s00n as it arr1v35."
    assert promotional(linter, text) == []


def test_tracking_codes_are_never_read_as_words(linter: Linter) -> None:
    assert promotional(linter, "Your tracking code is 1Z999AA10123456784 and the locker PIN is 4821.") == []


def test_emoji_standing_for_free_and_gift(linter: Linter) -> None:
    assert promotional(linter, "Claim your 🆓 🎁 with your next order.") == [
        ("PRO002", 11, 35, "🆓 🎁 with your next order")
    ]


def test_dots_left_inside_a_word(linter: Linter) -> None:
    assert promotional(linter, "Exclusive de.als for you this Cyber Monday!") == [("PRO003", 10, 24, "de.als for you")]


def test_letters_spaced_wider_than_the_fold_joins(linter: Linter) -> None:
    assert promotional(linter, "F   R   E   E      S   H   I   P   P   I   N   G on your next order!") == [
        ("PRO002", 0, 67, "F   R   E   E      S   H   I   P   P   I   N   G on your next order")
    ]


def test_spaced_word_starting_with_a_is_not_an_article(linter: Linter) -> None:
    # "a p p l y" and "a l r e a d y" are words, so the order facts around them still count
    text = "Y o u r   p r o m o   w a s   a l r e a d y   t a k e n   o f f   t h e   t o t a l."
    assert promotional(linter, text) == []


def test_spaced_letters_cut_into_words_where_the_fold_ran_them_together(linter: Linter) -> None:
    # The folded view reads "a w a y a" as "away a", so the finding is the one the words written out get
    # ("giving away" in "we're giving away a free mug").
    text = "Don't forget – we're g i v i n g   a w a y a free mug to every 100th customer!"
    assert promotional(linter, text) == [("PRO009", 21, 42, "g i v i n g   a w a y")]
    assert promotional(linter, "Don't forget – we're giving away a free mug to every 100th customer!") == [
        ("PRO009", 21, 32, "giving away")
    ]


def test_phrase_written_without_spaces(linter: Linter) -> None:
    assert promotional(linter, "Enjoy 10%offyournextorder.") == [("PRO002", 6, 25, "10%offyournextorder")]


def test_code_run_together_with_its_words(linter: Linter) -> None:
    assert promotional(linter, "As a thank you, usecodeTHANKYOU15 on your next order.") == [
        ("PRO001", 16, 33, "usecodeTHANKYOU15")
    ]


def test_run_together_compliant_message_keeps_its_cancellation(linter: Linter) -> None:
    text = "Weareoutofolive,sowehavecancelledthatitem;youcanbuyitagainwhenitisback."
    assert promotional(linter, text) == []


def test_store_that_does_not_offer_discounts_denies_them(linter: Linter) -> None:
    assert promotional(linter, "Sorry, our store doesn't offer discounts for repeat orders.") == []


def test_offer_in_the_middle_of_a_multi_line_template(linter: Linter) -> None:
    text = (
        "Hello Mrs Evans,\n\nYour shelf was dispatched today with DPD.\n"
        "As a valued customer, enjoy 20% off our entire range with code OAK20 until Sunday.\n\n"
        "Best wishes,\nGreenwood"
    )
    assert promotional(linter, text) == [
        ("PRO002", 88, 112, "20% off our entire range"),
        ("PRO001", 113, 128, "with code OAK20"),
    ]


# --- documentation, configuration, data --------------------------------------------------------


def test_finding_carries_the_rule_message_suggestion_and_clause(linter: Linter) -> None:
    finding = linter.lint("Our summer sale starts Friday.").findings[0]
    rule = linter.rule("PRO003")
    assert (finding.name, finding.message, finding.suggestion, finding.policy) == (
        "sale-or-deal",
        rule.message,
        rule.suggestion,
        "amazon:no-promotion",
    )


def test_user_terms_become_phrases_of_their_rule() -> None:
    custom = msglint.Linter(config={"extra-terms": {"PRO003": ["mega drop"]}})
    assert promotional(custom, "Our mega drop is live.") == [("PRO003", 4, 13, "mega drop")]


def test_pattern_of_plain_words_expands_to_phrases() -> None:
    pattern = [{"LOWER": "you"}, {"LOWER": {"IN": ["may", "might"]}}, {"LOWER": "also", "OP": "?"}, {"LOWER": "like"}]
    assert pattern_as_phrases(pattern) == ("you may also like", "you may like", "you might also like", "you might like")


def test_every_lexicon_pattern_runs_as_phrases_not_as_matcher_patterns() -> None:
    # A Matcher pattern costs time at every token of every message; the lexicon must not need one.
    patterns = [entry.pattern for entry in load_lexicon("en", "promotional") if entry.pattern is not None]
    assert patterns
    assert [p for p in patterns if pattern_as_phrases(p) is None] == []


# --- selling said without a listed word (frames) -------------------------------------------------


def test_a_product_of_ours_with_a_price_is_a_pitch(linter: Linter) -> None:
    text = "Order shipped. We stock spare glass jugs for this cafetière, £9 each."
    assert promotional(linter, text) == [("PRO005", 15, 68, "We stock spare glass jugs for this cafetière, £9 each")]


def test_a_spare_sent_for_a_broken_one_is_a_remedy(linter: Linter) -> None:
    text = "We've sent a spare glass jug free of charge because the first one arrived cracked."
    assert promotional(linter, text) == []


def test_a_referral_with_a_reward_across_two_sentences(linter: Linter) -> None:
    text = "Know anyone who would like one? Send them to us and we'll post you a free gift."
    assert promotional(linter, text) == [
        ("PRO008", 0, 73, "Know anyone who would like one? Send them to us and we'll post you a free")
    ]


def test_a_friend_collecting_the_parcel_is_no_referral(linter: Linter) -> None:
    assert promotional(linter, "A friend of yours can collect the parcel if you give them the order number.") == []


def test_a_quantity_deal_tied_to_a_review_is_left_to_the_review_checker(linter: Linter) -> None:
    assert promotional(linter, "Reviewers get a second pair of insoles free.") == []


def test_a_price_cut_to_make_up_for_this_order_is_a_remedy(linter: Linter) -> None:
    text = "We're sorry about the wait: every lamp in your parcel was marked down this week to make up for it."
    assert promotional(linter, text) == []
