"""Outreach writes: bulletins and their status changes; resident groups, readings and posts."""

from .bulletins import bulletin_create, bulletin_transition, bulletin_update
from .groups import group_create, group_members_record, group_post_record, group_update

__all__ = [
    "bulletin_create",
    "bulletin_transition",
    "bulletin_update",
    "group_create",
    "group_members_record",
    "group_post_record",
    "group_update",
]
