from django.urls import path

from . import figures_views, records_views, views

app_name = "checkpoints"
urlpatterns = [
    path("", views.checkpoint_list, name="list"),
    path("new/", views.checkpoint_new, name="new"),
    path("shift/", views.shift, name="shift"),
    path("plate-feedback/", views.plate_feedback, name="plate_feedback"),
    path("green-channel/", views.green_board, name="green_board"),
    path("<int:pk>/", views.checkpoint_detail, name="detail"),
    path("<int:pk>/edit/", views.checkpoint_edit, name="edit"),
    path("<int:pk>/status/", views.checkpoint_status, name="status"),
    path("<int:pk>/register/", views.register, name="register"),
    path("passages/", records_views.passage_list, name="passages"),
    path("passages/export/", records_views.passage_export, name="passages_export"),
    path("passages/<int:pk>/", records_views.passage_detail, name="passage"),
    path("passages/<int:pk>/edit/", records_views.passage_edit, name="passage_edit"),
    path("passages/<int:pk>/void/", records_views.passage_void_view, name="passage_void"),
    path("passages/<int:pk>/reveal/", records_views.occupant_reveal, name="occupant_reveal"),
    path("figures/", figures_views.figures, name="figures"),
]
