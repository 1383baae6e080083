"""The external-contact checker: links, emails, phone numbers, platforms, payment, contact and orders off Amazon.

Every test asserts exact rule codes and exact spans into the text the seller wrote.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import requests

import msglint
from msglint import Linter, Severity


def found(linter: Linter, text: str, **metadata: str) -> list[tuple[str, str]]:
    """(rule, exact original text) of every external-contact finding, checking each span maps to its text."""
    report = linter.lint({"text": text, **metadata} if metadata else text)
    result = []
    for f in report.findings:
        if f.rule.startswith("EXT"):
            assert text[f.span.start : f.span.end] == f.text
            result.append((f.rule, f.text))
    return result


def spans(linter: Linter, text: str) -> list[tuple[str, int, int]]:
    return [(f.rule, f.span.start, f.span.end) for f in linter.lint(text).findings if f.rule.startswith("EXT")]


# --- links ------------------------------------------------------------------------------------


def test_link_with_scheme_ends_before_trailing_punctuation(linter: Linter) -> None:
    text = "The returns guide is at https://shop-example.co.uk/returns."
    assert spans(linter, text) == [("EXT001", 24, 58)]
    assert found(linter, text) == [("EXT001", "https://shop-example.co.uk/returns")]


def test_link_in_brackets_keeps_balanced_and_drops_unbalanced_brackets(linter: Linter) -> None:
    text = "Manual (see http://example.com/manual_(v2)) and [www.example.net]"
    assert found(linter, text) == [
        ("EXT001", "http://example.com/manual_(v2)"),
        ("EXT001", "www.example.net"),
    ]


def test_www_link_without_scheme(linter: Linter) -> None:
    text = "Sorry for the wait! The whole range is at www.brightlamps.net, lots more colours."
    assert found(linter, text) == [("EXT001", "www.brightlamps.net")]


def test_bare_domain_with_a_real_suffix_and_path(linter: Linter) -> None:
    text = "Size guide: shop-example.co.uk/returns, the M fits."
    assert found(linter, text) == [("EXT001", "shop-example.co.uk/returns")]


@pytest.mark.parametrize(
    "text",
    [
        "The manual is attached as manual.pdf and the driver as setup.zip.",
        "The firmware is written in node.js, e.g. the dimmer, v2.5 is the newest.",
        "The total is 1,420.00 and the deposit 250.00.",
        "I attached photo.jpg and readme.md so you can see the label.",
        "Invalid example.invalid and example.coma are not domains.",
    ],
)
def test_file_names_numbers_and_abbreviations_are_not_links(linter: Linter, text: str) -> None:
    assert found(linter, text) == []


def test_sentence_end_without_a_space_is_not_a_link(linter: Linter) -> None:
    text = "It arrived today.Thanks for waiting. Sorry it.it took long. We shipped it.today arrives"
    assert found(linter, text) == []


def test_suffix_that_is_also_a_file_extension_needs_more_evidence(linter: Linter) -> None:
    assert found(linter, "Unpack setup.zip first.") == []
    assert found(linter, "Download it from https://setup.zip/file first.") == [("EXT001", "https://setup.zip/file")]
    assert found(linter, "Visit setup.zip for the files.") == [("EXT001", "setup.zip")]


def test_ip_address_link(linter: Linter) -> None:
    text = "The firmware is on our server 203.0.113.25/downloads, install it first."
    assert found(linter, text) == [("EXT001", "203.0.113.25/downloads")]


def test_dot_spelled_out_is_a_disguised_link(linter: Linter) -> None:
    text = "More colours at shopexample dot com, have a look."
    assert found(linter, text) == [("EXT001", "shopexample dot com")]
    assert "written in disguise" in linter.lint(text).findings[0].message


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Manual at example[.]com/manual, page 4.", "example[.]com/manual"),
        ("Refills at refillking(.)co(.)uk, thanks.", "refillking(.)co(.)uk"),
        ("Guide on brightlamps[dot]co[dot]uk/video.", "brightlamps[dot]co[dot]uk/video"),
        ("The catalogue: www . cosyhome . net / manual", "www . cosyhome . net"),
        ("Visit us: cosyhome .co .uk", "cosyhome .co .uk"),
    ],
)
def test_bracketed_and_spaced_dots_are_disguised_links(linter: Linter, text: str, link: str) -> None:
    assert found(linter, text) == [("EXT001", link)]


def test_disguised_dot_before_an_everyday_word_needs_a_link_word(linter: Linter) -> None:
    assert found(linter, "Our shop: cosyhome dot it") == [("EXT001", "cosyhome dot it")]
    assert found(linter, "There is a small dot in the corner and a dot on the lid.") == []


@pytest.mark.parametrize("scheme", ["hxxps", "h**ps", "hxxp"])
def test_disguised_scheme(linter: Linter, scheme: str) -> None:
    text = f"The cheaper shop is {scheme}://deals-corner.com/uk today."
    assert found(linter, text) == [("EXT001", f"{scheme}://deals-corner.com/uk")]


def test_homoglyph_letters_in_an_external_domain(linter: Linter) -> None:
    text = "The guide is at ѕhopexample.com/guide (page 3)."  # Cyrillic 'ѕ'
    assert spans(linter, text) == [("EXT001", 16, 37)]


def test_zero_width_space_inside_a_domain(linter: Linter) -> None:
    text = "Please see kitchen\u200bhelpers.net for the recipe cards."
    assert found(linter, text) == [("EXT001", "kitchen\u200bhelpers.net")]


@pytest.mark.parametrize(
    "text",
    [
        "Start the return at https://www.amazon.co.uk/returns any time.",
        "Your refund shows under Your Orders on amazon.de in 3-5 days.",
        "Product page: https://amzn.to/3xYzAbC - size chart below.",
        "Ask at https://sellercentral.amazon.com if you sell too.",
    ],
)
def test_marketplace_links_are_allowed(linter: Linter, text: str) -> None:
    assert found(linter, text) == []


@pytest.mark.parametrize(
    "link",
    [
        "amazon-refund-desk.com",
        "https://amazon.co.uk.delivery-update.info/slot",
        "www.amaz0n.com",
        "arnazon.co.uk",
        "amazom.com",
    ],
)
def test_lookalike_of_the_marketplace_is_its_own_rule(linter: Linter, link: str) -> None:
    report = linter.lint(f"Please confirm your refund at {link} today.")
    assert [(f.rule, f.text) for f in report.findings if f.rule.startswith("EXT")] == [("EXT003", link)]
    assert "phishing" in report.findings[0].message


def test_homoglyph_spelling_of_a_marketplace_domain_is_a_lookalike(linter: Linter) -> None:
    text = "Collect the refund on аmazon.com/claims today."  # Cyrillic 'а'
    assert found(linter, text) == [("EXT003", "аmazon.com/claims")]


def test_marketplace_name_before_the_at_sign_of_a_link_is_a_lookalike(linter: Linter) -> None:
    text = "Log in at http://amazon.com@evil-login.net/start now."
    assert found(linter, text) == [("EXT003", "http://amazon.com@evil-login.net/start")]


@pytest.mark.parametrize("link", ["bit.ly/3kLampGuide", "https://tinyurl.com/yc7s8k2p", "wa.me/447911123456"])
def test_link_shortener(linter: Linter, link: str) -> None:
    assert found(linter, f"Setup guide: {link} - thanks!") == [("EXT002", link)]


def test_payment_link_is_off_platform_payment(linter: Linter) -> None:
    text = "For the bulbs send £6 to paypal.me/cosyhomeuk and I'll add them."
    assert found(linter, text) == [("EXT008", "paypal.me/cosyhomeuk")]


def test_carrier_link_without_a_tracking_number_is_a_warning(linter: Linter) -> None:
    link = "https://www.royalmail.com/track-your-item"
    report = linter.lint(f"You can follow it at {link} once it has been scanned.")
    assert [(f.rule, f.text, f.severity) for f in report.findings] == [("EXT004", link, Severity.WARNING)]
    assert "only where needed to complete the order" in report.findings[0].message
    assert report.verdict == "review"


@pytest.mark.parametrize(
    "link",
    [
        "https://www.royalmail.com/track-your-item#/tracking-results/QF123456785GB",
        "https://www.ups.com/track?tracknum=1Z999AA10123456784",
    ],
)
def test_carrier_link_with_its_tracking_number_completes_the_order(linter: Linter, link: str) -> None:
    report = linter.lint(f"Your parcel is on its way, out for delivery today: {link}")
    assert report.findings == ()
    assert report.verdict == "allow"


def test_domains_allowed_in_configuration_are_not_flagged() -> None:
    configured = Linter(config={"allowed-domains": ["brightlamps.co.uk"]})
    text = "The size guide is on help.brightlamps.co.uk/sizes and more at brightlamps.net."
    assert found(configured, text) == [("EXT001", "brightlamps.net")]


# --- email addresses ----------------------------------------------------------------------------


def test_plain_email_address(linter: Linter) -> None:
    text = "Send a photo to support@brightlamps.co.uk. We reply fast."
    assert spans(linter, text) == [("EXT005", 16, 41)]


@pytest.mark.parametrize(
    "address",
    [
        "tom [at] gmail [dot] com",
        "service(at)web.de",
        "jenny at gmail dot com",
        "name @ example . com",
        "anna {at} yahoo {dot} co {dot} uk",
        "sophie.b AT gmx DOT de",
        "p\u200bete@g\u200bmail.com",
    ],
)
def test_disguised_email_address(linter: Linter, address: str) -> None:
    assert found(linter, f"Please write to {address} with the serial number.") == [("EXT005", address)]


def test_word_at_before_a_domain_is_a_link_not_an_address(linter: Linter) -> None:
    assert found(linter, "Please look at cosyhome.net for the colours.") == [("EXT001", "cosyhome.net")]


@pytest.mark.parametrize(
    "text",
    [
        "Please look at this photo and meet the driver at 5pm.",
        "Buy 2 @ £5 each and the postage is the same.",
        "Temperature @ 20°C is ideal; meet @5pm? No need.",
        "We looked at amazon.co.uk and it shows as delivered.",
    ],
)
def test_at_in_ordinary_text_is_not_an_address_or_handle(linter: Linter, text: str) -> None:
    assert found(linter, text) == []


def test_address_on_a_lookalike_domain_is_a_lookalike(linter: Linter) -> None:
    assert found(linter, "Write to refunds@amazon-refund-desk.com today.") == [
        ("EXT003", "refunds@amazon-refund-desk.com")
    ]


def test_marketplace_relay_address_is_allowed(linter: Linter) -> None:
    assert found(linter, "Your message to x7k2@marketplace.amazon.co.uk reached us.") == []


# --- phone numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "07911 123456",  # UK mobile
        "+44 20 7946 0321",  # UK international
        "(415) 555-0132",  # US
        "+1-415-555-0132",  # US international
        "+49 30 1234567",  # DE
        "030 12345678",  # DE national
        "06 12 34 56 78",  # FR
        "347 123 4567",  # IT
        "+34 612 345 678",  # ES
        "(604) 555-0199",  # CA
        "98765 43210",  # IN
        "0049 (0)30 1234567",  # DE with trunk in brackets
    ],
)
def test_phone_numbers_of_each_marketplace_region(linter: Linter, number: str) -> None:
    assert found(linter, f"For a quick answer try {number} any time.") == [("EXT006", number)]


def test_phone_region_comes_from_the_marketplace(linter: Linter) -> None:
    text = "Our number is 612 345 678, thanks."
    assert found(linter, text, marketplace="amazon.es") == [("EXT006", "612 345 678")]
    assert found(linter, text, marketplace="amazon.com") == []  # not a valid US number
    # Read as Spanish (detected on amazon.es and amazon.com): "our number is" invites contact either way.
    spanish = "Nuestro número es 612 345 678, gracias."
    assert found(linter, spanish, marketplace="amazon.es") == [("EXT009", "Nuestro número"), ("EXT006", "612 345 678")]
    assert found(linter, spanish, marketplace="amazon.com") == [("EXT009", "Nuestro número")]


def test_reserved_number_counts_after_a_phone_word(linter: Linter) -> None:
    assert found(linter, "Text me on 07700 900461, cheers.") == [("EXT009", "Text me"), ("EXT006", "07700 900461")]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        (
            "My number is zero seven nine one one, one two three four five six.",
            "zero seven nine one one, one two three four five six",
        ),
        ("WhatsApp is 0 seven 7 double one, 1 2 3 4 5 6 - anytime.", "0 seven 7 double one, 1 2 3 4 5 6"),
        (
            "Ring four one five, five five five, zero one three two.",
            "four one five, five five five, zero one three two",
        ),
    ],
)
def test_spelled_out_phone_number(linter: Linter, text: str, number: str) -> None:
    assert ("EXT006", number) in found(linter, text)


def test_zero_width_characters_inside_a_phone_number(linter: Linter) -> None:
    text = "Call 0791\u200b1 12\u200b3456 if damaged."
    assert spans(linter, text) == [("EXT006", 5, 19)]


@pytest.mark.parametrize(
    "text",
    [
        "Your order 123-4567890-1234567 was dispatched on 12/05/2024.",
        "Tracking 1Z999AA10123456784 (UPS), Royal Mail QF123456785GB, Amazon TBA304956782000.",
        "USPS tracking 9400 1118 9922 3197 4284 90 or 9400111899223197428490.",
        "The replacement is ASIN B08N5WRWNW, part no. 4520 3381 22, model 7405 2231 098.",
        "Refund £1,420.00 on 2024-05-12, dispatch 21.06.2024, slot 08:00-12:00, open 9.00-17.30.",
        "Postcode SW1A 1AA, 10115 Berlin, ZIP 90210-1234.",
        "It measures 60 x 40 x 25 cm, 2000 mAh, 1000 pcs, sizes 10 12 14 16 18.",
        "Reference 2024001234, invoice 1002456789, IMEI 356938035643809, colour code is 0312-4412.",
        "We shipped one, two and three of the four-piece set; two, three or four drops will do.",
        "This fits the 2019-2024 models; order 403-1234567-8901234 and 403-7654321-0987654 were combined.",
    ],
)
def test_order_ids_tracking_numbers_prices_dates_and_codes_are_not_phone_numbers(linter: Linter, text: str) -> None:
    assert found(linter, text) == []


# --- social media, payment, contact and orders --------------------------------------------------


def test_social_handle(linter: Linter) -> None:
    assert found(linter, "Follow our shop @brightlamps.uk for ideas!") == [("EXT007", "@brightlamps.uk")]


def test_platform_invitation_is_one_finding(linter: Linter) -> None:
    assert found(linter, "Find us on Instagram to see the colours.") == [("EXT007", "Find us on Instagram")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("If it is easier, WhatsApp me with a photo.", "WhatsApp"),
        ("Any problem, just DM us.", "DM us"),
        ("Please message me on Signal tonight.", "message me on Signal"),
        ("Contact on whats app for fast reply.", "whats app"),
        ("Pls w h a t s a p p me for the part.", "w h a t s a p p"),
        ("Join us on 𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦 today.", "Join us on 𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦"),
        ("IG: cosyhome_uk, lots of photos.", "IG:"),
        ("Let's talk on Zoom tomorrow.", "on Zoom"),
    ],
)
def test_messaging_platforms_also_when_disguised(linter: Linter, text: str, words: str) -> None:
    assert found(linter, text) == [("EXT007", words)]


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, the courier had no signal in your area. The signal light turns green when paired.",
        "We cannot use WhatsApp or Instagram for orders; please message us on Amazon instead.",
        "Please find us on Amazon by searching for the shop name.",
        "The Insta-Pot lid fits all models; the line on the box shows where to cut.",
    ],
)
def test_platform_words_that_stay_on_the_marketplace(linter: Linter, text: str) -> None:
    assert found(linter, text) == []


def test_payment_outside_the_marketplace(linter: Linter) -> None:
    text = "Send it by Zelle or Venmo, or refund via bank transfer to your sort code."
    assert found(linter, text) == [
        ("EXT008", "Zelle"),
        ("EXT008", "Venmo"),
        ("EXT008", "bank transfer"),
        ("EXT008", "sort code"),
    ]


def test_disguised_payment_service(linter: Linter) -> None:
    assert found(linter, "Pay the rest with P4yPal please.") == [("EXT008", "P4yPal")]


@pytest.mark.parametrize(
    "text",
    [
        "We cannot accept PayPal, please use Amazon.",
        "PayPal is not accepted for marketplace orders, so the payment stays on Amazon.",
        "Sorry, we are not allowed to take bank transfers or PayPal — everything goes through Amazon.",
        "You paid via Amazon Pay, so the refund goes back to your card.",
        "You paid with PayPal at checkout, so Amazon returns the money to that account.",
    ],
)
def test_refusing_or_describing_a_payment_method_is_allowed(linter: Linter, text: str) -> None:
    assert found(linter, text) == []


def test_dont_hesitate_is_an_invitation_not_a_refusal(linter: Linter) -> None:
    assert found(linter, "Don't hesitate to text me about it.") == [("EXT009", "text me")]


def test_asking_for_contact_outside_messaging(linter: Linter) -> None:
    text = "Please contact me directly, or send us your personal email."
    assert found(linter, text) == [("EXT009", "contact me directly"), ("EXT009", "your personal email")]


@pytest.mark.parametrize(
    "text",
    [
        "Please contact us directly through Buyer-Seller Messaging if anything is missing.",
        "We'll call the courier this morning and chase the parcel.",
        "The text on the label is smudged, but the barcode scans.",
        "Please do not call us or text us; all help is here in Amazon messages.",
        "Message us here any time, or call me back via Amazon.",
    ],
)
def test_contact_words_that_stay_on_the_marketplace(linter: Linter, text: str) -> None:
    assert found(linter, text) == []


def test_ordering_outside_the_marketplace(linter: Linter) -> None:
    text = "Next time order directly from us, it's cheaper outside Amazon."
    assert found(linter, text) == [("EXT010", "order directly from us"), ("EXT010", "outside Amazon")]


def test_order_shipped_directly_from_the_warehouse_is_not_an_invitation(linter: Linter) -> None:
    assert found(linter, "Your order ships directly from our warehouse in Leeds.") == []


def test_extra_terms_from_configuration_join_a_rule() -> None:
    configured = Linter(config={"extra-terms": {"EXT007": ["kakaotalk"]}})
    assert found(configured, "Add me on KakaoTalk please.") == [("EXT007", "Add me on KakaoTalk")]


# --- no network, no cache --------------------------------------------------------------------


def test_public_suffix_list_is_the_bundled_snapshot_without_network_or_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the external-contact checker tried to use the network")

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TLDEXTRACT_CACHE", str(tmp_path / "tldextract"))
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(requests.Session, "send", no_network)
    fresh = msglint.Linter()
    assert found(fresh, "See shop-example.co.uk and example.invalid.") == [("EXT001", "shop-example.co.uk")]
    assert list(tmp_path.iterdir()) == []


# --- disguises read back (issue 7) ------------------------------------------------------------


def test_leet_scheme_and_suffix_are_read_back(linter: Linter) -> None:
    text = "Care guide: h77p5://www.l1n3n4ndc0.co.uk/c4r3 if you want more detail."
    assert spans(linter, text) == [("EXT001", 12, 45)]
    assert found(linter, text) == [("EXT001", "h77p5://www.l1n3n4ndc0.co.uk/c4r3")]


def test_leet_suffix_without_scheme_is_a_link(linter: Linter) -> None:
    text = "More accessories: www.k17ch3nh3lp3r5.n37 and c05yh0m3.sh0p for the set."
    assert found(linter, text) == [("EXT001", "www.k17ch3nh3lp3r5.n37"), ("EXT001", "c05yh0m3.sh0p")]


def test_masked_link_reads_symbols_and_stars_as_letters(linter: Linter) -> None:
    text = "More accessories: www.k!tchenhelper$.n*t, or http$://greenle@f-g@rden.de/anle!tung."
    assert found(linter, text) == [
        ("EXT001", "www.k!tchenhelper$.n*t"),
        ("EXT001", "http$://greenle@f-g@rden.de/anle!tung"),
    ]


def test_masked_lookalike_keeps_its_rule(linter: Linter) -> None:
    text = "Please confirm at am@zon-r*fund-de$k.c*m within 24 hours."
    assert spans(linter, text) == [("EXT003", 18, 40)]


def test_masked_email_picks_the_at_before_the_mail_host(linter: Linter) -> None:
    text = "Contact: pete@gm@!l.c*m or s*pport@br!ghtl@mp$.co.uk for the form."
    assert found(linter, text) == [("EXT005", "pete@gm@!l.c*m"), ("EXT005", "s*pport@br!ghtl@mp$.co.uk")]


def test_masked_dot_word_in_a_spelt_out_address(linter: Linter) -> None:
    text = "Just drop a line to j*nny at gm@!l d*t c*m, cheers!"
    assert found(linter, text) == [("EXT005", "j*nny at gm@!l d*t c*m")]


def test_dotted_out_link_keeps_the_dots_after_www_and_before_the_suffix(linter: Linter) -> None:
    text = "More accessories: w.w.w.k.i.t.c.h.e.n.h.e.l.p.e.r.s.n.e.t, and v.i.m.e.o.c.o.m/812345678."
    assert spans(linter, text) == [("EXT001", 18, 57), ("EXT001", 63, 88)]


def test_dotted_out_email(linter: Linter) -> None:
    text = "Send a photo to s.u.p.p.o.r.t@b.r.i.g.h.t.l.a.m.p.s.co.uk and we post the part."
    assert found(linter, text) == [("EXT005", "s.u.p.p.o.r.t@b.r.i.g.h.t.l.a.m.p.s.co.uk")]


def test_dotted_out_words_without_link_evidence_stay_words(linter: Linter) -> None:
    text = "Y.o.u.r Z.I.P is c.o.r.r.e.c.t, no c.h.a.n.g.e n.e.e.d.e.d on t.h.e c.a.b.i.n.e.t."
    assert found(linter, text) == []


def test_spaced_out_link_with_wide_gaps(linter: Linter) -> None:
    text = "The manual is at w w w   .   c o s y h o m e   .   n e t, page 2."
    assert found(linter, text) == [("EXT001", "w w w   .   c o s y h o m e   .   n e t")]


def test_spaced_out_email_with_bracketed_at(linter: Linter) -> None:
    text = "Please write to t o m   [at]   g m a i l   [d o t]   c o m with the serial."
    assert found(linter, text) == [("EXT005", "t o m   [at]   g m a i l   [d o t]   c o m")]


def test_masked_platform_and_payment_words_are_read_back(linter: Linter) -> None:
    text = "Send it by Z*lle or V*nmo, then Wh4754pp me."
    assert found(linter, text) == [("EXT008", "Z*lle"), ("EXT008", "V*nmo"), ("EXT007", "Wh4754pp")]


def test_ambiguous_masked_word_is_not_guessed(linter: Linter) -> None:
    # 'c*ll' is call or cell: a careful reader would not guess, and neither does the checker.
    assert found(linter, "Please c*ll me tomorrow.") == []


def test_masked_refusal_still_clears_the_phrase(linter: Linter) -> None:
    text = "P@yP@l is n*t acc*pted here, and we d*n't do b@nk tr@n$fer$ — Am@zon issues the refund."
    assert found(linter, text) == []


def test_spaced_out_amazon_still_keeps_a_phrase_on_the_marketplace(linter: Linter) -> None:
    text = "P l e a s e   m e s s a g e   us   on   A m a z o n   i n s t e a d."
    assert found(linter, text) == []


def test_spaced_two_letter_word_inside_a_phrase(linter: Linter) -> None:
    text = "Please c a l l  m e when it arrives."
    assert spans(linter, text) == [("EXT009", 7, 19)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Could you send us your personal 📧 so we can send the invoice?", ("EXT009", "your personal 📧")),
        ("Give me a 📞 tomorrow and we fix it together.", ("EXT009", "Give me a 📞")),
        ("Just send £5 on 💵 App and I add it to the box.", ("EXT008", "💵 App")),
    ],
)
def test_emoji_stands_for_its_word(linter: Linter, text: str, expected: tuple[str, str]) -> None:
    assert found(linter, text) == [expected]


def test_spelt_out_number_with_masked_and_leet_digit_words(linter: Linter) -> None:
    masked = "My number is z*ro s*ven n!ne one one, one two thr*e f*ur f!ve s!x."
    leet = "My number is z3r0 s3v3n n1n3 on3 on3, on3 tw0 thr33 f0ur f1v3 s1x."
    assert spans(linter, masked) == [("EXT006", 13, 65)]
    assert spans(linter, leet) == [("EXT006", 13, 65)]


def test_phrase_written_without_spaces(linter: Linter) -> None:
    text = "Givemeacall tomorrow, or share yourphonenumber."
    assert found(linter, text) == [("EXT009", "Givemeacall"), ("EXT009", "yourphonenumber")]


def test_short_glued_phrase_that_is_a_word_is_not_matched(linter: Linter) -> None:
    assert found(linter, "The phoneme list is in the language pack you ordered.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Y0ur Z1P 90210-1234 is c0rr3c7 on th3 ord3r.",
        "Y o u r   Z I P   90210-1234   is   c o r r e c t.",
        "The c*lour c*de is 0312-4412 in our c@t@logue.",
        "The c0nf1g.py in th3 z1p is the one you need.",
        "We ch3ck3d it tw1c3.It w0rk5 f1n3 on our s1d3.",
    ],
)
def test_disguised_compliant_message_stays_clean(linter: Linter, text: str) -> None:
    assert found(linter, text) == []


def test_full_width_marketplace_domain_is_the_marketplace(linter: Linter) -> None:
    assert found(linter, "Your order is under Your Orders on ａｍａｚｏｎ.co.uk.") == []


def test_cyrillic_marketplace_domain_is_a_lookalike(linter: Linter) -> None:
    text = "Collect the refund on аmazon.co.uk/claims today."
    assert found(linter, text) == [("EXT003", "аmazon.co.uk/claims")]


def test_word_dotted_out_letter_by_letter_is_not_a_host(linter: Linter) -> None:
    # '.ec' is a real suffix, but 's.i.z.ec' is 'size' dotted out and glued to the next word.
    assert found(linter, "Thes.i.z.ec.h.a.r.t is on the listing page, the M fits.") == []


def test_lookalike_letter_written_as_an_html_entity(linter: Linter) -> None:
    text = "Collect the refund on &#1072;mazon.com/claims today."
    assert found(linter, text) == [("EXT003", "&#1072;mazon.com/claims")]


# --- identifiers and the marketplace's own words, in every language ------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Please install firmware 3.0.0.7 before pairing.", "en"),
        ("Bitte spielen Sie die Firmware auf 3.0.0.7 auf.", "de"),
        ("Veuillez installer le micrologiciel 3.0.0.7 avant d'appairer le capteur.", "fr"),
    ],
)
def test_dotted_number_after_a_version_word_is_a_version(linter: Linter, text: str, language: str) -> None:
    assert found(linter, text, language=language) == []


def test_ip_address_without_a_version_word_is_still_a_link(linter: Linter) -> None:
    assert found(linter, "Open 203.0.113.7 in your browser.") == [("EXT001", "203.0.113.7")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dupont SAS, RCS Lyon 812 345 678.", "fr"),
        ("Immatriculée au RCS Bordeaux B 453 221 987.", "fr"),
        ("Le numéro de retour est R 55120-88.", "fr"),
        ("Acme Ltd, Reg. No. 08123456.", "en"),
        ("Il ricambio (cod. 1234-5678-90) parte oggi.", "it"),
        ("Se o Mercado Livre pedir, o número do caso é 12345678901.", "pt"),
    ],
)
def test_register_and_return_numbers_are_not_phones(linter: Linter, text: str, language: str) -> None:
    """The registry's town, a series letter or a dotted abbreviation between the word and the number."""
    assert found(linter, text, language=language) == []


