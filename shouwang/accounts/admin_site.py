"""The admin site behind our own login and second factor, never a login form of its own.

This module is imported while the apps load (for `ShouwangAdminConfig`), so it imports no
models at the top.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from shouwang.shell.redirects import next_path


class ShouwangAdminSite(AdminSite):
    site_header = "守望 系统管理"
    site_title = "守望"

    def has_permission(self, request) -> bool:
        from .services import second_factor_required

        if not super().has_permission(request):
            return False
        user = request.user
        return not (second_factor_required(user) and not user.is_verified())

    def login(self, request, extra_context=None):
        """Django's admin login would take a password without the code; send him to ours."""
        target = urlencode({"next": next_path(request, "admin:index")})
        return redirect(f"{reverse('login')}?{target}")


class ShouwangAdminConfig(AdminConfig):
    """Django's admin app with our site as `admin.site`."""

    default_site = "shouwang.accounts.admin_site.ShouwangAdminSite"
