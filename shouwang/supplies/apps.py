from django.apps import AppConfig


class SuppliesConfig(AppConfig):
    name = "shouwang.supplies"
    verbose_name = "防护物资"
