"""Bulletins and groups made through the services, for the outreach tests."""

from shouwang.outreach.services import bulletin_create, bulletin_transition, group_create


def draft(author, *, title="出门请戴口罩", body="外出请佩戴口罩，保持一米距离。", **kwargs):
    return bulletin_create(actor=author, title=title, body=body, **kwargs)


def published(author, publisher, **kwargs):
    bulletin = draft(author, **kwargs)
    bulletin_transition(actor=publisher, bulletin=bulletin, to="approved")
    bulletin_transition(actor=publisher, bulletin=bulletin, to="published")
    bulletin.refresh_from_db()
    return bulletin


def group(actor, unit=None, *, name="油田一群", capacity=500, members=None, **data):
    return group_create(
        actor=actor,
        unit=unit or actor.unit,
        data={"name": name, "capacity": capacity, **data},
        member_count=members,
    )
