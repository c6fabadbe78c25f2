"""Forms of the people pages: Chinese labels; business rules stay in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from shouwang.shell.forms import DateInput

from .models import (
    ContactMethod,
    EpisodeStatus,
    IsolationKind,
    Symptom,
    TravelMeans,
    WatchReason,
    WatchSource,
)


class PersonForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号"), max_length=30, required=False)
    phone = forms.CharField(label=_("手机号"), max_length=20, required=False)
    current_address = forms.CharField(label=_("现住址"), max_length=200, required=False)
    household_address = forms.CharField(label=_("户籍地址"), max_length=200, required=False)
    workplace = forms.CharField(label=_("工作单位"), max_length=200, required=False)


class WatchRecordForm(forms.Form):
    reason = forms.ChoiceField(label=_("类别"), choices=WatchReason.choices)
    source = forms.ChoiceField(label=_("来源"), choices=WatchSource.choices)
    contact_of_text = forms.CharField(label=_("密接对象"), max_length=100, required=False)
    origin = forms.CharField(label=_("来源地"), max_length=100, required=False)
    arrived_on = forms.DateField(label=_("到达日期"), required=False, widget=DateInput)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)


class TravelForm(forms.Form):
    place = forms.CharField(label=_("地点"), max_length=100)
    departed_on = forms.DateField(label=_("出发日期"), required=False, widget=DateInput)
    arrived_on = forms.DateField(label=_("到达日期"), required=False, widget=DateInput)
    means = forms.ChoiceField(
        label=_("交通方式"), choices=[("", "—"), *TravelMeans.choices], required=False
    )
    carrier_number = forms.CharField(label=_("车次/航班/车牌"), max_length=30, required=False)


class EpisodeForm(forms.Form):
    kind = forms.ChoiceField(label=_("隔离方式"), choices=IsolationKind.choices)
    start_date = forms.DateField(label=_("开始日期"), widget=DateInput)
    site = forms.ModelChoiceField(label=_("隔离点"), queryset=None, required=False)
    room = forms.CharField(label=_("房间号"), max_length=20, required=False)
    planned_end = forms.DateField(
        label=_("计划解除日期"),
        required=False,
        widget=DateInput,
        help_text=_("留空则按隔离政策计算"),
    )
    reason = forms.CharField(label=_("调整事由"), max_length=300, required=False)

    def __init__(self, *args, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites


class TransitionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("变更为"),
        choices=[(v, label) for v, label in EpisodeStatus.choices if v != EpisodeStatus.PLANNED],
    )
    on = forms.DateField(label=_("日期"), widget=DateInput)
    reason = forms.CharField(label=_("事由"), max_length=300, required=False)


class EndChangeForm(forms.Form):
    planned_end = forms.DateField(label=_("新的计划解除日期"), widget=DateInput)
    reason = forms.CharField(label=_("事由"), max_length=300)


class FollowUpForm(forms.Form):
    temperature = forms.DecimalField(
        label=_("体温（℃）"),
        max_digits=3,
        decimal_places=1,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )
    symptoms = forms.MultipleChoiceField(
        label=_("症状"),
        choices=Symptom.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    symptoms_text = forms.CharField(label=_("其他症状"), max_length=200, required=False)
    present_at_address = forms.TypedChoiceField(
        label=_("是否在住址"),
        choices=[("1", _("在")), ("0", _("不在"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    contact_method = forms.ChoiceField(label=_("随访方式"), choices=ContactMethod.choices)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("名单文件（xlsx 或 csv）"))
    source = forms.ChoiceField(
        label=_("名单来源"), choices=WatchSource.choices, initial=WatchSource.DEPARTMENT_LIST
    )


class PolicyForm(forms.Form):
    category = forms.ChoiceField(
        label=_("适用类别"),
        choices=[("", _("默认（其他类别）")), *WatchReason.choices],
        required=False,
    )
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("隔离方式"), choices=IsolationKind.choices)
    days = forms.IntegerField(label=_("天数"), min_value=1, max_value=60, initial=14)
    then_kind = forms.ChoiceField(
        label=_("后续隔离方式"), choices=[("", "—"), *IsolationKind.choices], required=False
    )
    then_days = forms.IntegerField(
        label=_("后续天数"), min_value=0, max_value=60, initial=0, required=False
    )
    followup_every_days = forms.IntegerField(
        label=_("随访间隔（天）"), min_value=1, max_value=30, initial=1
    )


class SiteForm(forms.Form):
    name = forms.CharField(label=_("隔离点名称"), max_length=100)
    address = forms.CharField(label=_("地址"), max_length=200)
    rooms = forms.IntegerField(label=_("房间数"), min_value=0, max_value=32767, initial=0)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:  # a new site is in use from the start
            del self.fields["is_active"]
