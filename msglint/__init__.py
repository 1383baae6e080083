"""msglint: check a marketplace seller's message against the marketplace's communication policy."""

from msglint.api import Linter, lint
from msglint.errors import ConfigError, MsglintError, PolicyViolation
from msglint.models import Category, Finding, Message, Report, Rule, Severity, Span, Verdict

__version__ = "0.1.0"

__all__ = [
    "Category",
    "ConfigError",
    "Finding",
    "Linter",
    "Message",
    "MsglintError",
    "PolicyViolation",
    "Report",
    "Rule",
    "Severity",
    "Span",
    "Verdict",
    "__version__",
    "lint",
]
