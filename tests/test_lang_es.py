"""Spanish: what each checker reports in messages written in Spanish, and the Spanish traps it leaves alone.

Exact rule codes and spans (start, end) on the original text; the lexicons are msglint/lexicons/es/ and the
language's words msglint/lang/es.toml.
"""

from __future__ import annotations

import pytest

from msglint import Linter
from msglint.engine.language import language

from .lang_cases import at_words, category_findings

Found = list[tuple[str, int, int, str]]


def findings(linter: Linter, text: str) -> Found:
    """(rule, start, end, text) of every finding of a category, in text order."""
    report = linter.lint({"text": text, "language": "es"})
    return [(f.rule, f.span.start, f.span.end, f.text) for f in report.findings if f.category is not None]


def test_spanish_has_its_own_words() -> None:
    spanish = language("es")
    assert not spanish.fallback
    assert "punto" in spanish.words.dot_words
    assert "arroba" in spanish.words.at_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Déjenos 5 estrellas y le enviaremos un regalo.",
            [("REV001", 8, 19, "5 estrellas"), ("REV002", 22, 45, "le enviaremos un regalo")],
        ),
        (
            "Si está satisfecho con su compra, déjenos una reseña positiva.",
            [("REV003", 0, 18, "Si está satisfecho"), ("REV001", 46, 61, "reseña positiva")],
        ),
        (
            "¿Podría eliminar su reseña negativa? Le devolveremos el importe completo.",
            [("REV004", 8, 35, "eliminar su reseña negativa"), ("REV002", 37, 63, "Le devolveremos el importe")],
        ),
        ("Pida a sus amigos que también dejen una reseña.", [("REV005", 0, 17, "Pida a sus amigos")]),
        (
            "Antes de dejar una valoración negativa, contáctenos por favor.",
            [("REV003", 0, 29, "Antes de dejar una valoración")],
        ),
        (
            "Dejenos una resena de cinco estrellas y le enviamos un cupon.",
            [("REV001", 12, 37, "resena de cinco estrellas"), ("PRO001", 55, 60, "cupon"), ("REV002", 55, 60, "cupon")],
        ),
    ],
    ids=[
        "stars-for-a-gift",
        "gated-by-satisfaction",
        "remove-for-refund",
        "ask-friends",
        "before-negative",
        "accents-dropped",
    ],
)
def test_review_manipulation(linter: Linter, text: str, expected: Found) -> None:
    assert findings(linter, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Escríbanos a tienda.casa@gmail.com y le ayudamos.",
            [("EXT009", 0, 12, "Escríbanos a"), ("EXT005", 13, 34, "tienda.casa@gmail.com")],
        ),
        (
            "Llámenos al 612 345 678 para solucionarlo.",
            [("EXT009", 0, 8, "Llámenos"), ("EXT006", 12, 23, "612 345 678")],
        ),
        (
            "Visite nuestra web tiendacasa punto com para más modelos.",
            [("EXT010", 7, 18, "nuestra web"), ("EXT001", 19, 39, "tiendacasa punto com")],
        ),
    ],
    ids=["write-to-address", "call-us-clitic", "punto-com"],
)
def test_external_contact(linter: Linter, text: str, expected: Found) -> None:
    assert findings(linter, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Use el código VERANO20 y consiga un 20 % de descuento en su próximo pedido.",
            [("PRO001", 0, 22, "Use el código VERANO20"), ("PRO002", 36, 74, "20 % de descuento en su próximo pedido")],
        ),
        (
            "Suscríbase a nuestro boletín y reciba un 10 % de descuento.",
            [("PRO007", 0, 10, "Suscríbase"), ("PRO007", 21, 28, "boletín"), ("PRO002", 41, 58, "10 % de descuento")],
        ),
    ],
    ids=["discount-code", "newsletter"],
)
def test_promotional(linter: Linter, text: str, expected: Found) -> None:
    assert findings(linter, text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "verdict"),
    [
        ("Es usted un idiota, lea bien la descripción.", [("ABU004", 0, 18, "Es usted un idiota")], "block"),
        ("Es usted un 1d1ota, lea bien la descripción.", [("ABU004", 0, 18, "Es usted un 1d1ota")], "block"),
        ("Joder, el transportista ha vuelto a perder el paquete.", [("ABU001", 0, 5, "Joder")], "review"),
        ("Váyase a la mierda con su reclamación.", [("ABU003", 0, 18, "Váyase a la mierda")], "block"),
        ("Eres un burro, te lo he explicado tres veces.", [("ABU004", 0, 13, "Eres un burro")], "block"),
    ],
    ids=["aimed-insult", "aimed-insult-leet", "mild-unaimed-warning", "aimed-profanity", "ambiguous-word-aimed"],
)
def test_abusive(linter: Linter, text: str, expected: Found, verdict: str) -> None:
    assert findings(linter, text) == expected
    assert linter.lint({"text": text, "language": "es"}).verdict == verdict


