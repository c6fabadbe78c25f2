"""The forms of the booking pages: they read the input; the services validate what matters and
their errors are carried back onto the fields (`shell.forms.add_service_errors`)."""

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.utils.translation import gettext_lazy as _

from shouwang.shell.forms import DateInput

from .models import NAME_LIMIT, WEEKDAY_LABELS, BookingStatus, ServiceKind
from .services import MAX_GENERATE_DAYS, periods_parse

WEEKDAYS = list(WEEKDAY_LABELS.items())


class WindowForm(forms.Form):
    name = forms.CharField(label=_("窗口名称"), max_length=100)
    kind = forms.ChoiceField(label=_("业务类别"), choices=ServiceKind.choices)
    unit = forms.TypedChoiceField(label=_("所属单位"), coerce=int)
    address = forms.CharField(label=_("办理地点"), max_length=200, required=False)
    note = forms.CharField(
        label=_("办理须知（群众预约时可见）"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("开放日"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=[1, 2, 3, 4, 5],
    )
    periods = forms.CharField(
        label=_("开放时段"),
        max_length=200,
        initial="09:00-12:00, 14:00-17:00",
        help_text=_("多个时段用逗号分隔，如“09:00-12:00, 14:00-17:00”"),
    )
    slot_minutes = forms.IntegerField(
        label=_("每时段分钟数"), min_value=5, max_value=240, initial=30
    )
    slot_capacity = forms.IntegerField(label=_("每时段名额"), min_value=1, max_value=100, initial=4)
    is_active = forms.BooleanField(label=_("开放预约"), required=False, initial=True)

    def __init__(self, *args, units=(), editing: bool = False, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(unit.pk, unit.name) for unit in units]
        if editing:
            del self.fields["unit"]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("unit", None)
        data["periods"] = periods_parse(data.get("periods", ""))
        return data


class GenerateForm(forms.Form):
    start = forms.DateField(label=_("从"), widget=DateInput)
    days = forms.IntegerField(label=_("天数"), min_value=1, max_value=MAX_GENERATE_DAYS, initial=7)


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("名额"), min_value=0, max_value=100)


class MarkForm(forms.Form):
    status = forms.ChoiceField(label=_("办理结果"), choices=BookingStatus.choices)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class PublicBookingForm(forms.Form):
    slot = forms.IntegerField(
        label=_("预约时段"),
        min_value=1,
        error_messages={"required": _("请选择预约时段")},
        widget=forms.HiddenInput,
    )
    name = forms.CharField(label=_("姓名"), max_length=NAME_LIMIT)
    phone = forms.CharField(
        label=_("手机号"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    captcha = CaptchaField(
        label=_("验证码：请计算图中算式的结果"),
        error_messages={"invalid": _("验证码不正确，请重新计算新的算式")},
        widget=CaptchaTextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
