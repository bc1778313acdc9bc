"""Classes of date the fourth development addition (``d4-…`` texts) showed the rules missing (#11). Made-up
sentences in the shape of briefings, press releases and reports; none is taken from an evaluation text."""

from __future__ import annotations

from analysis.timeline.temporal import DocumentDates, find_dates


def _dates(text: str, published: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.date_start, e.date_end) for e in find_dates(text, published)]


def _read(published: str, *paragraphs: str) -> list[tuple[str, str, str]]:
    """Each argument one paragraph (its own passage), read in order as a document."""
    doc = DocumentDates(published)
    return [(e.text, e.date_start, e.anchor) for i, p in enumerate(paragraphs) for e in doc.find(p, f"p{i}")]


def test_the_week_of_a_day_is_that_week():
    [week] = find_dates("The programme for the week of March 7, 2022 is attached.", "2022-03-04")
    assert (week.text, week.date_start, week.date_end, week.precision) == (
        "the week of March 7, 2022",
        "2022-03-07",
        "2022-03-13",
        "week",
    )
    assert _dates("They met in the week of 14 June 2021.", "2021-07-01") == [
        ("the week of 14 June 2021", "2021-06-14", "2021-06-20")
    ]


def test_weekdays_of_a_schedule_are_the_days_of_the_week_it_set():
    found = _read(
        "2022-03-04",  # a Friday: told against it, "Friday" would be that day and "Saturday" the next
        "Here is the plan for the week of March 7, 2022: On Monday, the minister opens the 2022 Harbour Trade Fair.",
        "She will also see her advisers.",
        "On Wednesday, she travels to Lyon.",
        "On Friday, she hosts the team that won the 2021 Alpine Cup Final.",
        "On Saturday, she returns home.",
    )
    days = {text: date for text, date, _ in found if text in ("Monday", "Wednesday", "Friday", "Saturday")}
    assert days == {"Monday": "2022-03-07", "Wednesday": "2022-03-09", "Friday": "2022-03-11", "Saturday": "2022-03-12"}


def test_a_weekday_with_its_own_direction_is_not_taken_into_the_narratives_week():
    found = _read("2022-03-04", "The plan for the week of March 7, 2022 was sent last Monday.")
    assert ("last Monday", "2022-02-28", "publication") in found


def test_the_end_of_a_year_is_its_december():
    assert _dates("The mission stays until the end of 2027, then leaves.", "2025-08-28") == [
        ("the end of 2027", "2027-12-01", "2027-12-31")
    ]
    assert _dates("By the close of 2019 the fund was spent.", "2021-01-01") == [
        ("the close of 2019", "2019-12-01", "2019-12-31")
    ]


def test_every_month_of_a_list_is_found_and_takes_the_lists_year():
    found = _dates("Strikes resumed in March, June, and October 2023, officials said.", "2026-05-01")
    assert found == [
        ("March", "2023-03-01", "2023-03-31"),
        ("June", "2023-06-01", "2023-06-30"),
        ("October 2023", "2023-10-01", "2023-10-31"),
    ]
    # a comma after a word that is not a month leads no month
    assert _dates("The deal, May said, is dead.", "2019-03-01") == []


def test_a_month_naming_a_noun_after_it_is_a_date():
    assert _dates("The parties missed a June target date for the text.", "2014-09-19") == [
        ("June", "2014-06-01", "2014-06-30")
    ]
    assert _dates("Voters turned out for the April elections.", "2021-05-10") == [("April", "2021-04-01", "2021-04-30")]
    # not a name, not "May" after an article, not a month before a capitalised name
    assert _dates("The May government fell.", "2019-07-01") == []
    assert _dates("They marched with the March Movement.", "2019-07-01") == []


def test_what_is_prepared_for_or_awaited_lies_ahead():
    assert _dates("Hopes were slim ahead of the March 31 deadline.", "2015-02-20") == [
        ("March 31", "2015-03-31", "2015-03-31")
    ]
    assert _dates("So we prepare for the summit in July.", "2018-06-07") == [("July", "2018-07-01", "2018-07-31")]
    assert _dates("Parties campaigned in the run-up to the vote in February.", "2023-12-10") == [
        ("February", "2024-02-01", "2024-02-29")
    ]


def test_the_new_end_of_an_extended_period_lies_after_the_act():
    # past tense, yet the month ahead: said in January, "through July" is this year's July
    assert _dates("The Council today extended the mission through July.", "2006-01-31") == [
        ("today", "2006-01-31", "2006-01-31"),
        ("July", "2006-07-01", "2006-07-31"),
    ]
    assert _dates("Board extends the programme until 30 April", "2010-11-15") == [
        ("30 April", "2011-04-30", "2011-04-30")
    ]
    # a start given with "from" is not the new end
    assert _dates("The allies extended the operation for 90 days from 27 June.", "2011-06-08") == [
        ("27 June", "2011-06-27", "2011-06-27")
    ]


def test_a_month_told_in_the_past_is_not_put_after_the_publication_by_the_narrative():
    found = _read(
        "2024-08-06",
        "Officials visited the capital in July 2024 for talks.",
        "The strike may affect talks that began in January on the future of the mission.",
    )
    assert found[-1] == ("January", "2024-01-01", "publication")
    # the same month told ahead still follows the narrative
    found = _read("2024-08-06", "Officials visited in July 2024.", "Talks will resume in January.")
    assert found[-1][:2] == ("January", "2025-01-01")


def test_a_year_opening_a_proper_name_does_not_set_the_next_sentences_year():
    found = _read("2011-06-01", "They opened the 2009 Summer Arts Festival in the park.", "On 3 May, they left.")
    assert found[-1] == ("3 May", "2011-05-03", "publication")
