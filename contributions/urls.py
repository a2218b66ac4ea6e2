from django.urls import path

from contributions.views import member, public

app_name = "contributions"
urlpatterns = [
    # The delegate's area.
    path("my/documents/", member.mine, name="mine"),
    path("my/documents/new/<int:meeting_id>/", member.draft_create, name="draft_create"),
    path("my/documents/<int:pk>/", member.member_detail, name="member_detail"),
    path("my/documents/<int:pk>/edit/", member.draft_edit, name="draft_edit"),
    path("my/documents/<int:pk>/submit/", member.draft_submit, name="draft_submit"),
    path("my/documents/<int:pk>/withdraw/", member.withdraw, name="withdraw"),
    # Files, whatever the status of their document, behind the same access rule.
    path("documents/files/<int:pk>/<str:filename>", public.file_download, name="file_download"),
    # The public register of a group.
    path("<slug:group_slug>/documents/", public.document_list, name="document_list"),
    path(
        "<slug:group_slug>/documents/<str:slug>/", public.document_detail, name="document_detail"
    ),
]
