from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("export/", views.case_export, name="export"),
    path("new/", views.case_new, name="new"),
    path("figures/", views.figures, name="figures"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/parties/", views.case_party_new, name="party_new"),
    path("<int:pk>/decision/", views.case_decision, name="decide"),
    path("<int:pk>/close/", views.case_closing, name="close"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/void/", views.evidence_set_aside, name="evidence_void"),
]