@pytest.mark.parametrize(
    "text",
    [
        "Su pedido incluye papel de regalo como solicitó. Si lo desea, puede dejar una reseña.",
        "Gracias por su reseña de 5 estrellas.",
        "Le ofrecemos un reembolso parcial del 20 % por las molestias.",
        "Su pedido 405-1234567-1234567 ha salido con Correos, seguimiento PQ4B6M0712345670128001V.",
        "Nuestro NIF es B12345678 y la factura va adjunta.",
        "El código de recogida de su taquilla es 482913.",
        "Su pedido va retrasado por la huelga de transportes.",
        "El burro de peluche mide 30 cm.",
        "Tenemos la funda en color negro y en blanco.",
    ],
    ids=[
        "gift-wrap-and-neutral-review",
        "thanks-for-review",
        "partial-refund-offer",
        "order-and-tracking",
        "nif",
        "locker-code",
        "retrasado-is-delayed",
        "burro-is-a-toy",
        "negro-is-a-colour",
    ],
)
def test_spanish_traps_are_allowed(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the buyer's own words said back to them with a reporting verb are theirs
        ('Usted escribió que era "una mierda"; lo sentimos.', []),
        ("Eres un g1lipollas, lee la descripción.", [("ABU004", "Eres un g1lipollas", 0, 18, "error")]),
    ],
)
def test_spanish_quote_back_and_aimed_insult_spans(linter: Linter, text: str, expected: list[tuple]) -> None:
    report = linter.lint({"text": text, "language": "es"})
    assert [(f.rule, f.text, f.span.start, f.span.end, f.severity.value) for f in report.findings] == expected


# Frames (msglint/lexicons/es/frames.toml): phrasing no lexicon line spells out, written as Spanish
# sellers write it, each idea beside its hard negative. Every finding of a category is listed, by its words.
FRAME_CASES = [
    ("Usted no es más que un aprovechado.", [("ABU004", "Usted no es más que un aprovechado")]),
    ("Es usted un sinvergüenza, el paquete se entregó en su puerta.", [("ABU004", "Es usted un sinvergüenza")]),
    ("Usted es el cliente más pesado que hemos tenido.", [("ABU004", "Usted es el cliente más pesado")]),
    (
        "Borre ese comentario, o si no, aténgase a las consecuencias.",
        [("ABU005", "o si no, aténgase a las consecuencias")],
    ),
    (
        "Vaya cara dura tiene usted, pedir un reembolso y quedarse el producto.",
        [("ABU004", "Vaya cara dura tiene usted")],
    ),
    ("Usted no es más que uno de los muchos clientes afectados por el retraso; lo sentimos.", []),
    ("Devuelva el artículo antes del viernes, o si no, no podremos tramitar el reembolso.", []),
    ("El burro de planchar plegable ya está enviado.", []),
    (
        "A cambio de una reseña en Amazon le enviamos de regalo un juego de fundas.",
        [("REV002", "A cambio de una reseña en Amazon le enviamos de regalo")],
    ),
    ("La funda a juego queda perfecta con su tablet y la tiene en nuestra tienda.", [("PRO005", "a juego")]),
    ("Ya está disponible el tercer volumen de la colección, ¡complete su serie!", [("PRO005", "complete su serie")]),
    ("Este cliente es un idiota de manual.", [("ABU004", "Este cliente es un idiota de manual")]),
    (
        "Si no borra la opinión antes del viernes, nuestro abogado tomará medidas legales contra usted.",
        [("ABU005", "nuestro abogado")],
    ),
    ("La gente como usted arruina el comercio pequeño.", [("ABU008", "La gente como usted arruina")]),
    ("Sabe leer? Pone talla S.", [("ABU008", "Sabe leer")]),
    ("El juego de mesa «Pedazo de idiota» vuelve a estar disponible.", []),
    ("No se va a arrepentir: la batería dura dos días sin problema.", []),
    ("Hasta un niño puede montarlo en cinco minutos, las piezas están numeradas.", []),
    ("Si su hijo ya sabe leer, este libro le encantará.", []),
    ("Se va a enterar de la llegada por SMS, no tiene que hacer nada.", []),
    ("Puede presentar una reclamación ante la Junta Arbitral de Consumo si lo desea.", []),
    ("El preservativo de la caja es una muestra del fabricante incluida en el pack farmacéutico que pidió.", []),
    ("Le devolvemos el importe hoy mismo; su opinión sobre el servicio nos importa.", []),
]


