app_name = "passes"
urlpatterns: list = []
