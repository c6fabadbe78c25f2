from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "shouwang.people"
    verbose_name = "重点人员"

    def ready(self) -> None:
        from shouwang.audit.history import history_from_first_change

        from .models import Person, TravelRecord, WatchRecord

        # List imports write these by the hundred thousand (services/import_apply.py).
        imported = _("名单导入")
        history_from_first_change(Person, when="created_at", user="created_by", reason=imported)
        history_from_first_change(
            WatchRecord, when="created_at", user="created_by", reason=imported
        )
        history_from_first_change(TravelRecord, when="created_at", user=None, reason=imported)
