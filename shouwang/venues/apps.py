from django.apps import AppConfig


class VenuesConfig(AppConfig):
    name = "shouwang.venues"
    verbose_name = "场所管控"

    def ready(self) -> None:
        from shouwang.cases.links import on_case_decided

        from .services.transitions import close_venues_of_decided_case

        # A case decided with a forced closure closes its venue party in the same transaction.
        on_case_decided(close_venues_of_decided_case)
