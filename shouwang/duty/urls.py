from django.urls import path

from .views import roster, staff

app_name = "duty"
urlpatterns = [
    path("", roster.roster, name="roster"),
    path("mine/", roster.mine, name="mine"),
    path("coverage/", roster.coverage, name="coverage"),
    path("posts/", roster.post_list, name="posts"),
    path("posts/new/", roster.post_new, name="post_new"),
    path("posts/<int:pk>/", roster.post_detail, name="post"),
    path("posts/<int:pk>/shift/", roster.shift_new, name="shift_new"),
    path("posts/<int:pk>/week/", roster.week_assign_view, name="week_assign"),
    path("shifts/<int:pk>/cancel/", roster.shift_cancel_view, name="shift_cancel"),
    path("staff/", staff.staff_list, name="staff"),
    path("staff/export/", staff.staff_export, name="staff_export"),
    path("staff/new/", staff.staff_new, name="staff_new"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/status/", staff.staff_status, name="staff_status"),
    path("leave/cancel/", staff.leave_cancel, name="leave_cancel"),
    path("hours/", staff.hours, name="hours"),
    path("hours/export/", staff.hours_export, name="hours_export"),
]
