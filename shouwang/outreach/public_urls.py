"""Residents' pages of published bulletins, without an account: mounted at /public/bulletins/."""

from django.urls import path

from .views import public

app_name = "outreach_public"
urlpatterns = [
    path("", public.public_bulletins, name="bulletins"),
    path("<int:pk>/", public.public_bulletin, name="bulletin"),
]
