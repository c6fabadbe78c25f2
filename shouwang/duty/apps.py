from django.apps import AppConfig


class DutyConfig(AppConfig):
    name = "shouwang.duty"
    verbose_name = "勤务排班"
