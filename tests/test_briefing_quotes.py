"""The briefing quotes a sentence once, and the command line names topics as the app does."""

from __future__ import annotations

import base64
import re

from analysis.briefing.compose import candidate_quotes, compose_briefing, default_quotes, offered_quotes
from analysis.bundle import Config
from analysis.filters import Filters, apply_filters
from analysis.findings import Finding, key_findings
from analysis.stance.propositions import PropositionSet


def _props():
    return PropositionSet.from_yaml(Config.for_corpus(None).propositions)


def _repeated(candidates):
    """Two quote ids that stand for one sentence (evidence of a stance on two actors)."""
    keys = candidates.groupby(["doc_id", "passage_id", "sentence"])["quote_id"].apply(list)
    pairs = [ids for ids in keys if len(ids) > 1]
    assert pairs, "the seeds have sentences that are evidence of two things"
    return pairs[0][:2]


def test_a_sentence_picked_twice_is_quoted_once(seed_bundle):
    view = apply_filters(seed_bundle, Filters())
    candidates = candidate_quotes(view)
    first, second = _repeated(candidates)
    briefing = compose_briefing(seed_bundle, view, Filters(), _props(), ["quotes"], [first, second])
    assert len(briefing.quotes) == 1
    about = candidates.set_index("quote_id")["about"]
    assert briefing.quotes["about"].iloc[0] == f"{about[first]}; {about[second]}"
    assert briefing.aliases == {second: first}
    # a finding backed by either id points at the one quote
    finding = Finding("x", "Stance", quotes=(second, first))
    assert briefing.evidence_numbers(finding) == [1]


def test_default_quotes_are_distinct_sentences(seed_bundle):
    view = apply_filters(seed_bundle, Filters())
    candidates = candidate_quotes(view)
    chosen = default_quotes(candidates, key_findings(view, _props()), n=25, per_source=25)
    rows = candidates.set_index("quote_id").loc[chosen]
    assert len(chosen) == 25
    assert not rows.duplicated(["doc_id", "passage_id", "sentence"]).any()
    briefing = compose_briefing(seed_bundle, view, Filters(), _props(), ["findings", "quotes"])
    assert not briefing.quotes.duplicated(["doc_id", "passage_id", "sentence"]).any()


def test_command_line_briefing_uses_the_names_given_in_the_app(seed_bundle, tmp_path, monkeypatch, renderer):
    from analysis import __main__ as cli
    from analysis.topics import names

    monkeypatch.setattr(names, "NAMES_ROOT", tmp_path / "build")
    path = names.names_file(tmp_path / "build", seed_bundle.info["corpus_hash"])
    names.save_name(path, seed_bundle.topics, 0, "Alliance politics, as I call it")  # as the Topics page saves
    assert cli._with_topic_names(seed_bundle).topics.set_index("topic_id").loc[0, "label"] == (
        "Alliance politics, as I call it"
    )
    out = tmp_path / "brief.html"
    code = cli.main(
        ["brief", "--corpus", "seeds", "--out", str(out), "--views", "topics", "--cache", str(tmp_path / "cache")]
    )
    assert code == 0
    # the charts are inlined as base64 SVG: read their words
    images = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", out.read_text(encoding="utf-8"))
    words = " ".join(base64.b64decode(i).decode("utf-8") for i in images)
    assert images and "Alliance politics, as I call it" in words


def test_the_quote_picker_lists_the_ticked_and_the_strongest_of_each_kind(seed_bundle):
    candidates = candidate_quotes(seed_bundle)
    kinds = candidates["kind"].value_counts()
    assert (kinds > 2).sum() >= 2  # the seeds have several kinds with more than two candidates
    weakest = candidates.groupby("kind").tail(1)["quote_id"].tolist()
    listed = offered_quotes(candidates, ticked=weakest, per_kind=2)
    for kind, part in listed.groupby("kind"):
        whole = candidates[candidates["kind"] == kind]
        assert list(part["quote_id"][:2]) == list(whole["quote_id"][:2])  # the strongest, in order
        assert len(part) == min(2, len(whole)) + (len(whole) > 2)  # plus the ticked weakest
    assert set(weakest) <= set(listed["quote_id"])
    assert list(listed.index) == sorted(listed.index)  # the candidates' own order
    assert offered_quotes(candidates, ticked=[]).equals(candidates)  # a small corpus lists everything
