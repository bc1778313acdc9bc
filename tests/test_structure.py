"""Segmentation: each kind of extraction debris in the seeds gets its role."""

from __future__ import annotations

from analysis.structure import segment


def _find(blocks, needle):
    hits = [b for b in blocks if needle in b.text]
    assert hits, f"no block contains {needle!r}"
    return hits[0]


def test_page_break_with_footnote_between_is_joined(seed_blocks):
    blocks = seed_blocks["002_0fbbef5e2591e9a1"]
    joined = _find(blocks, "in those answers, the role of partnerships is varying as well")
    assert joined.role == "body"
    assert "joined-across-page-break" in joined.marks
    footnote = _find(blocks, "Zsolt CSEPREGI is a PhD Student")
    assert footnote.role == "footnote"
    assert blocks.index(footnote) == blocks.index(joined) + 1  # the note follows the mended paragraph


def test_page_break_without_lowercase_start_is_joined(seed_blocks):
    blocks = seed_blocks["002_0fbbef5e2591e9a1"]
    assert not any(b.text.startswith("European NATO allies.") for b in blocks)
    assert not any(b.text.startswith("presents a threat of going to full-scale war") for b in blocks)
    assert "joined-across-page-break" in _find(blocks, "presents a threat of going to full-scale war").marks


def test_no_body_passage_starts_in_lower_case(seed_blocks):
    for doc_id, blocks in seed_blocks.items():
        for b in blocks:
            if b.role == "body":
                assert not b.text[:1].islower(), (doc_id, b.text[:60])


def test_title_byline_keywords_and_headings(seed_blocks):
    blocks = seed_blocks["002_0fbbef5e2591e9a1"]
    assert blocks[0].role == "title"
    assert _find(blocks, "Zsolt CSEPREGI**").role == "byline"
    assert _find(blocks, "Keywords:").role == "metadata"
    headings = [b.text for b in blocks if b.role == "heading"]
    assert headings[:2] == [
        "Introduction",
        "1. NATO's Southern Strategic Direction in the Context of the Russia-Ukraine War",
    ]
    assert "Conclusions" in headings


def test_reference_list(seed_blocks):
    blocks = seed_blocks["002_0fbbef5e2591e9a1"]
    refs = [b for b in blocks if b.role == "references"]
    assert len(refs) == 20
    assert refs[0].text.startswith("Arad, Uzi")
    assert refs[-1].text.startswith("Walt, Stephen M. 1985")


def test_captions_and_credits_including_non_english(seed_blocks):
    blocks = seed_blocks["000_323ccbcc8a4f38d4"]
    assert _find(blocks, "Zelensky and UK PM at NATO meeting").role == "caption"
    assert _find(blocks, "צילום: Number 10").role == "credit"
    assert _find(blocks, "photo: Gints Ivuskans").role == "credit"
    assert _find(blocks, "The Finnish Foreign Minister submits to Blinken").role == "caption"
    assert _find(blocks, "NATO's Patriot missile battery deployed in Turkey").role == "caption"
    assert [b.text for b in blocks if b.role == "heading"] == [
        "Mutual Defense Clause",
        "The Test of Resilience Against Russia",
        "Turkey as an Obstacle to Israel",
    ]


def test_wiki_edit_mark_see_also_and_bullets(seed_blocks):
    blocks = seed_blocks["003_7f413ec0a41b8163"]
    assert blocks[0].role == "title" and blocks[0].text == "Foreign Relations Of Israel"
    assert "wiki-edit-mark" in blocks[0].marks
    assert blocks[-1].role == "navigation" and blocks[-1].text == "See also"
    cross = _find(blocks, "See Economy of Israel")
    assert cross.role == "navigation"
    bullet = _find(blocks, "The central partnership is with the United States")
    assert bullet.role == "body" and "bullet" in bullet.marks and bullet.text.startswith("The central")


def test_op_ed_one_paragraph_per_line(seed_blocks):
    blocks = seed_blocks["001_2f1ca548121d448b"]
    assert all(b.role == "body" for b in blocks)
    assert _find(blocks, "Wars clarify.").text == "Wars clarify."
    steps = [b for b in blocks if b.text.startswith(("First,", "Second,", "Third,"))]
    assert len(steps) == 3 and all("bullet" in b.marks for b in steps)


def test_hard_wrapped_text_is_unwrapped_and_form_feed_breaks_pages():
    text = (
        "A Heading\n\nThis paragraph was wrapped at a narrow\nwidth by an old editor and should be\n"
        "read as one para-\ngraph again, and it goes on until\n\fthe next page ends it.\n"
    )
    blocks = segment(text)
    assert [b.role for b in blocks] == ["title", "body"]
    assert blocks[1].text == (
        "This paragraph was wrapped at a narrow width by an old editor and should be read as "
        "one paragraph again, and it goes on until the next page ends it."
    )


def test_markdown_headings_and_long_paragraphs():
    long = " ".join(f"Sentence number {i} says something about NATO." for i in range(120))
    blocks = segment(f"# Title\n\n## Part one\n\n{long}\n")
    assert [b.role for b in blocks[:2]] == ["title", "heading"]
    assert blocks[1].text == "Part one"
    body = [b for b in blocks if b.role == "body"]
    assert [len(b.text.split()) for b in body] == [210] * 4  # 840 words, cut under 350 into even parts
    assert " ".join(b.text for b in body) == long
