"""UTF-16 offsets: what JavaScript's ``String.prototype.indexOf`` and Java's ``String.indexOf`` say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from msglint.models import Span
from msglint.offsets import Utf16Offsets


def js_index(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le", "surrogatepass")) // 2


def test_ascii_and_bmp_text_keep_their_offsets() -> None:
    units = Utf16Offsets("Grüße, ça va? 東京")
    assert not units
    assert [units.offset(n) for n in (0, 5, 17)] == [0, 5, 17]


def test_each_emoji_before_an_offset_adds_one_unit() -> None:
    text = "😀😀 visit shop.example.com"
    units = Utf16Offsets(text)
    assert units
    assert [units.offset(n) for n in (0, 1, 2, 9, 25)] == [0, 2, 4, 11, 27]
    assert units.offset(len(text)) == len(text.encode("utf-16-le")) // 2


def test_columns_count_from_the_start_of_their_line() -> None:
    text = "🎉 line one\n📦📦 see shop.example.com"
    start = text.index("shop")
    span = Span.in_text(text, start, start + 4)
    units = Utf16Offsets(text)
    assert (span.line, span.column) == (2, 8)
    assert units.column(start, span.column) == 10
    assert units.column(start + 4, span.end_column) == 14


text_with_astral = st.text(
    alphabet=st.sampled_from(["a", " ", "\n", "é", "東", "😀", "🏽", "𝐀", "\ud800", "\r"]), max_size=60
)


@settings(max_examples=300, deadline=None)
@given(text_with_astral, st.data())
def test_offsets_and_columns_are_javascripts(text: str, data: st.DataObject) -> None:
    units = Utf16Offsets(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = Span.in_text(text, start, end)
    assert units.offset(start) == js_index(text, start)
    assert units.offset(end) == js_index(text, end)
    line_start = start - (span.column - 1)
    assert units.column(start, span.column) == js_index(text, start) - js_index(text, line_start) + 1
    end_line_start = end - (span.end_column - 1)
    assert units.column(end, span.end_column) == js_index(text, end) - js_index(text, end_line_start) + 1
