"""Temporal expressions, one test per kind the timeline issue (#11) lists: explicit, partial,
relative, decade, parenthesised, and the traps that must never become dates.

The publication date of most cases is Friday 12 July 2024.
"""

from __future__ import annotations

import pytest

from analysis.dates import normalise_published
from analysis.timeline.spans import value_interval
from analysis.timeline.temporal import DocumentDates, find_dates

PUB = "2024-07-12"  # a Friday


def _one(text: str, doc_date: str = PUB) -> tuple[str, str, str, str, str]:
    """The single expression in ``text``: (text, start, end, kind, anchor)."""
    found = find_dates(text, doc_date)
    assert len(found) == 1, [(e.text, e.date_start) for e in found]
    e = found[0]
    return e.text, e.date_start, e.date_end, e.kind, e.anchor


def _value(text: str, doc_date: str = PUB) -> str:
    """The single expression's span written in the gold scheme's interval form, for short assertions."""
    _, start, end, _, _ = _one(text, doc_date)
    return start if start == end else f"{start}/{end}"


def _scheme(value: str) -> str:
    lo, hi = value_interval(value)
    return lo.isoformat() if lo == hi else f"{lo.isoformat()}/{hi.isoformat()}"


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("since October 7, 2023, Israel", "October 7, 2023", "2023-10-07"),
        ("on 7 October 2023 the", "7 October 2023", "2023-10-07"),
        ("on Oct. 7, 2023 the", "Oct. 7, 2023", "2023-10-07"),
        ("elected on Nov. 4, 2020, he", "Nov. 4, 2020", "2020-11-04"),
        ("signed on 29 Jun. 2004 in", "29 Jun. 2004", "2004-06-29"),
        ("On September 15th, 2020 they met", "September 15th, 2020", "2020-09-15"),
        ("the 10th of December 2020 was", "the 10th of December 2020", "2020-12-10"),
        ("dated 2023-10-07 in", "2023-10-07", "2023-10-07"),
        ("the decree of 12.07.2021 says", "12.07.2021", "2021-07-12"),  # dots: day first
        ("a cable of 07/12/2021 says", "07/12/2021", "2021-07-12"),  # slashes: month first
        ("On Thursday, July 11, 2024, leaders", "Thursday, July 11, 2024", "2024-07-11"),
        ("held in July 2024 in", "July 2024", "2024-07"),
        ("in May of 2010, which", "May of 2010", "2010-05"),
        ("sold in Jun. 2004 to", "Jun. 2004", "2004-06"),
        ("talks in spring 2024 failed", "spring 2024", "2024-SP"),
        ("in the winter of 2022 the", "the winter of 2022", "2022-WI"),
        ("in the first half of 2024 the", "the first half of 2024", "2024-H1"),
        ("Established in 1949 as", "1949", "1949"),
        ("the 2022 Strategic Concept", "2022", "2022"),
        ("to reach 2% by 2030 as", "2030", "2030"),
        ("the post-1945 order", "post-1945", "1945"),
        ("between 1990 and 1994 NATO", "between 1990 and 1994", "1990/1994"),
        ("the 2014–2016 crisis", "2014–2016", "2014/2016"),
        ("in 2022-23 the", "2022-23", "2022/2023"),
        ("from March to May 2024 the", "from March to May 2024", "2024-03/2024-05"),
        ("from March 2022 to May 2024 the", "from March 2022 to May 2024", "2022-03/2024-05"),
        ("the summit on July 9–11, 2024 in", "July 9–11, 2024", "2024-07-09/2024-07-11"),
        ("met on 9-11 July 2024 in", "9-11 July 2024", "2024-07-09/2024-07-11"),
    ],
)
def test_explicit(text, surface, value):
    found, start, end, kind, anchor = _one(text)
    assert (found, kind, anchor) == (surface, "explicit", "explicit")
    assert (start if start == end else f"{start}/{end}") == _scheme(value)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The talks resumed on 22 May in Geneva.", "22 May", "2024-05-22"),
        ("He spoke on Nov. 4 at the UN.", "Nov. 4", "2023-11-04"),  # no November 4 yet in 2024: last year's
        ("The vote came on December 10th.", "December 10th", "2023-12-10"),
        ("Elections were held in May.", "May", "2024-05"),
        ("Fighting escalated earlier in July.", "July", "2024-07"),
        ("Prices have doubled since October.", "October", "2023-10"),
        ("after the October 7 meeting", "October 7", "2023-10-07"),
        ("The talks began on October the 7th.", "October the 7th", "2023-10-07"),
        ("Since 20 September, 190 leaders spoke.", "20 September", "2023-09-20"),  # "190" is no year
        ("The council will meet on 22 August.", "22 August", "2024-08-22"),  # future: on or after
        ("The summit will be held in December.", "December", "2024-12"),
        ("The allies met in the spring to", "spring", "2024-SP"),
        ("from March to May the talks", "March to May", "2024-03/2024-05"),
        ("leaders met on July 9-11 in", "July 9-11", "2024-07-09/2024-07-11"),
    ],
)
def test_partial_from_the_publication_date(text, surface, value):
    found, start, end, kind, anchor = _one(text)
    assert (found, kind, anchor) == (surface, "partial", "publication")
    assert (start if start == end else f"{start}/{end}") == _scheme(value)


