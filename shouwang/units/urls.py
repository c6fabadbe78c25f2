from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("export/", views.unit_export, name="export"),
    path("new/", views.unit_new, name="new"),
    path("<int:pk>/", views.unit_edit, name="edit"),
    path("<int:pk>/emergency-level/", views.emergency_level, name="emergency"),
]
