"""msglint's engine: reading a message (and its disguises), matching, context, and the check kinds."""
