from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "shouwang.people"
    verbose_name = "重点人员"
