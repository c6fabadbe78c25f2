"""Mounted at the root: the command pages under command/, the daily report under reports/
(`/reports/daily.xlsx` is part of the issue's interface)."""

from django.urls import path

from .dashboard import views as dashboard
from .reports import views as reports
from .zones import views as zones

app_name = "command"
urlpatterns = [
    path("command/", dashboard.dashboard, name="dashboard"),
    path("command/panel/", dashboard.dashboard_panel, name="panel"),
    path("command/zones/", zones.zone_map, name="zones"),
    path("command/zones/new/", zones.zone_new, name="zone_new"),
    path("command/zones/<int:pk>/", zones.zone_detail, name="zone_detail"),
    path("command/zones/<int:pk>/level/", zones.zone_level, name="zone_level"),
    path("command/zones/<int:pk>/case/", zones.zone_case, name="zone_case"),
    path("command/zones/<int:pk>/lift/", zones.zone_lift_view, name="zone_lift"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/daily/", reports.report, name="report"),
    path("reports/daily/print/", reports.report_print, name="report_print"),
    path("reports/daily.xlsx", reports.report_xlsx, name="report_xlsx"),
]
