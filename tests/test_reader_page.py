"""The Reader page under AppTest: plain and under a theme filter (the passages it hides counted from
the tables), a deep link to a passage with filters from the URL, and filters that leave nothing."""

from __future__ import annotations

import re

import pytest

from tests.apptest import app, no_exception, open_page

READER = "pages/1_Reader.py"


@pytest.mark.parametrize("filtered", [False, True])
def test_reader(filtered, seed_bundle):
    at = app().run()
    if filtered:
        at.multiselect(key="w_themes").set_value(["Turkey"]).run()
    at.switch_page(READER).run()
    no_exception(at)
    assert at.title[0].value == "📖 Reader"
    html = "".join(h.proto.body for h in at.get("html"))
    assert "pl-doc" in html
    if filtered:
        body = seed_bundle.body[seed_bundle.body["doc_id"] == "000_323ccbcc8a4f38d4"]
        themes = seed_bundle.passage_themes
        tagged = body["passage_id"].isin(themes.loc[themes["theme"] == "Turkey", "passage_id"])
        assert (int(tagged.sum()), len(body)) == (2, 14)
        assert [i.value for i in at.info] == [
            "2 of 14 body passages match the theme/actor filters; the others are hidden."
        ]
        shown = set(re.findall(r'id="(000_323ccbcc8a4f38d4-p\d{4})"', html))
        assert set(body.loc[tagged, "passage_id"]) <= shown
        assert not shown & set(body.loc[~tagged, "passage_id"])  # the other body passages are hidden
    else:
        assert "photo caption" in html and "photo credit" in html  # the first document, 000


def test_reader_deep_link_with_filters_from_url():
    at = open_page(READER, doc="003_7f413ec0a41b8163", passage="003_7f413ec0a41b8163-p0003", source="Encyclopedia")
    no_exception(at)
    assert at.selectbox(key="reader_doc").value == "003_7f413ec0a41b8163"
    html = "".join(h.proto.body for h in at.get("html"))
    assert 'pl-linked" id="003_7f413ec0a41b8163-p0003"' in html
    assert "wiki link" in html


def test_reader_when_filters_leave_nothing():
    at = open_page(READER, **{"from": "2024", "undated": "0", "source": "Op-ed"})
    no_exception(at)
    assert any("No document matches" in i.value for i in at.info)
