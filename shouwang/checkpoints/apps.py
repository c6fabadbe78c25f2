from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckpointsConfig(AppConfig):
    name = "shouwang.checkpoints"
    verbose_name = "卡点"

    def ready(self) -> None:
        from shouwang.audit.history import history_from_first_change

        from .models import Passage

        # Thousands a second come in by the batch API: each row says who registered it.
        history_from_first_change(Passage, when="created_at", user="recorded_by", reason=_("登记"))
