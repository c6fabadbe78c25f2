from django.urls import path

from .views import buildings, households, imports, screening

app_name = "community"
urlpatterns = [
    path("households/", households.household_list, name="households"),
    path("households/export/", households.household_export, name="households_export"),
    path("households/new/", households.household_new, name="household_new"),
    path("households/<int:pk>/", households.household_detail, name="household"),
    path("households/<int:pk>/members/", households.member_new, name="member_new"),
    path("households/<int:pk>/move/", households.household_relocate, name="household_move"),
    path("households/<int:pk>/edit/", households.household_edit, name="household_edit"),
    path("members/<int:pk>/edit/", households.member_edit, name="member_edit"),
    path("members/<int:pk>/reveal/", households.member_reveal, name="member_reveal"),
    path("visits/<int:pk>/void/", screening.visit_cancel, name="visit_void"),
    path("imports/", imports.import_new, name="import_new"),
    path("imports/template/", imports.import_template, name="import_template"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/apply/", imports.import_apply, name="import_apply"),
    path("campaigns/", screening.campaign_list, name="campaigns"),
    path("campaigns/new/", screening.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", screening.campaign_board, name="campaign"),
    path("campaigns/<int:pk>/export/", screening.campaign_export, name="campaign_export"),
    path("campaigns/<int:pk>/points/new/", screening.point_new, name="point_new"),
    path("campaigns/<int:pk>/walk/", screening.campaign_walk, name="walk"),
    path("campaigns/<int:pk>/visit/", screening.visit_new, name="visit_new"),
    path("buildings/", buildings.building_list, name="buildings"),
    path("buildings/mine/", buildings.building_mine, name="buildings_mine"),
    path("buildings/<int:pk>/", buildings.building_detail, name="building"),
    path("buildings/<int:pk>/activities/", buildings.activity_new, name="activity_new"),
    path(
        "buildings/<int:pk>/representatives/",
        buildings.representative_new,
        name="representative_new",
    ),
    path("buildings/<int:pk>/captain/", buildings.captain_new, name="captain_new"),
    path("buildings/<int:pk>/move/", buildings.building_relocate, name="building_move"),
    path("activities/<int:pk>/void/", buildings.activity_cancel, name="activity_void"),
]
