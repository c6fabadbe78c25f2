"""What the patrols area's services share: moments, people and units within the actor's reach."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.models import User
from shouwang.identity.event_dates import check_event_time


def moment(value: datetime | None, field: str, *, default_now: bool = True) -> datetime | None:
    """An aware, possible event moment (not before 2019, not in the future); now when omitted."""
    if value is None:
        return timezone.now() if default_now else None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return check_event_time(value, field)


def staff_within(actor: Any, users: Iterable[Any], field: str) -> list[User]:
    """The users, each active and of the actor's unit or below (else a field error)."""
    chosen = [user for user in users if user is not None]
    ids = {getattr(user, "pk", user) for user in chosen}
    found = list(User.objects.visible_to(actor).filter(pk__in=ids, is_active=True))
    if len(found) != len(ids):
        raise ValidationError({field: _("只能选择本单位或下级单位的在职人员")})
    return found