def test_partial_takes_its_year_from_the_narrative():
    """ "a few months later, on December 10th" after "September 15th, 2020": 2020, not the publication year."""
    text = "On September 15th, 2020 the parties met. A few months later, on December 10th, they signed."
    found = find_dates(text, PUB)
    assert [(e.text, e.date_start, e.kind, e.anchor) for e in found] == [
        ("September 15th, 2020", "2020-09-15", "explicit", "explicit"),
        ("December 10th", "2020-12-10", "partial", "narrative"),
    ]
    assert "September 15th, 2020" in found[1].note


def test_narrative_anchor_carries_to_the_next_paragraph_and_picks_the_nearest_year():
    doc = DocumentDates(PUB)
    first = doc.find("The ceasefire was signed on 15 September 2020 in Moscow.", "d-p0001")
    later = doc.find("Months later, on 3 February, fighting resumed.", "d-p0001")
    assert first[0].date_start == "2020-09-15"
    # The 3 February nearest 15 September 2020 (and after it: "later") is 2021's.
    assert (later[0].text, later[0].date_start, later[0].anchor) == ("3 February", "2021-02-03", "narrative")
    nearby = doc.find("On 28 January the talks had failed.", "d-p0002")
    assert (nearby[0].date_start, nearby[0].anchor) == ("2021-01-28", "narrative")
    # Two paragraphs on, that narrative is no longer "just set": the publication date anchors again.
    doc.find("Nothing was dated here.", "d-p0003")
    elsewhere = doc.find("The report was released on 3 February.", "d-p0004")
    assert (elsewhere[0].date_start, elsewhere[0].anchor) == ("2024-02-03", "publication")


def test_a_cause_told_with_following_stays_in_the_narratives_year():
    """ "following … on December 19" after "On December 27, 2008" is 2008-12-19 (nearest), not 2009."""
    text = "On December 27, 2008, Israel launched a campaign. It followed the expiry of a truce on December 19."
    assert [e.date_start for e in find_dates(text, "2009")] == ["2008-12-27", "2008-12-19"]


def test_a_date_after_since_is_a_reference_point_not_the_narrative():
    doc = DocumentDates("2022-07-26")
    doc.find("The Golan has been under occupation since 4 June 1967.", "d-p0001")
    found = doc.find("Israel struck the airport on 10 June.", "d-p0002")
    assert (found[0].date_start, found[0].anchor) == ("2022-06-10", "publication")


