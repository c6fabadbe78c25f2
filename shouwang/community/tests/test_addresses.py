"""Buildings, households and their residents: one household per address, residents linked by ID."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouwang.community.models import Building, Household, HouseholdMember
from shouwang.community.services import AddressTaken, household_update, member_add
from shouwang.conflicts import Conflict
from shouwang.people.tests.factories import register

from .factories import household, id_number

RESIDENT_ID = id_number(sequence="311")


def test_the_same_address_typed_another_way_is_the_same_household(bureau, staff):
    chief = staff["chief1"]
    first = household(chief, bureau["北门社区"], "34号楼", "2单元", "601")

    with pytest.raises(AddressTaken) as taken:
        household(chief, bureau["北门社区"], " ３４号 楼", "2單元", "601")

    assert taken.value.existing == first
    assert isinstance(taken.value, Conflict)
    assert Building.objects.count() == 1 and Household.objects.count() == 1


def test_the_same_building_name_in_another_community_is_another_building(bureau, staff):
    chief = staff["chief1"]
    household(chief, bureau["北门社区"], "1号楼", "", "101")
    household(chief, bureau["南关社区"], "1号楼", "", "101")
    assert Building.objects.count() == 2


def test_a_household_lives_in_a_community_or_village_not_in_a_station(bureau, staff):
    with pytest.raises(ValidationError) as refused:
        household(staff["chief1"], bureau["城关派出所"])
    assert "unit" in refused.value.message_dict


def test_residents_are_linked_to_the_registry_by_id_number(bureau, staff):
    chief = staff["chief1"]
    person = register(chief, name="刘芳", id_number=RESIDENT_ID)
    home = household(
        chief,
        bureau["北门社区"],
        members=[
            {"name": "刘芳", "id_number": RESIDENT_ID, "phone": "13800001111"},
            {"name": "刘小", "relation": "子女"},
        ],
        plates=["陕k·12345"],
        address_text="北门社区1号楼1单元101",
    )

    members = list(HouseholdMember.objects.order_by("id"))
    assert [(m.name, m.person_id) for m in members] == [("刘芳", person.pk), ("刘小", None)]
    assert members[0].phone == "13800001111" and members[0].phone_index
    assert home.plates == ["陕K12345"]


def test_a_resident_listed_twice_in_a_household_is_refused(bureau, staff):
    home = household(
        staff["chief1"], bureau["北门社区"], members=[{"name": "刘芳", "id_number": RESIDENT_ID}]
    )
    with pytest.raises(Conflict):
        member_add(actor=staff["officer1"], household=home, name="刘芳", id_number=RESIDENT_ID)
    with pytest.raises(ValidationError) as twice:
        household(
            staff["chief1"],
            bureau["北门社区"],
            room="102",
            members=[
                {"name": "甲", "id_number": RESIDENT_ID},
                {"name": "乙", "id_number": RESIDENT_ID},
            ],
        )
    assert "members.1.id_number" in twice.value.message_dict


def test_bad_residents_and_plates_are_field_errors(bureau, staff):
    with pytest.raises(ValidationError) as refused:
        household(
            staff["chief1"],
            bureau["北门社区"],
            members=[{"name": "", "id_number": "123"}],
        )
    assert set(refused.value.message_dict) == {"members.0.name", "members.0.id_number"}
    home = household(staff["chief1"], bureau["北门社区"])
    with pytest.raises(ValidationError) as plate:
        household_update(actor=staff["chief1"], household=home, plates=["ABC"])
    assert "plates" in plate.value.message_dict


def test_a_sibling_station_may_not_register_households_in_our_communities(bureau, staff):
    with pytest.raises(PermissionDenied):
        household(staff["officer2"], bureau["北门社区"])
    with pytest.raises(PermissionDenied):
        household(staff["volunteer1"], bureau["北门社区"])
    assert not Household.objects.exists()
