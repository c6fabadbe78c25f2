"""`units.policy.may`: a page asks the very policy the target view wears."""

import pytest
from django.template import Context, Template
from django.urls import resolve

from shouwang.accounts.roles import Capability
from shouwang.units.policy import SIGNED_IN, Policy, may, may_at, route_policy


def test_the_rule_asked_is_the_one_the_view_applies():
    view = resolve("/people/isolations/1/followup/").func
    assert route_policy("people:followup_new") is view.policies["write"]
    assert route_policy("units:emergency", "GET") == SIGNED_IN
    assert route_policy("units:emergency") == Policy.all(Capability.SWITCH_EMERGENCY_LEVEL)
    assert route_policy("home") == SIGNED_IN  # no @guarded: everyone signed in


def test_an_unknown_route_is_an_error_not_a_silent_no():
    with pytest.raises(LookupError):
        route_policy("people:no_such_page")


@pytest.mark.parametrize(
    ("username", "allowed"),
    [("health1", False), ("duty1", False), ("volunteer1", False), ("officer1", True)],
)
def test_who_may_record_a_follow_up(staff, username, allowed):
    user = staff[username]
    assert may(user, "people:followup_new") is allowed
    assert may_at(user, "/people/isolations/7/followup/?date=2026-02-01") is allowed


def test_the_template_filters_answer_for_the_signed_in_user(staff):
    template = Template(
        '{% load policy %}{% if user|may:"units:emergency" %}switch{% endif %}'
        '{% if user|may_open:"units:emergency" %} open{% endif %}'
    )
    assert template.render(Context({"user": staff["chief1"]})) == "switch open"
    assert template.render(Context({"user": staff["officer1"]})) == " open"
