"""Checkpoints at the demo posts and a helper to register passages in tests."""

import uuid

from shouwang.checkpoints.models import Checkpoint, CheckpointKind


def make_checkpoint(unit, name="城关东出口卡点", kind=CheckpointKind.HIGHWAY_EXIT, **extra):
    return Checkpoint.objects.create(unit=unit, name=name, kind=kind, **extra)


def passage_data(at, **fields):
    data = {
        "client_id": str(uuid.uuid4()),
        "checkpoint": at.pk,
        "direction": "in",
        "plate": "陕K12345",
        "vehicle_kind": "car",
        "occupants_count": 1,
        "disposition": "passed",
    }
    data.update(fields)
    return data
