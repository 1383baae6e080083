"""The engine end to end with small test checkers: spans, isolation, selection, batching, the API."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import msglint
from msglint import Category, Linter, Message, PolicyViolation, Severity
from msglint.nlp import Pipeline
from msglint.registry import Registry

from .toy_checkers import Exploding, FreeGiftPhrases, Garbage, ShopWord


@pytest.fixture(scope="module")
def toy() -> Linter:
    return Linter(registry=Registry([ShopWord, FreeGiftPhrases]))


def spans(report: msglint.Report) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.span.start, f.span.end, f.text) for f in report.findings]


def test_a_clean_message_is_allowed() -> None:
    report = msglint.lint("hello")
    assert isinstance(report, msglint.Report)
    assert report.ok is True
    assert report.verdict == "allow"
    assert report.findings == ()
    assert report.policy == "amazon"


def test_findings_point_at_the_typed_words_through_zero_width_and_cyrillic(toy: Linter) -> None:
    text = "Visit our ѕ\u200bһ\u200bор now. ＳＨＯＰ! or s h o p"
    report = toy.lint(text)
    assert spans(report) == [
        ("TOY001", 10, 16, "ѕ\u200bһ\u200bор"),
        ("TOY001", 22, 26, "ＳＨＯＰ"),
        ("TOY001", 31, 38, "s h o p"),
    ]
    first = report.findings[0]
    assert (first.span.line, first.span.column, first.span.end_column) == (1, 11, 17)
    assert first.category is Category.PROMOTIONAL
    assert first.severity is Severity.ERROR
    assert first.name == "shop-word"
    assert first.message == "shop-word found"
    assert first.suggestion == "say 'order' instead"
    assert first.policy == "amazon:no-promotion"
    assert report.verdict == "block"
    assert report.ok is False


def test_shared_phrase_and_token_matchers_feed_a_checker(toy: Linter) -> None:
    text = "A FREE\u200b GIFT and 20 % off"
    assert spans(toy.lint(text)) == [("PHR001", 2, 12, "FREE\u200b GIFT"), ("PHR002", 17, 25, "20 % off")]


def test_a_warning_gives_review_verdict_and_ok(toy: Linter) -> None:
    report = toy.lint("our store")
    assert spans(report) == [("TOY002", 4, 9, "store")]
    assert report.verdict == "review"
    assert report.ok is True


def test_findings_are_ordered_by_start(toy: Linter) -> None:
    report = toy.lint("store then shop then store")
    assert [f.span.start for f in report.findings] == [0, 11, 21]


def test_lines_and_columns_count_crlf_once(toy: Linter) -> None:
    finding = toy.lint("hi\r\nthere\r\n  shop").findings[0]
    assert (finding.span.start, finding.span.line, finding.span.column) == (13, 3, 3)


def test_a_crashing_checker_does_not_take_the_report_down() -> None:
    linter = Linter(registry=Registry([Exploding, ShopWord]))
    report = linter.lint("shop")
    assert [(f.rule, f.severity) for f in report.findings] == [("MSG001", "error"), ("TOY001", "error")]
    assert report.verdict == "block"  # a message a checker could not check fails closed
    assert "toy-exploding" in report.findings[0].message
    assert "kaboom" in report.findings[0].message
    assert report.findings[0].category is None


def test_invalid_checker_output_is_dropped_and_reported() -> None:
    report = Linter(registry=Registry([Garbage])).lint("hello there")
    assert spans(report) == [("MSG004", 0, 0, ""), ("JUNK001", 0, 1, "h")]
    assert "4 invalid" in report.findings[0].message


def test_ignore_at_run_time_by_code_prefix_or_name(toy: Linter) -> None:
    text = "shop store"
    assert [f.rule for f in toy.lint(text, ignore=["TOY001"]).findings] == ["TOY002"]
    assert [f.rule for f in toy.lint(text, ignore=["TOY"]).findings] == []
    assert [f.rule for f in toy.lint(text, ignore=["store-word"]).findings] == ["TOY001"]


def test_ignore_of_an_unknown_rule_is_an_error(toy: Linter) -> None:
    with pytest.raises(msglint.ConfigError, match="'NOPE123' names no rule"):
        toy.lint("shop", ignore=["NOPE123"])


def test_linter_ignore_and_config_select() -> None:
    registry = Registry([ShopWord])
    assert [f.rule for f in Linter(registry=registry, ignore=["TOY002"]).lint("shop store").findings] == ["TOY001"]
    selected = Linter(registry=registry, config={"select": ["TOY002"]})
    assert [f.rule for f in selected.lint("shop store").findings] == ["TOY002"]
    assert selected.is_enabled("TOY002") and not selected.is_enabled("TOY001")


def test_severity_override_from_config() -> None:
    linter = Linter(registry=Registry([ShopWord]), config={"severity": {"TOY": "info", "TOY002": "error"}})
    assert [(f.rule, f.severity) for f in linter.lint("shop store").findings] == [
        ("TOY001", "info"),
        ("TOY002", "error"),
    ]


def test_message_metadata_and_id_travel_to_the_report(toy: Linter) -> None:
    message = Message(text="shop", id="m-1", language="en-GB", order_id="123-4567890-1234567")
    report = toy.lint(message)
    assert report.message_id == "m-1"
    assert spans(report) == [("TOY001", 0, 4, "shop")]


def test_unknown_language_falls_back_to_the_multilingual_tokenizer(toy: Linter) -> None:
    assert spans(toy.lint(Message(text="shop", language="zz"))) == [("TOY001", 0, 4, "shop")]


def test_a_message_longer_than_the_limit_is_checked_up_to_it_and_says_so() -> None:
    linter = Linter(registry=Registry([ShopWord]), config={"max-message-chars": 10})
    report = linter.lint("shop shop shop shop")
    assert spans(report) == [
        ("TOY001", 0, 4, "shop"),
        ("TOY001", 5, 9, "shop"),
        ("MSG003", 10, 11, "s"),
    ]


@pytest.mark.parametrize(("bad", "kind"), [(b"shop", "bytes"), (None, "NoneType"), (42, "int"), (["shop"], "list")])
def test_a_message_that_is_not_text_is_answered_not_raised(bad: object, kind: str, toy: Linter) -> None:
    report = toy.lint(bad)  # type: ignore[arg-type]
    assert [(f.rule, f.severity, f.span.start, f.span.end) for f in report.findings] == [("MSG006", "error", 0, 0)]
    assert report.verdict == "block"
    assert f"expected a str, a msglint.Message or a mapping of Message fields, got {kind}" in report.findings[0].message


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"text": "hi", "language": "not a language"}, "field 'language': expected a BCP 47 language tag"),
        ({"text": "hi", "colour": "red"}, "field 'colour': Extra inputs are not permitted"),
    ],
)
def test_invalid_metadata_names_the_field(fields: dict, named: str, toy: Linter) -> None:
    report = toy.lint({**fields, "id": "m-7"})
    assert [(f.rule, f.severity) for f in report.findings] == [("MSG006", "error")]
    assert (report.message_id, report.verdict) == ("m-7", "block")
    assert named in report.findings[0].message


def test_lint_many_keeps_order_and_equals_one_by_one(toy: Linter) -> None:
    texts = ["shop", "hello", "ѕhop store", "20 % off", "", "free gift shop"] * 7
    messages = [*texts, Message(text="shop", language="de")]
    batched = list(toy.lint_many(messages, batch_size=4))
    assert batched == [toy.lint(m) for m in messages]


def test_lint_many_streams_lazily(toy: Linter) -> None:
    def endless():
        while True:
            yield "shop"

    stream = toy.lint_many(endless(), batch_size=3)
    assert [len(next(stream).findings) for _ in range(5)] == [1] * 5


def test_lint_many_in_two_processes_equals_one_by_one() -> None:
    linter = Linter(registry=Registry([ShopWord, FreeGiftPhrases]))
    texts = [f"order {i}: shop {i % 3} free gift" for i in range(40)]
    assert list(linter.lint_many(texts, batch_size=8, n_process=2)) == [linter.lint(t) for t in texts]


def test_guard_returns_the_report_or_raises_with_it(toy: Linter) -> None:
    assert toy.guard("our store").verdict == "review"
    with pytest.raises(PolicyViolation) as caught:
        toy.guard("shop")
    assert caught.value.report.findings[0].rule == "TOY001"
    assert "TOY001" in str(caught.value)


def test_report_json_carries_schema_version_verdict_and_spans(toy: Linter) -> None:
    import json

    data = json.loads(toy.lint("ѕhop").to_json())
    assert data["schema_version"] == "1.0"
    assert data["verdict"] == "block"
    assert data["ok"] is False
    assert data["findings"][0]["span"] == {
        "start": 0,
        "end": 4,
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 5,
    }
    assert data["findings"][0]["text"] == "ѕhop"


def test_findings_are_frozen(toy: Linter) -> None:
    finding = toy.lint("shop").findings[0]
    with pytest.raises(ValueError, match="frozen"):
        finding.rule = "X"  # type: ignore[misc]


def test_linter_rules_list_engine_and_checker_rules(toy: Linter) -> None:
    codes = [rule.code for rule in toy.rules]
    assert codes[:4] == ["MSG001", "MSG002", "MSG003", "MSG004"]
    assert {"TOY001", "TOY002", "PHR001", "PHR002"} <= set(codes)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60))
def test_lint_never_raises_and_every_finding_is_the_original_slice(text: str) -> None:
    for linter in (_TOY, _DEFAULT):
        report = linter.lint(text)
        for finding in report.findings:
            assert 0 <= finding.span.start <= finding.span.end <= len(text)
            assert finding.text == text[finding.span.start : finding.span.end]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["shop", "ѕһор", "s h o p", "SHOP", "\u200b", " ", "store", "x", "\r\n", "😀", "é"]),
        max_size=20,
    ).map("".join)
)
def test_toy_findings_on_obfuscated_words_are_exact_slices(text: str) -> None:
    for finding in _TOY.lint(text).findings:
        assert finding.text == text[finding.span.start : finding.span.end]
        assert finding.text.strip()


_TOY = Linter(registry=Registry([ShopWord, FreeGiftPhrases]))
_DEFAULT = Linter()


def test_a_pipeline_that_learned_too_many_words_is_renewed_with_the_same_results(monkeypatch) -> None:
    import msglint.nlp

    linter = Linter(registry=Registry([ShopWord, FreeGiftPhrases]))
    first = linter._pipelines["en"]
    monkeypatch.setattr(msglint.nlp, "MAX_LEARNED_LEXEMES", 50)
    reports = [linter.lint(f"shop order{i} ref{i * 7} free gift") for i in range(40)]
    assert linter._pipelines["en"] is not first
    assert all(spans(r)[0][:3] == ("TOY001", 0, 4) and spans(r)[1][0] == "PHR001" for r in reports)


def test_unsupported_languages_share_one_multilingual_pipeline(toy: Linter) -> None:
    toy.lint(Message(text="shop", language="zz"))
    toy.lint(Message(text="shop", language="qq"))
    assert toy._pipelines["zz"] is toy._pipelines["qq"] is toy._pipelines["xx"]
    assert toy._pipelines["xx"].lang == "xx"


def test_guarded_send_runs_only_for_messages_that_may_go(toy: Linter) -> None:
    sent = []

    @toy.guarded
    def send(text: str, buyer: str) -> str:
        sent.append((text, buyer))
        return "sent"

    assert send("your order has shipped", "b-1") == "sent"
    with pytest.raises(PolicyViolation):
        send("visit our shop", buyer="b-2")
    assert sent == [("your order has shipped", "b-1")]


def test_a_checker_that_runs_forever_is_stopped_by_its_time_budget() -> None:
    from .toy_checkers import Forever

    linter = Linter(registry=Registry([Forever, ShopWord]), config={"checker-timeout-seconds": 0.2})
    report = linter.lint("shop forever")
    assert [(f.rule, f.text) for f in report.findings] == [("MSG001", ""), ("TOY001", "shop")]
    assert "ran past its 0.2 s time budget" in report.findings[0].message
    # the interrupted checker leaves nothing behind: the next message is linted normally
    assert spans(linter.lint("shop")) == [("TOY001", 0, 4, "shop")]


def test_long_whitespace_free_runs_are_cut_for_the_tokenizer_without_moving_offsets() -> None:
    from msglint.nlp import MAX_RUN, tokenizable

    run = "(" * 200
    cut = tokenizable(run)
    assert len(cut) == len(run)
    assert cut.count(" ") == 200 // MAX_RUN
    assert tokenizable("an ordinary message") == "an ordinary message"


def test_a_long_run_of_symbols_still_maps_findings_exactly(toy: Linter) -> None:
    text = "⭐" * 300 + " shop"
    assert spans(toy.lint(text)) == [("TOY001", 301, 305, "shop")]


def test_a_checker_that_cannot_start_is_reported_on_every_message() -> None:

    class BrokenPrepare(ShopWord):
        id = "toy-broken-prepare"
        rules = ()

        def prepare(self, pipeline: Pipeline) -> None:
            raise KeyError("missing word list")

    BrokenPrepare.rules = (ShopWord.rules[0].model_copy(update={"code": "BRK001", "checker": "toy-broken-prepare"}),)
    linter = Linter(registry=Registry([BrokenPrepare, ShopWord]))
    report = linter.lint("shop")
    assert [(f.rule, f.severity) for f in report.findings] == [("MSG001", "error"), ("TOY001", "error")]
    assert "'toy-broken-prepare' could not start (KeyError" in report.findings[0].message


def test_a_plugin_that_cannot_be_loaded_is_reported_on_every_message() -> None:
    from importlib.metadata import EntryPoint

    from msglint.registry import ENTRY_POINT_GROUP

    registry = Registry.from_entry_points(
        entries=[EntryPoint(name="ghost", value="no_such_module_xyz:Checker", group=ENTRY_POINT_GROUP)]
    )
    report = Linter(registry=registry).lint("hello")
    assert [f.rule for f in report.findings] == ["MSG001"]
    assert "'ghost' could not be loaded (ModuleNotFoundError" in report.findings[0].message


def test_sentences_end_at_punctuation_and_line_breaks() -> None:
    from msglint.document import Document
    from msglint.nlp import Pipeline

    document = Document(Message(text="Hi John\nYour order shipped. Thanks!\n\nBest, Anna"), Pipeline("en"))
    assert [s.text.strip() for s in document.sents] == ["hi john", "your order shipped.", "thanks!", "best, anna"]


def test_plain_word_patterns_become_phrases_and_others_stay_matcher_patterns() -> None:
    from msglint.nlp import pattern_as_phrases

    assert pattern_as_phrases([{"LOWER": {"IN": ["on", "via"]}}, {"LOWER": "signal"}]) == ("on signal", "via signal")
    assert pattern_as_phrases([{"LOWER": "ig"}, {"ORTH": ":"}]) == ("ig :",)
    assert pattern_as_phrases([{"ORTH": "IG"}]) is None  # upper case never matches the folded view
    assert pattern_as_phrases([{"LIKE_NUM": True}, {"LOWER": "off"}]) is None
    assert pattern_as_phrases([{"LOWER": "free", "OP": "+"}]) is None


def _reference_sentence_starts(text: str) -> list[int]:
    """spaCy's own Sentencizer, token by token, plus 'a line break ends a line'."""
    from spacy.pipeline import Sentencizer

    doc = Sentencizer()(_PIPELINE.nlp.make_doc(text))
    starts = [token.is_sent_start for token in doc]
    for token in doc:
        if token.is_space and "\n" in token.text:
            if token.i > 0:
                starts[token.i] = False
            if token.i + 1 < len(doc):
                starts[token.i + 1] = True
    return [i for i, start in enumerate(starts) if start]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", " ", ".", "!", "?", '"', ")", ",", "\n", "\n\n", " \n", "…", "e.g.", "5", "-", "'"]),
        max_size=40,
    ).map("".join)
)
def test_array_sentencizer_agrees_with_spacys(text: str) -> None:
    doc = _PIPELINE.make_doc(text)
    assert _PIPELINE.sentence_starts(doc, text) == _reference_sentence_starts(text)
    assert [s.start for s in _PIPELINE.sentencize(doc, text).sents] == _reference_sentence_starts(text)
    spans = [(s.start_char, s.end_char) for s in _PIPELINE.sentences(doc, text)]
    assert _PIPELINE.sentence_spans(doc, text) == spans


