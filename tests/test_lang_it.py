"""Italian: what each checker reports in messages written in Italian, and the Italian traps it leaves alone.

Exact rule codes and spans (start, end) on the original text; the lexicons are msglint/lexicons/it/ and the
language's words msglint/lang/it.toml.
"""

from __future__ import annotations

import pytest

from msglint import Linter
from msglint.engine.language import language

from .lang_cases import at_words, category_findings

Found = list[tuple[str, int, int, str]]


def findings(linter: Linter, text: str) -> Found:
    """(rule, start, end, text) of every finding of a category, in text order."""
    report = linter.lint({"text": text, "language": "it"})
    return [(f.rule, f.span.start, f.span.end, f.text) for f in report.findings if f.category is not None]


def test_italian_has_its_own_words() -> None:
    italian = language("it")
    assert not italian.fallback
    assert "chiocciola" in italian.words.at_words
    assert "un'" in italian.words.determiners


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lasciaci 5 stelle e ricevi un buono sconto del 10%.",
            [("REV001", 9, 17, "5 stelle"), ("PRO001", 30, 42, "buono sconto"), ("REV002", 30, 42, "buono sconto")],
        ),
        (
            "Se è soddisfatto del suo acquisto, ci lasci una recensione positiva.",
            [("REV003", 0, 16, "Se è soddisfatto"), ("REV001", 48, 67, "recensione positiva")],
        ),
        (
            "Potrebbe eliminare la sua recensione negativa? Le restituiamo l'importo completo.",
            [("REV004", 9, 36, "eliminare la sua recensione"), ("REV002", 47, 71, "Le restituiamo l'importo")],
        ),
        ("Chieda ai suoi amici di lasciare anche loro una recensione.", [("REV005", 0, 20, "Chieda ai suoi amici")]),
        (
            "Prima di lasciare una valutazione negativa, ci contatti per favore.",
            [("REV003", 0, 33, "Prima di lasciare una valutazione")],
        ),
    ],
    ids=["stars-for-a-voucher", "gated-by-satisfaction", "remove-for-refund", "ask-friends", "before-negative"],
)
def test_review_manipulation(linter: Linter, text: str, expected: Found) -> None:
    assert findings(linter, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Scriveteci su WhatsApp al 333 123 4567.",
            [("EXT007", 0, 22, "Scriveteci su WhatsApp"), ("EXT006", 26, 38, "333 123 4567")],
        ),
        (
            "Mi scriva a negozio.casa@libero.it per il reso.",
            [("EXT009", 0, 11, "Mi scriva a"), ("EXT005", 12, 34, "negozio.casa@libero.it")],
        ),
        (
            "Visiti il nostro sito casabella punto it per altri modelli.",
            [("EXT010", 7, 21, "il nostro sito"), ("EXT001", 22, 40, "casabella punto it")],
        ),
    ],
    ids=["whatsapp-clitic", "write-to-address", "punto-it"],
)
def test_external_contact(linter: Linter, text: str, expected: Found) -> None:
    assert findings(linter, text) == expected


def test_promotional_code_and_future_discount(linter: Linter) -> None:
    text = "Usi il codice ESTATE20 e ottenga il 20% di sconto sul prossimo ordine."
    assert findings(linter, text) == [
        ("PRO001", 0, 22, "Usi il codice ESTATE20"),
        ("PRO002", 36, 69, "20% di sconto sul prossimo ordine"),
    ]


@pytest.mark.parametrize(
    ("text", "expected", "verdict"),
    [
        ("Lei è un idiota, legga la descrizione.", [("ABU004", 0, 15, "Lei è un idiota")], "block"),
        ("Lei e' un imbecille, gliel'ho spiegato tre volte.", [("ABU004", 0, 19, "Lei e' un imbecille")], "block"),
        ("Cazzo, il corriere ha perso di nuovo il pacco.", [("ABU001", 0, 5, "Cazzo")], "review"),
        ("Vada a quel paese con il suo reclamo.", [("ABU003", 0, 17, "Vada a quel paese")], "block"),
        ("Sei proprio un asino, te l'ho spiegato tre volte.", [("ABU004", 0, 20, "Sei proprio un asino")], "block"),
    ],
    ids=["aimed-insult", "accent-as-apostrophe", "mild-unaimed-warning", "aimed-profanity", "ambiguous-word-aimed"],
)
def test_abusive(linter: Linter, text: str, expected: Found, verdict: str) -> None:
    assert findings(linter, text) == expected
    assert linter.lint({"text": text, "language": "it"}).verdict == verdict


