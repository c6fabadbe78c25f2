from django import template

from ..models import Symptom

register = template.Library()


@register.filter
def can(user, capability: str) -> bool:
    """`{% if user|can:"import_lists" %}`: menu entries only for those who may use them."""
    return bool(getattr(user, "is_authenticated", False) and user.has_capability(capability))


@register.filter
def symptom_labels(codes) -> str:
    labels = dict(Symptom.choices)
    return "、".join(str(labels.get(code, code)) for code in codes or [])
