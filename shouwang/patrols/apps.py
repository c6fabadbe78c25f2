from django.apps import AppConfig


class PatrolsConfig(AppConfig):
    name = "shouwang.patrols"
    verbose_name = "巡逻与视频"
