from django.urls import path

from . import staff_views, views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("password/", views.password_change, name="password_change"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("staff/", staff_views.staff_list, name="staff"),
    path("staff/export/", staff_views.staff_export, name="staff_export"),
    path("staff/new/", staff_views.user_new, name="user_new"),
    path("staff/<int:pk>/", staff_views.user_edit, name="user_edit"),
    path("staff/<int:pk>/reveal/", staff_views.staff_reveal, name="staff_reveal"),
    path("staff/<int:pk>/unlock/", staff_views.user_unlock, name="user_unlock"),
]
