from django import template

from shouwang.privacy import masking

register = template.Library()


@register.filter
def masked_id_number(value: str) -> str:
    return masking.mask_id_number(value) if value else ""


@register.filter
def masked_phone(value: str) -> str:
    return masking.mask_phone(value) if value else ""


@register.filter
def masked_name(value: str) -> str:
    return masking.mask_name(value or "")
