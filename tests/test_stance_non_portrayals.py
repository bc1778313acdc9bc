"""Cue words that touch an actor without portraying it, and reported speech with no speech verb of
its own: each rule on a made-up sentence of the shape seen in the development texts."""

from __future__ import annotations

from analysis.stance.voices import AUTHOR, UNNAMED
from tests.conftest import author


def test_a_demonym_on_a_hostage_names_the_victim_not_the_captor(stance):
    s = stance("The group claimed that a French hostage had died in a Jordanian raid.")
    assert author(s, "France") == 0
    assert author(stance("Hamas's hostages were moved south."), "Hamas") < -0.25


def test_a_relational_word_on_a_conflict_noun_is_a_kind_of_conflict(stance):
    s = stance("The Saudi–Iran proxy war is a long proxy conflict between Iran and Saudi Arabia.")
    assert author(s, "Iran") == 0 and author(s, "Saudi Arabia") == 0
    assert author(stance("Hezbollah is an Iranian proxy."), "Hezbollah") < -0.25


def test_people_forced_from_their_homes_are_not_appealed_to(stance):
    s = stance("Thousands of Ukrainians have been forced to flee their towns.")
    assert author(s, "Ukraine") == 0
    assert author(stance("We must compel Russia to withdraw its troops."), "Russia") < -0.25


def test_a_regime_in_a_country_frames_that_country_not_the_list_after_it(stance):
    s = stance("Moscow arms partners such as the Asad regime in Syria, Lebanese Hezbollah, and Houthi rebels in Yemen.")
    assert author(s, "Syria") < -0.25
    assert author(s, "Hezbollah") == 0 and author(s, "Houthis") == 0


def test_the_designating_state_of_a_hyphenated_designation_is_not_designated(stance):
    s = stance("Hezbollah is a U.S.-designated terrorist organization.")
    assert author(s, "United States") == 0 and author(s, "Hezbollah") < -0.25


def test_a_prefixed_verb_of_designation_is_still_one(stance):
    s = stance("The European Union is tightening measures on Iran, redesignating it as a sponsor of terrorism.")
    assert author(s, "European Union") == 0


def test_destroying_a_weapon_is_plain_reporting_destroying_homes_is_not(stance):
    assert author(stance("Ukrainian forces destroyed two Russian tanks near the river."), "Ukraine") == 0
    assert author(stance("Russian troops destroyed homes and a museum in Kharkiv."), "Russia") < -0.25


def test_a_delegates_own_side_speaks_in_the_delegates_voice(stance):
    s = stance("Her country continued to suffer Israeli aggression and violations of its airspace.")
    assert author(s, "Israel") == 0 and s[("Israel", UNNAMED)] < -0.25


def test_a_pluperfect_clause_joined_to_said_continues_the_report(stance):
    s = stance("The envoy of Egypt said Jordan had joined the talks, but its proposals had met Iranian obstruction.")
    assert author(s, "Iran") == 0 and s[("Iran", "Egypt")] < -0.25


def test_what_an_appeal_asks_is_the_askers_wording(stance):
    s = stance("She asked the Council to require Turkey to end its occupation of the island.")
    assert author(s, "Turkey") == 0 and s[("Turkey", UNNAMED)] < -0.25
    assert (("Turkey", AUTHOR)) in s


def test_a_typographic_apostrophe_keeps_the_possessor(stance):
    """Read with the typographic apostrophe as it stands, the model takes "’s" for a particle here
    and the invasion has no possessor."""
    assert author(stance("Yet Russia’s full-scale invasion of Georgia directly violated both."), "Russia") < -0.25


def test_a_quality_of_a_class_lands_on_its_examples(stance):
    s = stance("The government relied on unsavoury friends such as Turkey and Egypt.")
    assert author(s, "Turkey") < -0.25
