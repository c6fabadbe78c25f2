"""Residents' booking pages, without an account: mounted at /public/bookings/ by config/urls.py."""

from django.urls import path

from . import public_views

app_name = "bookings_public"
urlpatterns = [
    path("", public_views.public_home, name="home"),
    path("book/", public_views.public_book, name="book"),
    path("mine/", public_views.public_manage, name="manage"),
]
