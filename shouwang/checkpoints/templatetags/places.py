"""`{{ passage.origin_province|place:passage.origin_city }}`: "湖北武汉", a municipality once
("北京市", not "北京市市辖区"), nothing for nothing (`identity.regions.place_name`)."""

from django import template

from shouwang.identity.regions import place_name

register = template.Library()


@register.filter
def place(province, city="") -> str:
    return place_name(province, city)
