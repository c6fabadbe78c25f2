from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "shouwang.intake"
    verbose_name = "线索与求助"
