from django import forms
from django.utils.translation import gettext_lazy as _

from shouwang.shell.forms import DateInput, DateTimeInput

from .models import PostKind, StaffKind, StaffStatus
from .templates_catalogue import TEMPLATE_CHOICES, TEMPLATES


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, staff) -> str:
        return f"{staff.name}（{staff.get_kind_display()} · {staff.unit.name}）"


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, staff) -> str:
        return f"{staff.name}（{staff.get_kind_display()} · {staff.unit.name}）"


class PostForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("所属单位"), queryset=None)
    name = forms.CharField(label=_("岗位名称"), max_length=100)
    kind = forms.ChoiceField(label=_("岗位类型"), choices=PostKind.choices)
    checkpoint = forms.ModelChoiceField(
        label=_("对应卡点"), queryset=None, required=False, help_text=_("卡点岗位可关联卡点")
    )
    required_staff = forms.IntegerField(label=_("每小时最少人数"), min_value=1, max_value=500)
    is_24h = forms.BooleanField(label=_("24小时值守"), required=False)
    opens_at = forms.TimeField(label=_("开始时间"), required=False, widget=TimeInput)
    closes_at = forms.TimeField(
        label=_("结束时间"),
        required=False,
        widget=TimeInput,
        help_text=_("可跨午夜，如 20:00 至 08:00"),
    )
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, units, checkpoints, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["checkpoint"].queryset = checkpoints
        if editing:
            self.fields["unit"].disabled = True


class ShiftForm(forms.Form):
    staff = StaffChoiceField(label=_("人员"), queryset=None)
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=DateTimeInput)
    ends_at = forms.DateTimeField(label=_("结束时间"), widget=DateTimeInput)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff


class WeekForm(forms.Form):
    week_start = forms.DateField(label=_("第一天"), widget=DateInput)
    template = forms.ChoiceField(label=_("排班模板"), choices=TEMPLATE_CHOICES)
    first_hour = forms.IntegerField(
        label=_("首班开始（点）"), min_value=0, max_value=23, help_text=_("如 8 表示 08:00 接班")
    )

    def __init__(self, *args, staff, template: str, first_hour: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = TEMPLATES.get(template) or TEMPLATES["3x8"]
        for number, label in enumerate(self.template.slot_labels(first_hour), start=1):
            self.fields[f"team_{number}"] = StaffMultipleChoiceField(
                label=_("第%(n)s班 %(hours)s") % {"n": number, "hours": label},
                queryset=staff,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def team_fields(self):
        return [self[f"team_{n}"] for n in range(1, self.template.shifts_per_day + 1)]

    def teams(self) -> list[list]:
        return [
            list(self.cleaned_data.get(f"team_{n}") or [])
            for n in range(1, self.template.shifts_per_day + 1)
        ]


class CancelShiftForm(forms.Form):
    reason = forms.CharField(label=_("取消原因"), max_length=200)


class StaffForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("所属单位"), queryset=None)
    kind = forms.ChoiceField(label=_("类别"), choices=StaffKind.choices)
    name = forms.CharField(label=_("姓名"), max_length=50)
    user = forms.ModelChoiceField(
        label=_("关联账号"), queryset=None, required=False, help_text=_("志愿者可不关联账号")
    )
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    association = forms.CharField(
        label=_("所属组织"),
        max_length=100,
        required=False,
        help_text=_("志愿者填写，如“青年志愿者协会”"),
    )

    def __init__(self, *args, units, users, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["user"].queryset = users
        if editing:
            self.fields["unit"].disabled = True
            self.fields["user"].disabled = True


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=StaffStatus.choices)
    status_from = forms.DateField(label=_("开始日期"), required=False, widget=DateInput)
    status_until = forms.DateField(
        label=_("结束日期"), required=False, widget=DateInput, help_text=_("留空表示未定")
    )
    seconded_to = forms.ModelChoiceField(
        label=_("借调至"), queryset=None, required=False, help_text=_("仅借调时填写")
    )
    reason = forms.CharField(label=_("原因"), max_length=200, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seconded_to"].queryset = units


class LeaveCancelForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位（含下级）"), queryset=None)
    reason = forms.CharField(
        label=_("原因"), max_length=200, help_text=_("如“启动一级响应，全员取消休假”")
    )
    confirm = forms.BooleanField(label=_("我确认：该单位所有休假人员即日起恢复在岗"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
