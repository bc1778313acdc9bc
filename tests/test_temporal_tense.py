"""Which way a day or month told without its year lies from the publication date: tense and the words
around it (#11, partial and relative dates). Sentences are made up in the shape of news and briefings."""

from __future__ import annotations

import pytest

from tests.test_temporal import _scheme, _value


@pytest.mark.parametrize(
    ("text", "doc_date", "value"),
    [
        # "since" counts from a point behind, even in a clause told in the future
        (
            "The envoy will make her third visit since the ceasefire of March 3rd, aides said.",
            "2024-01-10",
            "2023-03-03",
        ),
        ("Ships will avoid the strait, which has been shelled since mid-November.", "2024-01-10", "2023-11"),
        # a month a period runs "since" is not the month that has barely begun
        ("But since June, shelling has spread along the border.", "2024-06-03", "2023-06"),
        ("Since June, shelling has spread along the border.", "2024-06-25", "2024-06"),
    ],
)
def test_since_points_behind(text, doc_date, value):
    assert _value(text, doc_date) == _scheme(value)


@pytest.mark.parametrize(
    ("text", "doc_date", "value"),
    [
        # the present progressive tells an arrangement ahead (2024-03-05 is a Tuesday)
        ("The minister is chairing a donors' conference on Thursday in Oslo.", "2024-03-05", "2024-03-07"),
        ("Both envoys are meeting on 12 March to review the plan.", "2024-03-05", "2024-03-12"),
    ],
)
def test_the_present_progressive_is_told_ahead(text, doc_date, value):
    assert _value(text, doc_date) == _scheme(value)


def test_a_conjoined_verb_shares_the_tense_of_the_first():
    from analysis.timeline.temporal import find_dates

    found = find_dates("The general is visiting troops on Wednesday and attending a briefing on Friday.", "2024-03-05")
    assert [(e.text, e.date_start) for e in found] == [("Wednesday", "2024-03-06"), ("Friday", "2024-03-08")]


@pytest.mark.parametrize(
    ("text", "doc_date", "value"),
    [
        (
            "Talks resumed for the first time since the massacre of October 7, officials said.",
            "2024-03-05",
            "2023-10-07",
        ),
        ("He will lay a wreath for the victims of the attacks on September 11th.", "2024-03-05", "2001-09-11"),
        # the day as the subject of a verb is the event, whatever the tense around it
        ("Leaders will work to make sure October 7 can never happen again.", "2024-03-05", "2023-10-07"),
        ("The envoy will visit Israel on October 7 for the anniversary.", "2024-03-05", "2024-10-07"),
    ],
)
def test_a_named_day_after_its_event_noun(text, doc_date, value):
    assert _value(text, doc_date) == _scheme(value)


@pytest.mark.parametrize(
    ("text", "doc_date", "value"),
    [
        # a date arranged ahead: scheduled, planned, expected, due
        ("The referendum is scheduled for 2 April.", "2023-11-20", "2024-04-02"),
        ("The conference, planned for 14 May, was confirmed by the host.", "2023-11-20", "2024-05-14"),
        ("A verdict is expected in March.", "2023-11-20", "2024-03"),
        ("The review, due in January, will be published.", "2023-11-20", "2024-01"),
        # ... but not an arrangement told in the past
        ("The vote was scheduled for 2 April but never held.", "2023-11-20", "2023-04-02"),
    ],
)
def test_a_date_arranged_ahead_is_in_the_future(text, doc_date, value):
    assert _value(text, doc_date) == _scheme(value)


def test_a_day_told_in_a_sure_past_is_not_moved_after_the_publication_date():
    # an anniversary piece: 20 February is 355 days back, yet "said" puts it there, not 10 days ahead
    assert _value("On 20 February, the president said the war would end.", "2024-02-10") == "2023-02-20"


@pytest.mark.parametrize(
    ("text", "doc_date", "value"),
    [
        # the weekday before a day and month is part of that date, not a weekday of its own
        ("They last met on Friday, June 28, in Vienna.", "2024-07-12", "2024-06-28"),
        ("Talks resume on Tuesday 16 July in Doha.", "2024-07-12", "2024-07-16"),
        # the weekday settles the year a tense read without a cue would get wrong
        ("Ministers gather on Monday, 3 June, in Brussels.", "2024-01-05", "2024-06-03"),
    ],
)
def test_a_weekday_before_a_day_and_month_belongs_to_it(text, doc_date, value):
    assert _value(text, doc_date) == _scheme(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "be to" + verb: an arrangement ahead (12 July 2024 is a Friday)
        ("The two leaders are to meet Tuesday, in a summit hosted by Egypt.", "2024-07-16"),
        ("The envoy is to brief the council on Monday.", "2024-07-15"),
        # a passive infinitive tells what is yet to happen, even after an -ed word
        ("Allies welcomed the plan to be unveiled by the president on Wednesday.", "2024-07-17"),
        # ... but a report of what was said to happen stays in the past
        ("Three soldiers were reported to be killed on Wednesday.", "2024-07-10"),
    ],
)
def test_be_to_and_the_passive_infinitive_point_ahead(text, value):
    assert _value(text) == _scheme(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a present-tense verb of schedule with its subject: the day lies ahead, even after "said"
        ("The talks broke down. They resume Monday in Geneva.", "2024-07-15"),
        ("Diplomats said the negotiations resume on Monday.", "2024-07-15"),
        ("The truce expires Sunday, officials said.", "2024-07-14"),
        ("The summit opens in Vilnius on Tuesday.", "2024-07-16"),
        # not a noun after a determiner or a number, nor a past tense
        ("The bill passed in a vote on Monday.", "2024-07-08"),
        ("The minister made her first visit Monday.", "2024-07-08"),
        ("Troops began the withdrawal on Monday.", "2024-07-08"),
    ],
)
def test_a_present_verb_of_schedule_tells_the_day_ahead(text, value):
    assert _value(text) == _scheme(value)
