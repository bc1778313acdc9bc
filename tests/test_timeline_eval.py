"""The timeline evaluation scores strictly (issue #15): exact places, exact values, misses counted,
traps detected, ``ignore`` rows neutral; and no event is ever dated by the day of the analysis."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analysis.bundle import build_bundle
from analysis.evaluation.gold import DATE_COLUMNS
from analysis.evaluation.timeline import (
    MENTION_COLUMNS,
    PassageMap,
    TimelineGold,
    gold_spans,
    score,
    system_mentions,
)

TEXT = (
    "NATO leaders met on February 24, 2022 in Brussels, and again in 2022 in Madrid.\n\n"
    "Resolution 2231 is still cited now. On Thursday the envoy left."
)


def _gold(rows: list[dict]) -> pd.DataFrame:
    dates = pd.DataFrame([{c: r.get(c, "") for c in DATE_COLUMNS} for r in rows], columns=DATE_COLUMNS)
    return gold_spans(TimelineGold("synthetic", dates, {"d": TEXT}, {"d": ""}))


GOLD = _gold(
    [
        {"doc_id": "d", "type": "date", "context": "met on February 24, 2022 in", "surface": "February 24, 2022",
         "nth": "1", "value": "2022-02-24", "kind": "explicit"},
        {"doc_id": "d", "type": "date", "context": "again in 2022 in Madrid", "surface": "2022", "nth": "1",
         "value": "2022", "kind": "explicit"},
        {"doc_id": "d", "type": "trap", "context": "Resolution 2231 is", "surface": "2231", "nth": "1",
         "note": "identifier"},
        {"doc_id": "d", "type": "ignore", "context": "still cited now.", "surface": "now", "nth": "1"},
        {"doc_id": "d", "type": "date", "context": "On Thursday the envoy", "surface": "Thursday", "nth": "1",
         "value": "UNRESOLVED", "kind": "relative"},
    ]
)  # fmt: skip


def _mention(surface: str, nth: int = 1, value: tuple[str, str] | None = None, kind: str = "explicit") -> dict:
    at = -1
    for _ in range(nth):
        at = TEXT.index(surface, at + 1)
    lo, hi = (dt.date.fromisoformat(value[0]), dt.date.fromisoformat(value[1])) if value else (None, None)
    return {"doc_id": "d", "start": at, "end": at + len(surface), "lo": lo, "hi": hi, "resolved": value is not None,
            "kind": kind, "date_text": surface, "sentence": ""}  # fmt: skip


def _system(*mentions: dict) -> pd.DataFrame:
    return pd.DataFrame(list(mentions), columns=MENTION_COLUMNS)


def test_gold_is_located_through_its_exact_context():
    dated = GOLD[GOLD["type"] == "date"]
    assert [TEXT[s:e] for s, e in zip(dated["start"], dated["end"], strict=True)] == [
        "February 24, 2022",
        "2022",
        "Thursday",
    ]
    assert TEXT[GOLD["start"].iloc[1] - 9 : GOLD["start"].iloc[1]] == "again in "  # the second "2022", not the first


def test_everything_right_scores_one():
    result = score(
        GOLD,
        _system(
            _mention("February 24, 2022", value=("2022-02-24", "2022-02-24")),
            _mention("2022", 2, ("2022-01-01", "2022-12-31")),
            _mention("Thursday", kind="relative"),  # unresolved, as the gold says
        ),
    )
    s = result.overall
    assert (s.mention_precision, s.mention_recall, s.value_accuracy) == (1.0, 1.0, 1.0)
    assert (s.event_precision, s.event_recall, s.gold_events) == (1.0, 1.0, 2)
    assert result.traps_taken == [] and result.n_traps == 1


def test_a_year_inside_a_full_date_is_not_that_date():
    """The old scoring took "2022" for "February 24, 2022" (substring either way): now the value must be exact."""
    result = score(GOLD, _system(_mention("2022", 1, ("2022-01-01", "2022-12-31"))))
    s = result.overall
    # The mention overlaps the full date, so it is aligned with it — and its value is wrong.
    assert (s.n_aligned, s.n_value_ok, s.value_accuracy) == (1, 0, 0.0)
    assert s.events_right == 0 and s.event_precision == 0.0  # 2022 is a gold event, but not found by this mention
    assert list(result.wrong["gold_value"]) == ["2022-02-24"]


def test_the_same_text_elsewhere_in_the_document_does_not_count():
    """A mention of "2022" in the first sentence does not find the gold "2022" of "again in 2022"."""
    result = score(GOLD, _system(_mention("February 24, 2022", value=("2022-02-24", "2022-02-24"))))
    assert result.overall.n_aligned == 1
    assert list(result.missed["surface"]) == ["2022", "Thursday"]


def test_a_missed_gold_date_counts_as_missed():
    result = score(GOLD, _system())
    s = result.overall
    assert (s.n_gold, s.n_aligned, s.mention_recall, s.event_recall) == (3, 0, 0.0, 0.0)
    assert len(result.missed) == 3


def test_a_trap_taken_is_detected_and_counts_against_precision():
    result = score(
        GOLD,
        _system(
            _mention("February 24, 2022", value=("2022-02-24", "2022-02-24")),
            _mention("2231", value=("2231-01-01", "2231-12-31")),
        ),
    )
    assert result.traps_taken == ["d: 2231 (identifier)"]
    assert (result.overall.n_system, result.overall.mention_precision) == (2, 0.5)


def test_output_on_ignore_rows_is_neither_rewarded_nor_penalised():
    result = score(
        GOLD,
        _system(
            _mention("February 24, 2022", value=("2022-02-24", "2022-02-24")),
            _mention("now", value=("2024-01-01", "2024-12-31"), kind="relative"),
        ),
    )
    assert result.n_ignored == 1
    assert (result.overall.n_system, result.overall.mention_precision) == (1, 1.0)


def test_an_unresolved_mention_is_right_only_where_the_gold_says_unresolved():
    resolved = score(GOLD, _system(_mention("Thursday", value=("2024-07-11", "2024-07-11"), kind="relative")))
    assert resolved.by_kind["relative"].value_accuracy == 0.0
    unresolved = score(GOLD, _system(_mention("Thursday", kind="relative")))
    assert unresolved.by_kind["relative"].value_accuracy == 1.0
    assert unresolved.by_kind["explicit"].mention_recall == 0.0


def test_passages_the_loader_mended_are_placed_character_by_character():
    text = "Intro line.\n\nNATO emerged in 19-\n49 as an alliance.\n\nEnd."
    passages = pd.DataFrame(
        {
            "passage_id": ["p0", "p1", "p2"],
            "seq": [0, 1, 2],
            "text": ["Intro line.", "NATO emerged in 1949 as an alliance.", "End."],
        }
    )
    placed = PassageMap(passages, text).place("p1", 16, 20)
    assert placed is not None and text[placed[0] : placed[1]].replace("-\n", "") == "1949"
    assert PassageMap(passages, text).place("p2", 0, 3) == (text.index("End"), text.index("End") + 3)


def test_seed_gold_is_package_data(seed_bundle):
    """Evaluation data the product ships with lives in the package, and package code never reads tests/."""
    root = Path(__file__).resolve().parents[1]
    assert (root / "analysis" / "data" / "seeds_gold" / "dates.tsv").is_file()
    assert not (root / "tests" / "data" / "timeline_gold.tsv").exists()
    for path in [root / "analysis" / "evaluation" / "timeline.py", *(root / "analysis" / "timeline").glob("*.py")]:
        assert '"tests"' not in path.read_text(encoding="utf-8"), path


def test_system_mentions_are_placed_in_the_seed_files(seed_bundle):
    from analysis.evaluation.timeline import seeds_gold

    gold = seeds_gold()
    placed = system_mentions(seed_bundle, gold.texts)
    assert len(placed) == 53
    assert [gold.texts[r.doc_id][r.start : r.end] for r in placed.itertuples()] == list(placed["date_text"])


@pytest.fixture(scope="module")
def undated_bundle(tmp_path_factory):
    """Documents with relative dates and no usable publication date (one says "today", one has a header line)."""
    corpus = tmp_path_factory.mktemp("undated")
    (corpus / "a.txt").write_text(
        "published: today\n\nToday NATO and Finland finalised the plan. The ministers met on Thursday, "
        "and prices rose last month. Elections were held in May and this year the vote was on 22 May.\n",
        encoding="utf-8",
    )
    # A header line is metadata (issue #13): it tells no event, and this one gives no year, so no date.
    (corpus / "b.txt").write_text(
        "published: 4 May\n\nYesterday the council met. Last week the envoy left; two years ago the war "
        "began. Talks resume next month.\n",
        encoding="utf-8",
    )
    (corpus / "manifest.yaml").write_text(
        "documents:\n  - doc_id: a\n    file: a.txt\n    published: today\n  - doc_id: b\n    file: b.txt\n",
        encoding="utf-8",
    )
    return build_bundle(corpus, tmp_path_factory.mktemp("undated-bundle"))


def test_no_event_is_ever_dated_from_the_analysis_date(undated_bundle):
    today = dt.date.today()
    docs = undated_bundle.documents.set_index("doc_id")
    assert docs.loc["a", "published"] == "" and docs.loc["b", "published"] == ""
    events = undated_bundle.events
    assert len(events) >= 9  # every relative and partial expression is listed …
    assert not events["resolved"].astype(bool).any()  # … and none is given a date
    assert (events["date_start"] == "").all() and (events["anchor"] == "").all()
    assert events["note"].str.contains("no date").all()
    for start, end in zip(events["date_start"], events["date_end"], strict=True):
        assert not (start and dt.date.fromisoformat(start) <= today <= dt.date.fromisoformat(end))
    assert not events["sentence"].str.startswith("published").any()  # a metadata line tells no event


def test_recorded_figures_are_those_of_this_code(seed_bundle):
    """The figures the methods note and README quote (results/timeline.json, written by the benchmark)
    are what the rules give now: the seeds' and the dev part's are scored again here. (The frozen test
    part is scored only by the benchmark, to report.)"""
    import json

    from analysis.evaluation.corpus import eval_bundle
    from analysis.evaluation.timeline import RESULTS, eval_gold, evaluate, figures, seeds_gold

    runs = {(r["split"], r["system"]): r for r in json.loads(RESULTS.read_text(encoding="utf-8"))["runs"]}
    assert set(runs) == {(s, system) for s in ("seeds", "dev", "test") for system in ("rules", "dateparser")}
    seeds = seeds_gold()
    assert figures(evaluate(seed_bundle, seeds), len(seeds.texts)) == {
        k: v for k, v in runs[("seeds", "rules")].items() if k not in ("split", "system")
    }
    dev = eval_gold("dev")
    assert figures(evaluate(eval_bundle("dev"), dev), len(dev.texts)) == {
        k: v for k, v in runs[("dev", "rules")].items() if k not in ("split", "system")
    }


def test_the_methods_note_quotes_the_out_of_domain_test_figure_first(seed_bundle):
    from analysis.briefing.methods import timeline_accuracy
    from analysis.evaluation.timeline import out_of_domain_figures

    test = out_of_domain_figures()
    note = timeline_accuracy(seed_bundle)
    assert note.startswith(f"Out of domain (the frozen test part: {test['gold_mentions']} hand-labelled")
    assert f"distinct dated events precision {test['event_precision']:.3f}" in note
    assert "In sample (the four seeds" in note and "0 of 42 traps" in note
