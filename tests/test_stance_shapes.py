"""Attachment shapes of hostile portrayals, each on a made-up sentence of the shape seen in the
development texts: the leader of an "X-led" act, an act noun after "use", a corrective verb under
"must"."""

from __future__ import annotations

from tests.conftest import author


def test_the_leader_of_an_x_led_act_is_its_doer(stance):
    assert author(stance("Months have passed since the brutal Houthi-led raids on the port."), "Houthis") < -0.25
    assert author(stance("The Iranian-backed raids on the port went on."), "Iran") == 0  # backing is not doing


def test_an_act_noun_after_use_belongs_to_the_user(stance):
    assert author(stance("Tehran continues to use intimidation against its neighbours."), "Iran") < -0.25


def test_must_enable_asks_a_correction(stance):
    assert author(stance("Syria must enable unhindered humanitarian access."), "Syria") < -0.25
