from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shouwang.shell.forms import add_service_errors

from .models import Checkpoint, CheckpointKind

FIELDS = (
    "unit",
    "name",
    "kind",
    "location",
    "latitude",
    "longitude",
    "is_24h",
    "opens_at",
    "closes_at",
    "party_member_post",
)


class CheckpointForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("所属单位"), queryset=None)
    name = forms.CharField(label=_("卡点名称"), max_length=100)
    kind = forms.ChoiceField(label=_("卡点类型"), choices=CheckpointKind.choices)
    location = forms.CharField(label=_("位置"), max_length=200, required=False)
    latitude = forms.DecimalField(label=_("纬度"), required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label=_("经度"), required=False, max_digits=9, decimal_places=6)
    is_24h = forms.BooleanField(label=_("24小时值守"), required=False, initial=True)
    opens_at = forms.TimeField(
        label=_("开始时间"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes_at = forms.TimeField(
        label=_("结束时间"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    party_member_post = forms.BooleanField(label=_("党员先锋岗"), required=False)

    def __init__(self, *args, instance_values: Checkpoint | None = None, units=None, **kwargs):
        if instance_values is not None:
            kwargs["initial"] = {name: getattr(instance_values, name) for name in FIELDS}
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, error)
