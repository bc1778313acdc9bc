"""One batch of parses for stance and timeline gives what parsing sentence by sentence gives."""

from __future__ import annotations

import pandas as pd

import analysis.timeline.events as events_module
from analysis.bundle import Config
from analysis.corpus import DOCUMENT_COLUMNS, load_corpus
from analysis.parses import ParsePlan
from analysis.stages import analyse_documents
from analysis.stance.parser import load_parser
from analysis.stance.stage import stance_evidence
from analysis.timeline.anchors import TENSE_ORACLE
from analysis.timeline.events import EventExtraction, _events

from .conftest import SEEDS


class CountingParser:
    """Stands in for the parser: records each batch it is given and "parses" by naming the text."""

    def __init__(self, calls: list[list[str]]) -> None:
        self.calls = calls

    def pipe(self, texts, batch_size):
        self.calls.append(list(texts))
        return (f"parse of {t}" for t in texts)


def test_a_plan_parses_each_text_once_and_serves_every_job():
    calls: list[list[str]] = []
    plan, seen = ParsePlan(), []
    plan.add("NATO met on Monday.", lambda doc: seen.append(("stance", doc)))
    plan.add("Iran said so.", lambda doc: seen.append(("stance", doc)))
    plan.add("NATO met on Monday.", lambda doc: seen.append(("timeline", doc)))
    assert plan.run(CountingParser(calls)) == 2
    assert calls == [["NATO met on Monday.", "Iran said so."]]
    assert seen == [
        ("stance", "parse of NATO met on Monday."),
        ("timeline", "parse of NATO met on Monday."),
        ("stance", "parse of Iran said so."),
    ]
    assert len(plan) == 0


def test_a_typographic_apostrophe_does_not_cost_a_second_parse():
    """Stance and the timeline ask for the same sentence; both get one parse of its ASCII reading,
    which keeps the possessor ("Russia's") and every character offset."""
    calls: list[list[str]] = []
    plan, seen = ParsePlan(), []
    plan.add("Russia\u2019s invasion began on 24 February.", seen.append)
    plan.add("Russia's invasion began on 24 February.", seen.append)
    assert plan.run(CountingParser(calls)) == 1
    assert calls == [["Russia's invasion began on 24 February."]]
    assert seen == ["parse of Russia's invasion began on 24 February."] * 2


def _news(texts: list[str]) -> pd.DataFrame:
    rows = [
        {
            **dict.fromkeys(DOCUMENT_COLUMNS, ""),
            "doc_id": f"n{i}",
            "source": "Wire",
            "published": "2024-03-14",
            "text": t,
        }
        for i, t in enumerate(texts)
    ]
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


NEWS = [
    "Summit in Brussels\n\nLeaders gathered in Brussels on Thursday. NATO ministers convened on Monday to "
    "discuss Ukraine. The inspectors begin inspecting the site on Friday.",
    "Talks resume\n\nIran and the United States resumed talks on Tuesday. A ceasefire takes effect on Sunday, "
    "officials announced on Wednesday.",
    "Leaders gathered in Brussels on Thursday.\n\nThe alliance postponed the vote on Friday.",
]


def test_dates_from_the_shared_batch_equal_those_parsed_one_by_one():
    documents = _news(NEWS)
    tables = analyse_documents(documents, Config.for_corpus(SEEDS))
    sentences, mentions, passages = tables["sentences"], tables["mentions"], tables["passages"]
    token = TENSE_ORACLE.set(None)  # every tense question parses its own sentence
    try:
        one_by_one, undated = _events(sentences.sort_values("sentence_id"), documents, mentions, passages, None)
    finally:
        TENSE_ORACLE.reset(token)
    assert len(one_by_one) >= 6
    assert tables["events"].equals(one_by_one) and tables["undated_events"].equals(undated)
    # These dates do need the parser for their tense, and the batch answered them (the answers kept
    # from the build above are forgotten first, or the plan would have nothing left to ask).
    events_module._TENSES.clear()
    extraction = EventExtraction(sentences, documents, mentions, passages)
    plan = ParsePlan()
    extraction.plan(plan)
    assert len(plan) >= 3
    plan.run(load_parser())
    assert len(extraction.tenses) >= 3


def test_seed_stance_from_the_shared_batch_equals_stance_alone():
    corpus = load_corpus(SEEDS)
    config = Config.for_corpus(SEEDS)
    tables = analyse_documents(corpus.documents, config)
    from analysis.gazetteer import Gazetteer
    from analysis.stance.lexicon import StanceLexicon

    alone = stance_evidence(
        tables["sentences"],
        tables["mentions"],
        StanceLexicon.from_yaml(config.stance_cues),
        corpus.documents,
        Gazetteer.from_yaml(config.actors),
    )
    assert tables["stance_evidence"].equals(alone)


def test_caseless_patterns_answer_as_ignorecase_does():
    import re

    from analysis.textnorm import CaselessPattern

    pattern = r"\b(?:spring|kiss|two\-state|σοφία)"
    fast, slow = CaselessPattern(pattern), re.compile(pattern, re.IGNORECASE)
    texts = ["SPRING offensive", "Kiss", "the KISS", "ſpring", "Two-State", "İs", "ΣΟΦΊΑ", "σοφίας", "no", "Kıss"]
    assert [bool(fast.search(t)) for t in texts] == [bool(slow.search(t)) for t in texts]
    assert bool(fast.search("ſpring")) and bool(fast.search("the KISS"))
