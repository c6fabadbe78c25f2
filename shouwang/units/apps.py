from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "shouwang.units"
    verbose_name = "单位"
