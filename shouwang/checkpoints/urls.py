app_name = "checkpoints"
urlpatterns: list = []
