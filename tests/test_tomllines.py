"""A validation error's location found as a line of the TOML file it came from."""

from __future__ import annotations

import pytest

from msglint.tomllines import key_line

TEXT = """\
name = "mine"          # line 1
select = ["ALL"]

[severity]
EXT = "warning"        # line 5
"PRO.x" = "info"

[[leet]]
char = "0"             # line 9
letters = ["o"]

[[leet]]
char = "1"             # line 13
letters = ["i", "l"]

[options.external-contact]
marketplace-brands = [  # line 17
  "amazon",
]

[emoji]
"🆓" = "free"           # line 22
"""


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("name",), 1),
        (("select", 0), 2),
        (("severity", "EXT"), 5),
        (("severity", "PRO.x"), 6),
        (("leet", 0, "char"), 9),
        (("leet", 1, "letters"), 14),
        (("leet", 1, "letters", 1), 14),
        (("options", "external-contact", "marketplace-brands"), 17),
        (("emoji", "🆓"), 22),
        (("leet", 1, "shape"), 12),  # missing: the table it belongs in
        (("severity", "REV"), 4),
        (("masks",), None),  # missing, with no table of its own
    ],
)
def test_a_location_is_found_on_its_line(loc: tuple[str | int, ...], line: int | None) -> None:
    assert key_line(TEXT, loc) == line
