"""Timeline: what happened when, according to whom, with the sentences."""

import streamlit as st

from analysis import charts, facet_query
from analysis.numbers import count, number, plural
from analysis.timeline import views as tv
from dashboard import clicks, viewstate
from dashboard.exports import table_downloads
from dashboard.layout import page_setup
from dashboard.render import dated_sentence_html, md_escape

page = page_setup("Timeline", "🗓️")
view = page.view
subtitle = page.filters.describe()

st.title("🗓️ Timeline")
st.caption(
    "Every dated mention in the body text, normalised to the span it covers, and the same event told by several "
    "mentions or sources merged; where sources give one event dates that cannot both be right, the event is "
    f"flagged. Filters in force: {md_escape(subtitle)}."
)
# Counted from the build-time facets (or in DuckDB when they cannot say), not from the events table.
counted = page.remember("dated mentions", lambda: facet_query.totals(page.bundle, page.filters))
n_resolved, n_context = counted.dated, counted.dated_context
if not n_resolved:
    st.info("No dated event under these filters.")
else:
    c1, c2, c3 = st.columns([1, 2, 1])
    lane = viewstate.choice(c1.radio, "Lanes by", ["source", "theme"], "tl_lane", "lane", horizontal=True)
    relative = viewstate.flag(
        c3.toggle,
        "Dates resolved from context",
        "tl_relative",
        "relative",
        default=True,
        help="Dates the text does not write out (“Thursday”, “in May”, “last year”), resolved from the "
        "publication date or from a date the narrative set. Drawn hollow and hatched.",
    )
    shown_events = page.remember("timeline events", lambda: charts.timeline_events(view, None, relative), relative)
    years = page.remember(
        "event years",
        lambda: (
            [1945, 2026]
            if shown_events.empty
            else sorted(
                {int(d[:4]) for d in shown_events["date_start"]} | {int(d[:4]) for d in shown_events["date_end"]}
            )
        ),
        relative,
    )
    lo, hi = viewstate.span(c2.slider, "Event dates", "tl_years", "events", min(years[0], 1945), max(years[-1], 2026))
    if n_context:
        st.caption(
            f"{number(n_context)} of {count(n_resolved, 'dated mention')} {plural(n_context, 'is')} "
            "resolved from context"
            + (" and drawn hollow and hatched." if relative else "; hidden now (switch them on above).")
        )
    events = page.remember(
        "timeline events", lambda: charts.timeline_events(view, (lo, hi), relative), relative, lo, hi
    )
    groups = view.event_groups
    discrepant_groups = set(groups.loc[groups["discrepancy"], "group_id"])
    picked = page.chart(
        "timeline",
        lambda: charts.timeline(view, page.filters, page.colors, lane, (lo, hi), relative=relative),
        lane,
        lo,
        hi,
        relative,
        select=True,
    )
    if picked is None:  # a selectable chart that is drawn returns its selection state
        st.info(f"No dated event between {lo} and {hi}.")
    else:
        group_of = page.remember(
            "event groups by event",
            lambda: {
                e: g for g, ids in zip(groups["group_id"], groups["event_ids"], strict=True) for e in ids.split(";")
            },
        )
        for point in clicks.new_points(picked, "timeline")[:1]:  # a bar opens its event's sentences below
            if point.get("customdata") in group_of:
                st.session_state["view_tl_event"] = group_of[point["customdata"]]
        st.caption("Click a bar to read the sentences of its event below.")

    shown = page.remember("visible groups", lambda: tv.visible_groups(view, events), relative, lo, hi)
    listed, n_disputed = tv.disputed(shown)
    if n_disputed:
        more = n_disputed - len(listed)
        st.warning(
            f"**Sources disagree on the dates of {count(n_disputed, 'event')}"
            + (f"; the {number(len(listed))} most told:**\n" if more else ":**\n")
            + "\n".join(
                f"- {md_escape(r.label)} — {md_escape(tv.shorten(r.dates))} ({count(r.n_mentions, 'mention')})"
                for r in listed.itertuples()
            )
            + (f"\n\nThe other {number(more)} are first in the event list below." if more else "")
        )

    st.subheader("An event and its sentences")
    opened = (st.session_state.get("view_tl_event", ""), st.query_params.get("event", ""))  # a click, a link
    offered = tv.offered_groups(shown, keep=opened)
    if len(offered) < len(shown):
        st.caption(
            f"The list holds {number(len(offered))} of {count(len(shown), 'event')}: every one the sources "
            "disagree on, then the most told. Click a bar in the chart to open any other."
        )
    labels = {
        g: f"{s[:4]}{'–' + e[:4] if e[:4] != s[:4] else ''} · {lbl[:90]} ({n} mention{'s' if n > 1 else ''})"
        for g, s, e, lbl, n in offered[["group_id", "date_start", "date_end", "label", "n_mentions"]].itertuples(
            index=False
        )
    }
    if labels:
        default = next((g for g in labels if g in discrepant_groups), next(iter(labels)))
        group = viewstate.choice(
            st.selectbox, "Event", list(labels), "tl_event", "event", default=default, format_func=labels.get
        )
        if group != default:
            clicks.chip(labels[group], "timeline", reset={"tl_event": default})
        row = groups[groups["group_id"] == group].iloc[0]
        st.caption(
            f"Told by {md_escape(tv.shorten(row['sources'].replace(';', ', ')))}. Dates as written: "
            f"{md_escape(tv.shorten(row['dates'], 600))}." + (" Sources disagree." if row["discrepancy"] else "")
        )
        members = shown_events[shown_events["event_id"].isin(row["event_ids"].split(";"))]
        members = members.sort_values(["date_start", "event_id"], kind="stable")
        if len(members) > tv.SENTENCES_SHOWN:
            st.caption(
                f"The first {number(tv.SENTENCES_SHOWN)} of its {count(len(members), 'mention')}, earliest first; "
                "the table view below holds them all."
            )
        st.html(dated_sentence_html(members.head(tv.SENTENCES_SHOWN), page.filter_params()))

    with st.expander(f"Table view ({count(len(events), 'dated mention')})"):
        table = page.remember(
            "timeline table", lambda: events.sort_values(["date_start", "event_id"]), relative, lo, hi
        )
        page.linked_table(
            table,
            ["date_start", "date_end", "precision", "date_text", "kind", "anchor", "note", "source", "event", "actors"],
            "event",
        )
        table_downloads(table.drop(columns=["phrase_actors"]), "timeline events", "dl_events")

rows = page.remember("undated rows", lambda: tv.undated_rows(view))
st.subheader("Undated events")
if rows.empty:
    st.caption("No event clause without a date under these filters.")
else:
    st.caption(
        "Events the texts tell without a date, and relative dates that cannot be resolved because the "
        "document is undated (or its date is not precise enough). They get no invented date."
    )
    page.linked_table(rows, ["source", "date_text", "event", "sentence"], "sentence", download="undated events")
