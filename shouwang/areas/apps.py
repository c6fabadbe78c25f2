from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "shouwang.areas"
    verbose_name = "重点地区"
