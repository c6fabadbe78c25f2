import re
from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouwang.checkpoints.models import Checkpoint
from shouwang.shell.forms import DateTimeInput

from .models import HolderKind
from .services import PassPersonIn


class PassForm(forms.Form):
    holder_kind = forms.ChoiceField(
        label=_("持证人类型"),
        choices=HolderKind.choices,
        widget=forms.RadioSelect,
        initial=HolderKind.ENTERPRISE,
    )
    enterprise_name = forms.CharField(label=_("企业名称"), max_length=100, required=False)
    credit_code = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocapitalize": "characters"}),
    )
    person_name = forms.CharField(label=_("持证人姓名"), max_length=50, required=False)
    person_id_number = forms.CharField(label=_("持证人身份证号"), max_length=30, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    plates = forms.CharField(
        label=_("车牌号"),
        required=False,
        help_text=_("每行一个，或以空格、逗号分隔"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    people = forms.CharField(
        label=_("随行人员"),
        required=False,
        help_text=_("每行一人：姓名 身份证号（身份证号可省略）"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    purpose = forms.CharField(label=_("通行事由"), max_length=200)
    valid_from = forms.DateTimeField(label=_("生效时间"), widget=DateTimeInput)
    valid_to = forms.DateTimeField(label=_("截止时间"), widget=DateTimeInput)
    checkpoints = forms.ModelMultipleChoiceField(
        label=_("适用卡点"),
        queryset=Checkpoint.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不选表示本局所有卡点"),
    )
    zones = forms.CharField(label=_("适用区域说明"), max_length=200, required=False)

    def __init__(self, *args, checkpoints=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checkpoints"].queryset = (
            checkpoints if checkpoints is not None else (Checkpoint.objects.none())
        )
        if not self.is_bound:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("valid_from", now)
            self.initial.setdefault("valid_to", now + timedelta(days=30))

    def plate_list(self) -> list[str]:
        return [part for part in re.split(r"[\s,，、;；]+", self.cleaned_data["plates"]) if part]

    def people_list(self) -> list[PassPersonIn]:
        people = []
        for line in self.cleaned_data["people"].splitlines():
            parts = line.split()
            if parts:
                people.append(PassPersonIn(parts[0], parts[1] if len(parts) > 1 else ""))
        return people


class RenewForm(forms.Form):
    valid_from = forms.DateTimeField(label=_("新生效时间"), widget=DateTimeInput)
    valid_to = forms.DateTimeField(label=_("新截止时间"), widget=DateTimeInput)


class IssuerForm(forms.Form):
    name = forms.CharField(label=_("签发机关名称"), max_length=100)
    public_key = forms.CharField(
        label=_("对方签名公钥"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Base64 或 PEM 格式的 Ed25519 公钥，由对方提供"),
    )
    note = forms.CharField(label=_("备注"), max_length=200, required=False)
