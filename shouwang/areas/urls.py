from django.urls import path

from . import views

app_name = "areas"
urlpatterns = [
    path("", views.area_list, name="list"),
    path("export/", views.area_export, name="export"),
    path("new/", views.area_new, name="new"),
    path("regions/", views.region_options, name="regions"),
    path("<int:pk>/", views.area_detail, name="detail"),
    path("<int:pk>/end/", views.area_end, name="end"),
]
