from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "shouwang.bookings"
    verbose_name = "预约服务"
