"""Key findings are computed from the bundle, follow the filters, and point to their evidence."""

from __future__ import annotations

from analysis.bundle import DEFAULT_CONFIG_DIR
from analysis.filters import Filters, apply_filters
from analysis.findings import key_findings
from analysis.stance.propositions import PropositionSet

PROPS = PropositionSet.from_yaml(DEFAULT_CONFIG_DIR / "propositions.yaml")


def test_findings_on_the_seeds(seed_bundle):
    findings = key_findings(seed_bundle, PROPS)
    texts = " ".join(f.text for f in findings)
    assert "3 of 4 sources argue for “Closer NATO–Israel cooperation”" in texts
    assert "Mediterranean Dialogue" in texts and "1994" in texts and "1995" in texts
    assert {f.page for f in findings} == {"Stance", "Timeline", "Topics"}
    negative = next(f for f in findings if f.text.startswith("The most negative"))
    assert negative.params[0][0] == "focus"


def test_findings_follow_the_filters(seed_bundle):
    view = apply_filters(seed_bundle, Filters(sources=("Op-ed",)))
    texts = " ".join(f.text for f in key_findings(view, PROPS))
    assert "1 of 1 sources argue for" in texts
    assert "disagree on the date" not in texts  # one source cannot disagree with itself
    assert "sets" not in texts  # no other source to compare with
