from django.urls import path

from contributions.views import desk, member, public, search

app_name = "contributions"
urlpatterns = [
    # The delegate's area.
    path("my/documents/", member.mine, name="mine"),
    path("my/documents/new/<int:meeting_id>/", member.draft_create, name="draft_create"),
    path("my/documents/<int:pk>/", member.member_detail, name="member_detail"),
    path("my/documents/<int:pk>/edit/", member.draft_edit, name="draft_edit"),
    path("my/documents/<int:pk>/submit/", member.draft_submit, name="draft_submit"),
    path("my/documents/<int:pk>/withdraw/", member.withdraw, name="withdraw"),
    path(
        "my/documents/<int:pk>/amend/<str:kind>/", member.amendment_start, name="amendment_start"
    ),
    path(
        "my/documents/<int:pk>/cosponsorship/<int:organization_id>/",
        member.cosponsorship_answer,
        name="cosponsorship_answer",
    ),
    # Every group's register, searched.
    path("search/", search.search, name="search"),
    # The secretariat's desk: what needs it now.
    path("desk/", desk.desk, name="desk"),
    # Files, whatever the status of their document, behind the same access rule.
    path("documents/files/<int:pk>/<str:filename>", public.file_download, name="file_download"),
    # The public register of a group.
    path("<slug:group_slug>/documents/", public.document_list, name="document_list"),
    path("<slug:group_slug>/documents/feed/", public.document_feed, name="document_feed"),
    path(
        "<slug:group_slug>/documents/<str:slug>/", public.document_detail, name="document_detail"
    ),
]