def test_a_year_the_narrative_set_anchors_a_partial_date_and_the_anaphoric_ones():
    doc = DocumentDates("2007")
    doc.find("The Council confronted an ambitious agenda in 2006.", "d-p0001")
    assert doc.find("In a special meeting on 22 December, it paid tribute.", "d-p0002")[0].date_start == "2006-12-22"
    story = DocumentDates("2026-11-24")
    story.find("In 1947, Iran voted against the partition plan.", "w-p0001")
    later = story.find("Two years later, Iran voted against Israel's admission.", "w-p0001")[0]
    assert (later.text, later.date_start, later.date_end, later.anchor) == (
        "Two years later",
        "1949-01-01",
        "1949-12-31",
        "narrative",
    )
    half = story.find("The second half of the year saw war.", "w-p0005")[0]
    assert (half.date_start, half.date_end) == ("1947-07-01", "1947-12-31")


@pytest.mark.parametrize(
    ("text", "doc_date", "value"),
    [
        ("after the October 7 massacre", PUB, "2023-10-07"),
        ("a conflict that began the day after the October 7th attack by Hamas", "2024-11-26", "2023-10-07"),
        ("in the days immediately following October the 7th, I directed", "2024-11-26", "2023-10-07"),
        ("after the September 11 attacks", PUB, "2001-09-11"),
    ],
)
def test_named_days(text, doc_date, value):
    e = find_dates(text, doc_date)[0]
    assert (e.date_start, e.kind, e.anchor) == (value, "partial", "named")


def test_a_bare_day_is_not_a_named_day():
    e = find_dates("The ministers met on October 7 in Brussels.", "2024-11-26")[0]
    assert (e.date_start, e.anchor) == ("2024-10-07", "publication")


@pytest.mark.parametrize(
    ("text", "doc_date", "value"),
    [
        # The verb the date hangs on decides, through the parse.
        ("Ban says U.N. personnel will begin inspecting the site of a suspected attack on Monday.", "2013-08-25",
         "2013-08-26"),
        ("He said the swap could take place around July 15.", "2008-07-02", "2008-07-15"),
        ('The general said "By Wednesday we are going to establish a zone".', "2006-07-31", "2006-08-02"),
        ("UN to Probe Alleged Syria Chemical Attack Site Monday", "2013-08-25", "2013-08-26"),  # headline
        ("Israel agreed on Monday to suspend air strikes.", "2006-07-31", "2006-07-31"),
    ],
)  # fmt: skip
def test_tense_decides_the_direction(text, doc_date, value):
    assert find_dates(text, doc_date)[0].date_start == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Today NATO and Finland finalised the plan.", "Today", "2024-07-12"),
        ("The minister said yesterday that", "yesterday", "2024-07-11"),
        ("The vote is tomorrow.", "tomorrow", "2024-07-13"),
        ("The ministers met on Thursday in Brussels.", "Thursday", "2024-07-11"),  # past: on or before
        ("The ministers will meet on Thursday in Brussels.", "Thursday", "2024-07-18"),  # future: on or after
        ("The ministers met on Friday.", "Friday", "2024-07-12"),  # the publication day itself
        ("Protesters gathered last Friday.", "last Friday", "2024-07-05"),
        ("They will vote next Monday.", "next Monday", "2024-07-15"),
        ("Strikes continued this week.", "this week", "2024-W28"),
        ("The envoy visited Kyiv last week.", "last week", "2024-W27"),
        ("The talks resume next month.", "next month", "2024-08"),
        ("Inflation fell last month.", "last month", "2024-06"),
        ("Elections are due this year.", "this year", "2024"),
        ("The treaty lapsed last year.", "last year", "2023"),
        ("The law passed earlier this year.", "earlier this year", "2024"),
        ("Talks stalled this spring.", "this spring", "2024-SP"),
        ("Fires spread last summer.", "last summer", "2023-SU"),
        ("Gas ran short last winter.", "last winter", "2023-WI"),
        ("The war began two years ago.", "two years ago", "2022"),
        ("Two years ago today, Russia invaded.", "Two years ago today", "2022-07-12"),
        ("The deal was struck three months ago.", "three months ago", "2024-04"),
    ],
)
def test_relative_to_the_publication_date(text, surface, value):
    found, start, end, kind, anchor = _one(text)
    assert (found, kind, anchor) == (surface, "relative", "publication")
    assert (start if start == end else f"{start}/{end}") == _scheme(value)


