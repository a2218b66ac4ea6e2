from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("<slug:group_slug>/", views.group_detail, name="group_detail"),
]
