"""Residents' pages, without an account: mounted at /public/ by config/urls.py."""

from django.urls import path

from .views import public

app_name = "intake_public"
urlpatterns = [
    path("", public.public_home, name="home"),
    path("tip/", public.public_report, {"report_type": "tip"}, name="tip"),
    path("help/", public.public_report, {"report_type": "help"}, name="help"),
    path("grievance/", public.public_report, {"report_type": "grievance"}, name="grievance"),
    path("status/", public.public_status, name="status"),
]
