"""French (language "fr"): exact rule codes and spans for each category, and the French traps.

The words come from msglint/lang/fr.toml and msglint/lexicons/fr/; each case is linted with
``language="fr"``. Every case lists every finding of its message, error or warning, so a new false alarm
fails as surely as a lost one.
"""

from __future__ import annotations

import pytest

from msglint import Linter
from msglint.engine.language import language

from .lang_cases import at_words, category_findings

Found = tuple[str, str, int, int, str]


def _findings(linter: Linter, text: str) -> list[Found]:
    report = linter.lint({"text": text, "language": "fr"})
    return [(f.rule, f.text, f.span.start, f.span.end, f.severity.value) for f in report.findings]


def _at(text: str, rule: str, words: str, severity: str = "error") -> Found:
    """The finding ``rule`` on the first ``words`` of ``text``."""
    start = text.index(words)
    return rule, words, start, start + len(words), severity


def test_french_words_load_as_their_own() -> None:
    french = language("fr")
    assert not french.fallback
    assert "n'" in french.words.negations
    assert "l'" in french.words.determiners
    assert french.settings.negation_clitic == "n'"


VIOLATIONS = [
    # review manipulation: a favourable rating asked for, an incentive, gating, a change, a third party
    ("Laissez-nous 5 étoiles s'il vous plaît !", [("REV001", "5 étoiles")]),
    ("Merci de laisser un avis positif sur Amazon.", [("REV001", "avis positif")]),
    (
        "Un échantillon vous attend dès que vous aurez publié vos retours.",
        [("REV002", "échantillon")],
    ),
    (
        "Si vous êtes satisfait, laissez-nous un avis. Sinon, contactez-nous d'abord.",
        [("REV003", "Si vous êtes satisfait"), ("REV003", "contactez-nous d'abord")],
    ),
    ("Si ça vous plaît, laissez-nous un avis.", [("REV003", "Si ça vous plaît")]),
    ("Laissez un avis et recevez un bon d'achat de 10 €.", [("REV002", "bon d'achat")]),
    ("Pourriez-vous supprimer votre avis négatif ?", [("REV004", "supprimer votre avis")]),
    ("Demandez à vos amis de laisser un avis.", [("REV005", "Demandez à vos amis")]),
    ("L4issez-nous 5 é t o i l e s svp", [("REV001", "5 é t o i l e s")]),
    # promotional
    (
        "Profitez de -20 % sur votre prochaine commande avec le code MERCI20.",
        [("PRO002", "-20 % sur votre prochaine commande"), ("PRO001", "avec le code MERCI20")],
    ),
    ("Abonnez-vous à notre newsletter.", [("PRO007", "Abonnez-vous à"), ("PRO007", "newsletter")]),
    # external contact
    (
        "Écrivez-nous à service.client@gmail.com ou appelez-nous au 06 12 34 56 78.",
        [
            ("EXT009", "Écrivez-nous à"),
            ("EXT005", "service.client@gmail.com"),
            ("EXT009", "appelez-nous"),
            ("EXT006", "06 12 34 56 78"),
        ],
    ),
    ("Contactez-nous par WhatsApp.", [("EXT009", "Contactez-nous par"), ("EXT007", "WhatsApp")]),
    (
        "Ecrivez-nous a jean point dupont arobase orange point fr",
        [("EXT009", "Ecrivez-nous a"), ("EXT005", "dupont arobase orange point fr")],
    ),
    ("Contactez-nous par Wh\u200batsApp.", [("EXT009", "Contactez-nous par"), ("EXT007", "Wh\u200batsApp")]),
    # abusive: strong words, aimed insults, threats are errors; unaimed mild swearing a warning
    ("Espèce de connard.", [("ABU002", "connard")]),
    ("Vous êtes vraiment un idiot.", [("ABU004", "Vous êtes vraiment un idiot")]),
    ("Vous êtes un 1d1ot.", [("ABU004", "Vous êtes un 1d1ot")]),
    ("Vous allez le regretter.", [("ABU005", "Vous allez le regretter")]),
]


