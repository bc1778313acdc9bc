"""The methods note: how each figure in a briefing was computed and how well that works.

Accuracy is measured, not quoted: the in-sample stance and timeline figures are
run on the analysis of the embedded seeds against their hand-labelled files each
time a briefing is made; the out-of-domain figures (the headline) come from the
frozen test part of ``analysis/data/eval`` as last measured by its benchmark
(``analysis/data/eval/results/``, checked against a fresh run by the tests);
the topic figures come from this
corpus's own build and from the last BBC News benchmark run
(``docs/benchmarks.md``). A figure that cannot be measured says so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.bundle import ROOT, Bundle

BENCHMARKS = ROOT / "docs" / "benchmarks.md"


@dataclass(frozen=True)
class MethodNote:
    view: str
    how: str
    accuracy: str


def bbc_benchmark(path: Path = BENCHMARKS) -> dict | None:
    """The NMF row of the raw JSON the topic benchmark writes into its report, if present."""
    if not path.exists():
        return None
    section = re.search(r"<!-- bench:topics -->\n(.*?)<!-- /bench:topics -->", path.read_text(encoding="utf-8"), re.S)
    found = re.search(r"```json\n(.*?)\n```", section.group(1), flags=re.S) if section else None
    if not found:
        return None
    try:
        raw = json.loads(found.group(1))
    except json.JSONDecodeError:
        return None
    return next((e for e in raw.get("engines", []) if e.get("engine") == "nmf"), None)


STANCE_RESULTS = ROOT / "analysis" / "data" / "eval" / "results" / "stance.json"


def stance_accuracy(seed_bundle: Bundle | None, results: Path = STANCE_RESULTS) -> str:
    """The out-of-domain test figure first (the headline), its baselines beside it, then the in-sample one."""
    parts = []
    test = _stance_test_figures(results)
    if test is None:
        parts.append("Out of domain: not measured (no evaluation results in this installation).")
    else:
        s, d = test["sentence"], test["document"]
        parts.append(
            f"Out of domain (the frozen test part: {test['n_pairs']} hand-labelled (sentence, actor) pairs in "
            f"{test['n_documents']} texts the rules were not written on): sentence macro-F1 "
            f"{s['system']['macro_f1']:.2f} against {s['neutral']['macro_f1']:.2f} for always answering 'neutral' and "
            f"{s['vader']['macro_f1']:.2f} for VADER; the document × actor sign agrees with the reader on "
            f"{d['system']['accuracy']:.2f} of {d['system']['n']} pairs (always-neutral "
            f"{d['neutral']['accuracy']:.2f}, VADER {d['vader']['accuracy']:.2f}); pairs the build missed count "
            "as wrong."
        )
    if seed_bundle is None:
        parts.append("In sample: not measured in this run.")
    else:
        from analysis.evaluation.stance import evaluate_seeds

        seeds = evaluate_seeds(seed_bundle)
        parts.append(
            f"In sample (184 pairs from the four seeds, labelled by the author of the first rules): macro-F1 "
            f"{seeds['system'].macro_f1:.2f} (VADER {seeds['vader'].macro_f1:.2f})."
        )
    return " ".join(parts)


def stance_reliability(results: Path = STANCE_RESULTS) -> str:
    """What the Stance page says of its own accuracy, in an analyst's terms, from the last benchmark.

    The out-of-domain figures are what a user's own corpus is likely to get; where the document sign
    does no better than always answering "neutral", the page says so in words, not only in numbers.
    """
    test = _stance_test_figures(results)
    if test is None:
        return "Accuracy not measured in this installation (no evaluation results)."
    s, d, c = test["sentence"], test["document"], test["clear"]
    text = (
        f"Measured on {test['n_documents']} outside texts the rules were not written on (news, official "
        f"statements, reports, encyclopedia articles; {test['n_pairs']} hand-labelled sentence × actor pairs): "
        f"a sentence's reading matches a careful reader's with macro-F1 {s['system']['macro_f1']:.2f} "
        f"(always 'neutral' {s['neutral']['macro_f1']:.2f}, VADER {s['vader']['macro_f1']:.2f}); clearly "
        f"favourable or hostile portrayals are read right {c['system']['accuracy']:.0%} of the time "
        f"(n = {c['system']['n']}); a document's overall sign toward an actor agrees "
        f"{d['system']['accuracy']:.0%} of the time against {d['neutral']['accuracy']:.0%} for always "
        "answering 'neutral'."
    )
    if d["system"]["accuracy"] <= d["neutral"]["accuracy"]:
        text += (
            " So read a coloured cell as a lead to the sentences behind it, not as a finding on its own: "
            "open its evidence before you quote it."
        )
    return text


def _stance_test_figures(path: Path) -> dict | None:
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))["splits"]["test"]
    except (json.JSONDecodeError, KeyError):
        return None


def timeline_accuracy(seed_bundle: Bundle | None) -> str:
    """The out-of-domain test figure first (the headline), dateparser's beside it, then the in-sample one."""
    from analysis.evaluation.timeline import evaluate_seeds, out_of_domain_figures

    parts = []
    ood, base = out_of_domain_figures(), out_of_domain_figures(system="dateparser")
    if ood is None:
        parts.append("Out of domain: not measured (no evaluation results in this installation).")
    else:
        parts.append(
            f"Out of domain (the frozen test part: {ood['gold_mentions']} hand-labelled dated mentions in "
            f"{ood['documents']} texts the rules were not written on): distinct dated events precision "
            f"{ood['event_precision']:.3f}, recall {ood['event_recall']:.3f}; exact dates for "
            f"{ood['value_accuracy']:.3f} of the mentions found; "
            f"{ood['traps_taken']} of {ood['traps']} traps taken"
            + (
                f" (dateparser on the same texts: events precision {base['event_precision']:.3f}, recall "
                f"{base['event_recall']:.3f}, {base['traps_taken']} traps taken)."
                if base
                else "."
            )
        )
    if seed_bundle is None:
        parts.append("In sample: not measured in this run.")
    else:
        report = evaluate_seeds(seed_bundle)
        s = report.overall
        parts.append(
            f"In sample (the four seeds, labelled by the author of the first rules): dated mentions precision "
            f"{s.mention_precision:.3f}, recall {s.mention_recall:.3f}; exact dates {s.value_accuracy:.3f}; "
            f"{len(report.traps_taken)} of {report.n_traps} traps (counts, money, durations, citations) taken."
        )
    return " ".join(parts)


