"""Document text reaches the page escaped, whatever it contains."""

from __future__ import annotations

import pandas as pd

from analysis.plotting.style import finish
from dashboard.render import document_html, highlight, md_escape, reader_link

EVIL = 'NATO <script>alert(1)</script> <img src=x onerror="alert(2)"> & Iran'


def test_highlight_escapes_everything_but_its_own_marks():
    out = highlight(EVIL, [(0, 4, "NATO"), (len(EVIL) - 4, len(EVIL), "Iran")])
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out
    assert out.count("<mark") == 2


def test_document_html_escapes_ids_roles_and_themes():
    passages = pd.DataFrame(
        [{"passage_id": "d-p0001<b>", "role": "caption", "marks": "bullet", "themes": "<i>x</i>", "text": EVIL}]
    )
    mentions = pd.DataFrame(columns=["passage_id", "start", "end", "actor"])
    out = document_html(passages, mentions)
    assert "<script>alert" not in out and "<i>x</i>" not in out and "d-p0001<b>" not in out


def test_markdown_is_neutralised():
    joiner = "\u2060"  # after every colon: Streamlit's icon shortcodes are matched after escapes resolve
    assert md_escape("**bold** [link](javascript:x)") == r"\*\*bold\*\* \[link\]\(javascript\:" + joiner + r"x\)"


def test_autolinks_are_broken_by_a_word_joiner():
    """GitHub-flavoured autolinks are found after escapes resolve: www., http:// and name@host need the joiner."""
    joiner = "\u2060"
    assert md_escape("see www.evil.example") == r"see www" + joiner + r"\.evil\.example"
    assert md_escape("WWW.Evil.example") == r"WWW" + joiner + r"\.Evil\.example"
    assert md_escape("mail@evil.example") == r"mail\@" + joiner + r"evil\.example"
    assert md_escape("http://x") == r"http\:" + joiner + r"\/\/x"


def test_reader_link_is_encoded():
    assert reader_link("a b", "p&1", {"source": ["X&Y"]}) == "Reader?doc=a+b&passage=p%261&source=X%26Y"


def test_chart_titles_are_escaped():
    import plotly.graph_objects as go

    fig = finish(go.Figure(), "<img src=x onerror=alert(1)>", "<script>")
    assert "<img" not in fig.layout.title.text and "<script>" not in fig.layout.title.text


def test_charts_are_signed_with_sources_and_date():
    import plotly.graph_objects as go

    from analysis.plotting.style import with_credit

    fig = with_credit(go.Figure(), ["Op-ed", "<b>Wire</b>"], "2026-11-23")
    text = fig.layout.annotations[-1].text
    assert "Sources: Op-ed, &lt;b&gt;Wire&lt;/b&gt;</span><br>" in text and "analysed 2026-11-23" in text