def test_a_title_after_an_identifier_word_does_not_hide_a_phone(linter: Linter) -> None:
    assert found(linter, "John Smith, Order Desk 0161 496 0018") == [("EXT006", "0161 496 0018")]


def test_a_number_announced_as_one_is_reported_whole_not_its_first_group(linter: Linter) -> None:
    # merely possible, not valid: the finding is the run of digits the seller wrote, never a piece of it
    text = "Die Nummer ist 1234 5678 9012 34."
    assert found(linter, text, language="de") == [("EXT006", "1234 5678 9012 34")]


def test_multiword_preposition_keeps_contact_on_the_marketplace(linter: Linter) -> None:
    text = "Escríbanos a través de la mensajería de Amazon."
    assert found(linter, text, language="es") == []
    assert found(linter, "Escríbanos a través de WhatsApp.", language="es") == [
        ("EXT009", "Escríbanos a"),
        ("EXT007", "WhatsApp"),
    ]


def test_participle_after_the_payment_means_describes_the_checkout(linter: Linter) -> None:
    assert found(linter, "Sie haben bei Amazon mit PayPal bezahlt.", language="de") == []
    assert found(linter, "Bitte zahlen Sie mit PayPal direkt an uns.", language="de") == [("EXT008", "PayPal")]


def test_the_marketplace_own_name_is_not_another_shop(linter: Linter) -> None:
    text = "Seu pedido foi enviado pela Amazon."
    assert found(linter, text, language="pt") == []
    assert found(Linter(policy="mercadolibre"), text, language="pt") == [("EXT010", "Amazon")]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Search our shop name on Google for more colours.", "en", ("EXT010", "Search our shop name on Google")),
        ("Suchen Sie unseren Shopnamen bei Google.", "de", ("EXT010", "unseren Shopnamen bei Google")),
        ("Cerca il nome del nostro negozio su Google.", "it", ("EXT010", "il nome del nostro negozio su Google")),
        ("Scrivimi in privato.", "it", ("EXT009", "Scrivimi in privato")),
        ("Escríbeme por fuera.", "es", ("EXT009", "Escríbeme por fuera")),
        ("Contactez-moi en privé.", "fr", ("EXT009", "Contactez-moi en privé")),
        ("Ne parliamo su WhatsApp.", "it", ("EXT007", "WhatsApp")),
    ],
)
def test_unseen_requests_to_move_off_the_marketplace(
    linter: Linter, text: str, language: str, expected: tuple[str, str]
) -> None:
    assert found(linter, text, language=language) == [expected]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La caja está dañada por fuera.", "es"),
        ("Le colis est arrivé.je vous écris demain.", "fr"),
        ("Tudo certo.eu te aviso quando sair.", "pt"),
        ("The title says 'Google Nest compatible'; it works with Google Home.", "en"),
    ],
)
def test_near_misses_of_the_unseen_requests_stay_clean(linter: Linter, text: str, language: str) -> None:
    assert found(linter, text, language=language) == []
