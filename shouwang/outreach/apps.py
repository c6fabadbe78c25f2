from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "shouwang.outreach"
    verbose_name = "宣传引导"
