from django.urls import path

from . import views

app_name = "bookings"
urlpatterns = [
    path("", views.day_list, name="day"),
    path("export/", views.day_export, name="export"),
    path("<int:pk>/", views.booking_detail, name="detail"),
    path("<int:pk>/mark/", views.booking_mark_view, name="mark"),
    path("<int:pk>/reveal/", views.booking_reveal, name="reveal"),
    path("windows/", views.window_list, name="windows"),
    path("windows/new/", views.window_new, name="window_new"),
    path("windows/<int:pk>/", views.window_detail, name="window_detail"),
    path("windows/<int:pk>/edit/", views.window_edit, name="window_edit"),
    path("windows/<int:pk>/generate/", views.window_generate, name="window_generate"),
    path("slots/<int:pk>/capacity/", views.slot_capacity, name="slot_capacity"),
]
