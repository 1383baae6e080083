"""Settings, policy packs and rule selection.

Settings come from ``[tool.msglint]`` in ``pyproject.toml`` or from a ``.msglint.toml`` (top-level
keys), found by walking up from the linted file or the working directory. Policy packs are TOML
files under ``msglint/policies/``. Both are validated; every error names the file and the key.

Selection: ``select``, ``extend-select`` and ``ignore`` entries are ``ALL``, a category value
(``promotional``), a checker id (``kettleworks-shop``), a code prefix (``EXT``, ``EXT0``) or a full
code or rule name. For each rule the most specific matching entry wins; on a tie, ``ignore`` wins.

Files: ``exclude``, ``extend-exclude`` and the globs of ``per-file-ignores`` are matched against a
file's path relative to the configuration file's folder (see :func:`msglint.templates.path_matches`).
"""

from __future__ import annotations

import functools
import json
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import ErrorDetails

from msglint.errors import ConfigError
from msglint.models import Category, Rule, Severity
from msglint.templates import path_matches
from msglint.tomllines import key_line

_TOML_LINE = regex.compile(r"at line (\d+)")
CONFIG_FILES = (".msglint.toml", "msglint.toml", "pyproject.toml")
FailOn = Literal["error", "warning", "info", "never"]

_KEBAB = ConfigDict(frozen=True, extra="forbid", alias_generator=lambda n: n.replace("_", "-"), populate_by_name=True)