_PIPELINE = Pipeline("en")


def test_an_installation_without_checkers_never_passes_a_message_silently(monkeypatch) -> None:
    import msglint.api

    monkeypatch.setattr(msglint.api, "default_registry", Registry)
    report = Linter().lint("Visit www.example.com")
    assert [(f.rule, f.severity) for f in report.findings] == [("MSG001", "error")]
    assert "found no checkers under the 'msglint.checkers' entry points" in report.findings[0].message
    assert report.verdict == "block"


def test_a_matcher_pattern_requires_the_words_of_its_tokens_that_must_be_there() -> None:
    from msglint.nlp import required_words

    pattern = [
        {"LOWER": {"IN": ["we", "i"]}},
        {"LOWER": {"IN": ["truly", "so"]}, "OP": "*"},
        {"lower": "appreciate", "op": "+"},  # spaCy reads keys in any case
        {"ORTH": "!", "OP": "?"},
        {"LOWER": "not", "OP": "!"},
        {"LIKE_NUM": True},
        {"LOWER": {"IN": [12345]}},  # a hash is no word
        {"LOWER": {"REGEX": "^a"}},
    ]
    assert required_words(pattern) == [("LOWER", frozenset({"we", "i"})), ("LOWER", frozenset({"appreciate"}))]
    assert required_words([{"ORTH": "IG"}, {"LOWER": "dm", "OP": "+"}]) == [
        ("ORTH", frozenset({"IG"})),
        ("LOWER", frozenset({"dm"})),
    ]
    assert required_words([{"LOWER": "x", "OP": "{0,2}"}, {"IS_PUNCT": True}]) == []


