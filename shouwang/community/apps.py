from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "shouwang.community"
    verbose_name = "社区住户与入户排查"

    def ready(self) -> None:
        from shouwang.audit.history import history_from_first_change

        from .models import Building, Household

        # Household imports write these by the ten thousand (services/import_apply.py).
        imported = _("住户导入")
        history_from_first_change(Building, when="created_at", user="created_by", reason=imported)
        history_from_first_change(Household, when="created_at", user="created_by", reason=imported)
