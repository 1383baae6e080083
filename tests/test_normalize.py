"""Normalisation: what each view folds, and that every folded span maps back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msglint.normalize import OffsetMap, fold_char, normalize


def folded(text: str) -> str:
    return normalize(text)[1].text


def plain(text: str) -> str:
    return normalize(text)[0].text


def original_of(text: str, word: str) -> str:
    """The original characters behind the first occurrence of ``word`` in the folded view."""
    view = normalize(text)[1]
    start = view.text.index(word)
    a, b = view.to_original(start, start + len(word))
    return text[a:b]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("f\u200bu\u200cc\u200dk", "fuck"),  # zero-width space, non-joiner, joiner
        ("re\u2060view\ufeff", "review"),  # word joiner, BOM
        ("free\u00adgift", "freegift"),  # soft hyphen
        ("ѕһор", "shop"),  # Cyrillic dze, shha, o, er
        ("ρаураl", "paypal"),  # Greek rho, Cyrillic a, u, a
        ("ＩＦ ＲＥＶＩＥＷ", "if review"),  # a full-width capital I is an I, not an l
        ("ІDІОТ", "idiot"),  # Cyrillic capitals: І is I, О is the letter O
        ("Ｆｒｅｅ ｇｉｆｔ", "free gift"),  # full-width
        ("𝐟𝐫𝐞𝐞", "free"),  # mathematical bold
        ("café", "cafe"),  # precomposed accent
        ("cafe\u0301", "cafe"),  # combining accent
        ("&#115;hop &amp; more", "shop & more"),  # HTML entities
        ("ᴠɪsɪᴛ ᴏᴜʀ sᴛᴏʀᴇ", "visit our store"),  # small capitals
        ("Fu©k", "fuck"),  # letter-like sign
        ("don’t", "don't"),  # typographic apostrophe
        ("𝟏𝟎% off", "10% off"),  # mathematical digits are digits, not l and o
    ],
)
def test_character_folding(text: str, expected: str) -> None:
    assert folded(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("f4ke", "fake"),
        ("$hop", "shop"),
        ("sh!t", "shit"),
        ("1d10t", "idiot"),
        ("r3v13w", "review"),
        ("@ss", "@ss"),  # a leading @ is a handle, not leetspeak
        ("gr8", "gr8"),  # 8 stands for a sound
        ("thanks!", "thanks!"),  # a trailing ! is punctuation
    ],
)
def test_leetspeak_inside_words(text: str, expected: str) -> None:
    assert folded(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "123-4567890-1234567",  # Amazon order id
        "1z999aa10123456784",  # UPS tracking
        "b07xyz1234",  # ASIN
        "rtx3080",  # model number
        "$20.00",
        "21st",
        "10cm",
        "5pm",
        "2024-11-26",
        "+44 20 7946 0958",
    ],
)
def test_numbers_and_codes_survive_untouched(text: str) -> None:
    assert folded(text) == text.lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("r e v i e w", "review"),
        ("s.h.i.t", "shit"),
        ("f-r-e-e g i f t", "free gift"),
        ("e.g. the U.S.A.", "e.g. the usa."),  # two letters are an abbreviation; one separator per run
        ("leave a r e v i e w", "leave a review"),  # the article stays a word of its own
        ("a s s", "ass"),
    ],
)
def test_spaced_and_dotted_letters_are_joined(text: str, expected: str) -> None:
    assert folded(text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # The disguise spaces out ASCII letters only: an accented letter stays glued to its neighbours.
        ("es", "Nuestra lín e a de invierno", "nuestra linea de invierno"),
        ("es", "P.o.r c.a.d.a r.e.s.eña", "por cada resena"),
        ("de", "u n v e r s c häm t", "unverschamt"),
        ("de", "Üb.e.r.r.a.s.c.h.u.n.g!", "uberraschung!"),
        ("pt", "V o cê", "voce"),
        ("pt", "núm e r o", "numero"),
        ("pt", "v.o.cê", "voce"),
        ("fr", "bénéf i c ié", "beneficie"),
        ("fr", "V o u s   n'êt e s", "vous n'etes"),  # an elided word stays before the run
        ("de", "V0l l i d i0t", "vollidiot"),  # a leet digit glues its letter to its neighbour too
        ("en", "Some sh1t.h.e.a.d at", "some shithead at"),  # a dot parts letters, never words
        # A piece that is a word by itself is not swallowed into a rarer word ("siesta").
        ("es", "Si e s tá e n c a n t a d o", "si esta encantado"),
    ],
)
def test_spaced_runs_cut_by_an_accented_letter_are_joined(lang: str, text: str, expected: str) -> None:
    assert normalize(text, lang)[1].text == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "5 e s t r e l l a s y le", "5 estrellas y le"),  # a one-letter word ends the run
        ("es", "e n v i a r e m o s", "enviaremos"),  # a one-letter word's letter opens a word
        ("en", "a f r e e gift", "a free gift"),
        ("en", "a.r.e.v.i.e.w", "a review"),
        ("pt", "e o c.u.p.o.m usado", "e o cupom usado"),  # a letter of another run is not taken from it
        ("en", "my e-mail a d d r e s s", "my e-mail address"),  # "mail" of "e-mail" is no piece of the run
        ("en", "f-r-e-e g i f t", "free gift"),
        ("en", "from a p a t h e t i c customer", "from a pathetic customer"),  # the article opens the run
        ("en", "appreciate a t o p   r a t i n g", "appreciate a top rating"),
        ("en", "you're a r e a l joke", "you're a real joke"),  # "re" of "you're" is no piece of the run
        ("en", "Well a.r.e.n't y.o.u", "well aren't you"),  # a contraction is read with the run's last word
        ("fr", "c'ét.a.i.t", "c'etait"),  # an elided word stays before it
        # The lone letters of a masked word are joined blind, as before: no word is looked up in them.
        ("en", "the f***i n g scanner", "the f***ing scanner"),
        ("en", "a p*s i t i v e   r*v i e w", "a p*sitive r*view"),
    ],
)
def test_a_one_letter_word_beside_a_spaced_run_stays_a_word(lang: str, text: str, expected: str) -> None:
    assert normalize(text, lang)[1].text == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("es", "a e i o u", "a e i o u"),
        ("it", "a e i o u", "a e i o u"),
        ("es", "y a la vez", "y a la vez"),  # not "ya la vez", nor "ala"
        ("es", "la U. E. a las 9", "la u. e. a las 9"),  # was "uea"
        ("es", "el pedido a y b", "el pedido a y b"),  # was "ayb"
        ("pt", "a e o", "a e o"),  # was "aeo"
        ("de", "u.a. nach z.B. Berlin", "u.a. nach z.b. berlin"),
        ("es", "la opción a o b", "la opcion a o b"),
        ("fr", "à 3 h", "a 3 h"),
        ("fr", "y a-t-il", "y a-t-il"),
        ("en", "J. R. R. Tolkien", "jrr. tolkien"),  # initials are not glued to the name
        ("en", "U.S.A.", "usa."),
        ("de", "z. B. und d.h.", "z. b. und d.h."),
        ("it", "la S.p.A. di Milano", "la spa. di milano"),
        ("it", "N. 123", "n. 123"),
        ("en", "I a m so sorry", "i a m so sorry"),
        ("en", "shop.com a b c", "shop.com abc"),  # a link's last part is no piece of a run
        ("es", "Pedido n.º 123 a b", "pedido n.o 123 a b"),
        # A piece of a masked word is no piece of a run ("ch a d" is not "chad").
        ("en", "Y*u are s*ch a d*mb*ssh*le.", "y*u are s*ch a d*mb*ssh*le."),
        # Letters joined blind keep their separator to the word after them, as before.
        ("en", "P.O.S.I.T.I.V.Ef33dback", "positiv.efeedback"),
        # A name spelt out is not cut at a one-letter word into a short or a split word.
        ("fr", "sur E t s y sous", "sur etsy sous"),
        ("pt", "pela S h o p e e que", "pela shopee que"),
    ],
)
def test_ordinary_one_letter_words_and_initials_are_not_glued(lang: str, text: str, expected: str) -> None:
    assert normalize(text, lang)[1].text == expected


@pytest.mark.parametrize(
    ("lang", "text", "word", "typed"),
    [
        ("es", "Nuestra lín e a de invierno", "linea", "lín e a"),
        ("pt", "Ô v.o.cê!", "voce", "v.o.cê"),
        ("de", "Eine Üb.e.r.r.a.s.c.h.u.n.g", "uberraschung", "Üb.e.r.r.a.s.c.h.u.n.g"),
        ("es", "5 e s t r e l l a s y le", "estrellas y", "e s t r e l l a s y"),
        ("es", "5 e s t r e l l a s y le", "y", "y"),
        ("en", "a.r.e.v.i.e.w", "a review", "a.r.e.v.i.e.w"),
        ("en", "a.r.e.v.i.e.w", " ", "."),  # the space between the words is the dot that parted them
        ("de", "V0l l i d i0t", "vollidiot", "V0l l i d i0t"),
    ],
)
def test_joined_runs_map_back_to_what_was_typed(lang: str, text: str, word: str, typed: str) -> None:
    view = normalize(text, lang)[1]
    start = view.text.index(word)
    a, b = view.to_original(start, start + len(word))
    assert text[a:b] == typed


def test_every_character_of_a_joined_run_maps_to_its_letter() -> None:
    text = "Si e s tá e n c a n t a d o"
    view = normalize(text, "es")[1]
    assert view.text == "si esta encantado"
    assert [text[slice(*view.to_original(i, i + 1))] for i in range(len(view.text))] == list("Si está encantado")


def test_runs_of_spaces_become_one_after_spaced_letters_are_joined() -> None:
    assert folded("F R E E  S H I P P I N G") == "free shipping"
    assert folded("free  gift\t\tnow") == "free gift now"
    assert folded("line one\n\nline two") == "line one\n\nline two"


def test_runs_of_three_or_more_letters_are_squeezed() -> None:
    assert folded("stuuupid sooo good") == "stupid so good"


def test_plain_view_keeps_case_digits_and_punctuation() -> None:
    assert plain("Call +44 20 7946 0958 or mail Bob@Example.COM") == "Call +44 20 7946 0958 or mail Bob@Example.COM"
    assert plain("www.ехаmple.com") == "www.example.com"  # Cyrillic e, x, a


@pytest.mark.parametrize(
    ("text", "word", "typed"),
    [
        ("you f\u200bu\u200bc\u200bk1ng 1d10t", "idiot", "1d10t"),
        ("you f\u200bu\u200bc\u200bk1ng 1d10t", "fucking", "f\u200bu\u200bc\u200bk1ng"),
        ("please r e v i e w it", "review", "r e v i e w"),
        ("please r e v i e w it", "rev", "r e v"),
        ("so stuuuupid", "stupid", "stuuuupid"),
        ("visit ѕһор now", "shop", "ѕһор"),
        ("ＦＲＥＥ gift", "free", "ＦＲＥＥ"),
        ("\u200bfree", "free", "free"),  # a leading invisible is not part of the word
        ("&#115;hop", "shop", "&#115;hop"),
        ("cafe\u0301 time", "cafe", "cafe\u0301"),
    ],
)
def test_folded_words_map_back_to_what_was_typed(text: str, word: str, typed: str) -> None:
    assert original_of(text, word) == typed


def test_offset_map_shifts_after_a_deletion_and_spans_a_replacement() -> None:
    # target "ab" + "X" (from source 2..5) + "cd", with source 1 deleted: source "a_b...cd"
    offset_map = OffsetMap([(1, 1, 1, 2), (2, 3, 3, 6)])
    assert [offset_map.start(i) for i in range(5)] == [0, 2, 3, 6, 7]
    assert [offset_map.end(i) for i in range(5)] == [1, 3, 6, 7, 8]


def test_fold_char_removes_invisibles_and_marks() -> None:
    assert fold_char("\u200b") == ""
    assert fold_char("\u0301") == ""
    assert fold_char("\ufe0f") == ""  # variation selector
    assert fold_char("ﬁ") == "fi"


# --- properties -----------------------------------------------------------------------------

INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202e"]
HOMOGLYPHS = ["а", "е", "о", "р", "с", "ѕ", "һ", "і", "ο", "α", "Ａ", "𝐟"]
tricky_text = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=8),
        st.sampled_from(INVISIBLES),
        st.sampled_from(HOMOGLYPHS),
        st.sampled_from(
            ["\r\n", "\u0301", "👍🏽", "👨‍👩‍👧", "⭐⭐⭐", "&amp;", "&#1109;", "1d10t", "r e v", "sss", " . "]
        ),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(tricky_text)
def test_every_folded_character_maps_into_the_original_monotonically(text: str) -> None:
    for view in normalize(text):
        starts, ends = [], []
        for i in range(len(view.text)):
            start, end = view.to_original(i, i + 1)
            assert 0 <= start < end <= len(text)
            starts.append(start)
            ends.append(end)
        assert starts == sorted(starts)
        assert ends == sorted(ends)


@settings(max_examples=300, deadline=None)
@given(tricky_text, st.data())
def test_any_folded_span_maps_to_a_valid_original_span(text: str, data: st.DataObject) -> None:
    view = normalize(text)[1]
    start = data.draw(st.integers(0, len(view.text)))
    end = data.draw(st.integers(start, len(view.text)))
    a, b = view.to_original(start, end)
    assert 0 <= a <= b <= len(text)
    if end > start:
        assert a < b


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=40))
def test_plain_lowercase_text_folds_to_itself_except_spacing_and_repeats(text: str) -> None:
    view = normalize(text)[0]
    assert view.text == text


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["en", "de", "es", "fr", "it", "pt"]), st.text(alphabet="aeoysrtnlcéêãüß0'. -", max_size=40))
def test_spaced_runs_in_any_language_map_into_the_original_monotonically(lang: str, text: str) -> None:
    view = normalize(text, lang)[1]
    spans = [view.to_original(i, i + 1) for i in range(len(view.text))]
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)
    assert [e for _, e in spans] == sorted(e for _, e in spans)