def topic_quality(full: Bundle) -> str:
    info = full.info.get("topics", {})
    parts = []
    if "mean_npmi" in info:
        parts.append(
            f"This corpus: K = {info['k']}, mean NPMI coherence {info['mean_npmi']:.3f}, "
            f"topic diversity {info['diversity']:.2f}."
        )
    bbc = bbc_benchmark()
    if bbc:
        parts.append(
            f"On BBC News (2,225 labelled articles, K = 5): AMI {bbc['ami5']:.3f} against the editors' categories, "
            f"NPMI {bbc['npmi']:.3f}, diversity {bbc['diversity']:.3f} (docs/benchmarks.md)."
        )
    return " ".join(parts) or "Not measured: no topics in this corpus."


def methods_notes(full: Bundle, views: list[str], seed_bundle: Bundle | None) -> list[MethodNote]:
    """One note per view in the briefing, in its order."""
    notes = {
        "findings": MethodNote(
            "Key findings",
            "Sentences generated from the tables below under the filters in force (most and least favourable "
            "portrayal with at least 3 evaluative sentences; positions on propositions; dates sources disagree on; "
            "the topic that most separates a source). None is written by hand.",
            "As accurate as the stance, position, timeline and topic figures they are drawn from.",
        ),
        "stance": MethodNote(
            "Stance towards actors",
            "Every sentence naming an actor is parsed (spaCy's en_core_web_sm 3.8) and each evaluative cue of "
            "seeds/stance_cues.yaml is attached to the actor it is about through the grammar: acts to their agent, "
            "qualities to what they are said of, judgements and appeals to their object; negation reverses a cue, "
            "hedges and conditions weaken it; framing terms count. What a text quotes others saying is scored as "
            "their voice, apart. A cell is the author's voice only: the mean of the evaluative sentences, shrunk "
            "towards 0; n the evaluative sentences; a cell with fewer than 3 is shown as too little evidence.",
            stance_accuracy(seed_bundle),
        ),
        "propositions": MethodNote(
            "Where each source stands",
            "Sentences that advocate for or against a proposition (seeds/propositions.yaml) are counted per source; "
            "'supports' or 'opposes' when one side has at least three times the sentences of the other, 'mixed' "
            "otherwise, 'silent' when no sentence touches the proposition.",
            "Not separately measured; positions rest on the counted sentences, listed in the dashboard.",
        ),
        "timeline": MethodNote(
            "Timeline of events",
            "Dates are found by rules (years, months, days, ranges, decades, relative dates resolved against the "
            "publication date) and drawn as the span they cover; mentions of one event are merged across sources "
            "and flagged when their dates cannot both be right.",
            timeline_accuracy(seed_bundle),
        ),
        "topics": MethodNote(
            "Topics",
            "NMF on TF-IDF of body passages; K chosen by coherence and stability; labels from each topic's most "
            "distinctive terms; a cell is the share of a source's passages whose main topic it is.",
            topic_quality(full),
        ),
        "themes": MethodNote(
            "Themes by source",
            "Passages tagged with themes of the taxonomy (seeds/themes.yaml) by their cue words; a cell is the "
            "share of a source's passages carrying the theme.",
            "Not measured against labels; the cue words behind each tag are listed in the dashboard.",
        ),
        "quotes": MethodNote(
            "Evidence quotes",
            "Sentences as they stand in the documents, with source, title, date, section and ¶ (the passage's "
            "position in the document, as the Reader numbers it).",
            "Verbatim.",
        ),
    }
    return [notes[v] for v in views if v in notes]
