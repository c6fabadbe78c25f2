"""The forms of the intake pages. The services validate what matters; these read the input and
carry the services' errors back onto the fields (`shell.forms.add_service_errors`)."""

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouwang.cases.models import CaseKind
from shouwang.checkpoints.models import GreenChannelKind
from shouwang.rumours.models import RumourCategory
from shouwang.shell.forms import DateInput, DateTimeInput

from .models import (
    REPLY_LIMIT,
    STAFF_CHANNELS,
    TEXT_LIMIT,
    Channel,
    ReportType,
    Status,
    Urgency,
    categories_of,
)
from .services.common import choosable_units
from .sla import DEFAULT_TARGETS

NOT_SURE = ""
PLACEHOLDERS = {
    ReportType.TIP: _("什么时间、在哪里、看到了什么"),
    ReportType.HELP: _("遇到了什么困难，需要什么帮助"),
    ReportType.GRIEVANCE: _("反映什么问题，希望怎样解决"),
}


def unit_choices() -> list:
    """The resident's choice: "not sure" first, then each station with its communities."""
    choices: list = [(NOT_SURE, _("不确定（由县局值班室分派）"))]
    groups: dict[int, list] = {}
    stations = []
    for unit in choosable_units():
        if unit.kind == "bureau":
            continue  # "not sure" goes to the bureau
        if unit.kind == "station":
            stations.append(unit)
            groups[unit.pk] = [(unit.pk, unit.name)]
        elif unit.parent_id in groups:
            groups[unit.parent_id].append((unit.pk, f"{unit.name}"))
        else:
            choices.append((unit.pk, unit.name))
    choices += [(station.name, groups[station.pk]) for station in stations]
    return choices


