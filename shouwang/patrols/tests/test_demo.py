"""The patrols demo tells scenarios 3 to 5 with exact figures, and loads only once."""

from shouwang.cases.models import Case
from shouwang.checkpoints import demo as checkpoints_demo
from shouwang.checkpoints.models import Passage
from shouwang.demo import bureau
from shouwang.patrols import demo
from shouwang.patrols.models import (
    Camera,
    Patrol,
    PatrolFinding,
    PostInspection,
    Vehicle,
    VideoAlert,
)


def test_the_demo_tells_the_video_room_patrol_and_inspection_stories(db):
    bureau.load()
    checkpoints_demo.load()
    demo.load()
    demo.load()
    assert Vehicle.objects.filter(kind="drone").count() == 6
    assert Vehicle.objects.filter(kind="car").count() == 7
    assert Camera.objects.count() == 8
    plate = VideoAlert.objects.get(kind="out_of_town_plate")
    assert (plate.status, plate.outcome, plate.checkpoint.name) == (
        "closed",
        "turned_back",
        "城关东出口卡点",
    )
    assert plate.occurred_at.astimezone().hour == 4
    assert Passage.objects.filter(plate="鄂A7M2Q9", disposition="turned_back").count() == 1
    assert sorted(VideoAlert.objects.values_list("status", flat=True)) == [
        "closed",
        "closed",
        "new",
    ]
    assert Patrol.objects.count() == 5
    assert Patrol.objects.filter(ended_at=None).count() == 2
    kinds = sorted(PatrolFinding.objects.values_list("kind", flat=True))
    assert kinds == ["crowd_dispersed", "crowd_dispersed", "mask_persuaded", "tip", "violation"]
    case = Case.objects.get(kind="gambling_gathering")
    assert case.status == "decided" and case.fine_amount == 500
    assert case.source.patrol.area == "石门村—白云村夜间巡逻"
    assert sorted(PostInspection.objects.values_list("status", flat=True)) == [
        "closed",
        "rectifying",
        "rectifying",
    ]
