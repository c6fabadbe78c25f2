"""Residents' page, without an account: mounted at /public/rumour-check/ by config/urls.py."""

from django.urls import path

from . import views

app_name = "rumours_public"
urlpatterns = [path("", views.public_check, name="check")]
