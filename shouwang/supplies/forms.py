from django import forms
from django.utils.translation import gettext_lazy as _

from shouwang.shell.forms import DateTimeInput

from .models import ItemCategory, MovementKind
from .services import MAX_QUANTITY

# The form's words for what a person records (a transfer is recorded where it leaves).
KIND_CHOICES = [
    (MovementKind.ISSUED, _("发放")),
    (MovementKind.RECEIVED, _("入库")),
    (MovementKind.DONATED, _("受赠")),
    (MovementKind.TRANSFERRED, _("调拨")),
    (MovementKind.WRITTEN_OFF, _("报损")),
]


class MovementForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=KIND_CHOICES, widget=forms.RadioSelect)
    unit = forms.ModelChoiceField(label=_("单位"), queryset=None, empty_label=None)
    item = forms.ModelChoiceField(label=_("物资"), queryset=None)
    quantity = forms.IntegerField(
        label=_("数量"),
        min_value=1,
        max_value=MAX_QUANTITY,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    to_unit = forms.ModelChoiceField(
        label=_("对方单位"),
        queryset=None,
        required=False,
        help_text=_("调拨时为调入单位；发放时可选领用的卡点或单位"),
    )
    recipient = forms.CharField(label=_("领用人"), max_length=60, required=False)
    donor = forms.ModelChoiceField(
        label=_("已登记的捐赠人"), queryset=None, required=False, empty_label=_("新捐赠人")
    )
    donor_name = forms.CharField(label=_("捐赠人姓名"), max_length=60, required=False)
    donor_organisation = forms.CharField(label=_("捐赠单位或组织"), max_length=100, required=False)
    donor_contact = forms.CharField(
        label=_("捐赠人手机号"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    reason = forms.CharField(label=_("报损原因"), max_length=200, required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)
    occurred_at = forms.DateTimeField(
        label=_("发生时间"), required=False, widget=DateTimeInput, help_text=_("留空为现在")
    )

    # Which kinds each field belongs to (the page shows a field for its kinds only).
    KINDS_OF = {
        "to_unit": ("issued", "transferred"),
        "recipient": ("issued",),
        "donor": ("donated",),
        "donor_name": ("donated",),
        "donor_organisation": ("donated",),
        "donor_contact": ("donated",),
        "reason": ("written_off",),
    }

    def __init__(self, *args, units, items, donors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["to_unit"].queryset = units
        self.fields["item"].queryset = items
        self.fields["donor"].queryset = donors

    def clean(self):
        data = super().clean()
        if data.get("kind") == MovementKind.DONATED and not (
            data.get("donor") or data.get("donor_name")
        ):
            self.add_error("donor_name", _("请选择已登记的捐赠人或填写新捐赠人姓名"))
        return data

    def fields_for_page(self):
        """(bound field, the kinds it shows for, or () for every kind)."""
        return [(self[name], self.KINDS_OF.get(name, ())) for name in self.fields if name != "kind"]


class ItemForm(forms.Form):
    name = forms.CharField(label=_("物资名称"), max_length=60)
    unit_of_measure = forms.CharField(
        label=_("计量单位"), max_length=10, help_text=_("如：只、副、瓶、支、桶、斤")
    )
    category = forms.ChoiceField(label=_("类别"), choices=ItemCategory.choices)
    low_stock_threshold = forms.IntegerField(
        label=_("低库存警戒值"), min_value=0, max_value=MAX_QUANTITY, initial=0
    )
    unit = forms.ModelChoiceField(label=_("所属单位"), queryset=None, empty_label=None)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ThresholdForm(forms.Form):
    low_stock_threshold = forms.IntegerField(
        label=_("低库存警戒值"), min_value=0, max_value=MAX_QUANTITY
    )


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("冲正原因"), max_length=200)
