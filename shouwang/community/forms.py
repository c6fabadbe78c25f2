"""Forms of the community pages: Chinese labels; business rules stay in the services."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from shouwang.shell.forms import DateInput, DateTimeInput

from .models import ActivityKind

_LIST_SEPARATORS = re.compile(r"[,，、;；\s]+")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name or obj.username}（{obj.unit.name}）" if obj.unit_id else str(obj)


class UsersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name or obj.username}（{obj.unit.name}）" if obj.unit_id else str(obj)


class HouseholdForm(forms.Form):
    MAIN_FIELDS = ("unit", "building", "entrance", "room")

    unit = forms.ModelChoiceField(label=_("社区/村"), queryset=None)
    building = forms.CharField(label=_("楼栋"), max_length=30, help_text=_("如“34号楼”或“三组”"))
    entrance = forms.CharField(label=_("单元"), max_length=20, required=False)
    room = forms.CharField(label=_("房号"), max_length=20)
    address_text = forms.CharField(
        label=_("地址"),
        max_length=200,
        required=False,
        help_text=_("留空则由社区、楼栋、单元、房号组成"),
    )
    plates = forms.CharField(
        label=_("车牌"), max_length=100, required=False, help_text=_("多个车牌用逗号分开")
    )
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_plates(self):
        return [plate for plate in _LIST_SEPARATORS.split(self.cleaned_data["plates"]) if plate]


class MemberForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号"), max_length=30, required=False)
    phone = forms.CharField(label=_("手机号"), max_length=20, required=False)
    relation = forms.CharField(label=_("与户主关系"), max_length=20, required=False)


class HouseholdEditForm(forms.Form):
    address_text = HouseholdForm.base_fields["address_text"]
    plates = HouseholdForm.base_fields["plates"]
    note = HouseholdForm.base_fields["note"]
    clean_plates = HouseholdForm.clean_plates


class MemberEditForm(forms.Form):
    """A resident's correction. The stored ID number and phone are not shown (masked on the
    page): a new value replaces one, "clear" removes it, blank keeps it."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    relation = forms.CharField(label=_("与户主关系"), max_length=20, required=False)
    id_number = forms.CharField(
        label=_("身份证号"), max_length=30, required=False, help_text=_("留空则不变")
    )
    clear_id_number = forms.BooleanField(label=_("清除身份证号"), required=False)
    phone = forms.CharField(
        label=_("手机号"), max_length=20, required=False, help_text=_("留空则不变")
    )
    clear_phone = forms.BooleanField(label=_("清除手机号"), required=False)
    reason = forms.CharField(label=_("更正原因"), max_length=100)

    def changes(self) -> dict:
        """The service's keyword arguments: identifiers only when given or cleared."""
        data = self.cleaned_data
        changes = {key: data[key] for key in ("name", "relation", "reason")}
        for field in ("id_number", "phone"):
            if data[f"clear_{field}"]:
                changes[field] = ""
            elif data[field].strip():
                changes[field] = data[field]
        return changes


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=200)


class HouseholdMoveForm(forms.Form):
    building = forms.ModelChoiceField(label=_("迁入楼栋"), queryset=None)
    entrance = forms.CharField(label=_("单元"), max_length=20, required=False)
    room = forms.CharField(label=_("房号"), max_length=20)

    def __init__(self, *args, buildings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = buildings
        self.fields["building"].label_from_instance = lambda b: f"{b.unit.name} {b.name}"


class BuildingMoveForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("划入社区/村"), queryset=None)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    starts_on = forms.DateField(label=_("开始日期"), widget=DateInput)
    ends_on = forms.DateField(label=_("结束日期"), widget=DateInput)
    units = forms.ModelMultipleChoiceField(
        label=_("排查范围"),
        queryset=None,
        help_text=_("选派出所即包括其下全部社区和村"),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    questions = forms.CharField(
        label=_("排查问题"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一个问题；留空使用默认问题"),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units

    def clean_questions(self):
        return [
            line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()
        ]


class PointForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("所在社区/村"), queryset=None)
    name = forms.CharField(label=_("名称"), max_length=100)
    staff = UsersChoiceField(
        label=_("排查人员"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, units=None, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["staff"].queryset = staff


ANSWER_CHOICES = [("", _("未问")), ("yes", _("是")), ("no", _("否"))]


class VisitForm(forms.Form):
    """A visit on a phone: who is home, the campaign's questions, anyone to watch."""

    residents_present = forms.IntegerField(
        label=_("在家人数"),
        min_value=0,
        max_value=99,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    visitors = UsersChoiceField(
        label=_("同行排查人员"),
        queryset=None,
        required=False,
        help_text=_("本人自动计入"),
        widget=forms.SelectMultiple(attrs={"size": 3}),
    )
    note = forms.CharField(label=_("备注"), max_length=300, required=False)
    arrival_name = forms.CharField(label=_("重点地区来人姓名"), max_length=50, required=False)
    arrival_id_number = forms.CharField(label=_("身份证号"), max_length=30, required=False)
    arrival_region = forms.CharField(
        label=_("从哪里返回"),
        max_length=50,
        required=False,
        help_text=_("如“湖北武汉”或区划代码“420100”"),
    )
    arrival_on = forms.DateField(label=_("到达日期"), required=False, widget=DateInput)
    fever_name = forms.CharField(label=_("有发热等症状者姓名"), max_length=50, required=False)
    fever_id_number = forms.CharField(label=_("身份证号"), max_length=30, required=False)
    fever_note = forms.CharField(label=_("症状"), max_length=200, required=False)

    def __init__(self, *args, questions=(), colleagues=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitors"].queryset = colleagues
        self.question_fields = []
        for question in questions:
            name = f"answer_{question['key']}"
            self.fields[name] = forms.ChoiceField(
                label=question["text"],
                choices=ANSWER_CHOICES,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "answer"}),
            )
            self.question_fields.append(name)

    def answers(self) -> dict[str, bool]:
        return {
            name.removeprefix("answer_"): self.cleaned_data[name] == "yes"
            for name in self.question_fields
            if self.cleaned_data.get(name)
        }

    def main_fields(self):
        return [self[name] for name in ("residents_present", *self.question_fields)]

    def arrival_fields(self):
        return [
            self[name]
            for name in ("arrival_name", "arrival_id_number", "arrival_region", "arrival_on")
        ]

    def fever_fields(self):
        return [self[name] for name in ("fever_name", "fever_id_number", "fever_note")]

    def other_fields(self):
        return [self[name] for name in ("visitors", "note")]


class CaptainForm(forms.Form):
    officer = UserChoiceField(label=_("楼长"), queryset=None)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class RepresentativeForm(forms.Form):
    entrance = forms.CharField(label=_("单元"), max_length=20, required=False)
    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("手机号"), max_length=20, required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("工作类别"), choices=ActivityKind.choices, widget=forms.RadioSelect
    )
    people_count = forms.IntegerField(
        label=_("涉及人数"),
        min_value=0,
        max_value=9999,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(label=_("情况"), max_length=300, required=False)
    happened_at = forms.DateTimeField(
        label=_("时间"), required=False, widget=DateTimeInput, help_text=_("留空为现在")
    )


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("作废原因"), max_length=200)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("住户名单（xlsx 或 csv）"))