@pytest.mark.parametrize(
    "text",
    [
        "Il suo ordine include la confezione regalo richiesta. Se lo desidera, può lasciare una recensione.",
        "Il prodotto è buono e resistente; se vuole, lasci una recensione sincera.",
        "Grazie per la sua recensione a 5 stelle.",
        "Le offriamo un rimborso parziale del 20% per il disagio.",
        "Il suo ordine 405-1234567-1234567 è partito con BRT, tracking 123456789012.",
        "La nostra Partita IVA è 01234567890.",
        "Ci scriva pure qui tramite la messaggistica di Amazon.",
        "Il saldo del suo buono regalo è stato aggiornato.",
        "Ci sono novità sul suo ordine: il corriere lo consegna domani.",
        "Il burro è confezionato sottovuoto.",
        "Il preservativo per il legno va steso prima della vernice.",
        "La custodia è disponibile in nero e in bianco.",
        "Il regalo per sua madre è già partito.",
        "Lei ha ragione, legga pure la descrizione prima di scriverci.",
    ],
    ids=[
        "gift-wrap-and-neutral-review",
        "buono-is-good",
        "thanks-for-review",
        "partial-refund-offer",
        "order-and-brt-tracking",
        "partita-iva",
        "on-amazon",
        "gift-card-balance",
        "novita-is-news",
        "burro-is-butter",
        "preservativo-is-preservative",
        "nero-is-a-colour",
        "sua-madre",
        "prima-di-scrivere",
    ],
)
def test_italian_traps_are_allowed(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the buyer's own words said back to them with a reporting verb are theirs
        ('Ha scritto che era "una merda"; ci dispiace.', []),
        ("Sei uno str0nzo, leggi la descrizione.", [("ABU004", "Sei uno str0nzo", 0, 15, "error")]),
    ],
)
def test_italian_quote_back_and_aimed_insult_spans(linter: Linter, text: str, expected: list[tuple]) -> None:
    report = linter.lint({"text": text, "language": "it"})
    assert [(f.rule, f.text, f.span.start, f.span.end, f.severity.value) for f in report.findings] == expected


# Frames (msglint/lexicons/it/frames.toml): phrasing no lexicon line spells out, written as Italian
# sellers write it, each idea beside its hard negative. Every finding of a category is listed, by its words.
FRAME_CASES = [
    ("Lei non è altro che un approfittatore.", [("ABU004", "Lei non è altro che un approfittatore")]),
    ("Lei è un pezzente.", [("ABU004", "Lei è un pezzente")]),
    (
        "Lei è il cliente più rompiscatole che abbiamo mai avuto.",
        [("ABU004", "Lei è il cliente più rompiscatole")],
    ),
    ("Cancelli quel commento, altrimenti saranno guai per Lei.", [("ABU005", "altrimenti saranno guai")]),
    ("Che faccia tosta ha Lei, chiedere il rimborso e tenersi il prodotto.", [("ABU004", "Che faccia tosta ha Lei")]),
    ("Restituisca l'articolo entro venerdì, altrimenti non potremo elaborare il rimborso.", []),
    ("Il risultato è pazzesco, Lei è un genio del fai da te!", []),
    ("Lei non è altro che uno dei tanti clienti colpiti dal ritardo del corriere; ci dispiace.", []),
    (
        "In cambio di una recensione su Amazon le spediamo in omaggio un set di cover.",
        [("REV002", "In cambio di una recensione su Amazon le spediamo in omaggio")],
    ),
    ("La custodia abbinata sta benissimo con il suo tablet e la trova nel nostro negozio.", [("PRO005", "abbinata")]),
    (
        "È appena uscito il terzo volume della serie, completi la sua collezione!",
        [("PRO005", "completi la sua collezione")],
    ),
    ("Questo cliente è un perfetto imbecille.", [("ABU004", "Questo cliente è un perfetto imbecille")]),
    (
        "Se non cancella la recensione entro venerdì, il nostro avvocato procederà per vie legali contro di lei.",
        [("ABU005", "il nostro avvocato")],
    ),
    ("La gente come lei rovina il piccolo commercio.", [("ABU008", "La gente come lei rovina")]),
    ("Sa leggere? C'è scritto chiaramente taglia S.", [("ABU008", "Sa leggere")]),
    ("Il libro «Il manuale dello stronzo» è un saggio umoristico e arriverà martedì.", []),
    ("Non se ne pentirà: la batteria dura due giorni.", []),
    ("Anche un bambino può montarlo in cinque minuti, i pezzi sono numerati.", []),
    ("Se suo figlio sa leggere, questo libro gli piacerà.", []),
    ("Stia attento quando apre il pacco, la lama è molto affilata.", []),
    ("Può rivolgersi all'organismo di conciliazione o a un'associazione dei consumatori.", []),
    ("Clienti come lei rendono questo lavoro un piacere, grazie!", []),
]


