from django.urls import path

from .views import imports, isolation, liaison, people, settings

app_name = "people"
urlpatterns = [
    path("", people.person_list, name="list"),
    path("export/", people.person_export, name="export"),
    path("new/", people.person_new, name="person_new"),
    path("<int:pk>/", people.person_detail, name="person_detail"),
    path("<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("<int:pk>/reveal/", people.person_reveal, name="person_reveal"),
    path("<int:pk>/merge/", people.person_merge_view, name="person_merge"),
    path("<int:pk>/watch/", people.watch_record_new, name="watch_new"),
    path("<int:pk>/travel/", people.travel_new, name="travel_new"),
    path("<int:pk>/isolate/", isolation.episode_new, name="episode_new"),
    path("watch/<int:pk>/status/", people.watch_record_status, name="watch_status"),
    path("isolations/<int:pk>/", isolation.episode_detail, name="episode_detail"),
    path(
        "isolations/<int:pk>/transition/",
        isolation.episode_transition_view,
        name="episode_transition",
    ),
    path("isolations/<int:pk>/end/", isolation.episode_end_view, name="episode_end"),
    path("isolations/<int:pk>/followup/", isolation.followup_new, name="followup_new"),
    path("isolations/<int:pk>/release-notice/", isolation.release_notice, name="release_notice"),
    path("followups/due/", isolation.due_today, name="due"),
    path("followups/overdue/", isolation.overdue, name="overdue"),
    path("isolations/ending/", isolation.ending, name="ending"),
    path("alerts/", isolation.alert_list, name="alerts"),
    path("alerts/<int:pk>/ack/", isolation.alert_ack, name="alert_ack"),
    path("imports/", imports.import_new, name="import_new"),
    path("imports/template/", imports.import_template, name="import_template"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/apply/", imports.import_apply, name="import_apply"),
    path("imports/<int:pk>/rejected/", imports.import_rejected, name="import_rejected"),
    path("policies/", settings.policies, name="policies"),
    path("sites/<int:pk>/edit/", settings.site_edit, name="site_edit"),
    path("liaison/", liaison.liaison, name="liaison"),
    path("liaison/export/", liaison.liaison_export, name="liaison_export"),
]
