from django import template

from shouwang.audit.history import record_history

register = template.Library()


@register.simple_tag
def history_of(record, limit: int = 50):
    return record_history(record, limit)
