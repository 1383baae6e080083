"""Language files, ``<code>.toml``: the words msglint reads as words of a language (see msglint.engine.language)."""
