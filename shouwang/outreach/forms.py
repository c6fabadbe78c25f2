from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouwang.shell.forms import DateInput

from .models import (
    BODY_MAX,
    MAX_CAPACITY,
    REASON_MAX,
    TITLE_MAX,
    BulletinKind,
    BulletinStatus,
    Platform,
)
from .services.groups import MAX_POSTS_PER_ENTRY


class BulletinForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("发布单位"), queryset=None)
    kind = forms.ChoiceField(label=_("类别"), choices=BulletinKind.choices)
    title = forms.CharField(label=_("标题"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("正文"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    audience_units = forms.ModelMultipleChoiceField(
        label=_("面向单位"),
        queryset=None,
        required=False,
        help_text=_("不选即面向发布单位辖区全体群众"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, units, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["audience_units"].queryset = units
        if editing:
            self.fields["unit"].disabled = True


class BulletinTransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("新状态"), choices=BulletinStatus.choices)
    reason = forms.CharField(label=_("原因"), max_length=REASON_MAX, required=False)


class GroupForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("所属单位"), queryset=None)
    name = forms.CharField(label=_("群名称"), max_length=100)
    platform = forms.ChoiceField(label=_("平台"), choices=Platform.choices)
    capacity = forms.IntegerField(
        label=_("人数上限"), min_value=1, max_value=MAX_CAPACITY, initial=500
    )
    admin_officer = forms.ModelChoiceField(label=_("群管理民警"), queryset=None, required=False)
    member_count = forms.IntegerField(
        label=_("当前人数"), min_value=0, max_value=MAX_CAPACITY, required=False
    )
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, units, officers, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["admin_officer"].queryset = officers
        if editing:
            # A group belongs to the unit that runs it; the count changes through the ledger.
            self.fields["unit"].disabled = True
            del self.fields["member_count"]


class ReadingForm(forms.Form):
    count = forms.IntegerField(label=_("群成员数"), min_value=0, max_value=MAX_CAPACITY)
    on = forms.DateField(
        label=_("统计日期"), widget=DateInput, initial=timezone.localdate, required=False
    )


class PostForm(forms.Form):
    posted_on = forms.DateField(
        label=_("发布日期"), widget=DateInput, initial=timezone.localdate, required=False
    )
    count = forms.IntegerField(
        label=_("条数"), min_value=1, max_value=MAX_POSTS_PER_ENTRY, initial=1
    )
    bulletin = forms.ModelChoiceField(label=_("所发通告"), queryset=None, required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, bulletins, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulletin"].queryset = bulletins
