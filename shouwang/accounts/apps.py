from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shouwang.accounts"
    verbose_name = "账号"
