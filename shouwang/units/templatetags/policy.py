"""`{% load policy %}`: show a form, a button or a link only to roles the action allows.

`{% if user|may:"people:followup_new" %}` asks the rule the route's view applies to a POST;
`{% if user|may_open:"people:followup_new" %}` the rule for opening it (GET). Both read the
policy the view wears (`units.policy.guarded`), so the page and the action cannot disagree.
"""

from typing import Any

from django import template

from shouwang.units.policy import may as _may

register = template.Library()


@register.filter
def may(user: Any, route_name: str) -> bool:
    return _may(user, route_name, "POST")


@register.filter
def may_open(user: Any, route_name: str) -> bool:
    return _may(user, route_name, "GET")
