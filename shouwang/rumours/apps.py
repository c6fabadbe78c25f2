from django.apps import AppConfig


class RumoursConfig(AppConfig):
    name = "shouwang.rumours"
    verbose_name = "谣言与辟谣"
