from django import forms
from django.utils.translation import gettext_lazy as _

from shouwang.shell.forms import DateInput

from .models import (
    ALIASES_LIMIT,
    CLAIM_LIMIT,
    EVIDENCE_LIMIT,
    REBUTTAL_LIMIT,
    RumourCategory,
    RumourStatus,
)

CHECK_LIMIT = 2000


class RumourForm(forms.Form):
    claim = forms.CharField(
        label=_("谣言内容"),
        max_length=CLAIM_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("用一句话写明网传的说法，如“甲醇可以代替酒精消毒”"),
    )
    rebuttal = forms.CharField(
        label=_("辟谣内容"),
        max_length=REBUTTAL_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("群众看到的回答：事实是什么，应该怎么做"),
    )
    category = forms.ChoiceField(label=_("类别"), choices=RumourCategory.choices)
    sources = forms.CharField(
        label=_("来源"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一条，如“国家卫生健康委员会《消毒剂使用指南》”"),
    )
    evidence = forms.CharField(
        label=_("证据与依据"),
        max_length=EVIDENCE_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    aliases = forms.CharField(
        label=_("其他说法"),
        max_length=ALIASES_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("同一谣言的其他传法，每行一条，有助于比对"),
    )
    first_seen = forms.DateField(label=_("首次发现"), widget=DateInput)
    publish = forms.BooleanField(
        label=_("已核实，立即发布"),
        required=False,
        help_text=_("发布后群众可在“谣言查询”页面查到；须填写来源"),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["publish"]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("publish", None)
        return data


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("改为"))
    reason = forms.CharField(label=_("原因"), max_length=200)

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(status, RumourStatus(status).label) for status in allowed]


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("群消息"),
        max_length=CHECK_LIMIT,
        widget=forms.Textarea(
            attrs={"rows": 4, "placeholder": _("把群里看到的消息粘贴到这里"), "autofocus": True}
        ),
    )