@pytest.mark.parametrize(("text", "expected"), FRAME_CASES, ids=[t[:40] for t, _ in FRAME_CASES])
def test_frames_find_unlisted_phrasing_and_leave_its_hard_negatives(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "es") == at_words(text, expected)


# Order talk that shares words with the external-contact, promotional and review rules, each idea beside its
# positive twin: a chat app as a feature of the goods, a number that names a document or a part, the contact
# details an account holds, money moved by the marketplace or paid on it, a bank transfer offered or asked
# for. Every finding of a category is listed, by its words.
ORDER_TALK_CASES = [
    ("¿Viene con WhatsApp instalado? Sí, el teléfono trae WhatsApp preinstalado.", []),
    ("Nos preguntó si la tableta funciona con WhatsApp: sí, la aplicación se puede instalar.", []),
    (
        "El móvil trae WhatsApp preinstalado; llámenos al 612 345 678 y le mandamos fotos.",
        [("EXT007", "WhatsApp"), ("EXT009", "llámenos"), ("EXT006", "612 345 678")],
    ),
    ("La transferencia de su reembolso la realiza Amazon en 3 a 5 días.", []),
    ("Hágannos una transferencia de 20 euros y lo enviamos hoy.", [("EXT008", "transferencia")]),
    ("Le reembolsamos por transferencia, envíenos su IBAN.", [("EXT008", "por transferencia"), ("EXT008", "su IBAN")]),
    ("¿Puede indicarnos el número de la placa de características? (p. ej. 0 601 868 109)", []),
    ("El transportista le llamará antes de la entrega si su número de teléfono está en su cuenta de Amazon.", []),
    ("Su número de teléfono está en el pedido, le llamaré esta tarde.", [("EXT009", "Su número de teléfono")]),
    ("Hemos registrado su reclamación con el número de expediente 2024113045.", []),
    ("Mi número es el 612345678, llámeme.", [("EXT009", "Mi número"), ("EXT006", "612345678"), ("EXT009", "llámeme")]),
    ("Nuestro número de IVA intracomunitario es ESB12345678.", []),
    ("Indique el número de pedido 405-1234567-7654321 al hacer la devolución.", []),
    (
        "Al dejar una reseña de 5 estrellas le hacemos la devolución completa.",
        [("REV001", "reseña de 5 estrellas"), ("REV002", "devolución")],
    ),
    ("Si pagó con PayPal en Amazon, el reembolso vuelve solo a su cuenta de PayPal.", []),
    (
        "Pagó en Amazon, pero le devolvemos el dinero directamente a su cuenta de PayPal.",
        [("EXT008", "le devolvemos el dinero directamente"), ("EXT008", "PayPal")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ORDER_TALK_CASES, ids=[t[:40] for t, _ in ORDER_TALK_CASES])
def test_order_talk_sharing_words_with_the_rules_is_clean_and_its_twin_is_not(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "es") == at_words(text, expected)


# Abusive breadth: 'chorizo' a thief only when said of the reader, the other forms of a name, the reader
# accused of mocking the seller; each beside the hard negatives that share its words (the sausage, a
# pet's parasites, wooden donkeys). Every category finding is listed, by its words.
ABUSIVE_BREADTH_CASES = [
    ("Es usted un chorizo, se quedó con el dinero.", [("ABU004", "Es usted un chorizo")]),
    ("No nos tome el pelo, el seguimiento dice entregado.", [("ABU006", "nos tome el pelo")]),
    ("Deje de mentir, tramposo.", [("ABU004", "tramposo")]),
    ("Clientes pesados como usted no merecen nada.", [("ABU004", "pesados como usted")]),
    ("Eres una embustera, la caja llegó intacta.", [("ABU004", "Eres una embustera")]),
    ("Menudo chorizo, el ibérico de bellota que pidió ya está en camino.", []),
    ("Menudo chorizo nos ha llegado del proveedor, está buenísimo.", []),
    ("Su pedido de chorizo y lomo embuchado sale hoy.", []),
    ("El collar antiparasitario protege de parásitos durante ocho meses.", []),
    ("Los burros de madera del belén llegan el lunes.", []),
    ("Le tomamos las medidas por teléfono si lo prefiere.", []),
    ("Su reseña de mierda nos da igual.", [("ABU003", "Su reseña de mierda")]),
    ("El repartidor de mierda perdió el paquete; le enviamos otro.", [("ABU002", "mierda")]),
]


@pytest.mark.parametrize(("text", "expected"), ABUSIVE_BREADTH_CASES, ids=[t[:40] for t, _ in ABUSIVE_BREADTH_CASES])
def test_abusive_breadth_finds_other_forms_and_leaves_their_hard_negatives(
    linter: Linter, text: str, expected: list[tuple[str, str]]
) -> None:
    assert category_findings(linter, text, "es") == at_words(text, expected)
