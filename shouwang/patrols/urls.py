from django.urls import path

from .views import fleet, inspections, patrols, video

app_name = "patrols"
urlpatterns = [
    path("", patrols.patrol_list, name="list"),
    path("export/", patrols.patrol_export, name="export"),
    path("new/", patrols.patrol_new, name="new"),
    path("<int:pk>/", patrols.patrol_detail, name="detail"),
    path("<int:pk>/edit/", patrols.patrol_edit, name="edit"),
    path("<int:pk>/end/", patrols.patrol_finish, name="end"),
    path("<int:pk>/findings/new/", patrols.finding_new, name="finding_new"),
    path("<int:pk>/flights/new/", patrols.flight_new, name="flight_new"),
    path("vehicles/", fleet.vehicle_list, name="vehicles"),
    path("vehicles/export/", fleet.vehicle_export, name="vehicles_export"),
    path("vehicles/new/", fleet.vehicle_new, name="vehicle_new"),
    path("vehicles/<int:pk>/", fleet.vehicle_detail, name="vehicle_detail"),
    path("vehicles/<int:pk>/status/", fleet.vehicle_status, name="vehicle_status"),
    path("cameras/", video.camera_list, name="cameras"),
    path("cameras/new/", video.camera_new, name="camera_new"),
    path("cameras/<int:pk>/", video.camera_detail, name="camera_detail"),
    path("video-systems/new/", video.system_new, name="system_new"),
    path("alerts/", video.alert_list, name="alerts"),
    path("alerts/export/", video.alert_export, name="alerts_export"),
    path("alerts/<int:pk>/", video.alert_detail, name="alert_detail"),
    path("alerts/<int:pk>/dispatch/", video.alert_dispatch, name="alert_dispatch"),
    path("alerts/<int:pk>/outcome/", video.alert_outcome, name="alert_outcome"),
    path("alerts/<int:pk>/snapshot/", video.alert_snapshot, name="alert_snapshot"),
    path("inspections/", inspections.inspection_list, name="inspections"),
    path("inspections/export/", inspections.inspection_export, name="inspections_export"),
    path("inspections/new/", inspections.inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path(
        "inspections/<int:pk>/rectify/", inspections.inspection_rectify, name="inspection_rectify"
    ),
    path("inspections/<int:pk>/close/", inspections.inspection_close, name="inspection_close"),
]
