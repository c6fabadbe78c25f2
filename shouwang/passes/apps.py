from django.apps import AppConfig


class PassesConfig(AppConfig):
    name = "shouwang.passes"
    verbose_name = "通行证"
