"""`{{ record|pass_status:now }}`: a pass's status at the page's instant (`passes.status`)."""

from django import template

from ..status import PassState
from ..status import pass_status as status_of

register = template.Library()


@register.filter
def pass_status(record, now) -> PassState:
    return status_of(record, now=now)
