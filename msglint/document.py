"""The parsed message every checker receives: built once, shared by all of them."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Literal

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from msglint.models import LineIndex, Message
from msglint.normalize import FoldedText, OffsetMap, normalize

if TYPE_CHECKING:
    from msglint.engine.detect import Detected
    from msglint.nlp import Pipeline, TokenMatch
    from msglint.templates import MaskedTemplate

#: Which text a checker's offsets index.
View = Literal["original", "plain", "folded"]


class Document:
    """One message, parsed.

    ``text``
        what the seller wrote; findings point into it.
    ``plain``
        invisibles, entities, compatibility forms and homoglyphs folded, case kept (links, phones).
    ``folded``
        ``plain`` lower-cased with leetspeak, spaced letters and repeats undone (words).
    ``doc``
        the spaCy ``Doc`` of ``folded.text``; ``sents`` its sentences.
    ``template``
        for a template file, its masked form and placeholders (None for a real message); ``text``
        is then the masked text and ``source`` the file's text, with the same offsets.
    """

    def __init__(
        self,
        message: Message,
        pipeline: Pipeline,
        *,
        views: tuple[FoldedText, FoldedText] | None = None,
        doc: Doc | None = None,
        template: MaskedTemplate | None = None,
        source: str | None = None,
        not_run: frozenset[str] = frozenset(),
        detected: Detected | None = None,
    ) -> None:
        self.message = message
        #: the language the Linter found for a message that does not give one, and how (None: not known)
        self.detected = detected
        #: codes of rules that need a field this message does not give: they must not fire
        self.not_run = not_run
        self.template = template
        self.source = message.text if source is None else source
        self.plain, self.folded = views if views is not None else normalize(message.text, pipeline.lang)
        self.doc = doc if doc is not None else pipeline.make_doc(self.folded.text)
        self._pipeline = pipeline
        self._matches: dict[str, list[TokenMatch]] | None = None
        # For a re-spaced reading: the map from its text to the stretch of ``source`` it re-spaces, and
        # where that stretch starts.
        self._respaced: tuple[OffsetMap, int] | None = None

    @property
    def text(self) -> str:
        return self.message.text

    @property
    def lang(self) -> str:
        return self._pipeline.lang

    @property
    def is_reading(self) -> bool:
        """Whether this is a re-spaced stretch of a message (see :meth:`respaced`), not the message itself."""
        return self._respaced is not None

    @cached_property
    def lines(self) -> LineIndex:
        """Line starts of the source text, for the line and column of every finding."""
        return LineIndex(self.source)

    @cached_property
    def sents(self) -> list[SpacySpan]:
        """Sentences of the folded text (rule-based: punctuation and line breaks)."""
        return self._pipeline.sentences(self.doc, self.folded.text)

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """The character spans of :attr:`sents` in the folded text, without making their ``Span`` objects."""
        return self._pipeline.sentence_spans(self.doc, self.folded.text)

    def matches(self, checker_id: str) -> list[TokenMatch]:
        """Matches of the shared matchers for one checker's labels, in text order."""
        if self._matches is None:
            self._matches = self._pipeline.match(self.doc)
        return self._matches.get(checker_id, [])

    def respaced(self) -> list[Document]:
        """The stretches of this message with glued words ("leaveus5stars" as "leave us 5 stars"),
        re-spaced, each as a document of its own; none when nothing is glued (see
        :mod:`msglint.segment`). Their offsets, in every view, map back to this message's source.
        """
        segmenter = self._pipeline.segmenter
        if segmenter is None or self._respaced is not None:
            return []
        readings = []
        for stretch in segmenter.respace(self.text, self.plain):
            reading = Document(
                self.message.model_copy(update={"text": stretch.text}),
                self._pipeline,
                source=self.source,
                not_run=self.not_run,
            )
            reading._respaced = (stretch.to_original, stretch.start)
            reading.lines = self.lines
            readings.append(reading)
        return readings

    def view(self, name: View) -> FoldedText | None:
        """The named view, or None for the original text (whose offsets need no mapping)."""
        if name == "plain":
            return self.plain
        if name == "folded":
            return self.folded
        return None

    def to_original(self, view: View, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` in ``view`` to the original text."""
        folded = self.view(view)
        if folded is None:
            if not 0 <= start <= end <= len(self.text):
                raise ValueError(f"span [{start}, {end}) is outside a text of {len(self.text)} characters")
        else:
            start, end = folded.to_original(start, end)
        if self._respaced is None:
            return start, end
        to_stretch, base = self._respaced
        if end > start:
            return base + to_stretch.start(start), base + to_stretch.end(end - 1)
        return (point := base + to_stretch.start(start)), point
