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

        msglint's own checkers are added first, so they win a collision of ids or codes.
        """
        registry = cls()
        found = entry_points(group=group) if entries is None else entries
        for entry in sorted(found, key=lambda e: (e.module.partition(".")[0] != "msglint", e.name)):
            try:
                loaded = entry.load()
                if not (isinstance(loaded, type) and issubclass(loaded, Checker)):
                    raise TypeError(f"{entry.value} is not a msglint Checker subclass")
                registry.add(loaded)
            except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop linting
                registry.broken.append(BrokenChecker(entry.name, f"{type(exc).__name__}: {exc}"))
        return registry

    def add(self, checker: type[Checker]) -> None:
        if checker.id in self._checkers and self._checkers[checker.id] is not checker:
            raise ValueError(f"two checkers share the id {checker.id!r}")
        uncategorised = [rule.code for rule in checker.rules if rule.category is None]
        if uncategorised:
            raise ValueError(
                f"checker {checker.id!r} declares rules without a category: {uncategorised} "
                "(only msglint's engine rules have none)"
            )
        codes = [rule.code for rule in checker.rules]
        taken = {rule.code for rule in self.rules}
        clash = sorted(set(codes) & taken - {r.code for r in self._own_rules(checker.id)})
        if clash or len(codes) != len(set(codes)):
            raise ValueError(f"checker {checker.id!r} declares rule codes already taken: {clash}")
        self._checkers[checker.id] = checker

    def _own_rules(self, checker_id: str) -> tuple[Rule, ...]:
        existing = self._checkers.get(checker_id)
        return existing.rules if existing else ()

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
