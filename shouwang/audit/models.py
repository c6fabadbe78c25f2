from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shouwang.units.scoping import ScopedManager


class AccessAction(models.TextChoices):
    VIEW_FULL = "view_full", _("查看完整信息")
    EXPORT = "export", _("导出")


class AccessEvent(models.Model):
    """One full view or export of personal data: who, what, which records, why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_username = models.CharField(_("操作人"), max_length=150)
    actor_unit_path = models.CharField(max_length=255)
    action = models.CharField(_("动作"), max_length=20, choices=AccessAction.choices)
    target_type = models.CharField(_("对象类型"), max_length=100)
    target_ids = models.JSONField(_("记录"), default=list)
    record_count = models.PositiveIntegerField(_("记录数"), default=0)
    fields = models.JSONField(_("字段"), default=list)
    reason = models.CharField(_("事由"), max_length=300)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    occurred_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    # The actor's unit when it happened: a bureau reads what its stations revealed.
    scope_path_field = "actor_unit_path"
    objects = ScopedManager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("个人信息访问记录")
        verbose_name_plural = _("个人信息访问记录")
        indexes = [models.Index(fields=["target_type", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.actor_username} {self.get_action_display()} {self.target_type} ×{self.record_count}"
