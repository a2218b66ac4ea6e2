from django.urls import path

from proceedings.views import meetings, reports, work_plans

app_name = "proceedings"
urlpatterns = [
    path("<slug:group_slug>/meetings/", meetings.meeting_list, name="meeting_list"),
    path(
        "<slug:group_slug>/meetings/<int:ordinal>/",
        meetings.meeting_detail,
        name="meeting_detail",
    ),
    path("<slug:group_slug>/reports/", reports.report_list, name="report_list"),
    path("<slug:group_slug>/work-plan/", work_plans.work_plan, name="work_plan"),
    path("<slug:group_slug>/reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("<slug:group_slug>/reports/<int:pk>/docx/", reports.report_docx, name="report_docx"),
    path("<slug:group_slug>/reports/<int:pk>/pdf/", reports.report_pdf, name="report_pdf"),
    path(
        "<slug:group_slug>/reports/<int:pk>/translations/<int:file_pk>/<str:filename>",
        reports.report_translation_download,
        name="report_translation_download",
    ),
]
