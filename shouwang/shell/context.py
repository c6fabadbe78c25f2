from shouwang.units.models import EmergencyLevel

from .navigation import bottom_bar, navigation_for


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "emergency_level": None}
    menu = navigation_for(user)
    bar, more = bottom_bar(user, menu)
    level = user.unit.effective_emergency_level() if user.unit_id else EmergencyLevel.NORMAL
    return {
        "navigation": menu,
        "navigation_bar": bar,
        "navigation_more": more,
        "emergency_level": level if level != EmergencyLevel.NORMAL else None,
        "emergency_level_label": EmergencyLevel(level).label,
    }