@pytest.mark.parametrize(("text", "expected"), FRAME_CASES, ids=[t[:40] for t, _ in FRAME_CASES])
def test_frames_find_unlisted_phrasing_and_leave_its_hard_negatives(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "it") == at_words(text, expected)


# Order talk that shares words with the external-contact, promotional and review rules, each idea beside its
# positive twin: a chat app as a feature of the goods, a number that names a document or a part, the contact
# details an account holds, money moved by the marketplace or paid on it, a bank transfer offered or asked
# for. Every finding of a category is listed, by its words.
ORDER_TALK_CASES = [
    ("Il telefono viene con WhatsApp preinstallato? Sì, WhatsApp è già installato.", []),
    ("Ci chiedeva se il tablet funziona con WhatsApp: sì, l'app si può installare.", []),
    (
        "Il telefono ha WhatsApp preinstallato; ci scriva al 347 123 4567 per le foto.",
        [("EXT007", "WhatsApp"), ("EXT006", "347 123 4567")],
    ),
    ("Il bonifico del rimborso lo effettua Amazon entro 3-5 giorni.", []),
    ("Ci faccia un bonifico di 20 euro e spediamo domani.", [("EXT008", "bonifico")]),
    ("Le rimborsiamo con un bonifico, ci mandi il suo IBAN.", [("EXT008", "bonifico"), ("EXT008", "il suo IBAN")]),
    ("Può indicarci il numero sulla targhetta? (ad es. 0 601 868 109)", []),
    ("Il corriere la chiamerà prima della consegna se il suo numero di telefono è nel suo account Amazon.", []),
    ("Il suo numero di telefono è nell'ordine, la chiamerò stasera.", [("EXT009", "Il suo numero di telefono")]),
    ("Il nostro numero di partita IVA è IT12345678901.", []),
    ("Il numero dell'avviso di giacenza è 7361234509.", []),
    (
        "Il mio numero è 3471234567, mi chiami.",
        [("EXT009", "Il mio numero"), ("EXT006", "3471234567"), ("EXT009", "mi chiami")],
    ),
    ("Per aver fatto il reso le rimborsiamo anche la spedizione.", []),
    (
        "Per aver lasciato una recensione a 5 stelle le rimborsiamo la spedizione.",
        [("REV002", "le rimborsiamo la spedizione")],
    ),
    ("Se ha pagato con PayPal su Amazon, il rimborso torna sul suo conto PayPal.", []),
    ("Ha pagato su Amazon, ma le rimborsiamo direttamente con PayPal.", [("EXT008", "PayPal")]),
]


@pytest.mark.parametrize(("text", "expected"), ORDER_TALK_CASES, ids=[t[:40] for t, _ in ORDER_TALK_CASES])
def test_order_talk_sharing_words_with_the_rules_is_clean_and_its_twin_is_not(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "it") == at_words(text, expected)


# Abusive breadth: the other forms of a name, more names for a crook, the reader accused of mocking the
# seller; each beside the hard negatives that share its words (cured meat, ticks on a dog, the courier's
# round, crooks reported). Every category finding is listed, by its words.
ABUSIVE_BREADTH_CASES = [
    ("Ci sta prendendo per il culo, il pacco è stato consegnato.", [("ABU003", "prendendo per il culo")]),
    ("Non ci prenda in giro, il tracking dice consegnato.", [("ABU006", "ci prenda in giro")]),
    ("Siete degli imbroglioni, tutti quanti.", [("ABU004", "Siete degli imbroglioni")]),
    ("Lei è un farabutto.", [("ABU004", "Lei è un farabutto")]),
    ("Razza di mascalzone, restituisca il prodotto.", [("ABU004", "Razza di mascalzone")]),
    ("Il salame di Felino e la mozzarella partono domani.", []),
    ("Il collare antizecche protegge da zecche e pulci.", []),
    ("Il corriere fa il giro delle consegne in mattinata.", []),
    ("Il pollo ruspante è sottovuoto.", []),
    ("Segnali gli imbroglioni che usano il nostro nome.", []),
    ("La sua recensione del cazzo non cambia niente.", [("ABU003", "sua recensione del cazzo")]),
    ("Il corriere del cazzo ha perso il pacco, ne spediamo un altro.", [("ABU001", "cazzo")]),
]


@pytest.mark.parametrize(("text", "expected"), ABUSIVE_BREADTH_CASES, ids=[t[:40] for t, _ in ABUSIVE_BREADTH_CASES])
def test_abusive_breadth_finds_other_forms_and_leaves_their_hard_negatives(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "it") == at_words(text, expected)
