from django.urls import path

from proceedings import views

app_name = "proceedings"
urlpatterns = [
    path("<slug:group_slug>/meetings/", views.meeting_list, name="meeting_list"),
    path("<slug:group_slug>/meetings/<int:ordinal>/", views.meeting_detail, name="meeting_detail"),
    path("<slug:group_slug>/reports/", views.report_list, name="report_list"),
]
