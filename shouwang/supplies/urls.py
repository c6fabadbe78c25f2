from django.urls import path

from . import views

app_name = "supplies"
urlpatterns = [
    path("", views.stock, name="stock"),
    path("movements/", views.movements, name="movements"),
    path("movements/new/", views.movement_new, name="movement_new"),
    path("movements/export/", views.movements_export, name="movements_export"),
    path("movements/<int:pk>/reverse/", views.movement_reverse_view, name="movement_reverse"),
    path("items/", views.items, name="items"),
    path("items/<int:pk>/threshold/", views.item_threshold, name="item_threshold"),
    path("donors/", views.donors, name="donors"),
    path("donors/export/", views.donors_export, name="donors_export"),
    path("donors/<int:pk>/thank/", views.donor_thank_view, name="donor_thank"),
    path("donors/<int:pk>/reveal/", views.donor_reveal, name="donor_reveal"),
]
