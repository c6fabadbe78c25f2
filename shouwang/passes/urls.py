from django.urls import path

from . import views

app_name = "passes"
urlpatterns = [
    path("", views.pass_list, name="list"),
    path("export/", views.pass_export, name="export"),
    path("new/", views.pass_new, name="new"),
    path("issuers/", views.issuers, name="issuers"),
    path("scan/", views.scan, name="scan"),
    path("scan/verify/", views.scan_verify, name="scan_verify"),
    path("verifications/", views.verification_log, name="verifications"),
    path("<int:pk>/", views.pass_detail, name="detail"),
    path("<int:pk>/print/", views.pass_print, name="print"),
    path("<int:pk>/revoke/", views.pass_revoke_view, name="revoke"),
    path("<int:pk>/renew/", views.pass_renew_view, name="renew"),
]
