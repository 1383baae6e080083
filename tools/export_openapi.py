"""Write docs/openapi.json, the OpenAPI document `msglint serve` serves at /openapi.json.

Run after changing an endpoint or a model that crosses the wire; tests/test_server.py fails until
the checked-in document is the served one. Needs the server extra: pip install -e '.[server]'.
"""

from __future__ import annotations

import json
from pathlib import Path

from msglint.server import openapi

TARGET = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def main() -> None:
    TARGET.write_text(json.dumps(openapi(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
