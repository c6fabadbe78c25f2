from django.apps import AppConfig


class CheckpointsConfig(AppConfig):
    name = "shouwang.checkpoints"
    verbose_name = "卡点"
