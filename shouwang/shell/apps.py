from django.apps import AppConfig


class ShellConfig(AppConfig):
    name = "shouwang.shell"
    verbose_name = "界面"
