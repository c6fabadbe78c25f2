from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmergencyLevel, Unit, UnitKind


class UnitForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=UnitKind.choices)
    parent = forms.ModelChoiceField(label=_("上级单位"), queryset=Unit.objects.none())
    code = forms.CharField(label=_("单位代码"), max_length=32, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units


class EmergencyLevelForm(forms.Form):
    level = forms.TypedChoiceField(label=_("响应级别"), choices=EmergencyLevel.choices, coerce=int)
    reason = forms.CharField(label=_("原因"), max_length=300)
