from django import forms
from django.utils.translation import gettext_lazy as _

from shouwang.cases.models import CaseKind
from shouwang.intake.models import CATEGORIES, Category, ReportType
from shouwang.shell.forms import DateInput, DateTimeInput

from .models import (
    AlertOutcome,
    ChecklistItem,
    FindingKind,
    PatrolKind,
    VehicleKind,
    VehicleStatus,
)

DATETIME = DateTimeInput()


class VehicleForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("所属单位"), queryset=None)
    kind = forms.ChoiceField(label=_("类别"), choices=VehicleKind.choices)
    code = forms.CharField(label=_("车牌或编号"), max_length=20)
    model_name = forms.CharField(label=_("型号"), max_length=50, required=False)
    has_loudspeaker = forms.BooleanField(label=_("带喊话器"), required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, units, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if editing:
            self.fields["unit"].disabled = True
            self.fields["kind"].disabled = True


class VehicleStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("新状态"), choices=VehicleStatus.choices)
    reason = forms.CharField(label=_("说明"), max_length=200, required=False)


class PatrolForm(forms.Form):
    kind = forms.ChoiceField(label=_("巡逻方式"), choices=PatrolKind.choices)
    area = forms.CharField(label=_("巡逻区域或路线"), max_length=200)
    vehicle = forms.ModelChoiceField(
        label=_("车辆或无人机"),
        queryset=None,
        required=False,
        help_text=_("车巡选警车，无人机巡查选无人机"),
    )
    officers = forms.ModelMultipleChoiceField(
        label=_("同行人员"), queryset=None, required=False, widget=forms.SelectMultiple
    )
    unit = forms.ModelChoiceField(label=_("巡逻单位"), queryset=None)
    started_at = forms.DateTimeField(label=_("开始时间"), widget=DATETIME)
    ended_at = forms.DateTimeField(
        label=_("结束时间"), widget=DATETIME, required=False, help_text=_("补录已结束的巡逻时填写")
    )
    note = forms.CharField(label=_("备注"), max_length=300, required=False)

    def __init__(self, *args, units, vehicles, officers, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["vehicle"].queryset = vehicles
        self.fields["officers"].queryset = officers
        if editing:
            for name in ("kind", "vehicle", "unit", "started_at", "ended_at"):
                del self.fields[name]


class PatrolEndForm(forms.Form):
    ended_at = forms.DateTimeField(label=_("结束时间"), widget=DATETIME)


def _tip_categories():
    return [(value, Category(value).label) for value in CATEGORIES[ReportType.TIP]]


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label=_("发现类型"), choices=FindingKind.choices)
    note = forms.CharField(
        label=_("情况"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    people_count = forms.IntegerField(
        label=_("涉及人数"), min_value=0, max_value=100_000, initial=0
    )
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    occurred_at = forms.DateTimeField(label=_("时间"), widget=DATETIME)
    case_kind = forms.ChoiceField(
        label=_("案件类别（立案时）"), choices=[("", "—"), *CaseKind.choices], required=False
    )
    tip_category = forms.ChoiceField(
        label=_("线索类别（转线索时）"), choices=[("", "—"), *_tip_categories()], required=False
    )


class FlightForm(forms.Form):
    drone = forms.ModelChoiceField(label=_("无人机"), queryset=None)
    took_off_at = forms.DateTimeField(label=_("起飞时间"), widget=DATETIME)
    landed_at = forms.DateTimeField(label=_("降落时间"), widget=DATETIME, required=False)
    area = forms.CharField(label=_("飞行区域"), max_length=200)
    broadcast_text = forms.CharField(
        label=_("喊话内容"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, drones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["drone"].queryset = drones


class VideoSystemForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("所属单位"), queryset=None)
    name = forms.CharField(label=_("系统名称"), max_length=100)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CameraForm(forms.Form):
    system = forms.ModelChoiceField(label=_("视频系统"), queryset=None)
    unit = forms.ModelChoiceField(label=_("所属单位"), queryset=None)
    code = forms.CharField(label=_("摄像头编号"), max_length=50)
    name = forms.CharField(label=_("点位名称"), max_length=100)
    latitude = forms.DecimalField(
        label=_("纬度"), max_digits=9, decimal_places=6, required=False, min_value=-90, max_value=90
    )
    longitude = forms.DecimalField(
        label=_("经度"),
        max_digits=9,
        decimal_places=6,
        required=False,
        min_value=-180,
        max_value=180,
    )

    def __init__(self, *args, systems, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system"].queryset = systems
        self.fields["unit"].queryset = units


class DispatchForm(forms.Form):
    target = forms.CharField(label=_("派往"), max_length=30)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("处置结果"), choices=AlertOutcome.choices)
    note = forms.CharField(label=_("处置情况"), max_length=300, required=False)


class InspectionForm(forms.Form):
    checkpoint = forms.ModelChoiceField(label=_("被检卡点"), queryset=None)
    inspected_at = forms.DateTimeField(label=_("检查时间"), widget=DATETIME)
    unannounced = forms.BooleanField(label=_("暗访"), required=False, initial=True)
    team = forms.CharField(label=_("督查组"), max_length=100, required=False)
    staff_present = forms.IntegerField(
        label=_("在岗人数"), min_value=0, max_value=1000, required=False
    )
    findings = forms.CharField(
        label=_("发现问题"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    deadline = forms.DateField(
        label=_("整改期限"), required=False, widget=DateInput, help_text=_("有不合格项时必填")
    )

    def __init__(self, *args, checkpoints, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkpoint"].queryset = checkpoints
        for value, label in ChecklistItem.choices:
            self.fields[f"ok_{value}"] = forms.BooleanField(
                label=label, required=False, initial=True
            )
            self.fields[f"note_{value}"] = forms.CharField(
                label=_("问题"), max_length=200, required=False
            )

    def checklist_values(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {
            value: (data[f"ok_{value}"], data[f"note_{value}"]) for value in ChecklistItem.values
        }

    def checklist_rows(self):
        return [
            (label, self[f"ok_{value}"], self[f"note_{value}"])
            for value, label in ChecklistItem.choices
        ]


class RectificationForm(forms.Form):
    rectification = forms.CharField(
        label=_("整改情况"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("复查结论"),
        choices=[("1", _("整改到位，销号")), ("0", _("未整改到位，退回"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("复查意见"), max_length=300, required=False)
    deadline = forms.DateField(label=_("新的整改期限"), required=False, widget=DateInput)
