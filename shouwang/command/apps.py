from django.apps import AppConfig


class CommandConfig(AppConfig):
    name = "shouwang.command"
    verbose_name = "指挥调度"