class ReportForm(forms.Form):
    """What a resident or the duty desk writes down; which fields show depends on the type."""

    category = forms.ChoiceField(label=_("类型"), widget=forms.RadioSelect)
    urgency = forms.ChoiceField(
        label=_("紧急程度"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
        required=False,
    )
    text = forms.CharField(
        label=_("情况描述"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    plate = forms.CharField(
        label=_("车牌号（选填）"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    subject_name = forms.CharField(label=_("涉及人员姓名（选填）"), max_length=50, required=False)
    unit = forms.ChoiceField(label=_("所在派出所或社区"), required=False)
    contact_name = forms.CharField(label=_("联系人（选填）"), max_length=50, required=False)
    contact_phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    anonymous = forms.BooleanField(label=_("匿名反映（不留联系方式）"), required=False)
    photo = forms.FileField(
        label=_("照片（选填，JPG/PNG，5MB以内）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, report_type: str, units=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.report_type = report_type
        self.fields["category"].choices = categories_of(report_type)
        self.fields["unit"].choices = units if units is not None else unit_choices()
        self.fields["text"].widget.attrs["placeholder"] = PLACEHOLDERS.get(report_type, "")
        if report_type == ReportType.HELP:
            self.fields["place"].label = _("地址")
            self.fields["text"].label = _("需要什么帮助")
            self.fields["contact_phone"].required = False
            del self.fields["anonymous"]
            del self.fields["subject_name"]
            del self.fields["photo"]
        elif report_type == ReportType.GRIEVANCE:
            del self.fields["plate"]
            del self.fields["subject_name"]
            del self.fields["urgency"]

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        data.pop("photo", None)
        data["type"] = self.report_type
        return data


class PublicReportForm(ReportForm):
    captcha = CaptchaField(
        label=_("验证码：请计算图中算式的结果"),
        error_messages={"invalid": _("验证码不正确，请重新计算新的算式")},
        widget=CaptchaTextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class StaffReportForm(ReportForm):
    channel = forms.ChoiceField(
        label=_("来源渠道"),
        choices=[(value, Channel(value).label) for value in STAFF_CHANNELS],
        initial=Channel.PHONE,
        widget=forms.RadioSelect,
    )

    field_order = ["channel"]

    def service_data(self) -> dict:
        data = super().service_data()
        data.pop("channel", None)
        data.pop("unit", None)
        return data


class AssignForm(forms.Form):
    unit = forms.ChoiceField(label=_("指派单位"), required=False)
    officer = forms.ChoiceField(label=_("指派给"), required=False)
    note = forms.CharField(label=_("说明"), max_length=1000, required=False)

    def __init__(self, *args, units=(), officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("（不变）"))] + [(u.pk, u.name) for u in units]
        self.fields["officer"].choices = [("", _("（不指定个人）"))] + [
            (o.pk, f"{o.full_name or o.username}（{o.unit.name}）") for o in officers
        ]


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("改为"), choices=Status.choices)
    note = forms.CharField(
        label=_("处理情况"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reply = forms.CharField(
        label=_("答复群众（群众凭查询码可见）"),
        max_length=REPLY_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(value, Status(value).label) for value in allowed]


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("答复群众"), max_length=REPLY_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )


class MergeForm(forms.Form):
    into = forms.CharField(label=_("并入（查询码或编号）"), max_length=20)


class WatchForm(forms.Form):
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    id_number = forms.CharField(label=_("身份证号（选填）"), max_length=20, required=False)
    address = forms.CharField(label=_("现住址"), max_length=200, required=False)
    origin = forms.CharField(label=_("来源地（如：湖北省武汉市）"), max_length=100, required=False)


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("案件类别"), choices=CaseKind.choices)
    facts = forms.CharField(
        label=_("案情（不填则用线索描述）"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RumourFromReportForm(forms.Form):
    """Turning a rumour tip into an entry of the rumour knowledge base."""

    claim = forms.CharField(
        label=_("谣言内容"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("用一句话写明网传的说法"),
    )
    rebuttal = forms.CharField(
        label=_("辟谣内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    category = forms.ChoiceField(label=_("类别"), choices=RumourCategory.choices)
    sources = forms.CharField(
        label=_("来源"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一条；发布前须填写"),
    )
    publish = forms.BooleanField(label=_("已核实，立即发布"), required=False)


class MovementForm(forms.Form):
    plate = forms.CharField(label=_("车牌号"), max_length=12)
    kind = forms.ChoiceField(label=_("类型"), choices=GreenChannelKind.choices)
    reason = forms.CharField(label=_("事由"), max_length=200)
    checkpoints = forms.MultipleChoiceField(
        label=_("途经卡点"), widget=forms.CheckboxSelectMultiple, required=False
    )
    hours = forms.IntegerField(label=_("有效时长（小时）"), min_value=1, max_value=24, initial=4)

    def __init__(self, *args, checkpoints=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkpoints"].choices = [
            (c.pk, f"{c.name}（{c.unit.name}）") for c in checkpoints
        ]


class DeliveryForm(forms.Form):
    what = forms.CharField(label=_("送达内容"), max_length=200)
    delivered_at = forms.DateTimeField(
        label=_("送达时间（留空为现在）"),
        required=False,
        widget=DateTimeInput(),
    )
    note = forms.CharField(label=_("备注"), max_length=300, required=False)

    def clean_delivered_at(self):
        value = self.cleaned_data.get("delivered_at")
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value


class SlaForm(forms.Form):
    """One pair of fields per type and urgency: minutes to assignment, hours to resolution."""

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        for target in targets:
            key = f"{target.type}_{target.urgency}"
            self.fields[f"{key}_minutes"] = forms.IntegerField(
                label=_("指派（分钟）"), min_value=1, initial=target.assign_minutes
            )
            self.fields[f"{key}_hours"] = forms.IntegerField(
                label=_("办结（小时）"), min_value=1, initial=target.resolve_hours
            )

    def targets(self) -> dict:
        return {
            key: (
                self.cleaned_data[f"{key[0]}_{key[1]}_minutes"],
                self.cleaned_data[f"{key[0]}_{key[1]}_hours"],
            )
            for key in DEFAULT_TARGETS
        }


class PeriodForm(forms.Form):
    date_from = forms.DateField(label=_("从"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("到"), required=False, widget=DateInput())
    unit = forms.ChoiceField(label=_("单位"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("本单位"))] + [(u.pk, u.name) for u in units]
