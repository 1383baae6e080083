"""Regenerate msglint/data/confusables.tsv from Unicode's confusables data.

The Unicode Consortium publishes confusables.txt (UTS #39, Unicode License v3). The
``confusable-homoglyphs`` package (MIT) ships a JSON snapshot of it, which is the only copy this
build machine can reach; run this script with that package installed (it is in the ``tools``
extra, never a runtime dependency):

    pip install -e '.[tools]' && python tools/build_confusables.py

Only characters that look like an ASCII letter or digit are kept, each mapped to that character,
so the table folds ``ѕһор`` (Cyrillic) to ``shop`` and ``𝐟𝐫𝐞𝐞`` to ``free``.
"""

from __future__ import annotations

import json
import unicodedata
from importlib import metadata, resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "msglint" / "data" / "confusables.tsv"
ASCII_TARGETS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def build() -> dict[str, str]:
    raw = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    table: dict[str, str] = {}
    # Letters before digits: Cyrillic "О" is the letter O to a reader, not zero.
    for target in sorted(ASCII_TARGETS, key=lambda t: (t.isdigit(), t)):
        for entry in raw.get(target, []):
            char = entry["c"]
            if len(char) != 1 or char.isascii() or char in table:
                continue
            # NFKC already folds full-width and mathematical letters; keep the table to what it misses.
            if unicodedata.normalize("NFKC", char).isascii():
                continue
            # Unicode's skeleton for a capital I-like letter is "l"; in text it stands for "I".
            table[char] = "I" if target == "l" and char != char.lower() else target
    return table


def main() -> None:
    table = build()
    version = metadata.version("confusable-homoglyphs")
    lines = [
        "# Characters that look like an ASCII letter or digit -> that character.",
        "# Derived from Unicode confusables.txt (UTS #39, Unicode License v3) via the",
        f"# confusable-homoglyphs {version} snapshot by tools/build_confusables.py. Do not edit.",
    ]
    for char, target in sorted(table.items()):
        lines.append(f"{ord(char):04X}\t{target}\t{unicodedata.name(char, '?')}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(table)} entries to {OUT}")


if __name__ == "__main__":
    main()
