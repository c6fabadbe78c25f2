from shouwang.units.models import EmergencyLevel

from .navigation import navigation_for


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "emergency_level": None}
    level = user.unit.effective_emergency_level() if user.unit_id else EmergencyLevel.NORMAL
    return {
        "navigation": navigation_for(user),
        "emergency_level": level if level != EmergencyLevel.NORMAL else None,
        "emergency_level_label": EmergencyLevel(level).label,
    }
