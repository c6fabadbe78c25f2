from django.apps import AppConfig


class PassesConfig(AppConfig):
    name = "shouwang.passes"
    verbose_name = "通行证"

    def ready(self) -> None:
        from shouwang.checkpoints.pass_checks import pass_check_install

        from .interface import verify_for_passage

        pass_check_install(verify_for_passage)