def test_relative_told_against_the_narrative():
    found = find_dates("The offensive began on 3 March 2022 and the city fell the next day.", PUB)
    assert [(e.text, e.date_start, e.anchor) for e in found] == [
        ("3 March 2022", "2022-03-03", "explicit"),
        ("the next day", "2022-03-04", "narrative"),
    ]
    found = find_dates("Russia annexed Crimea in 2014 and the following year sanctions tightened.", PUB)
    assert [(e.text, e.date_start, e.date_end, e.kind) for e in found][1] == (
        "the following year",
        "2015-01-01",
        "2015-12-31",
        "relative",
    )
    assert find_dates("The city fell the next day.", PUB) == []  # nothing to count from: not a date


def test_weekday_note_says_what_it_was_resolved_against():
    e = find_dates("The ministers met on Thursday in Brussels.", PUB)[0]
    assert e.note == ("Thursday told in the past: the latest Thursday on or before the publication date 2024-07-12")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("in the 1990s the", "the 1990s", "199X"),
        ("since the mid-1980s the", "the mid-1980s", "198X-MID"),
        ("in the early 2000s the", "the early 2000s", "200X-EARLY"),
        ("by the late 1990s the", "the late 1990s", "199X-LATE"),
        ("music of the ’90s was", "the ’90s", "199X"),
        ("in the late 19th century the", "the late 19th century", "18XX-LATE"),
        ("throughout the twentieth century the", "the twentieth century", "19XX"),
        ("in the 1800s the", "the 1800s", "18XX"),
        ("the first decade of the century", "the first decade of the century", "200X"),
        ("1960s - 1990s", "1960s - 1990s", "1960/1999"),
    ],
)
def test_decades_and_centuries(text, surface, value):
    found, start, end, kind, anchor = _one(text)
    assert (found, kind, anchor) == (surface, "decade", "explicit")
    assert f"{start}/{end}" == _scheme(value)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("after the Sinai War (1956) Israel", "(1956)", "1956"),
        ("under Resolution 1701 (2006) the", "(2006)", "2006"),
        ("Greece and Turkey (1952) joined", "(1952)", "1952"),
        ("World War II (1939–1945) ended", "(1939–1945)", "1939/1945"),
    ],
)
def test_parenthesised_year_after_an_event_or_act(text, surface, value):
    found, start, end, kind, anchor = _one(text)
    assert (found, kind, anchor) == (surface, "parenthesised", "explicit")
    assert f"{start}/{end}" == _scheme(value)


@pytest.mark.parametrize(
    "text",
    [
        "as Walt argued (Walt 1985, 9) and (Oded, Eilam, and Fadlon 2023, 15-19)",
        "Walt (1985) argues that alliances balance threats",
        "Smith et al. (2019) found no effect",
        "the Security Council adopted Resolution 2231 and resolutions 1559 and 1701",
        "Flight 1952 was delayed; Article 1949 of the code",
        "The talks start at 1830 GMT and end at 2100 local time",
        "call +1 202 647 2492 for details",
        "some 2000 people fled and 1,500 troops and 2000 soldiers remained",
        "the FY2025 budget and $2024 in cash",
        "Theresa May said the march would go ahead",
        "NATO has 32 member states and spends 2% of its GDP",
        "published: 2016-05-04",
    ],
)
def test_traps_are_not_dates(text):
    assert find_dates(text, PUB) == []


def test_undated_documents_keep_relative_and_partial_dates_unresolved():
    for text in ("They met on Thursday.", "Today NATO met.", "Prices rose last month.", "The vote was on 22 May."):
        e = find_dates(text, "")[0]
        assert (e.resolved, e.date_start, e.date_end, e.anchor) == (False, "", "", ""), text
        assert "no date" in e.note
    # Explicit dates need no anchor, and a narrative date anchors even an undated document.
    found = find_dates("On 15 September 2020 they met; on 10 December they signed.", "")
    assert [(e.date_start, e.anchor) for e in found] == [("2020-09-15", "explicit"), ("2020-12-10", "narrative")]


