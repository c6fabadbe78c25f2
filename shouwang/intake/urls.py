from django.urls import path

from .views import actions, detail, figures, queue, settings

app_name = "intake"
urlpatterns = [
    path("", queue.report_list, name="list"),
    path("export/", queue.report_export, name="export"),
    path("new/", queue.report_new, name="new"),
    path("figures/", figures.figures_page, name="figures"),
    path("targets/", settings.sla_page, name="targets"),
    path("<int:pk>/", detail.report_detail, name="detail"),
    path("<int:pk>/claim/", actions.report_claim_view, name="claim"),
    path("<int:pk>/assign/", actions.report_assign_view, name="assign"),
    path("<int:pk>/transition/", actions.report_transition_view, name="transition"),
    path("<int:pk>/reply/", actions.report_reply_view, name="reply"),
    path("<int:pk>/merge/", actions.report_merge_view, name="merge"),
    path("<int:pk>/watch/", actions.report_watch_view, name="watch"),
    path("<int:pk>/case/", actions.report_case_view, name="case"),
    path("<int:pk>/rumour/", actions.report_rumour_view, name="rumour"),
    path("<int:pk>/movement/", actions.movement_open_view, name="movement"),
    path("<int:pk>/movement/end/", actions.movement_end_view, name="movement_end"),
    path("<int:pk>/delivery/", actions.delivery_view, name="delivery"),
    path("<int:pk>/photo/", detail.report_photo, name="photo"),
    path("<int:pk>/photo/void/", actions.photo_void_view, name="photo_void"),
    path("<int:pk>/reveal/", detail.contact_reveal, name="reveal"),
]
