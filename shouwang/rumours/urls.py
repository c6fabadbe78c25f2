from django.urls import path

from . import views

app_name = "rumours"
urlpatterns = [
    path("", views.rumour_list, name="list"),
    path("export/", views.rumour_export, name="export"),
    path("new/", views.rumour_new, name="new"),
    path("check/", views.rumour_check_view, name="check"),
    path("<int:pk>/", views.rumour_detail, name="detail"),
    path("<int:pk>/edit/", views.rumour_edit, name="edit"),
    path("<int:pk>/transition/", views.rumour_transition_view, name="transition"),
]
