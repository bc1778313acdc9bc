"""Topics that say what they are: a topic that mostly reproduces one document is named as such."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from analysis.plotting import topics as topic_plots
from analysis.topics import views


def test_document_concentration_counts_each_topics_passages(seed_bundle):
    table = views.document_concentration(seed_bundle).set_index("topic_id")
    body = seed_bundle.body[seed_bundle.body["topic_id"] != ""]
    for topic_id, part in body.groupby(body["topic_id"].astype(int)):
        per_doc = part["doc_id"].value_counts()
        row = table.loc[topic_id]
        assert row["passages"] == len(part) and row["top_passages"] == per_doc.max()
        assert row["top_doc"] in set(per_doc[per_doc == per_doc.max()].index)
        assert row["mirrors"] == (per_doc.max() / len(part) > 0.8 and len(part) >= 3)
    encyclopedia = table[table["top_source"] == "Encyclopedia"]
    assert (encyclopedia["top_share"] == 1.0).any()  # the case: a topic wholly in one article


def test_topics_page_names_the_topics_that_mirror_a_document(seed_bundle):
    mirrored = views.document_concentration(seed_bundle)
    mirrored = mirrored[mirrored["mirrors"]]
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    at.switch_page("pages/2_Topics.py").run()
    assert not at.exception
    notes = [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning if "mirror" in w.value]
    assert len(notes) == 1
    assert f"{len(mirrored)} of {len(seed_bundle.topics)} topics mostly mirror one document" in notes[0]
    for row in mirrored.itertuples():
        assert f"topic {row.topic_id} ‘" in notes[0] and f"({row.top_share:.0%})" in notes[0]


def test_topics_over_time_says_two_years_are_no_trend(seed_bundle):
    over_time = views.topic_over_time(seed_bundle)
    fig = topic_plots.topics_over_time(over_time)
    assert over_time.attrs["documents"] == 2
    assert (
        "Only 2 publication years from 2 dated documents: a comparison of those documents, not a trend."
        in (fig.layout.meta["caption"])
    )
