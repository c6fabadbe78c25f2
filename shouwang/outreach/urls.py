from django.urls import path

from .views import bulletins, figures, groups

app_name = "outreach"
urlpatterns = [
    path("", bulletins.bulletin_list, name="bulletins"),
    path("export/", bulletins.bulletin_export, name="bulletin_export"),
    path("new/", bulletins.bulletin_new, name="bulletin_new"),
    path("<int:pk>/", bulletins.bulletin_detail, name="bulletin"),
    path("<int:pk>/edit/", bulletins.bulletin_edit, name="bulletin_edit"),
    path("<int:pk>/transition/", bulletins.bulletin_status, name="bulletin_transition"),
    path("groups/", groups.group_list, name="groups"),
    path("groups/export/", groups.group_export, name="group_export"),
    path("groups/new/", groups.group_new, name="group_new"),
    path("groups/<int:pk>/", groups.group_detail, name="group"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<int:pk>/members/", groups.group_reading, name="group_reading"),
    path("groups/<int:pk>/posts/", groups.group_post, name="group_post"),
    path("figures/", figures.figures, name="figures"),
]
