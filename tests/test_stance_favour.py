"""Favourable portrayals of the helper and of the author's own ties (analysis/stance/favour.py), each
on a made-up sentence of the shape seen in the development texts, beside the shape that must stay
neutral."""

from __future__ import annotations

from tests.conftest import author


def test_the_document_s_own_actor_helping_is_presented_favourably(stance):
    s = stance("The United States stands firmly with Poland as it rebuilds.", own=("United States",), kind="statement")
    assert author(s, "United States") > 0.25 and author(s, "Poland") > 0.25


def test_help_from_the_own_actor_given_after_the_noun_credits_it(stance):
    s = stance("Jordan, with direct assistance from NATO, repelled the attack.", own=("NATO",), kind="speech")
    assert author(s, "NATO") > 0.25


def test_a_third_party_helping_another_is_a_report_not_praise(stance):
    s = stance("Iran supports Hezbollah with money and weapons.", own=("United States",), kind="statement")
    assert author(s, "Iran") == 0 and author(s, "Hezbollah") == 0


def test_not_standing_idle_is_neither_help_nor_hostility(stance):
    s = stance("The United Nations was bound not to stand with arms folded.", own=("United Nations",), kind="statement")
    assert author(s, "United Nations") == 0


def test_a_warm_relationship_of_the_own_actor_credits_every_party(stance):
    s = stance("U.S.-Turkish friendship goes back seven decades.", own=("United States",), kind="news")
    assert author(s, "United States") > 0.25 and author(s, "Turkey") > 0.25


def test_a_warm_relationship_between_others_is_a_plain_report(stance):
    s = stance("The Iran-Syria alliance dates from 1980.", own=("United States",), kind="news")
    assert author(s, "Iran") == 0 and author(s, "Syria") == 0


def test_upholding_an_actor_s_sovereignty_presents_its_claim_as_right(stance):
    assert author(stance("Syrian sovereignty and territorial integrity must be respected."), "Syria") > 0.25
    s = stance("The United States seeks close ties with Jordan, and to help preserve its independence and unity.")
    assert author(s, "Jordan") > 0.25


def test_respect_for_a_people_s_rights_credits_them(stance):
    assert author(stance("The Iraqi people deserve respect for their human rights."), "Iraq") > 0.25


def test_violating_an_actor_s_sovereignty_does_not_credit_it(stance):
    assert author(stance("The strike violated Syrian sovereignty."), "Syria") <= 0
    assert author(stance("The militias will not respect Syrian sovereignty."), "Syria") <= 0


def test_the_one_helped_to_act_is_helped(stance):
    s = stance("We keep helping Jordan to be in the strongest position.", own=("United States",), kind="speech")
    assert author(s, "Jordan") > 0.25
    s = stance("The brigade is not bound to stand with its arms crossed.", own=("NATO",), kind="statement")
    assert all(v == 0 for v in s.values())


def test_strengthening_an_actor_s_defence_upholds_it(stance):
    assert author(stance("The package will strengthen Latvia's self-defence."), "Latvia") > 0.25


def test_a_bare_title_in_an_actor_s_own_briefing_is_its_voice(stance):
    text = "The Secretary will join the Allies in underscoring support for Romania's path."
    assert author(stance(text, own=("United States",), kind="speech"), "Romania") > 0.25
    assert author(stance(text, own=(), kind="news"), "Romania") == 0  # a reporter's "the Secretary" is a third party
    other = "The President of the Council will underscore support for Romania's path."
    assert author(stance(other, own=("United States",), kind="speech"), "Romania") == 0
