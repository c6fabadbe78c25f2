"""The vocabulary of residents' reports: types, categories by type, urgency, channel, status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportType(models.TextChoices):
    TIP = "tip", _("线索举报")
    HELP = "help", _("求助")
    GRIEVANCE = "grievance", _("诉求")


class Category(models.TextChoices):
    # tips
    KEY_AREA_ARRIVAL = "key_area_arrival", _("重点地区来人")
    GATHERING = "gathering", _("人员聚集")
    GAMBLING = "gambling", _("聚众赌博")
    PRICE_GOUGING = "price_gouging", _("哄抬物价")
    RUMOUR = "rumour", _("谣言")
    # help requests
    MEDICINE = "medicine", _("急需药品")
    HOSPITAL = "hospital", _("送医就诊")
    SUPPLIES = "supplies", _("食品物资")
    STRANDED_VEHICLE = "stranded_vehicle", _("车辆人员滞留")
    # grievances
    LIVING = "living", _("供暖水电等生活保障")
    MEASURES = "measures", _("防控措施")
    OTHER = "other", _("其他")


C = Category
CATEGORIES: dict[str, tuple[str, ...]] = {
    ReportType.TIP: (
        C.KEY_AREA_ARRIVAL,
        C.GATHERING,
        C.GAMBLING,
        C.PRICE_GOUGING,
        C.RUMOUR,
        C.OTHER,
    ),
    ReportType.HELP: (C.MEDICINE, C.HOSPITAL, C.SUPPLIES, C.STRANDED_VEHICLE, C.OTHER),
    ReportType.GRIEVANCE: (C.LIVING, C.MEASURES, C.OTHER),
}


def categories_of(report_type: str) -> list[tuple[str, str]]:
    """(value, label) of the categories a report of this type may have."""
    return [(value, Category(value).label) for value in CATEGORIES.get(report_type, ())]


class Urgency(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")


class Channel(models.TextChoices):
    PUBLIC_PAGE = "public_page", _("群众网页")
    PUBLIC_API = "public_api", _("群众接口")
    PHONE = "phone", _("电话")
    WALK_IN = "walk_in", _("来访")
    WECHAT = "wechat", _("微信群")


PUBLIC_CHANNELS = (Channel.PUBLIC_PAGE, Channel.PUBLIC_API)
STAFF_CHANNELS = (Channel.PHONE, Channel.WALK_IN, Channel.WECHAT)


class Status(models.TextChoices):
    NEW = "new", _("待受理")
    ASSIGNED = "assigned", _("已指派")
    IN_PROGRESS = "in_progress", _("处理中")
    RESOLVED = "resolved", _("已办结")
    UNFOUNDED = "unfounded", _("查无实据")
    TRANSFERRED = "transferred", _("已移交")
    MERGED = "merged", _("已合并")


OPEN_STATUSES = (Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS)
# Closed with an outcome; a merged report follows the one it was merged into.
OUTCOME_STATUSES = (Status.RESOLVED, Status.UNFOUNDED, Status.TRANSFERRED)


class EventKind(models.TextChoices):
    RECEIVED = "received", _("收到")
    CLAIMED = "claimed", _("受理")
    ASSIGNED = "assigned", _("指派")
    STATUS = "status", _("状态变更")
    REPLIED = "replied", _("答复")
    MERGED = "merged", _("合并")
    LINKED = "linked", _("关联记录")
    MOVEMENT = "movement", _("绿色通道")
    DELIVERED = "delivered", _("送达")
    EDITED = "edited", _("补充信息")
    PHOTO_VOIDED = "photo_voided", _("作废照片")
