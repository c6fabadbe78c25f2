from django import forms
from django.utils.translation import gettext_lazy as _

from shouwang.shell.forms import DateInput

from .models import RiskLevel


class KeyAreaForm(forms.Form):
    region_code = forms.CharField(
        label=_("行政区划代码"),
        max_length=6,
        help_text=_("输入地名或代码搜索，如“武汉”或“420100”"),
        widget=forms.TextInput(attrs={"list": "region-options", "autocomplete": "off"}),
    )
    risk_level = forms.ChoiceField(label=_("风险等级"), choices=RiskLevel.choices)
    valid_from = forms.DateField(label=_("生效日期"), widget=DateInput)
    valid_to = forms.DateField(
        label=_("失效日期"),
        required=False,
        help_text=_("留空表示长期有效"),
        widget=DateInput,
    )
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The region is what the area is; a different region is a different area.
            self.fields["region_code"].disabled = True
            self.fields["region_code"].help_text = ""


class KeyAreaEndForm(forms.Form):
    on = forms.DateField(label=_("最后有效日期"), widget=DateInput)
    reason = forms.CharField(label=_("原因"), max_length=100, required=False)
