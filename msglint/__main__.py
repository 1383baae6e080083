"""``python -m msglint``: the same command line as ``msglint``."""

from msglint.cli import main

raise SystemExit(main())
