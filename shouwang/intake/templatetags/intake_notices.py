"""What the intake area shows on other areas' pages, through templates only (`{% load %}` is no
Python import: checkpoints knows nothing of intake, intake reads checkpoints)."""

from django import template

from ..selectors import movements_at_checkpoint

register = template.Library()


@register.inclusion_tag("intake/_route_notices.html")
def green_channels_expected(checkpoint):
    """The green channels in force whose route passes `checkpoint`: let them through at once."""
    return {"movements": list(movements_at_checkpoint(checkpoint)) if checkpoint else []}
