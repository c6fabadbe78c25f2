from django import forms
from django.utils.translation import gettext_lazy as _

from shouwang.shell.forms import DateTimeInput
from shouwang.shell.uploads import MultipleFileField

from .models import MAX_DETENTION_DAYS, CaseKind, PartyRole
from .services import FACTS_MAX, MAX_FINE

DATETIME = DateTimeInput()


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("案件类别"), choices=CaseKind.choices)
    occurred_at = forms.DateTimeField(label=_("案发时间"), widget=DATETIME)
    place = forms.CharField(label=_("案发地点"), max_length=200, required=False)
    facts = forms.CharField(
        label=_("案情"), max_length=FACTS_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("身份"), choices=PartyRole.choices)
    person = forms.IntegerField(
        label=_("人员编号"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("重点人员名册中的编号；单位当事人不填"),
    )
    name = forms.CharField(label=_("单位名称"), max_length=100, required=False)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=30, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("name"):
            raise forms.ValidationError(_("请填写人员编号或单位名称"))
        return data


class DecisionForm(forms.Form):
    warning = forms.BooleanField(label=_("警告"), required=False)
    fine_amount = forms.IntegerField(
        label=_("罚款（元）"), required=False, min_value=1, max_value=MAX_FINE
    )
    detention_days = forms.IntegerField(
        label=_("行政拘留（日）"), required=False, min_value=1, max_value=MAX_DETENTION_DAYS
    )
    forced_closure = forms.BooleanField(label=_("强制关停"), required=False)
    criminal_transfer = forms.BooleanField(label=_("移送刑事侦查"), required=False)
    note = forms.CharField(label=_("决定书文号与说明"), max_length=300, required=False)


class CloseForm(forms.Form):
    note = forms.CharField(label=_("结案说明"), max_length=300, required=False)


class EvidenceForm(forms.Form):
    files = MultipleFileField(label=_("照片或文件（JPEG、PNG、PDF）"))
    description = forms.CharField(label=_("说明"), max_length=200, required=False)


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("作废原因"), max_length=200)