def test_an_anchor_without_the_needed_precision_resolves_nothing_it_cannot():
    weekday = find_dates("They met on Thursday.", "2024-07")[0]
    assert not weekday.resolved and "not precise enough" in weekday.note
    assert find_dates("Prices rose last month.", "2024-07")[0].date_start == "2024-06-01"


@pytest.mark.parametrize("value", ["today", "now", "Today", "yesterday", "Thursday"])
def test_a_publication_date_without_a_year_is_never_the_analysis_date(value):
    published, warning = normalise_published(value)
    assert published == "" and "no year" in warning


def test_value_scheme_intervals():
    assert _scheme("2024-W28") == "2024-07-08/2024-07-14"
    assert _scheme("2024-WI") == "2024-12-01/2025-02-28"
    assert _scheme("2023-Q3") == "2023-07-01/2023-09-30"
    assert _scheme("19XX-EARLY") == "1900-01-01/1932-12-31"
    assert value_interval("UNRESOLVED") is None


def test_a_background_year_does_not_capture_a_news_reports_partial_date():
    doc = DocumentDates("2024-07-31")
    doc.find("In 2006, Israel and Hezbollah fought a war.", "n-p0001")
    doc.find("The border stayed tense for years.", "n-p0001")
    found = doc.find("On 27 July, a rocket struck Majdal Shams.", "n-p0002")
    assert (found[0].date_start, found[0].anchor) == ("2024-07-27", "publication")
    # The very next sentence may take it: "In the UN's 2015 report … : … on 28 January."
    doc = DocumentDates("2026-11-24")
    doc.find("In the UN's 2015 report on the matter, it states that:", "w-p0001")
    assert doc.find("A breach occurred on 28 January.", "w-p0002")[0].date_start == "2015-01-28"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the U.S. 2024 presidential election", ["2024"]),  # "S." is a bill only on its own
        ("(AP, March 2024)", ["March 2024"]),  # a month is no author's name
        ("music of the 90s and the mid-80s", ["the 90s", "the mid-80s"]),
        ("Horizon 2020 and Vision 2030 funds", []),
    ],
)
def test_names_and_numbers_next_to_years(text, expected):
    assert [e.text for e in find_dates(text, PUB)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the 2004/05 budget", ("2004-01-01", "2005-12-31")),
        ("a document symbol S/2024/555 was issued", None),
        ("the show airs at about 1900 on Sundays", None),
    ],
)
def test_slashed_years_and_clock_times(text, expected):
    found = find_dates(text, PUB)
    assert [(e.date_start, e.date_end) for e in found] == ([expected] if expected else [])


@pytest.mark.parametrize(
    "text",
    ["Of those, 1800 were killed and 2000 fled.", "the March 14 Alliance and the March 8 coalition"],
)
def test_counts_and_names_that_look_like_dates(text):
    assert find_dates(text, PUB) == []


# ---------------------------------------------------------------------------------------------
# Classes of errors found on the enlarged development part (news2, statements2), one test each.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "doc_date", "value"),
    [
        # "the next day" counts from the narrative: its "next" is not a future tense.
        ("The next day, on March 10th, Russia's forces bombed a corridor.", "2022-03-22", "2022-03-10"),
        ("On March 11th, the next day, a ceasefire was declared.", "2022-03-22", "2022-03-11"),
        # A modal with a perfect tells the past: "what should have been a safe corridor".
        ("On 10 March, what should have been a safe corridor was shelled.", "2022-03-22", "2022-03-10"),
        ("On 10 March, positions next to the border were shelled.", "2022-03-22", "2022-03-10"),  # a place
    ],
)
def test_words_that_look_like_a_future_tense_but_are_not(text, doc_date, value):
    assert [e.date_start for e in find_dates(text, doc_date) if e.kind == "partial"] == [value]


