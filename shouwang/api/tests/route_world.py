"""One object of every kind a route names, at three places: the station of 城关 (own), its sibling
白云山 (sibling) and the bureau above both (parent), for the role × route table."""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from shouwang.accounts.services import api_token_issue
from shouwang.areas.services import key_area_create
from shouwang.bookings.tests.world import booking_objects
from shouwang.cases.tests.world import case_objects
from shouwang.checkpoints.models import Checkpoint, CheckpointKind
from shouwang.checkpoints.services import passage_register
from shouwang.command.tests.world import zone_objects
from shouwang.community.tests.world import community_objects
from shouwang.duty.tests.world import duty_objects
from shouwang.intake.tests.world import intake_objects
from shouwang.outreach.tests.world import outreach_objects
from shouwang.passes.services import pass_issue
from shouwang.patrols.tests.world import patrol_objects
from shouwang.people.models import Alert, AlertKind, IsolationKind, Person, WatchReason
from shouwang.people.services import (
    episode_start,
    import_job_create,
    isolation_site_save,
    person_register,
    watch_record_create,
)
from shouwang.people.tests.factories import id_number, xlsx_file
from shouwang.rumours.tests.world import rumour_objects
from shouwang.supplies.tests.world import supplies_objects
from shouwang.venues.tests.world import venue_objects

PLACES = ("own", "sibling", "parent")
# Where each place is, and who makes its objects (a station chief there; the commander above).
STATION = {"own": "城关派出所", "sibling": "白云山派出所", "parent": "清河县公安局"}
POST = {"own": "城关东出口卡点", "sibling": "白云山高速出口检查站", "parent": "交通管理大队"}
MAKER = {"own": "chief1", "sibling": "chief2", "parent": "commander"}
ACCOUNT = {"own": "officer1", "sibling": "officer2", "parent": "commander"}


@dataclass
class World:
    """objects[place][kind] is a model instance; tokens[username] is that user's spare token."""

    objects: dict[str, dict[str, Any]]
    tokens: dict[str, Any]

    def object_for(self, kind: str, place: str, username: str) -> Any:
        if kind == "token":
            # A token is its owner's: the sibling's and the parent's are other users' tokens.
            return self.tokens[username if place == "own" else ACCOUNT[place]]
        return self.objects[place].get(kind)


def _passage(actor, checkpoint, sequence: str) -> Any:
    return passage_register(
        actor=actor,
        data={
            "client_id": str(uuid.uuid4()),
            "checkpoint": checkpoint.pk,
            "direction": "in",
            "plate": "陕K12345",
            "vehicle_kind": "car",
            "occupants_count": 1,
            "occupants": [{"name": "司机", "id_number": id_number(sequence=sequence)}],
            "disposition": "passed",
        },
    )


def _pass(actor, unit) -> Any:
    start = timezone.now()
    return pass_issue(
        actor=actor,
        unit=unit,
        holder_kind="enterprise",
        enterprise_name="长庆油田运输公司",
        credit_code="91610824MA70X2Y57L",
        purpose="油田物资运输",
        valid_from=start,
        valid_to=start + timedelta(days=30),
        plates=["陕K12345"],
    )


def _station_objects(place: str, bureau, staff, sequence: str) -> dict[str, Any]:
    chief = staff[MAKER[place]]
    unit = bureau[STATION[place]]
    checkpoint = Checkpoint.objects.create(
        unit=bureau[POST[place]], name=f"{POST[place]}卡点", kind=CheckpointKind.HIGHWAY_EXIT
    )
    person = person_register(
        actor=chief, unit=unit, name=f"{place}人员", id_number=id_number(sequence=sequence)
    )
    record = watch_record_create(
        actor=chief, person=person, reason=WatchReason.CLOSE_CONTACT, source="household_screening"
    )
    episode = episode_start(
        actor=chief,
        person=person,
        kind=IsolationKind.HOME,
        start_date=timezone.localdate(),
        watch_record=record,
    )
    job = import_job_create(
        actor=chief,
        filename="名单.xlsx",
        content=xlsx_file([[f"{place}导入", id_number(sequence="9" + sequence[1:])]]),
    )
    return {
        "unit": unit,
        "user": staff[ACCOUNT[place]],
        "checkpoint": checkpoint,
        "passage": _passage(chief, checkpoint, "5" + sequence[1:]),
        "pass": _pass(chief, unit),
        "key_area": key_area_create(
            actor=chief, region_code="420100", risk_level="high", valid_from=timezone.localdate()
        ),
        "person": person,
        "watch_record": record,
        "episode": episode,
        "alert": Alert.objects.create(
            unit=unit, person=person, kind=AlertKind.FEVER, message=f"{place}发热"
        ),
        "site": isolation_site_save(
            actor=chief, unit=unit, name=f"{place}宾馆", address="城关镇1号", rooms=10
        ),
        "import_job": job,
        **case_objects(unit, chief, person),
        **venue_objects(unit, chief, place),
        **outreach_objects(unit, chief, place),
        **community_objects(place, bureau, chief),
        **duty_objects(unit, chief, place),
        **intake_objects(place, unit),
        **rumour_objects(place, unit),
        **booking_objects(place, unit, chief),
        **patrol_objects(place, unit, chief, checkpoint),
        **zone_objects(unit, chief),
        **supplies_objects(unit, chief),
    }


def _bureau_objects(bureau, staff) -> dict[str, Any]:
    """Above the stations: what the commander keeps, and people no station may reach."""
    commander = staff["commander"]
    unit = bureau[STATION["parent"]]
    checkpoint = Checkpoint.objects.create(
        unit=bureau[POST["parent"]], name="大队卡点", kind=CheckpointKind.NATIONAL_ROAD
    )
    person = Person.objects.create(unit=unit, name="上级人员")
    return {
        "unit": unit,
        "user": commander,
        "checkpoint": checkpoint,
        "pass": _pass(commander, unit),
        "key_area": key_area_create(
            actor=commander,
            region_code="110100",
            risk_level="medium",
            valid_from=timezone.localdate(),
        ),
        "person": person,
        "alert": Alert.objects.create(unit=unit, person=person, kind=AlertKind.FEVER, message="局"),
        **case_objects(unit, commander),
        **venue_objects(unit, commander, "parent"),
        **duty_objects(unit, commander, "parent"),
        **outreach_objects(unit, commander, "parent"),
        **intake_objects("parent", unit),
        **rumour_objects("parent", unit),
        **booking_objects("parent", unit, commander),
        **zone_objects(unit, commander),
        **supplies_objects(unit, commander),
    }


def build_world(bureau, staff) -> World:
    objects = {
        "own": _station_objects("own", bureau, staff, "101"),
        "sibling": _station_objects("sibling", bureau, staff, "203"),
        "parent": _bureau_objects(bureau, staff),
    }
    tokens = {name: api_token_issue(user=user, name="spare")[0] for name, user in staff.items()}
    return World(objects=objects, tokens=tokens)
