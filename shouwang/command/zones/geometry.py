"""GeoJSON of a zone: a Polygon or MultiPolygon checked position by position, with Chinese
messages that say where the problem is (which polygon, ring and point).

Accepted: a geometry, a Feature holding one, or a FeatureCollection of polygon features (joined
into one MultiPolygon), as drawn on the map or imported from a file. Not checked beyond the
basics (closed rings of at least four positions within longitude/latitude ranges): a ring that
crosses itself is drawn as it is.
"""

import json
import math
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_POSITIONS = 20_000  # a district's outline has a few hundred; more is a mistake or an attack
MAX_POLYGONS = 200


def _fail(message: str) -> None:
    raise ValidationError({"geometry": message})


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _ring(ring: Any, where: str) -> list[list[float]]:
    if not isinstance(ring, list):
        _fail(_("%(where)s应为坐标点列表") % {"where": where})
    if len(ring) < 4:
        _fail(
            _("%(where)s至少需要4个坐标点（首尾相同），现有%(count)s个")
            % {"where": where, "count": len(ring)}
        )
    positions = []
    for index, position in enumerate(ring, start=1):
        point = _("%(where)s第%(n)s个点") % {"where": where, "n": index}
        if not isinstance(position, list) or len(position) not in (2, 3):
            _fail(_("%(point)s应为[经度, 纬度]") % {"point": point})
        if not all(_number(value) for value in position):
            _fail(_("%(point)s的坐标应为数字") % {"point": point})
        longitude, latitude = position[0], position[1]
        if not -180 <= longitude <= 180:
            _fail(_("%(point)s的经度应在-180至180之间") % {"point": point})
        if not -90 <= latitude <= 90:
            _fail(_("%(point)s的纬度应在-90至90之间") % {"point": point})
        positions.append([float(longitude), float(latitude)])
    if positions[0] != positions[-1]:
        _fail(_("%(where)s未闭合：首尾两个点应相同") % {"where": where})
    if len({tuple(position) for position in positions}) < 3:
        _fail(_("%(where)s至少需要3个不同的点") % {"where": where})
    return positions


def _polygon(rings: Any, where: str) -> list[list[list[float]]]:
    if not isinstance(rings, list) or not rings:
        _fail(_("%(where)s应至少包含一个环（外边界）") % {"where": where})
    return [
        _ring(
            ring,
            _("%(where)s外边界") % {"where": where}
            if index == 0
            else _("%(where)s第%(n)s个内环") % {"where": where, "n": index},
        )
        for index, ring in enumerate(rings)
    ]


def _geometry_of(data: Any) -> dict:
    """The geometry inside a geometry, a Feature or a FeatureCollection of polygons."""
    if not isinstance(data, dict):
        _fail(_("范围应为GeoJSON对象（Polygon或MultiPolygon）"))
    kind = data.get("type")
    if kind == "Feature":
        return _geometry_of(data.get("geometry"))
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list) or not features:
            _fail(_("要素集合中没有要素"))
        if len(features) > MAX_POLYGONS:
            _fail(_("要素过多，最多%(max)s个") % {"max": MAX_POLYGONS})
        polygons: list = []
        for feature in features:
            geometry = _geometry_of(feature)
            if geometry["type"] == "Polygon":
                polygons.append(geometry["coordinates"])
            else:
                polygons.extend(geometry["coordinates"])
        if len(polygons) == 1:
            return {"type": "Polygon", "coordinates": polygons[0]}
        return {"type": "MultiPolygon", "coordinates": polygons}
    if kind not in ("Polygon", "MultiPolygon"):
        _fail(
            _("不支持的几何类型“%(kind)s”：区域范围应为Polygon或MultiPolygon")
            % {"kind": str(kind)[:30]}
        )
    return {"type": kind, "coordinates": data.get("coordinates")}


def geometry_clean(data: Any) -> dict:
    """The checked geometry, coordinates as floats; ValidationError({"geometry": …}) else."""
    geometry = _geometry_of(data)
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        cleaned: Any = _polygon(coordinates, _("多边形"))
        count = sum(len(ring) for ring in cleaned)
    else:
        if not isinstance(coordinates, list) or not coordinates:
            _fail(_("MultiPolygon应至少包含一个多边形"))
        if len(coordinates) > MAX_POLYGONS:
            _fail(_("多边形过多，最多%(max)s个") % {"max": MAX_POLYGONS})
        cleaned = [
            _polygon(polygon, _("第%(n)s个多边形") % {"n": index})
            for index, polygon in enumerate(coordinates, start=1)
        ]
        count = sum(len(ring) for polygon in cleaned for ring in polygon)
    if count > MAX_POSITIONS:
        _fail(
            _("坐标点过多（%(count)s个），最多%(max)s个") % {"count": count, "max": MAX_POSITIONS}
        )
    return {"type": geometry["type"], "coordinates": cleaned}


def geometry_from_text(text: str) -> dict:
    """Parse GeoJSON text (a drawn shape or an imported file) and check it."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        _fail(_("不是有效的GeoJSON：无法解析JSON"))
    return geometry_clean(data)


def polygons_of(geometry: dict) -> list:
    """Each polygon's rings, whether the geometry is a Polygon or a MultiPolygon."""
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry.get("coordinates") or [])


def centre_of(geometry: dict) -> tuple[float, float] | None:
    """(latitude, longitude) of the middle of the outer rings' bounding box (for the map)."""
    points = (
        [point for polygon in polygons_of(geometry) for point in polygon[0]] if geometry else []
    )
    if not points:
        return None
    longitudes = [point[0] for point in points]
    latitudes = [point[1] for point in points]
    return ((min(latitudes) + max(latitudes)) / 2, (min(longitudes) + max(longitudes)) / 2)


def contains(geometry: dict, longitude: float, latitude: float) -> bool:
    """Whether a point lies inside the geometry (even-odd rule over every ring)."""
    for polygon in polygons_of(geometry):
        inside = False
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
                if (y1 > latitude) != (y2 > latitude):
                    crossing = x1 + (latitude - y1) * (x2 - x1) / (y2 - y1)
                    if longitude < crossing:
                        inside = not inside
        if inside:
            return True
    return False
