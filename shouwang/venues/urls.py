from django.urls import path

from .views import checks, closures, figures, imports, venues

app_name = "venues"
urlpatterns = [
    path("", venues.venue_list, name="list"),
    path("export/", venues.venue_export, name="export"),
    path("new/", venues.venue_new, name="new"),
    path("<int:pk>/", venues.venue_detail, name="detail"),
    path("<int:pk>/edit/", venues.venue_edit, name="edit"),
    path("<int:pk>/reveal/", venues.venue_reveal, name="reveal"),
    path("<int:pk>/status/", venues.venue_status, name="transition"),
    path("<int:pk>/inspect/", checks.inspection_new, name="inspect"),
    path("<int:pk>/price-check/", checks.price_check_new, name="price_check"),
    path("due/", checks.due_list, name="due"),
    path("prices/", checks.price_items, name="price_items"),
    path("orders/", closures.order_list, name="orders"),
    path("orders/new/", closures.order_new, name="order_new"),
    path("orders/<int:pk>/", closures.order_detail, name="order_detail"),
    path("acknowledgements/<int:pk>/", closures.acknowledge, name="acknowledge"),
    path("import/", imports.import_new, name="import_new"),
    path("import/template/", imports.import_template, name="import_template"),
    path("import/<int:pk>/", imports.import_detail, name="import_detail"),
    path("figures/", figures.figures, name="figures"),
]