@pytest.mark.parametrize(("text", "expected"), VIOLATIONS, ids=[text[:40] for text, _ in VIOLATIONS])
def test_french_violations_have_exact_codes_and_spans(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _findings(linter, text) == [_at(text, rule, words) for rule, words in expected]


def test_mild_swearing_aimed_at_no_one_is_a_warning(linter: Linter) -> None:
    text = "Putain, le colis est encore en retard."
    assert _findings(linter, text) == [_at(text, "ABU001", "Putain", "warning")]


COMPLIANT = [
    "N'hésitez pas à laisser un avis sur Amazon.",  # a neutral review request is allowed
    "Merci pour votre avis 5 étoiles !",  # thanks for a review already left
    "Le transporteur a laissé l'avis de passage dans votre boîte.",  # a carrier's notice, elided "l'"
    "Nous vous avons remboursé 10 € pour le retard.",  # a remedy, and "retard" is a delay
    "Votre colis a du retard, toutes nos excuses.",
    "Le code promo que vous avez utilisé a bien été appliqué à cette commande.",  # a fact of this order
    "Baisse de prix : -10 % depuis hier sur ce modèle.",  # "baisse", not "baise"
    "Nous n'acceptons pas PayPal.",  # negated
    "Votre numéro de suivi Colissimo est 6A12345678901.",
    "Notre SIRET : 812 345 678 00019.",
    "Concernant votre contact, le contrat est joint.",  # "con" inside words
    "La tapette à souris est livrée avec deux appâts.",
    # "retour" is the return parcel unless it is the buyer's ("votre retour"): no tie to a review
    "Nous enverrons un bracelet de remplacement gratuit dès que le transporteur confirmera le retour.",
]


@pytest.mark.parametrize("text", COMPLIANT, ids=[text[:40] for text in COMPLIANT])
def test_french_order_talk_is_allowed(linter: Linter, text: str) -> None:
    report = linter.lint({"text": text, "language": "fr"})
    assert (report.verdict, _findings(linter, text)) == ("allow", [])


# Precision of the abusive category: a word of the language is never cut into a rude piece, the buyer's
# own words said back to them are theirs, and what stays found keeps its exact span and severity.
PRECISION_CASES = [
    ("Le montant a été débité ce matin.", []),
    ("Votre carte a été débitée de 34,90 € le 12 mars.", []),
    ("Vous avez écrit que c'était « de la merde » ; nous en sommes désolés.", []),
    ('Vous avez écrit que c\'était "de la merde" ; nous en sommes désolés.', []),
    ("Votre message disait « c'est de la merde » ; nous sommes navrés.", []),
    # quoting back ends with its sentence: an insult after it is the seller's own
    (
        "Vous avez écrit que c'était de la merde ? Allez vous faire foutre.",
        [("ABU003", "Allez vous faire foutre", 42, 65, "error")],
    ),
    # swearing at a situation is a warning, as in English ("Damn, it's raining")
    ("Merde, il pleut, la livraison aura du retard.", [("ABU001", "Merde", 0, 5, "warning")]),
    ("Espèce de connard, la livraison aura du retard.", [("ABU002", "connard", 10, 17, "error")]),
    # a glued insult that is no French word is still read apart
    ("Espècedeconnard, on vous a déjà répondu.", [("ABU002", "connard", 8, 15, "error")]),
]


@pytest.mark.parametrize(("text", "expected"), PRECISION_CASES, ids=[t[:40] for t, _ in PRECISION_CASES])
def test_abusive_precision_cases_have_exact_spans(linter: Linter, text: str, expected: list[Found]) -> None:
    assert _findings(linter, text) == expected


# Frames (msglint/lexicons/fr/frames.toml): phrasing no lexicon line spells out, written as French
# sellers write it, each idea beside its hard negative. Every finding of a category is listed, by its words.
FRAME_CASES = [
    ("Vous n'êtes qu'un profiteur, et tout le monde le voit.", [("ABU004", "Vous n'êtes qu'un profiteur")]),
    ("Vous êtes un sale radin qui veut tout gratuitement.", [("ABU004", "Vous êtes un sale radin")]),
    (
        "Vous êtes le client le plus pénible que nous ayons eu.",
        [("ABU004", "Vous êtes le client le plus pénible")],
    ),
    (
        "Retirez votre avis, sinon vous aurez des ennuis.",
        [("REV004", "Retirez votre avis"), ("ABU005", "sinon vous aurez des ennuis")],
    ),
    ("Quel pigeon vous faites.", [("ABU004", "Quel pigeon vous faites")]),
    ("Vous n'êtes qu'à deux jours de la livraison.", []),
    ("Sinon, nous pouvons aussi vous envoyer un avoir.", []),
    ("Espèce d'abruti, relisez la fiche produit avant de vous plaindre.", [("ABU004", "Espèce d'abruti")]),
    (
        "Ce client est un parfait crétin, il a monté la pièce à l'envers.",
        [("ABU004", "Ce client est un parfait crétin")],
    ),
    ("Des gens comme vous ruinent les petits commerces.", [("ABU008", "Des gens comme vous ruinent")]),
    ("Vous savez lire ?", [("ABU008", "Vous savez lire")]),
    (
        "Vous êtes vraiment incompétent, même un enfant aurait compris la notice.",
        [("ABU004", "Vous êtes vraiment incompétent"), ("ABU008", "même un enfant aurait compris")],
    ),
    (
        "Supprimez votre commentaire, sinon notre avocat vous enverra une mise en demeure.",
        [("REV004", "Supprimez votre commentaire"), ("ABU005", "notre avocat")],
    ),
    (
        "Chaque avis publié vous inscrit à notre tirage au sort mensuel pour gagner une trottinette.",
        [
            ("REV002", "Chaque avis publié vous inscrit à notre tirage au sort"),
            ("PRO009", "tirage au sort"),
            ("PRO009", "pour gagner"),
        ],
    ),
    (
        "Le couvercle en bambou va parfaitement avec votre théière : il est disponible dans notre boutique.",
        [("PRO005", "va parfaitement avec")],
    ),
    (
        "Pour toute commande de plus de 40 €, un tablier assorti vous est offert.",
        [("PRO003", "Pour toute commande de plus de 40 €, un tablier assorti vous est offert")],
    ),
    ("Le livre « Merde, il pleut » est un album pour enfants, il sera livré lundi.", []),
    ("Le jeu de cartes « Bande de cons » a été retiré de la vente par l'éditeur.", []),
    ("Il s'agit d'une espèce d'arbre très résistante au gel, parfaite pour votre jardin.", []),
    ("Même un enfant peut monter cette étagère en dix minutes, la notice est très claire.", []),
    ("Des clients comme vous nous font aimer ce métier, merci pour votre fidélité !", []),
    ("Savez-vous lire ce type de QR code avec votre téléphone ?", []),
    ("Vous pouvez saisir le médiateur de la consommation si notre réponse ne vous convient pas.", []),
    ("Le couvercle manquant vous a été renvoyé aujourd'hui ; il va parfaitement avec votre théière d'origine.", []),
    ("Votre commande de plus de 25 € a bénéficié de la livraison gratuite, rien à payer en plus.", []),
    ("Si vous êtes incapable de vous déplacer, nous pouvons organiser un enlèvement à domicile.", []),
]


@pytest.mark.parametrize(("text", "expected"), FRAME_CASES, ids=[t[:40] for t, _ in FRAME_CASES])
def test_frames_find_unlisted_phrasing_and_leave_its_hard_negatives(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "fr") == at_words(text, expected)


# Order talk that shares words with the external-contact, promotional and review rules, each idea beside its
# positive twin: a chat app as a feature of the goods, a number that names a document or a part, the contact
# details an account holds, money moved by the marketplace or paid on it, a bank transfer offered or asked
# for. Every finding of a category is listed, by its words.
ORDER_TALK_CASES = [
    ("Est-ce que WhatsApp est préinstallé sur le téléphone ? Oui, WhatsApp est préinstallé.", []),
    ("Vous demandiez si la tablette fonctionne avec WhatsApp : oui, l'application s'installe.", []),
    (
        "Le téléphone a WhatsApp préinstallé ; appelez-nous au 06 12 34 56 78 pour les photos.",
        [("EXT007", "WhatsApp"), ("EXT009", "appelez-nous"), ("EXT006", "06 12 34 56 78")],
    ),
    ("Le virement de votre remboursement est effectué par Amazon sous 3 à 5 jours.", []),
    ("Faites-nous un virement de 20 euros et nous expédions demain.", [("EXT008", "Faites-nous un virement")]),
    (
        "Nous vous ferons un virement directement, sans passer par Amazon.",
        [("EXT008", "vous ferons un virement"), ("EXT010", "sans passer par Amazon")],
    ),
    ("Pouvez-vous nous donner le numéro sur la plaque signalétique ? (par ex. 0 601 868 109)", []),
    ("Appelez-nous au 06 01 86 81 09.", [("EXT009", "Appelez-nous"), ("EXT006", "06 01 86 81 09")]),
    (
        "Le transporteur vous appellera avant la livraison si votre numéro de téléphone est dans votre compte Amazon.",
        [],
    ),
    (
        "Votre numéro de téléphone est sur la commande, je vous appellerai ce soir.",
        [("EXT009", "Votre numéro de téléphone")],
    ),
    ("Le numéro de l'avis de passage est 7361234509.", []),
    ("Mon numéro est le 7361234509, appelez-moi.", [("EXT006", "7361234509"), ("EXT009", "appelez-moi")]),
    ("Si vous avez payé avec PayPal sur Amazon, le remboursement revient sur votre compte PayPal.", []),
    ("Vous avez payé sur Amazon, mais nous vous remboursons directement par PayPal.", [("EXT008", "PayPal")]),
    ("Le livreur a laissé un avis avec le numéro 7361234509 dans votre boîte.", []),
    ("Un portable avec le numéro 7361234509 est à vous ? Appelez-le.", [("EXT006", "7361234509")]),
]


@pytest.mark.parametrize(("text", "expected"), ORDER_TALK_CASES, ids=[t[:40] for t, _ in ORDER_TALK_CASES])
def test_order_talk_sharing_words_with_the_rules_is_clean_and_its_twin_is_not(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "fr") == at_words(text, expected)


# Abusive breadth: the other forms of a name, more names for a crook or a freeloader, the reader accused of
# taking the seller for a fool; each beside the hard negatives that share its words (food, a water bottle,
# fraudsters warned of). Every category finding is listed, by its words.
ABUSIVE_BREADTH_CASES = [
    ("Vous nous prenez pour des cons ? Le colis a été livré.", [("ABU006", "prenez pour des cons")]),
    ("Vous vous fichez de nous, le suivi indique livré.", [("ABU006", "Vous vous fichez de nous")]),
    ("Sale profiteur, on ne vous remboursera pas.", [("ABU004", "Sale profiteur")]),
    ("Vous êtes des pique-assiettes, tous les mêmes.", [("ABU004", "Vous êtes des pique-assiettes")]),
    ("Vous êtes une tricheuse.", [("ABU004", "Vous êtes une tricheuse")]),
    ("Espèce de fripouille, rendez l'article.", [("ABU004", "Espèce de fripouille")]),
    ("La gourde isotherme et les cornichons sont partis ce matin.", []),
    ("Nous avons ajouté une andouille de Guémené à votre colis.", []),
    ("Nous prenons pour des colis lourds un transporteur spécial.", []),
    ("Méfiez-vous des fraudeurs qui se font passer pour nous.", []),
    ("Vous êtes des clients fidèles, merci.", []),
    ("Vous êtes un vrai rat de bibliothèque, ce coffret va vous plaire.", []),
    ("Votre avis de merde ne change rien.", [("ABU003", "Votre avis de merde")]),
    ("Ce transporteur de merde a perdu le colis, nous en renvoyons un.", [("ABU001", "merde")]),
]


@pytest.mark.parametrize(("text", "expected"), ABUSIVE_BREADTH_CASES, ids=[t[:40] for t, _ in ABUSIVE_BREADTH_CASES])
def test_abusive_breadth_finds_other_forms_and_leaves_their_hard_negatives(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "fr") == at_words(text, expected)
