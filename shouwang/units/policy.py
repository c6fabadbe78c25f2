"""Who may do what: one rule per action, asked by services, pages and API operations alike.

A rule is a capability (shouwang.accounts.roles) or a `Policy` combining several. Services call
`require(actor, rule, unit)`; pages wear `@guarded(rule)`; API operations take
`auth=api_guard(rule)` (shouwang.api.auth), so a role without the capability is refused with 403
before its request body is even read. An action's page and its API operation name the same rule.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import URLResolver, get_resolver, resolve
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability

from .scoping import NO_UNIT_REFUSAL, has_jurisdiction, unit_is_visible_to

C = Capability


@dataclass(frozen=True)
class Policy:
    """An action's rule: every capability in `all_of`, and at least one of `any_of` if given."""

    all_of: frozenset[str] = frozenset()
    any_of: frozenset[str] = frozenset()

    @classmethod
    def all(cls, *capabilities: str) -> "Policy":
        return cls(all_of=frozenset(capabilities))

    @classmethod
    def any(cls, *capabilities: str) -> "Policy":
        return cls(any_of=frozenset(capabilities))

    def with_all(self, *capabilities: str) -> "Policy":
        """This rule and these capabilities too (an export is a read plus EXPORT_DATA)."""
        return Policy(all_of=self.all_of | frozenset(capabilities), any_of=self.any_of)

    def allows(self, user: Any) -> bool:
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        held = user.capabilities
        return self.all_of <= held and (not self.any_of or bool(self.any_of & held))

    def refusal(self) -> str:
        """Why a user is refused, naming what the action takes."""
        needed = [str(C(name).label) for name in sorted(self.all_of)]
        if self.any_of:
            choices = "、".join(str(C(name).label) for name in sorted(self.any_of))
            needed.append(_("以下之一：%(choices)s") % {"choices": choices})
        if not needed:
            return _("请先登录")
        return _("您无权执行此操作（需要：%(needed)s）") % {"needed": "；".join(needed)}


# Signed in is enough: the user's own profile, the unit tree he sees, the home page.
SIGNED_IN = Policy()

Rule = str | Policy


def policy_of(rule: Rule) -> Policy:
    return rule if isinstance(rule, Policy) else Policy.all(rule)


def allows(user: Any, rule: Rule) -> bool:
    return policy_of(rule).allows(user)


# Rules an action's page and its API operation share, beyond a single capability.
# Reading an area's records is for those who work with them, not for everyone signed in.
CHECKPOINT_RECORDS = Policy.any(C.REGISTER_PASSAGES, C.MANAGE_CHECKPOINTS)
CHECKPOINT_FIGURES = Policy.any(C.VIEW_REPORTS, C.REGISTER_PASSAGES)
PASS_RECORDS = Policy.any(C.MANAGE_PASSES, C.VERIFY_PASSES)
IMPORT_PEOPLE = Policy.all(C.IMPORT_LISTS, C.MANAGE_PEOPLE)
EXPORT_PEOPLE = Policy.all(C.VIEW_PEOPLE, C.EXPORT_DATA)
# The duty desk takes alerts in hand; so does an officer managing the people concerned.
ACKNOWLEDGE_ALERTS = Policy(
    all_of=frozenset({C.VIEW_PEOPLE}), any_of=frozenset({C.HANDLE_INTAKE, C.MANAGE_PEOPLE})
)


def require(
    actor: Any,
    rule: Rule,
    unit: Any = None,
    *,
    message: str | None = None,
    unit_message: str | None = None,
) -> None:
    """Deny unless the actor holds the rule's capabilities (and, when given, may act for the unit)."""
    policy = policy_of(rule)
    if not policy.allows(actor):
        raise PermissionDenied(message or policy.refusal())
    if not has_jurisdiction(actor):
        # Every service acts within the actor's unit; without one it has nowhere to act.
        raise PermissionDenied(NO_UNIT_REFUSAL)
    if unit is not None and not unit_is_visible_to(unit, actor):
        raise PermissionDenied(unit_message or _("您无权管理该单位的数据"))


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def guarded(read: Rule, *, write: Rule | None = None) -> Callable:
    """A page for signed-in users holding `read` (and `write` to POST): others get the 403 page.

    The check comes before anything else the view does, so a refused user learns nothing,
    not even whether the record or the method exists.
    """
    read_policy = policy_of(read)
    write_policy = policy_of(write) if write is not None else read_policy

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded_view(request, *args, **kwargs):
            policy = read_policy if request.method in SAFE_METHODS else write_policy
            if not policy.allows(request.user):
                raise PermissionDenied(policy.refusal())
            return view(request, *args, **kwargs)

        guarded_view.policies = {"read": read_policy, "write": write_policy}  # type: ignore[attr-defined]
        return login_required(guarded_view)

    return decorate


# --- What a page may offer: the rule of the route a form posts to or a link opens ----------------


@cache
def _route_views(resolver: URLResolver) -> dict[str, Callable]:
    """Every named route of the URL configuration → its view, names with their namespaces."""
    views: dict[str, Callable] = {}

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
                walk(pattern.url_patterns, inner)
            elif pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                views.setdefault(name, pattern.callback)

    walk(resolver.url_patterns, None)
    return views


def route_policy(route_name: str, method: str = "POST") -> Policy:
    """The rule the page `route_name` applies to `method`: the very policy its view wears.

    A page without `@guarded` is open to everyone signed in (the home page, the profile).
    """
    try:
        view = _route_views(get_resolver())[route_name]
    except KeyError:
        raise LookupError(f"no route named {route_name!r}") from None
    return _view_policy(view, method)


def _view_policy(view: Callable, method: str) -> Policy:
    policies = getattr(view, "policies", None)
    if policies is None:
        return SIGNED_IN
    return policies["read" if method in SAFE_METHODS else "write"]


def may(user: Any, route_name: str, method: str = "POST") -> bool:
    """Whether the user's role may use the route: a page shows a form or a button only then.

    Templates ask it through `{% load policy %}{% if user|may:"people:followup_new" %}` (the
    action, POST) or `user|may_open:"…"` (opening the page, GET), so a page never offers what
    the action would refuse. Rules on the record itself (its recorder, its status) stay with the
    page that knows the record.
    """
    return route_policy(route_name, method).allows(user)


def may_at(user: Any, path: str, method: str = "POST") -> bool:
    """`may` for a URL path (a form's action built elsewhere, e.g. the export button)."""
    return _view_policy(resolve(path.split("?", 1)[0]).func, method).allows(user)
