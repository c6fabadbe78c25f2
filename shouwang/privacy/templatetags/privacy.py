from django import template
from django.utils.translation import gettext as _

from shouwang.privacy import masking
from shouwang.privacy.services import may_view_personal_data
from shouwang.units.policy import may_at

register = template.Library()


@register.filter
def masked_id_number(value: str) -> str:
    return masking.mask_id_number(value)


@register.filter
def masked_phone(value: str) -> str:
    return masking.mask_phone(value)


@register.filter
def masked_name(value: str) -> str:
    return masking.mask_name(value)


@register.inclusion_tag("privacy/_export.html", takes_context=True)
def export_form(context, action: str, query: str = "", personal: bool = True, label: str = ""):
    """The export button of a list: a POST form, with reason and full-export choice when the
    list holds personal data (see privacy.exports)."""
    user = context["request"].user
    return {
        # Only for roles the export's own rule allows (units.policy.may_at).
        "allowed": may_at(user, action, "POST"),
        "action": f"{action}?{query}" if query else action,
        "personal": personal,
        "may_full": personal and may_view_personal_data(user),
        "label": label or _("导出 xlsx"),
        "form": None,
    }