class Settings(BaseModel):
    """What a user may configure. Keys are kebab-case in TOML (``extend-select``)."""

    model_config = _KEBAB

    policy: str = "amazon"
    select: tuple[str, ...] | None = Field(default=None, description="replaces the policy's selection")
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="path glob -> rules not checked in the files it matches"
    )
    severity: dict[str, Severity] = Field(default_factory=dict, description="rule selector -> severity")
    allowed_domains: tuple[str, ...] = ()
    extra_terms: dict[str, tuple[str, ...]] = Field(default_factory=dict, description="rule code -> terms")
    exclude: tuple[str, ...] = Field(default=(), description="path globs of files and folders not to check")
    extend_exclude: tuple[str, ...] = Field(default=(), description="more globs, kept when --exclude replaces exclude")
    fail_on: FailOn = "error"
    max_message_chars: int = Field(
        default=100_000, ge=1, le=1_000_000, description="longest text checked, counted after folding too"
    )
    checker_timeout_seconds: float = Field(default=5.0, gt=0, description="time budget per checker and message")

    def __hash__(self) -> int:
        return hash(self.model_dump_json())

    @field_validator("allowed_domains")
    @classmethod
    def _domain_names(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(domain_name(value) for value in values)

    @field_validator("exclude", "extend_exclude", "per_file_ignores")
    @classmethod
    def _globs(cls, globs: tuple[str, ...] | dict[str, tuple[str, ...]]) -> Any:
        if any(not glob.strip() for glob in globs):
            raise ValueError("an empty glob matches no file; remove it")
        return globs

    def excludes(self, path: Path, root: Path, *, replaced: bool = False) -> bool:
        """Whether ``path`` is excluded; globs are relative to ``root``, the configuration's folder.

        ``replaced``: the command line's ``--exclude`` replaces ``exclude`` (``extend-exclude`` stays).
        """
        globs = (*(() if replaced else self.exclude), *self.extend_exclude)
        return path_matches(path, globs, root)

    def ignored_in(self, path: Path, root: Path) -> tuple[str, ...]:
        """The rule entries ``per-file-ignores`` turns off for ``path`` (globs relative to ``root``).

        A glob starting with ``!`` applies to the files it does not match.
        """
        ignored: list[str] = []
        for glob, entries in self.per_file_ignores.items():
            negated = glob.startswith("!")
            if path_matches(path, (glob[1:] if negated else glob,), root) is not negated:
                ignored.extend(entries)
        return tuple(ignored)


_DOMAIN_NAME = regex.compile(r"(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]*[\p{L}\p{N}]")


def domain_name(value: str) -> str:
    """``value`` as a bare domain name (``"https://UPS.com/"`` -> ``"ups.com"``).

    A link to a page, a wildcard or anything else that is not a domain raises ValueError saying what
    to write instead: an allowed domain allows every page of it and of its subdomains.
    """
    text = value.strip().lower()
    if text.startswith("*."):
        raise ValueError(f'"{value}": a domain allows its subdomains too; write "{text[2:]}"')
    try:
        parts = urlsplit(text if "://" in text else "//" + text)
        host, port = (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        host, port = "", None
    if not _DOMAIN_NAME.fullmatch(host):
        raise ValueError(f'"{value}" is not a domain name; write one such as "ups.com"')
    if parts.path.strip("/") or parts.query or parts.fragment or parts.username is not None or port is not None:
        raise ValueError(
            f'"{value}" is a link, not a domain name; write "{host}" (every page of it, and of its '
            "subdomains, is then allowed)"
        )
    return host


class MessageType(BaseModel):
    """One kind of message a marketplace lets a seller send (``[message-types.<type>]`` of a pack)."""

    model_config = _KEBAB

    title: str = Field(min_length=1)
    max_characters: int | None = Field(
        default=None, ge=0, description="longest text; 0: carries no text; none: no limit"
    )
    max_attachments: int | None = Field(default=None, ge=0, description="0: carries none; none: the pack's limit")
    attachment_types: tuple[str, ...] = Field(default=(), description="MIME types allowed; empty: the pack's")
    critical: bool = Field(default=False, description="may go to a buyer who opted out of unsolicited messages")
    direction: Literal["proactive", "reply"] = "proactive"
    review_request: bool = Field(default=False, description="a request for a review or seller feedback")


class Windows(BaseModel):
    """When messages may be sent, in days or hours from the order's dates (``[windows]`` of a pack). A
    window the pack does not give is not checked (Walmart states a reply window and nothing else)."""

    model_config = _KEBAB

    proactive_days: int | None = Field(
        default=None, ge=0, description="proactive messages up to this long after delivery"
    )
    review_request_from_days: int | None = Field(
        default=None, ge=0, description="review requests from earliest delivery + this"
    )
    review_request_until_days: int | None = Field(
        default=None, ge=0, description="review requests until latest delivery + this"
    )
    reply_hours: int | None = Field(default=None, ge=0, description="a reply within this long of the buyer's message")
    max_proactive_per_order: int | None = Field(
        default=None, ge=0, description="review requests and proactive messages"
    )


class AttachmentLimits(BaseModel):
    """What may be attached to any message (``[attachments]`` of a pack)."""

    model_config = _KEBAB

    max_count: int = Field(ge=0)
    max_total_bytes: int = Field(ge=0)
    content_types: tuple[str, ...] = Field(default=(), description="MIME types allowed; empty: any")


#: The words of a marketplace that rule documentation and finding messages name through placeholders
#: (``{marketplace}``, ``{messaging}``…). A pack names its own; one that names none (a pack file of a
#: seller's own) gets these, so no text is ever left with a placeholder in it.
GENERIC_NAMES = {
    "marketplace": "the marketplace",
    "messaging": "the marketplace's messaging",
    "seller-portal": "the marketplace's seller account",
    "order-page": "the order page",
    "domain": "the marketplace's site",
    "brand": "marketplace",
    "order-id": "the order number",
}
NAME_KEYS = tuple(GENERIC_NAMES)
_PLACEHOLDER = regex.compile(r"\{(" + "|".join(map(regex.escape, NAME_KEYS)) + r")\}")


class Clause(BaseModel):
    """A clause of the marketplace's policy a rule cites, and the document it comes from."""

    model_config = _KEBAB

    text: str = Field(min_length=1)
    source: str | None = Field(default=None, description="the policy document (title and address) it quotes")


class LexiconOverlay(BaseModel):
    """A pack's change to one built-in lexicon: words added to or removed from the lines it selects, the
    lines dropped, or a new line. Applied when a Linter is built; a selection that matches no line is an error."""

    model_config = _KEBAB

    lexicon: str = Field(pattern=r"^[a-z_]+$", description="file name under msglint/lexicons/<lang>/, no suffix")
    lang: str = "en"
    rule: str | None = Field(default=None, pattern=r"^[A-Z]{2,4}[0-9]{3}$", description="the lines of this rule")
    tags: tuple[str, ...] | None = Field(default=None, description="the lines with exactly these tags")
    add: tuple[str, ...] = Field(default=(), description="phrases added to each selected line")
    remove: tuple[str, ...] = Field(default=(), description="phrases taken out of each selected line")
    drop: bool = Field(default=False, description="take the selected lines out")
    line: dict[str, Any] | None = Field(default=None, description="a new lexicon line, as in the JSONL file")

    @model_validator(mode="after")
    def _one_change(self) -> LexiconOverlay:
        edits = bool(self.add or self.remove) + self.drop + (self.line is not None)
        if edits != 1:
            raise ValueError("give exactly one change: 'add'/'remove' (words), 'drop = true', or a new 'line'")
        if self.line is None and self.rule is None:
            raise ValueError("'rule' (and optionally 'tags') selects the lines to change")
        return self


def _checked_names(names: dict[str, str]) -> dict[str, str]:
    """``names`` of a pack or of one of its languages, each a known placeholder with a word written."""
    unknown = sorted(set(names) - set(NAME_KEYS))
    if unknown:
        raise ValueError(f"unknown name {unknown[0]!r}; the names are {', '.join(NAME_KEYS)}")
    empty = [key for key, value in names.items() if not value.strip()]
    if empty:
        raise ValueError(f"names.{empty[0]} is empty; write the marketplace's word for it")
    return names


def _clauses_as_tables(clauses: Any) -> Any:
    """A clause may be written as its text alone (``key = "..."``) or as a table with its source."""
    if isinstance(clauses, dict):
        return {key: {"text": value} if isinstance(value, str) else value for key, value in clauses.items()}
    return clauses


class LanguageTexts(BaseModel):
    """What a marketplace calls things, and the clauses it quotes, for buyers who write in one of its languages
    (``[by-language.pt]`` of a pack): Mercado Livre Brazil's "Minhas compras" where Mercado Libre has "Mis compras"."""

    model_config = _KEBAB

    names: dict[str, str] = Field(default_factory=dict, description="placeholder -> the word in this language's market")
    clauses: dict[str, Clause] = Field(
        default_factory=dict, description="clause id -> the clause as this market words it"
    )

    @field_validator("names")
    @classmethod
    def _known_names(cls, names: dict[str, str]) -> dict[str, str]:
        return _checked_names(names)

    @field_validator("clauses", mode="before")
    @classmethod
    def _clause_tables(cls, clauses: Any) -> Any:
        return _clauses_as_tables(clauses)


class PolicyPack(BaseModel):
    """A marketplace's policy as data: which rules are on, how severe, what they cite, and the words that
    make every message and suggestion speak of this marketplace. A pack may ``extends`` another."""

    model_config = _KEBAB

    name: str
    title: str
    extends: str | None = Field(default=None, description="the pack this one starts from (already merged in)")
    names: dict[str, str] = Field(
        default_factory=lambda: dict(GENERIC_NAMES), description="placeholder -> this marketplace's words"
    )
    languages: tuple[str, ...] = Field(default=("en",), min_length=1, description="languages buyers are served in")
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = Field(default_factory=dict)
    allowed_domains: tuple[str, ...] = ()
    clauses: dict[str, Clause] = Field(default_factory=dict, description="clause id -> policy text and source")
    options: dict[str, dict[str, Any]] = Field(default_factory=dict, description="checker id -> options")
    lexicon: tuple[LexiconOverlay, ...] = Field(default=(), description="changes to the built-in lexicons")
    message_types: dict[str, MessageType] = Field(default_factory=dict, description="the types a seller may send")
    windows: Windows | None = None
    attachments: AttachmentLimits | None = None
    marketplaces: dict[str, tuple[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")], ...]] = Field(
        default_factory=dict,
        description="marketplace (e.g. amazon.de) -> the languages its buyers write, the usual one first",
    )
    by_language: dict[str, LanguageTexts] = Field(
        default_factory=dict,
        description="language -> the names and clause texts that differ for buyers writing in it",
    )

    @field_validator("marketplaces")
    @classmethod
    def _languages_named(cls, marketplaces: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for name, languages in marketplaces.items():
            if not languages:
                raise ValueError(f"marketplace {name!r} names no language")
        return {name.lower(): languages for name, languages in marketplaces.items()}

    @field_validator("names")
    @classmethod
    def _known_names(cls, names: dict[str, str]) -> dict[str, str]:
        return {**GENERIC_NAMES, **_checked_names(names)}

    @field_validator("clauses", mode="before")
    @classmethod
    def _clause_tables(cls, clauses: Any) -> Any:
        return _clauses_as_tables(clauses)

    @field_validator("allowed_domains")
    @classmethod
    def _domain_names(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(domain_name(value) for value in values)

    @field_validator("by_language")
    @classmethod
    def _languages_and_clauses_of_the_pack(cls, tables: dict[str, LanguageTexts], info: ValidationInfo) -> Any:
        languages, clauses = info.data.get("languages", ()), info.data.get("clauses", {})
        for code, texts in tables.items():
            if code not in languages:
                raise ValueError(
                    f"by-language.{code}: {code!r} is not one of the pack's languages ({', '.join(languages)})"
                )
            unknown = sorted(set(texts.clauses) - set(clauses))
            if unknown:
                key = f"by-language.{code}.clauses.{unknown[0]}"
                raise ValueError(f"{key}: the pack has no clause {unknown[0]!r} to word differently")
        return tables

    def for_language(self, lang: str | None) -> PolicyPack:
        """This pack as buyers writing in ``lang`` read it: its names and clause texts for that language, where
        ``[by-language.<lang>]`` gives them (the pack itself otherwise)."""
        texts = self.by_language.get(lang) if lang else None
        if texts is None:
            return self
        clauses = {**self.clauses, **texts.clauses}
        return self.model_copy(update={"names": {**self.names, **texts.names}, "clauses": clauses})

    @property
    def marketplace(self) -> str:
        return self.names["marketplace"]

    @property
    def clause_texts(self) -> dict[str, str]:
        """Clause id -> the policy's words."""
        return {key: clause.text for key, clause in self.clauses.items()}

    def render(self, text: str) -> str:
        """``text`` with its placeholders (``{marketplace}``…) filled with this marketplace's words."""
        return _PLACEHOLDER.sub(lambda m: self.names[m.group(1)], text) if "{" in text else text

    def message_type_problem(self, message_type: str | None) -> str | None:
        """Why ``message_type`` is not one of this pack's types, listing them; None when it is (or is None).

        ``reply`` is always a type: an answer to the buyer's message.
        """
        if message_type is None or not self.message_types or message_type in self.message_types:
            return None
        if message_type == REPLY:
            return None
        known = ", ".join(sorted({*self.message_types, REPLY}))
        return (
            f"field 'message_type': {message_type!r} is not a message type of the {self.name} policy; "
            f"its types: {known}"
        )


#: The message type of an answer to a buyer's message, known to every pack.
REPLY = "reply"


# --- loading ----------------------------------------------------------------------------------


# What a key must hold, in the words of its fix: for the key itself, and for one entry of a table key.
_EXPECTED: dict[str, tuple[str, str | None]] = {
    "policy": ('a policy name or pack file, e.g. policy = "amazon"', None),
    "select": ('a list of rule codes, e.g. select = ["EXT", "PRO001"]', None),
    "extend-select": ('a list of rule codes, e.g. extend-select = ["TPL"]', None),
    "ignore": ('a list of rule codes, e.g. ignore = ["PRO"]', None),
    "per-file-ignores": (
        'a table of path globs and lists of rule codes, e.g. [per-file-ignores] "legacy/*" = ["PRO"]',
        'a list of rule codes, e.g. {key} = ["PRO"]',
    ),
    "severity": (
        'a table of rule codes and severities, e.g. [severity] EXT = "warning"',
        '"error", "warning" or "info"',
    ),
    "allowed-domains": ('a list of domain names, e.g. allowed-domains = ["ups.com"]', None),
    "extra-terms": (
        'a table of rule codes and lists of words, e.g. [extra-terms] PRO001 = ["mega deal"]',
        'a list of words, e.g. {key} = ["mega deal"]',
    ),
    "exclude": ('a list of path globs, e.g. exclude = ["templates/drafts"]', None),
    "extend-exclude": ('a list of path globs, e.g. extend-exclude = ["*.draft.txt"]', None),
    "fail-on": ('"error", "warning", "info" or "never"', None),
    "checker-timeout-seconds": ("a number of seconds above 0, e.g. checker-timeout-seconds = 5", None),
}
_BARE_KEY = regex.compile(r"[A-Za-z0-9_-]+")


def _toml_key(part: str | int) -> str:
    text = str(part)
    return text if _BARE_KEY.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    """How a user wrote ``value`` in TOML, shortened."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str | int | float):
        shown = json.dumps(value, ensure_ascii=False)
        return shown if len(shown) <= 40 else shown[:36] + '..."'
    return {list: "a list", dict: "a table"}.get(type(value), f"a {type(value).__name__}")


def _problem(error: ErrorDetails) -> tuple[str, str]:
    """The key (dotted, as TOML spells it) and the problem of one pydantic error."""
    loc = error["loc"]
    field = str(loc[0]) if loc else ""
    if error["type"] == "extra_forbidden":
        return ".".join(map(_toml_key, loc)), "unknown key"
    if error["type"] == "value_error":  # a validator of ours: its message says it all
        return field, str(error["ctx"]["error"])
    if field not in _EXPECTED:
        return ".".join(map(_toml_key, loc)), error["msg"]
    whole, entry = _EXPECTED[field]
    got = f" (got {_toml_value(error['input'])})"
    if entry is not None and len(loc) > 1 and isinstance(loc[1], str):
        key = _toml_key(loc[1])
        return f"{field}.{key}", "must be " + entry.format(key=key) + got
    return field, "must be " + whole + got


def _validation_error(
    exc: ValidationError, path: Path | str | None, prefix: str = "", text: str | None = None
) -> ConfigError:
    """The first problem as a ConfigError; with the file's ``text``, it names the line of the key too."""
    error = exc.errors()[0]
    key, problem = _problem(error)
    line = key_line(text, error["loc"]) if text is not None else None
    return ConfigError(problem, path=path, key=prefix + key if key else None, line=line)


def parse_toml(text: str, path: Path | str) -> dict[str, Any]:
    """Parse TOML; a syntax error names the file and the line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else text.count("\n") + 1
        raise ConfigError(f"not valid TOML: {exc}", path=path, line=line) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError("file not found", path=path) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=path) from None
    return parse_toml(text, path)


def load_settings(path: Path | str) -> Settings:
    """Settings from a ``pyproject.toml`` (its ``[tool.msglint]``) or a ``.msglint.toml``."""
    path = Path(path)
    data = _read_toml(path)
    prefix = ""
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("msglint", {})
        prefix = "tool.msglint."
        if not isinstance(data, dict):
            raise ConfigError("must be a table", path=path, key="tool.msglint")
    return settings_from_mapping(data, path, prefix)


def settings_from_mapping(data: Mapping[str, Any], path: Path | str | None = None, prefix: str = "") -> Settings:
    """Validated settings from a mapping of TOML keys; errors name ``path`` and the key."""
    try:
        return Settings.model_validate(dict(data))
    except ValidationError as exc:
        raise _validation_error(exc, path, prefix) from None


def find_config(start: Path | str | None = None) -> Path | None:
    """The nearest configuration file at or above ``start`` (default: the working directory).

    A ``pyproject.toml`` counts only if it has a ``[tool.msglint]`` table.
    """
    here = Path(start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and holds_settings(candidate):
                return candidate
    return None


def holds_settings(path: Path) -> bool:
    """Whether ``path`` is a configuration file: a ``.msglint.toml`` or ``msglint.toml``, or a
    ``pyproject.toml`` with a ``[tool.msglint]`` table."""
    if path.name not in CONFIG_FILES:
        return False
    return path.name != "pyproject.toml" or "msglint" in _read_toml(path).get("tool", {})


def builtin_policies() -> list[str]:
    root = resources.files("msglint.policies")
    return sorted(p.name.removesuffix(".toml") for p in root.iterdir() if p.name.endswith(".toml"))


def load_policy(name: str) -> tuple[PolicyPack, str]:
    """A built-in policy pack by name, or a pack file by path. Returns the pack and where it came from.

    A pack that ``extends`` another starts from it: its tables are merged into the parent's key by key
    (``[severity]``, ``[clauses]``, ``[names]``, ``[options.*]``…), its other keys replace the parent's,
    and its ``[[lexicon]]`` changes come after the parent's.
    """
    data, source, text = _pack_data(name, ())
    try:
        return PolicyPack.model_validate(data), source
    except ValidationError as exc:
        raise _validation_error(exc, source, text=text) from None


def _pack_data(name: str, seen: tuple[str, ...]) -> tuple[dict[str, Any], str, str]:
    """A pack's keys with its parents' merged in, where the pack came from, and its own text (whose
    lines an error names; a key the pack inherits is named without a line)."""
    candidate = Path(name)
    if candidate.suffix == ".toml" and candidate.is_file():
        source: Any = candidate
        text = candidate.read_text("utf-8")
    else:
        source = resources.files("msglint.policies").joinpath(f"{name}.toml")
        if not source.is_file():
            known = ", ".join(builtin_policies())
            where = {"key": "extends", "path": seen[-1]} if seen else {"key": "policy"}
            raise ConfigError(f"no policy named {name!r}; built-in policies: {known}", **where)
        text = source.read_text("utf-8")
    data = parse_toml(text, str(source))
    parent = data.get("extends")
    if parent is None:
        return data, str(source), text
    if not isinstance(parent, str):
        raise ConfigError(
            f'must be a policy name, e.g. extends = "amazon" (got {_toml_value(parent)})',
            path=str(source),
            key="extends",
        )
    if parent in (*seen, name):
        raise ConfigError(
            f"{name!r} extends itself through {' -> '.join((*seen, name, parent))}", path=str(source), key="extends"
        )
    base, _, _ = _pack_data(parent, (*seen, str(source)))
    return _merged(base, data), str(source), text


#: The tables of a marketplace's own mechanics: never inherited from the pack a pack extends (eBay has
#: no SP-API message types, and Walmart's one window is its reply window, not Amazon's set).
OWN_TABLES = frozenset({"message-types", "windows", "attachments"})


def _merged(base: dict[str, Any], child: dict[str, Any], *, top: bool = True) -> dict[str, Any]:
    base = {key: value for key, value in base.items() if not (top and key in OWN_TABLES)}
    merged = dict(base)
    for key, value in child.items():
        if key == "lexicon" and isinstance(value, list):
            merged[key] = [*base.get(key, []), *value]
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merged(base[key], value, top=False)
        else:
            merged[key] = value
    return merged


# --- selection --------------------------------------------------------------------------------

_CATEGORY_VALUES = {c.value for c in Category}


def specificity(entry: str, rule: Rule) -> int:
    """How specifically ``entry`` names ``rule``: -1 when it does not name it at all."""
    if entry in (rule.code, rule.name):
        return 100
    if entry == "ALL":
        return 0
    if entry in _CATEGORY_VALUES:
        return 1 if rule.category is not None and rule.category.value == entry else -1
    if entry == rule.checker:
        return 2
    if entry.isupper() or entry[:1].isupper():
        return 2 + len(entry) if rule.code.startswith(entry) else -1
    return -1


def most_specific(entries: Iterable[str], rule: Rule) -> int:
    return max((specificity(e, rule) for e in entries), default=-1)


def is_selected(rule: Rule, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Whether ``rule`` is on: the most specific entry wins, and ``ignore`` wins a tie."""
    chosen = most_specific(select, rule)
    return chosen >= 0 and chosen > most_specific(ignore, rule)


def severity_for(rule: Rule, overrides: Iterable[Mapping[str, Severity]]) -> Severity:
    """The rule's severity after overrides; later mappings beat earlier ones at equal specificity."""
    best, severity = -1, rule.severity
    for mapping in overrides:
        for entry, value in mapping.items():
            score = specificity(entry, rule)
            if score >= 0 and score >= best:
                best, severity = score, value
    return severity


def check_entries(entries: Iterable[str], rules: Iterable[Rule], *, path: str | None, key: str) -> None:
    """Raise :class:`ConfigError` for an entry that names no rule."""
    rules = list(rules)
    for entry in entries:
        if not any(specificity(entry, rule) >= 0 for rule in rules):
            raise ConfigError(
                f"{entry!r} names no rule; use a rule code (EXT001), a prefix (EXT), a rule name, "
                "a category, a checker id or ALL (see `msglint rules`)",
                path=path,
                key=key,
            )


def check_per_file_ignores(settings: Settings, rules: Iterable[Rule], *, path: str | None, prefix: str = "") -> None:
    """Raise :class:`ConfigError` for a ``per-file-ignores`` entry that names no rule."""
    rules = list(rules)
    for glob, entries in settings.per_file_ignores.items():
        check_entries(entries, rules, path=path, key=f"{prefix}per-file-ignores.{_toml_key(glob)}")


# --- rule texts in other languages ------------------------------------------------------------

#: What a rule says to a seller, in another language: ``msglint/rules/texts/<lang>.toml``.
TEXT_KEYS = ("message", "suggestion")
_ANY_PLACEHOLDER = regex.compile(r"\{([^{}]*)\}")


def rule_text_languages(package: str = "msglint.rules") -> tuple[str, ...]:
    """The languages that have a file of rule texts (``<package>/texts/<lang>.toml``)."""
    root = resources.files(package).joinpath("texts")
    if not root.is_dir():
        return ()
    return tuple(sorted(p.name.removesuffix(".toml") for p in root.iterdir() if p.name.endswith(".toml")))


@functools.cache
def _rule_texts_file(lang: str, package: str) -> tuple[str, str, dict[str, Any]] | None:
    resource = resources.files(package).joinpath("texts", f"{lang}.toml")
    if not resource.is_file():
        return None
    try:
        text = resource.read_text("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=str(resource)) from None
    return str(resource), text, parse_toml(text, str(resource))


def load_rule_texts(lang: str, rules: Mapping[str, Rule], package: str = "msglint.rules") -> dict[str, dict[str, str]]:
    """A language's ``message`` and ``suggestion`` of each rule (``<package>/texts/<lang>.toml``, one table
    per rule code), checked against ``rules``, the rules in English: a code that names no rule, a key other
    than those two, a value that is not text, or a placeholder (``{marketplace}``…) the English text does
    not have is an error naming the file, the line and the key. A language without a file has none."""
    found = _rule_texts_file(lang, package)
    if found is None:
        return {}
    path, text, data = found

    def error(problem: str, *loc: str) -> ConfigError:  # the line is looked for only when there is an error
        return ConfigError(problem, path=path, key=".".join(loc), line=key_line(text, loc))

    texts: dict[str, dict[str, str]] = {}
    for code, table in data.items():
        rule = rules.get(code)
        if rule is None:
            raise error("names no rule; a table is a rule code, e.g. [REV001]", code)
        if not isinstance(table, dict):
            raise error('must be a table, e.g. [REV001] message = "…"', code)
        for key, value in table.items():
            if key not in TEXT_KEYS:
                raise error(f"unknown key; a rule's texts are {' and '.join(TEXT_KEYS)}", code, key)
            if not isinstance(value, str) or not value.strip():
                raise error(f"must be the text, in {lang} (got {_toml_value(value)})", code, key)
            english = getattr(rule, key) or (rule.summary if key == "message" else "") or ""
            known = set(_ANY_PLACEHOLDER.findall(english))
            extra = [name for name in _ANY_PLACEHOLDER.findall(value) if name not in known]
            if extra:
                has = ", ".join(f"{{{name}}}" for name in sorted(known)) or "none"
                raise error(
                    f"placeholder {{{extra[0]}}} is not in the English {key} of {code} (it has: {has})", code, key
                )
        texts[code] = dict(table)
    return texts
