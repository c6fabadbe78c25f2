"""Entering, editing, publishing and retiring rumours; counting sightings; rights per role."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouwang.rumours.matching import forget_index
from shouwang.rumours.models import Rumour, RumourSighting, RumourStatus
from shouwang.rumours.selectors import matches_for_public, matches_for_staff
from shouwang.rumours.services import (
    rumour_check,
    rumour_create,
    rumour_transition,
    rumour_update,
)

from .factories import GARLIC, METHANOL, make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index():
    forget_index()
    yield
    forget_index()


@pytest.mark.parametrize("username", ["chief1", "officer1", "duty1"])
def test_officers_chiefs_and_the_duty_desk_enter_rumours(staff, username):
    rumour = make(staff[username])
    assert (rumour.unit, rumour.status, rumour.created_by) == (
        staff[username].unit,
        RumourStatus.PUBLISHED,
        staff[username],
    )
    assert rumour.search_text == "甲醇可以代替酒精消毒"
    assert rumour.history.count() == 1


@pytest.mark.parametrize("username", ["commander", "auxiliary1", "volunteer1", "health1", "admin"])
def test_other_roles_may_not_enter_rumours(staff, username):
    with pytest.raises(PermissionDenied):
        make(staff[username])
    assert Rumour.objects.count() == 0


def test_bad_input_is_refused_field_by_field(staff):
    with pytest.raises(ValidationError) as refused:
        rumour_create(
            actor=staff["chief1"], claim=" ", rebuttal="", category="nonsense", sources="x" * 301
        )
    assert set(refused.value.message_dict) == {"claim", "rebuttal", "category", "sources"}


def test_publishing_needs_a_source(staff):
    with pytest.raises(ValidationError) as refused:
        make(staff["chief1"], sources=[])
    assert refused.value.message_dict == {"sources": ["发布前请填写至少一个来源"]}


def test_the_same_claim_is_not_entered_twice_in_one_jurisdiction(staff):
    make(staff["chief1"])
    with pytest.raises(ValidationError) as refused:
        make(staff["officer1"], claim="甲醇可以代替酒精消毒！")
    assert "claim" in refused.value.message_dict
    # A sibling station keeps its own entry.
    assert make(staff["chief2"]).unit.name == "白云山派出所"


def test_status_changes_need_a_reason_and_follow_the_transitions(staff):
    rumour = make(staff["chief1"], publish=False)
    with pytest.raises(ValidationError) as refused:
        rumour_transition(actor=staff["chief1"], rumour=rumour, status="published", reason="")
    assert refused.value.message_dict == {"reason": ["请填写此项"]}
    rumour = rumour_transition(
        actor=staff["duty1"], rumour=rumour, status="published", reason="经卫健局核实"
    )
    rumour = rumour_transition(
        actor=staff["officer1"], rumour=rumour, status="retired", reason="不再流传"
    )
    assert (rumour.status, rumour.status_reason) == ("retired", "不再流传")
    with pytest.raises(ValidationError):
        rumour_transition(actor=staff["chief1"], rumour=rumour, status="draft", reason="退回")
    reasons = [h.history_change_reason for h in rumour.history.order_by("history_id")]
    assert reasons == ["录入", "经卫健局核实", "不再流传"]


def test_a_sibling_station_may_not_change_a_rumour(staff):
    rumour = make(staff["chief1"])
    with pytest.raises(PermissionDenied):
        rumour_update(actor=staff["chief2"], rumour=rumour, data={"rebuttal": "改掉"})
    with pytest.raises(PermissionDenied):
        rumour_transition(actor=staff["officer2"], rumour=rumour, status="retired", reason="x")
    rumour.refresh_from_db()
    assert (rumour.rebuttal, rumour.status) == (METHANOL["rebuttal"], "published")


def test_an_edit_changes_only_what_changed_and_rebuilds_the_match(staff):
    rumour = make(staff["chief1"])
    assert [m.rumour for m in matches_for_public("工业乙醇擦手能杀病毒吗")] == []
    rumour_update(
        actor=staff["chief1"],
        rumour=rumour,
        data={"aliases": "工业乙醇擦手杀病毒", "sources": "卫健委\n疾控中心"},
    )
    rumour.refresh_from_db()
    assert rumour.sources == ["卫健委", "疾控中心"]
    assert [m.rumour for m in matches_for_public("工业乙醇擦手能杀病毒吗")] == [rumour]
    assert rumour.history.count() == 2


def test_a_staff_check_counts_the_best_match_as_seen_again(staff):
    methanol = make(staff["chief1"])
    make(staff["chief1"], GARLIC)
    result = rumour_check(actor=staff["auxiliary1"], text="聽說甲醇能代替酒精消毒，是真的嗎")
    assert [m.rumour for m in result.matches] == [methanol]
    methanol.refresh_from_db()
    assert methanol.times_seen == 1
    sighting = RumourSighting.objects.get()
    assert (sighting.kind, sighting.unit, sighting.actor) == (
        "staff_check",
        staff["auxiliary1"].unit,
        staff["auxiliary1"],
    )


def test_a_check_matching_nothing_counts_nothing(staff):
    make(staff["chief1"])
    result = rumour_check(actor=staff["officer1"], text="明天上午九点社区发放蔬菜包")
    assert (result.matches, result.sighting) == ([], None)
    assert RumourSighting.objects.count() == 0


def test_residents_see_published_rumours_only_and_staff_their_drafts_too(staff):
    draft = make(staff["chief1"], publish=False)
    assert matches_for_public("甲醇可以代替酒精消毒") == []
    assert [m.rumour for m in matches_for_staff("甲醇可以代替酒精消毒", staff["officer1"])] == [
        draft
    ]
    assert matches_for_staff("甲醇可以代替酒精消毒", staff["officer2"]) == []
    rumour_transition(actor=staff["chief1"], rumour=draft, status="published", reason="核实")
    found = matches_for_staff("甲醇可以代替酒精消毒", staff["officer2"])
    # A sibling's published rumour is shown by its text, without a link to its page.
    assert [(m.rumour, m.openable) for m in found] == [(draft, False)]


def test_a_retired_rumour_is_matched_no_more(staff):
    rumour = make(staff["chief1"])
    assert len(matches_for_public("甲醇可以代替酒精消毒")) == 1
    rumour_transition(actor=staff["chief1"], rumour=rumour, status="retired", reason="撤下")
    assert matches_for_public("甲醇可以代替酒精消毒") == []
