from django.apps import AppConfig


class OfflineConfig(AppConfig):
    name = "shouwang.offline"
    verbose_name = "离线与安装"
