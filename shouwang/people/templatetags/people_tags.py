from django import template

from ..models import Symptom

register = template.Library()


@register.filter
def symptom_labels(codes) -> str:
    labels = dict(Symptom.choices)
    return "、".join(str(labels.get(code, code)) for code in codes or [])