@pytest.mark.parametrize(
    ("text", "doc_date", "value"),
    [
        # perfect tense, but "from 27 June" is 19 days ahead, not 346 days back
        ("We have therefore extended the operation for a further 90 days from 27 June.", "2011-06-08", "2011-06-27"),
        # the future verb belongs to another clause: 27 May is 42 days back, not 323 ahead
        ("The signature on 27th May of the Act and the Charter we will sign tomorrow bear witness.", "1997-07-08",
         "1997-05-27"),
        ("He announced the designation, effective February 16th.", "2024-01-17", "2024-02-16"),
        # a tense read that stays within the year is kept
        ("He spoke on Nov. 4 at the UN.", PUB, "2023-11-04"),
    ],
)  # fmt: skip
def test_a_day_without_its_year_is_not_put_almost_a_year_away_by_a_misread_tense(text, doc_date, value):
    e = next(e for e in find_dates(text, doc_date) if e.kind == "partial")
    assert (e.date_start, e.anchor) == (value, "publication")


def test_a_day_told_against_the_publication_date_anchors_the_next_day_and_a_day_earlier():
    doc = DocumentDates("2022-03-22")
    doc.find("Department Press Briefing – March 22, 2022", "b-p0000")
    doc.find("Nothing dated here.", "b-p0001")
    doc.find("Nor here.", "b-p0002")
    doc.find("The Air Force bombed the hospital on March 9th.", "b-p0003")
    nxt = doc.find("The next day, on March 10th, forces bombed a corridor.", "b-p0004")
    assert [(e.text, e.date_start) for e in nxt] == [("The next day", "2022-03-10"), ("March 10th", "2022-03-10")]
    # A weekday resolved against the publication date anchors "a day earlier" in its sentence.
    found = find_dates("Guterres said on Tuesday he welcomed the resolution adopted a day earlier.", "2024-06-11")
    assert [(e.text, e.date_start, e.anchor) for e in found] == [
        ("Tuesday", "2024-06-11", "publication"),
        ("a day earlier", "2024-06-10", "narrative"),
    ]
    # It is no narrative anchor of partial dates: they take their year from the publication date anyway.
    assert find_dates("On Monday they met; the law passed in May.", "2024-01-10")[1].anchor == "publication"


def test_a_restating_apposition_is_the_same_day():
    found = find_dates("On March 11th, the next day, a ceasefire was declared.", "2022-03-22")
    assert [(e.text, e.date_start) for e in found] == [("March 11th", "2022-03-11"), ("the next day", "2022-03-11")]


def test_the_next_week_told_in_the_future_counts_from_the_publication_date():
    text = "He departs on his trip since the attacks of October 7th. Over the next week, he will visit Qatar."
    found = find_dates(text, "2024-01-04")
    assert [(e.text, e.date_start, e.anchor) for e in found][-1] == ("the next week", "2024-01-08", "publication")
    # Told in the past it counts from the narrative.
    past = find_dates("The offensive began on 3 March 2022 and in the next week the city fell.", PUB)
    assert (past[-1].date_start, past[-1].anchor) == ("2022-03-07", "narrative")


def test_a_day_told_against_the_publication_date_does_not_give_its_year_to_the_next_sentence():
    # "Monday" is 2024-01-08; "in May", told in the past, is the May before publication (2023), and its
    # year comes from the publication date, not from "Monday" in the sentence before.
    doc = DocumentDates("2024-01-10")
    doc.find("On Monday they met in Brussels.", "b-p0001")
    may = doc.find("The law passed in May.", "b-p0001")
    assert [(e.date_start, e.anchor) for e in may] == [("2023-05-01", "publication")]
    # "The next day" after it still counts from Monday.
    doc.find("On Monday they met in Brussels.", "b-p0002")
    nxt = doc.find("The next day they signed.", "b-p0002")
    assert [(e.date_start, e.anchor) for e in nxt] == [("2024-01-09", "narrative")]
