from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "shouwang.cases"
    verbose_name = "涉疫案件"
