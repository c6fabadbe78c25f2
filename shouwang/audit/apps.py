from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "shouwang.audit"
    verbose_name = "审计"