def test_the_matcher_is_skipped_only_where_no_pattern_can_match() -> None:
    from msglint.nlp import Pipeline

    class Counting:
        def __init__(self, matcher: object) -> None:
            self.matcher, self.texts = matcher, []

        def add(self, *args: object) -> None:
            self.matcher.add(*args)

        def __call__(self, doc: object) -> object:
            self.texts.append(doc.text)
            return self.matcher(doc)

    pipeline = Pipeline("en")
    pipeline._matcher = counting = Counting(pipeline._matcher)
    pipeline.add_patterns("t:thanks", [[{"LOWER": {"IN": ["we", "i"]}}, {"LOWER": "appreciate"}, {"IS_ALPHA": True}]])
    assert pipeline.match(pipeline.make_doc("We really value your patience")) == {}
    assert pipeline.match(pipeline.make_doc("i appreciate it")) == {"t": [("t:thanks", 0, 3)]}
    assert counting.texts == ["i appreciate it"]
    pipeline.add_patterns("t:number", [[{"LIKE_NUM": True}, {"LOWER": "stars", "OP": "?"}]])  # no word it needs
    assert pipeline.match(pipeline.make_doc("5 stars")) == {"t": [("t:number", 0, 1), ("t:number", 0, 2)]}
    assert counting.texts == ["i appreciate it", "5 stars"]


@pytest.mark.parametrize("lang", ["en", "de", "es", "fr", "it", "pt"])
def test_the_matchers_gate_skips_it_on_no_corpus_message_it_matches(lang: str) -> None:
    """Every corpus message, as the checkers read it (folded): where the gate says no pattern can match,
    the Matcher finds nothing."""
    from msglint.normalize import normalize
    from tests.corpus import corpus_files, load

    linter = Linter()
    linter.lint({"text": "ok", "language": lang})
    pipeline = linter._pipeline(lang)
    skipped = 0
    for _, _, path in corpus_files():
        for sample in load(path):
            doc = pipeline.make_doc(normalize(sample.text, pipeline.lang)[1].text)
            if not pipeline._may_match(doc):
                skipped += 1
                assert list(pipeline._matcher(doc)) == [], sample.id
    assert skipped  # the gate is in use
