"""msglint rules of the Kettleworks seller (an example plugin: see msglint's docs/plugins.md)."""
