from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shouwang.accounts"
    verbose_name = "账号"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
