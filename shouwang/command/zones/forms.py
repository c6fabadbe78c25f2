from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shouwang.checkpoints.models import Checkpoint
from shouwang.community.models import Building
from shouwang.shell.forms import DateInput
from shouwang.units.models import Unit

from ..models import MAX_LIFT_AFTER_DAYS, ZoneLevel
from .geometry import geometry_from_text


class ZoneForm(forms.Form):
    name = forms.CharField(label=_("区域名称"), max_length=100)
    level = forms.ChoiceField(label=_("管控级别"), choices=ZoneLevel.choices)
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.none())
    started_on = forms.DateField(label=_("开始日期"), widget=DateInput)
    lift_after_days = forms.IntegerField(
        label=_("连续无新增病例天数（解除条件）"), min_value=1, max_value=MAX_LIFT_AFTER_DAYS
    )
    geometry = forms.CharField(
        label=_("范围"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "geometry-text"}),
        help_text=_("在地图上点击描点后点“完成”，或导入GeoJSON文件，或粘贴GeoJSON"),
    )
    geometry_file = forms.FileField(
        label=_("导入GeoJSON文件"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".geojson,.json,application/geo+json,application/json"}
        ),
    )
    checkpoints = forms.ModelMultipleChoiceField(
        label=_("卡点"),
        queryset=Checkpoint.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("坐标在范围内的本单位卡点会自动关联"),
    )
    buildings = forms.ModelMultipleChoiceField(
        label=_("楼栋"), queryset=Building.objects.none(), required=False
    )
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.fields["unit"].queryset = Unit.objects.visible_to(user).order_by("path")
        self.fields["checkpoints"].queryset = Checkpoint.objects.visible_to(user).order_by("name")
        self.fields["buildings"].queryset = (
            Building.objects.visible_to(user).select_related("unit").order_by("unit__path", "name")
        )
        if editing:
            # A zone's unit and level are what it is; the level changes by its own action.
            for name in ("unit", "level", "started_on"):
                del self.fields[name]

    def clean_geometry_file(self):
        upload = self.cleaned_data.get("geometry_file")
        if not upload:
            return None
        limit = settings.SHOUWANG_ZONE_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(_("文件过大，最大%(size)sKB") % {"size": limit // 1024})
        raw = upload.read(limit + 1)
        if len(raw) > limit:
            raise ValidationError(_("文件过大，最大%(size)sKB") % {"size": limit // 1024})
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("文件不是UTF-8编码的GeoJSON")) from None

    def clean(self):
        data = super().clean()
        text = data.get("geometry_file") or (data.get("geometry") or "").strip()
        if not text:
            if not self.editing and not self.errors.get("geometry_file"):
                self.add_error("geometry", _("请在地图上绘制范围或导入GeoJSON文件"))
            return data
        try:
            data["geometry_parsed"] = geometry_from_text(text)
        except ValidationError as error:
            self.add_error(
                "geometry_file" if data.get("geometry_file") else "geometry",
                error.message_dict["geometry"],
            )
        return data


class ZoneLevelForm(forms.Form):
    level = forms.ChoiceField(label=_("调整为"), choices=ZoneLevel.choices)
    reason = forms.CharField(label=_("原因"), max_length=100)


class ZoneCaseForm(forms.Form):
    on = forms.DateField(label=_("新增病例日期"), widget=DateInput)
    reason = forms.CharField(label=_("说明"), max_length=100)


class ZoneLiftForm(forms.Form):
    on = forms.DateField(label=_("解除日期"), widget=DateInput)
    reason = forms.CharField(label=_("原因"), max_length=100)
