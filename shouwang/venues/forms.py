from django import forms
from django.utils.translation import gettext_lazy as _

from shouwang.cases.models import CaseKind
from shouwang.shell.forms import DateTimeInput
from shouwang.shell.uploads import MultipleFileField

from .models import MAX_INSPECTION_EVERY_DAYS, InspectionResult, VenueKind, VenueStatus

DATETIME = DateTimeInput()


class VenueForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("管辖单位"), queryset=None)
    kind = forms.ChoiceField(label=_("场所类别"), choices=VenueKind.choices)
    name = forms.CharField(label=_("场所名称"), max_length=100)
    address = forms.CharField(label=_("地址"), max_length=200)
    owner_name = forms.CharField(label=_("经营者"), max_length=50, required=False)
    owner_phone = forms.CharField(
        label=_("联系电话（手机）"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    credit_code = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    officer = forms.ModelChoiceField(label=_("责任民警"), queryset=None, required=False)
    inspection_every_days = forms.IntegerField(
        label=_("回访周期（天）"),
        required=False,
        min_value=1,
        max_value=MAX_INSPECTION_EVERY_DAYS,
        help_text=_("关停后默认每天回访"),
    )
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, units, officers, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["officer"].queryset = officers
        if editing:
            # A venue moves to another unit's register by being registered there, not here.
            self.fields["unit"].disabled = True


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("新状态"), choices=VenueStatus.choices)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class InspectionForm(forms.Form):
    result = forms.ChoiceField(
        label=_("检查结果"),
        choices=InspectionResult.choices,
        widget=forms.RadioSelect,
        initial=InspectionResult.COMPLIANT,
    )
    notes = forms.CharField(
        label=_("检查情况"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("违规时必填，将作为案情"),
    )
    photos = MultipleFileField(label=_("现场照片"), required=False)
    inspected_at = forms.DateTimeField(label=_("检查时间"), widget=DATETIME)
    unannounced = forms.BooleanField(label=_("暗访（未事先通知）"), required=False)
    case_kind = forms.ChoiceField(
        label=_("违规案件类别"),
        choices=[("", _("自动（关停场所为拒不执行防控命令）")), *CaseKind.choices],
        required=False,
    )


class PriceCheckForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("监测商品"), queryset=None, required=False, empty_label=_("（其他商品，手填）")
    )
    item_name = forms.CharField(label=_("商品名称"), max_length=50, required=False)
    unit_of_sale = forms.CharField(label=_("计价单位"), max_length=20, required=False)
    observed_price = forms.DecimalField(
        label=_("售价（元）"), max_digits=10, decimal_places=2, min_value=0
    )
    reference_price = forms.DecimalField(
        label=_("参考价（元）"), max_digits=10, decimal_places=2, min_value=0, required=False
    )
    threshold_percent = forms.IntegerField(
        label=_("哄抬阈值（高于参考价%）"), min_value=0, max_value=1000, required=False
    )
    quality_issue = forms.CharField(label=_("质量问题"), max_length=200, required=False)
    notes = forms.CharField(label=_("备注"), max_length=300, required=False)
    checked_at = forms.DateTimeField(label=_("检查时间"), widget=DATETIME)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items


class ClosureOrderForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("范围（单位及下级）"), queryset=None)
    kinds = forms.MultipleChoiceField(
        label=_("场所类别"),
        choices=VenueKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    venues = forms.CharField(
        label=_("或指定场所编号"),
        required=False,
        help_text=_("多个编号用逗号或空格分隔"),
    )
    legal_basis = forms.CharField(label=_("法律依据"), max_length=300)
    effective_at = forms.DateTimeField(label=_("生效时间"), widget=DATETIME)
    document_number = forms.CharField(label=_("文号"), max_length=50, required=False)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_venues(self) -> list[int]:
        text = self.cleaned_data["venues"].replace("，", ",").replace(",", " ")
        ids = []
        for part in text.split():
            if not part.isdigit() or not 1 <= int(part) <= 2**63 - 1:
                raise forms.ValidationError(_("“%(v)s”不是场所编号") % {"v": part[:20]})
            ids.append(int(part))
        return ids


class AcknowledgeForm(forms.Form):
    name = forms.CharField(label=_("签收人"), max_length=50)
    acknowledged_at = forms.DateTimeField(label=_("签收时间"), widget=DATETIME)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class PriceItemForm(forms.Form):
    name = forms.CharField(label=_("商品"), max_length=50)
    unit_of_sale = forms.CharField(label=_("计价单位"), max_length=20)
    reference_price = forms.DecimalField(
        label=_("参考价（元）"), max_digits=10, decimal_places=2, min_value=0
    )
    threshold_percent = forms.IntegerField(
        label=_("哄抬阈值（高于参考价%）"), min_value=0, max_value=1000
    )
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("场所名册（xlsx 或 csv）"))
