from django.urls import path

from proceedings.views import meetings, reports

app_name = "proceedings"
urlpatterns = [
    path("<slug:group_slug>/meetings/", meetings.meeting_list, name="meeting_list"),
    path(
        "<slug:group_slug>/meetings/<int:ordinal>/",
        meetings.meeting_detail,
        name="meeting_detail",
    ),
    path("<slug:group_slug>/reports/", reports.report_list, name="report_list"),
]
