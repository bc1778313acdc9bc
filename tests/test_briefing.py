"""The briefing: what it holds, its PDF and HTML, and the command line.

The tests that make a PDF or HTML file draw its charts and request the ``renderer`` fixture:
without kaleido or Chromium they fail with what to install (never skip)."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser

from pypdf import PdfReader

from analysis.__main__ import main
from analysis.briefing.compose import candidate_quotes, citation, compose_briefing, default_quotes
from analysis.briefing.methods import bbc_benchmark
from analysis.briefing.render import briefing_bytes
from analysis.bundle import Config, build_bundle
from analysis.charts import BRIEFING_VIEWS
from analysis.evaluation.stance import evaluate_seeds as evaluate_stance_seeds
from analysis.filters import Filters, apply_filters
from analysis.findings import key_findings
from analysis.stance.propositions import PropositionSet
from tests.conftest import ROOT, SEEDS

PROPOSITIONS = PropositionSet.from_yaml(Config.for_corpus(None).propositions)
EVAL_RESULTS = ROOT / "analysis" / "data" / "eval" / "results"


def _compose(bundle, filters: Filters | None = None, views=None, quotes=None):
    filters = filters or Filters()
    return compose_briefing(bundle, apply_filters(bundle, filters), filters, PROPOSITIONS, views, quotes, bundle)


def test_citation_names_source_title_date_section_and_paragraph(seed_bundle):
    docs, passages = seed_bundle.documents, seed_bundle.passages
    academic = passages[(passages["doc_id"] == "002_0fbbef5e2591e9a1") & (passages["section"] != "")].iloc[0]
    text = citation(docs, passages, academic["doc_id"], academic["passage_id"])
    assert text.startswith(
        "Csepregi (academic), “NATO-Israel Cooperation in the Context of the Russia-Ukraine War”, 2023"
    )
    assert f"§ {academic['section']}" in text
    assert text.endswith(f"¶ {int(academic['passage_id'][-4:]) + 1}")
    oped = passages[passages["doc_id"] == "001_2f1ca548121d448b"].iloc[3]
    assert ", undated, " in citation(docs, passages, oped["doc_id"], oped["passage_id"])


def test_every_finding_with_sentences_behind_it_gets_them_quoted(seed_bundle):
    view = apply_filters(seed_bundle, Filters())
    findings = key_findings(view, PROPOSITIONS)
    candidates = candidate_quotes(view)
    known = set(candidates["quote_id"])
    backed = [f for f in findings if f.quotes]
    # The propositions (two), the most negative and the most favourable portrayal, the date disagreement.
    starts = ("3 of 4 sources argue for", "Op-ed argues against", "The most negative", "The most favourable")
    starts += ("Sources disagree on the date",)
    assert len(backed) == len(starts) == 5
    for finding, start in zip(backed, starts, strict=True):
        assert finding.text.startswith(start), finding.text
    for finding in backed:
        assert set(finding.quotes) <= known, finding.text
    chosen = default_quotes(candidates, findings)
    assert len(chosen) == len(set(chosen)) == 10
    assert all(f.quotes[0] in chosen for f in backed)
    # The date disagreement is quoted from both sides: 1994 (Csepregi) and 1995 (Israeli analysis).
    dates = candidates.set_index("quote_id").loc[[q for q in chosen if q.startswith("e:")]]
    assert set(dates["source"]) == {"Csepregi (academic)", "Israeli analysis"}


def test_filters_reach_every_part_of_the_briefing(seed_bundle):
    briefing = _compose(seed_bundle, Filters(sources=("Op-ed",)))
    assert briefing.filters == "sources: Op-ed"
    assert list(briefing.documents["source"]) == ["Op-ed"]
    assert set(briefing.quotes["source"]) == {"Op-ed"}
    assert all("Op-ed" in q for q in briefing.quotes["citation"])
    assert [view for view, _ in briefing.charts].count("stance") == 1
    assert [m.view for m in briefing.methods][-1] == "Evidence quotes"


def test_chosen_views_and_quotes_are_kept_in_order(seed_bundle):
    candidates = candidate_quotes(apply_filters(seed_bundle, Filters()))
    picks = list(candidates["quote_id"].iloc[[5, 0, 3]])
    briefing = _compose(seed_bundle, views=["timeline", "quotes"], quotes=[*picks, "s:no-such-sentence:NATO"])
    assert briefing.findings == []
    assert [c.key for _, c in briefing.charts] == ["timeline"]
    assert list(briefing.quotes["quote_id"]) == picks  # unknown ids dropped, order kept
    assert [m.view for m in briefing.methods] == ["Timeline of events", "Evidence quotes"]


def test_methods_note_reports_measured_accuracy(seed_bundle):
    """The out-of-domain test figures first, read here straight from the result files the benchmarks
    wrote, then the in-sample ones measured on the seeds in this run."""
    notes = {m.view: m for m in _compose(seed_bundle).methods}
    stance = notes["Stance towards actors"].accuracy
    test = json.loads((EVAL_RESULTS / "stance.json").read_text(encoding="utf-8"))["splits"]["test"]
    sentence, document = test["sentence"], test["document"]
    assert stance.startswith(f"Out of domain (the frozen test part: {test['n_pairs']} hand-labelled (sentence, actor)")
    assert (
        f"sentence macro-F1 {sentence['system']['macro_f1']:.2f} against {sentence['neutral']['macro_f1']:.2f} for "
        f"always answering 'neutral' and {sentence['vader']['macro_f1']:.2f} for VADER" in stance
    )
    signs = document["system"]
    assert f"agrees with the reader on {signs['accuracy']:.2f} of {signs['n']} pairs" in stance
    seeds = evaluate_stance_seeds(seed_bundle)
    assert stance.endswith(
        f"In sample (184 pairs from the four seeds, labelled by the author of the first rules): macro-F1 "
        f"{seeds['system'].macro_f1:.2f} (VADER {seeds['vader'].macro_f1:.2f})."
    )
    timeline = notes["Timeline of events"].accuracy
    runs = json.loads((EVAL_RESULTS / "timeline.json").read_text(encoding="utf-8"))["runs"]
    rules = next(r for r in runs if (r["split"], r["system"]) == ("test", "rules"))
    assert timeline.startswith(f"Out of domain (the frozen test part: {rules['gold_mentions']} hand-labelled")
    assert (
        f"distinct dated events precision {rules['event_precision']:.3f}, recall {rules['event_recall']:.3f}"
        in timeline
    )
    assert f"{rules['traps_taken']} of {rules['traps']} traps taken" in timeline
    assert timeline.endswith("precision 1.000, recall 1.000; exact dates 1.000; 0 of 42 traps (counts, money, "
                             "durations, citations) taken.")  # fmt: skip
    bbc = bbc_benchmark()
    assert bbc is not None and f"AMI {bbc['ami5']:.3f}" in notes["Topics"].accuracy
    without_seeds = compose_briefing(
        seed_bundle, apply_filters(seed_bundle, Filters()), Filters(), PROPOSITIONS, ["stance"], None, None
    )
    assert without_seeds.methods[0].accuracy.endswith("In sample: not measured in this run.")


def test_pdf_has_title_page_findings_charts_quotes_and_methods(renderer, seed_bundle):
    briefing = _compose(seed_bundle)
    data = briefing_bytes(briefing, "pdf")
    reader = PdfReader(io.BytesIO(data))
    pages = [p.extract_text() for p in reader.pages]
    assert 6 <= len(pages) <= 12
    assert "Briefing: NATO and Israel in 4 documents" in pages[0] and "Filters in force: all documents" in pages[0]
    assert all(s in pages[0] for s in ("Israeli analysis", "Op-ed", "Csepregi (academic)", "Encyclopedia"))
    text = "\n".join(pages)
    assert "Key findings" in text and "3 of 4 sources argue for" in text
    assert [c.key for _, c in briefing.charts] == [
        "stance-heatmap", "quoted-voices", "propositions", "timeline", "topics-by-source", "topic-terms", "themes"
    ]  # fmt: skip
    assert len(re.findall(r"Figure \d+\.", text)) == len(briefing.charts) == 7
    assert sum(len(p.images) for p in reader.pages) == 7
    first = briefing.quotes.iloc[0]
    assert first["sentence"][:40].split()[0] in text and "¶" in text
    assert "Methods and measured accuracy" in pages[-1] and "Out of domain (the frozen test part" in pages[-1]
    assert data == briefing_bytes(briefing, "pdf"), "same briefing, same bytes"


def test_html_is_self_contained_and_escapes_document_text(renderer, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "A <script>alert(1)</script> note\n\nNATO should deepen cooperation with Israel, a valuable partner. "
        "Israel <b>must</b> join NATO in 2024.\n",
        encoding="utf-8",
    )
    (corpus / "b.txt").write_text("Another view\n\nIran is a threat to Israel and NATO.\n", encoding="utf-8")
    bundle = build_bundle(corpus, tmp_path / "bundle")
    briefing = _compose(bundle)
    html = briefing_bytes(briefing, "html").decode("utf-8")
    assert "<script>" not in html and "<b>must</b>" not in html
    assert "&lt;b&gt;must&lt;/b&gt;" in html or "&lt;script&gt;" in html

    class Refs(HTMLParser):
        external: list[str] = []

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name in ("src", "href") and value and not value.startswith(("data:", "#")):
                    self.external.append(value)

    parser = Refs()
    parser.feed(html)
    assert parser.external == []  # nothing to fetch: charts are inline SVG
    assert [c.key for _, c in briefing.charts] == ["stance-heatmap", "propositions", "timeline", "themes"]
    assert html.count("data:image/svg+xml;base64,") == len(briefing.charts)  # every chart, inline


def test_cli_writes_a_filtered_pdf_and_refuses_unknown_names(renderer, tmp_path, capsys):
    out = tmp_path / "brief.pdf"
    assert (
        main(
            ["brief", "--corpus", str(SEEDS), "--out", str(out), "--source", "Op-ed", "--theme", "Iran and its proxies"]
        )
        == 0
    )
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "sources: Op-ed; themes: Iran and its proxies" in text
    assert "wrote" in capsys.readouterr().out
    assert main(["brief", "--corpus", str(SEEDS), "--out", str(out), "--source", "Nobody"]) == 2
    assert "no source named 'Nobody'" in capsys.readouterr().err


def test_cli_refuses_unknown_formats_and_views(tmp_path, capsys):
    """Checked before anything is drawn: no renderer needed."""
    assert main(["brief", "--corpus", str(SEEDS), "--out", str(tmp_path / "b.docx")]) == 2
    assert "written as .pdf or .html" in capsys.readouterr().err
    assert main(["brief", "--corpus", str(SEEDS), "--out", str(tmp_path / "b.pdf"), "--views", "stance,gossip"]) == 2
    assert "unknown view(s) gossip" in capsys.readouterr().err
    assert not (tmp_path / "b.pdf").exists()


def test_cli_without_chromium_says_what_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    assert main(["brief", "--corpus", str(SEEDS), "--out", str(tmp_path / "b.pdf")]) == 2
    err = capsys.readouterr().err
    assert "Chart images need Chromium" in err and "make browser-deps" in err
    assert not (tmp_path / "b.pdf").exists()


def test_briefing_views_cover_every_method_note(seed_bundle):
    briefing = _compose(seed_bundle, views=list(BRIEFING_VIEWS))
    assert len(briefing.methods) == len(BRIEFING_VIEWS)


def test_title_page_lists_sources_not_thousands_of_documents(seed_bundle):
    briefing = _compose(seed_bundle, views=["findings"])
    head, rows = briefing.document_table()
    assert head[1] == "Title" and len(rows) == 4
    head, rows = briefing.document_table(limit=3)
    assert head == ["Source", "Documents", "Kind", "Published"]
    assert ["Op-ed", "1", "op-ed", "undated"] in rows
    assert ["Israeli analysis", "1", "analysis", "2024-08 – 2024-08"] in rows
