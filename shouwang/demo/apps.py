from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "shouwang.demo"
    verbose_name = "演示数据"
