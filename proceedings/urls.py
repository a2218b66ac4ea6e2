app_name = "proceedings"
urlpatterns = []
