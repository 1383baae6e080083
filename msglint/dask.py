"""Audits on Dask: :func:`lint_bag` and :func:`lint_ddf` (``msglint[dask]``).

Each partition is checked in the worker that holds it, with the Linter that worker process keeps in
:mod:`msglint.batch`. The configuration is read where these functions are called and shipped as values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from msglint.api import ConfigLike
from msglint.batch import lint_frame, lint_records, resolve_settings, result_meta
from msglint.config import Settings
from msglint.models import Message

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe


def lint_bag(bag: dask.bag.Bag, policy: str | None = None, config: ConfigLike = None) -> dask.bag.Bag:
    """A bag of one dict per item of ``bag``: the item's fields and the result columns of
    :func:`msglint.batch.lint_frame` (``verdict``, ``ok``, ``findings``, ``msglint_version``,
    ``policy_hash``), in order.

    An item is a text, a mapping of Message fields (its other keys are kept, not read) or a
    :class:`~msglint.Message`. Anything else, or a mapping that is not a valid message, is answered
    with ``MSG006`` in its place.
    """
    return bag.map_partitions(_lint_items, policy, resolve_settings(config))


def lint_ddf(
    ddf: dask.dataframe.DataFrame,
    text: str = "text",
    *,
    id: str | None = None,
    language: str | None = None,
    metadata: Sequence[str] | Mapping[str, str] = (),
    policy: str | None = None,
    config: ConfigLike = None,
) -> dask.dataframe.DataFrame:
    """``ddf`` with the result columns added to every row; arguments as :func:`msglint.batch.lint_frame`'s."""
    return ddf.map_partitions(
        lint_frame,
        text,
        id=id,
        language=language,
        metadata=dict(metadata) if isinstance(metadata, Mapping) else tuple(metadata),
        policy=policy,
        config=resolve_settings(config),
        meta=result_meta(ddf._meta),
    )


def _lint_items(items: Iterable[Any], policy: str | None, settings: Settings) -> list[dict[str, Any]]:
    items = list(items)
    messages = [_readable(item) for item in items]
    return [
        {**_fields(item), **record}
        for item, record in zip(items, lint_records(messages, policy, settings), strict=True)
    ]


def _readable(item: Any) -> Any:
    """What Linter.lint_many reads of a bag item: a mapping's Message fields only."""
    if isinstance(item, Mapping):
        fields = {key: value for key, value in item.items() if key in Message.model_fields}
        if isinstance(fields.get("id"), int) and not isinstance(fields["id"], bool):
            fields["id"] = str(fields["id"])  # as the command line reads JSON Lines
        return fields
    return item


def _fields(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping):
        return dict(item)
    if isinstance(item, Message):
        return item.model_dump(exclude_defaults=True)
    return {"text": item}
