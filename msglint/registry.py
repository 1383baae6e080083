"""Finding checkers: the entry-point group ``msglint.checkers``, for built-in and third-party alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points

from msglint.checkers.base import Checker
from msglint.models import Rule

ENTRY_POINT_GROUP = "msglint.checkers"


@dataclass(frozen=True)
class BrokenChecker:
    """An entry point that could not be loaded; reported on every lint instead of crashing."""

    name: str
    error: str


class Registry:
    """The checkers a :class:`~msglint.Linter` may run, by id. Build one per need; none is global."""

    def __init__(self, checkers: Iterable[type[Checker]] = ()) -> None:
        self._checkers: dict[str, type[Checker]] = {}
        self.broken: list[BrokenChecker] = []
        for checker in checkers:
            self.add(checker)

    @classmethod
    def from_entry_points(cls, group: str = ENTRY_POINT_GROUP, entries: Iterable[EntryPoint] | None = None) -> Registry:
        """Every checker registered under ``group``; a plugin that fails to load is kept as broken.

        msglint's own checkers are added first, so they win a clash of ids or rule codes: the plugin
        that declares a built-in code is the one rejected, by its entry point's name.
        """
        registry = cls()
        found = entry_points(group=group) if entries is None else entries
        for entry in sorted(found, key=lambda e: (not _is_builtin(e), e.name)):
            try:
                loaded = entry.load()
                if not (isinstance(loaded, type) and issubclass(loaded, Checker)):
                    raise TypeError(f"{entry.value} is not a msglint Checker subclass")
                registry.add(loaded)
            except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop linting
                registry.broken.append(BrokenChecker(entry.name, f"{type(exc).__name__}: {exc}"))
        return registry

    def add(self, checker: type[Checker]) -> None:
        """Register a checker; raises ValueError, naming the checker it clashes with, when its id or one
        of its rule codes is taken, or when it declares a rule without a category."""
        existing = self._checkers.get(checker.id)
        if existing is not None and existing is not checker:
            raise ValueError(f"checker id {checker.id!r} is already taken by {_where(existing)}")
        uncategorised = [rule.code for rule in checker.rules if rule.category is None]
        if uncategorised:
            raise ValueError(
                f"checker {checker.id!r} declares rules without a category: {uncategorised} "
                "(only msglint's engine rules have none)"
            )
        codes = [rule.code for rule in checker.rules]
        if len(codes) != len(set(codes)):
            raise ValueError(f"checker {checker.id!r} declares a rule code twice")
        owners = {rule.code: other for other in self._checkers.values() if other is not checker for rule in other.rules}
        for code in codes:
            if code in owners:
                raise ValueError(f"checker {checker.id!r} declares {code}, already taken by {_where(owners[code])}")
        self._checkers[checker.id] = checker

    @property
    def checkers(self) -> dict[str, type[Checker]]:
        return dict(self._checkers)

    @property
    def rules(self) -> list[Rule]:
        """Every checker's rules, each naming its checker (selection by checker id reads it)."""
        return [
            rule if rule.checker == checker.id else rule.model_copy(update={"checker": checker.id})
            for checker in self._checkers.values()
            for rule in checker.rules
        ]


def _is_builtin(entry: EntryPoint) -> bool:
    return entry.value.split(":", 1)[0].startswith("msglint.")


def _where(checker: type[Checker]) -> str:
    owner = "msglint's built-in checker" if checker.__module__.startswith("msglint.") else "checker"
    return f"{owner} {checker.id!r}"
