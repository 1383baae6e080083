"""Disguised violations are still caught; disguised compliant messages are still clean.

Every positive of each category's corpus, in every language, has the words its rules flagged disguised
with each transformation of tests/evasion.py (the language-neutral ones and the language's own); every
hard negative is disguised whole. A transformation may cost a category at most 5 points of recall and 1
point of precision.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from msglint import Linter

from .corpus import corpus_files, load, score_evasion
from .evasion import transformations

MAX_RECALL_LOSS = 0.05
MAX_PRECISION_LOSS = 0.01

# Known gaps, by test id (language-category-transformation). A cell listed here is expected to fail
# (strict: the day it meets the bound, its test fails until the entry is removed). Each is an open gap,
# written down in the closing note of the work that opened it.
_GERMAN_COMPOUND = "a masked or glued letter inside a German compound ('5-St*rne-B*wertung') is not read back"
_GERMAN_RUNS = "German words run together or spaced out are read back only where English function words help"
_TRACKING = "a disguised carrier tracking link stays EXT004 (allowed only as written), counted as a false alarm"
_SPACED = (
    "contact words spaced out across the wider word gap ('P   a   y   P   a   l') or one space from a spaced word "
    "('p a r W h a t s A p p') are not read back; a number among spaced or dotted words is read as a phone"
)
_GLUED = "French words run together are not read apart (the word lists' accents are fixed; the cause is open)"
_MASKED = "a masked letter inside a word of the language is not guessed back"
_QUOTE_BACK = "a disguised reporting verb ('V.o.u.s a.v.e.z éc.r.i.t') does not exempt the words it quotes back"
_FRAME_GLUED = "cue words of a review-manipulation frame run together ('vousd'abordànous') are not read apart"
KNOWN_GAPS: dict[str, str] = {
    "de-review-manipulation-masking": _GERMAN_COMPOUND,
    "de-external-contact-leetspeak": "German contact phrases in leetspeak ('Ihr3 pr1v473 E-M41l-Adr3553')",
    "de-external-contact-masking": "German contact phrases with masks ('Kont@kt!eren S!e un$')",
    "de-external-contact-no-spaces": _GERMAN_RUNS,
    "de-external-contact-spaced-letters": _GERMAN_RUNS,
    # The promotional exemptions of the unseen-tuning-4 rows read words as written: a German hard negative
    # run together whole keeps its trigger ("gibtesauchin" is re-spaced) but not what exempts it, since
    # "SiehabennachanderenGrößengefragt" is no re-spaced run (the buyer's question) and a product word glued
    # to its title's quote ("IhreTeedose„Frühlingskollektion“", "DasBrettspiel„VIP-ClubEdition“") is not
    # read as a product's name in quotes; 3 of 124 negatives flagged (precision 0.971, was 1.000).
    "de-promotional-no-spaces": "a German hard negative run together whole loses the exemption of the buyer's "
    "question or of a product title in quotes (unseen-tuning-4 rows)",
    # English: the frames added for unseen phrasing (msglint/lexicons/en/frames.toml) read a masked cue
    # word only from four letters on ("s*e y*u" was read as "sue you"), so their new corpus lines lose
    # recall under masking; a carrier tracking link is allowed as written but stays EXT004 when disguised,
    # which the corpus counts against precision.
    "en-abusive-masking": "a masked short cue word of a frame ('y*u are so p*tty') is not read back",
    "en-review-manipulation-masking": "a masked short cue word of a frame ('f*r y*ur review') is not read "
    "back: the frame-only review positives of the second tuning round lose recall under masking (0.941)",
    "en-external-contact-no-spaces": _TRACKING,
    "en-external-contact-spaced-letters": _TRACKING,
    # The issue 15 tuning rows (tag unseen-tuning) disguised: frames read their cue words as written, so
    # glued or spaced-out contempt and threats ("Iknowwhichstreetyouliveon", "y o u ' r e r u b b i s h")
    # are not read back; company-registration and VAT numbers with dotted or masked words around them
    # ("r.e.g.i.s.t.r.a.t.i.o.n n.u.m.b.e.r 09876543") are read as phones; "c.o.s.y.h.o.m.e.s.h.o.p"
    # and a masked "Ord*r v!@ o*r own online store" are missed.
    "en-abusive-no-spaces": "frame cue words glued together are not read apart (issue 15 tuning rows)",
    "en-external-contact-dotted-letters": "dotted words around a registration number: read as a phone",
    "en-external-contact-masking": "masked words around a registration number: read as a phone",
    # Spanish, French, Italian, Portuguese: a spaced or dotted run is read back, its one-letter words ('y', 'e',
    # 'o', 'a') kept apart and its accented pieces joined, but the disguise of a contact phrase spaces a brand's
    # letters with the word gap ('P   a   y   P   a   l') or leaves one space between a spaced word and the next
    # ('p a r W h a t s A p p'), and a version or VAT number among spaced words is read as a phone; glued words
    # only through wordfreq's lists, which French accents defeat; masks inside Italian words ('r*censione') are
    # not guessed among Italian letters.
    **{
        case: _SPACED
        for case in (
            "es-external-contact-spaced-letters",
            "fr-external-contact-spaced-letters",
            "it-external-contact-spaced-letters",
        )
    },
    "es-external-contact-dotted-letters": _SPACED,
    "fr-external-contact-dotted-letters": _SPACED,
    "fr-external-contact-no-spaces": _GLUED,
    "fr-abusive-no-spaces": _GLUED,
    "fr-abusive-masking": _MASKED,
    "it-promotional-masking": _MASKED,
    "it-external-contact-masking": _MASKED,
    "it-review-manipulation-masking": _MASKED,
    "it-abusive-masking": _MASKED,
    "it-promotional-accents-as-apostrophes": "an accent written as an apostrophe ('novita'') ends the word early",
    # The quote-back rows of the abusive corpora (the buyer's words said back, exempt as written): a
    # disguised reporting verb ("V.o.u.s a.v.e.z éc.r.i.t", "S!e schr!eben") is not read back, so the
    # rude word it quotes is found; leetspeak inside "déb17é" is read "de" + "bit"; German compounds
    # in capitals or run together ("ZIGEUNERSAUCE") are read as the slur. In capitals that false
    # positive still stands (de-abu-106), and so does the one in leetspeak, but each costs under one
    # point of precision since the German abusive corpus grew to 121 positives, so "de-abusive-all-caps"
    # and "de-abusive-leetspeak" are no longer known gaps.
    "de-abusive-masking": _QUOTE_BACK,
    "de-abusive-no-spaces": "a German compound run together with its sentence is read as the slur it holds",
    "fr-abusive-leetspeak": "leetspeak inside a French word ('déb17é') is read apart into a rude piece",
    # Portuguese (Brazil): masks and digits inside short words ('V@!' for 'vai', 'n0550 s173') are not guessed;
    # a dotted code word ('C.E.P 04567-000') no longer keeps its number from being read as a phone.
    "pt-external-contact-dotted-letters": "a dotted code word ('C.E.P 04567-000', 'r.e.f.e.rên.c.i.a 20658/040') "
    "does not keep its number from being read as a phone",
    "pt-external-contact-leetspeak": "Portuguese contact words with most letters as digits ('n0550 s173', "
    "'c454b04 arr0b4 gm41l p0n70 c0m') are not read back",
    "pt-external-contact-masking": "addresses and short words masked with '@', '$', '!' inside "
    "('vend@$.c@$@bo@@gm@!l.c*m', 's*u e-m@!l') are not read back",
    "pt-external-contact-spaced-letters": _SPACED,
    "pt-abusive-masking": _MASKED + " ('V@!' for 'vai', 'v*cê'); a masked reporting verb ('e$creveu q*e') does not "
    "exempt the words it quotes back",
    "pt-external-contact-no-spaces": "a document number's exemption ('o CNPJ da loja é …', 'o sinal do WhatsApp') is "
    "not read when the sentence is run together ('OCNPJdalojaé'): it clears the number undisguised only",
    "pt-abusive-no-spaces": "a judgement aimed through a copula and a degree ('Vocêémuitosemnoção', 'vouexpor') is "
    "found by frames, which do not split a sentence run together",
    # The German, French, Spanish and Italian tuning rows (tag unseen-tuning): a title in quotes run
    # together with its sentence ("Eljuegodemesa«Pedazodeidiota»") is not exempt, since frames read words
    # as written (the title is exempt undisguised, so the disguise costs precision it did not before).
    "es-abusive-no-spaces": "a title in quotes run together with its sentence is not exempt",
    "it-abusive-no-spaces": "a title in quotes run together with its sentence is not exempt",
    # Words run together ('adressez-vousd'abordànous') are not read apart, so the review manipulation rows of
    # the fourth tuning round (tag unseen-tuning-4) that only frames find are missed run together.
    "de-review-manipulation-no-spaces": _FRAME_GLUED,
    "fr-review-manipulation-no-spaces": _FRAME_GLUED,
}
CASES = [
    pytest.param(
        path,
        category,
        name,
        marks=[pytest.mark.xfail(reason=KNOWN_GAPS[case], strict=True)] if case in KNOWN_GAPS else [],
        id=case,
    )
    for lang, category, path in corpus_files()
    for name in sorted(transformations(lang))
    if (case := f"{lang}-{category}-{name}")
]


@pytest.mark.parametrize(("path", "category", "name"), CASES)
def test_disguise_costs_at_most_five_points_of_recall_and_one_of_precision(
    path: Path, category: str, name: str, linter: Linter
) -> None:
    result = score_evasion(linter, load(path), category, name)
    report = "\n".join(
        [
            f"{path.parent.name}/{path.name} / {name}: recall {result.recall:.3f} "
            f"(undisguised {result.base_recall:.3f}), precision {result.precision:.3f} "
            f"(undisguised {result.base_precision:.3f})",
            *result.misses[:40],
        ]
    )
    assert result.recall >= result.base_recall - MAX_RECALL_LOSS, report
    assert result.precision >= result.base_precision - MAX_PRECISION_LOSS, report
