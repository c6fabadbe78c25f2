"""Mounted at the site's root: a service worker controls the pages under its own path, so
/sw.js is served here (with `Service-Worker-Allowed: /`), beside the manifest."""

from django.urls import path

from . import views

app_name = "offline"
urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.fallback, name="fallback"),
]
