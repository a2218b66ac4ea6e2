from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from egitrs import views
from members.views import (
    LoginView,
    PasswordChangeView,
    PasswordResetConfirmView,
    PasswordResetView,
    admin_password_change,
    set_language,
)

# Each app's urls carry their full paths; fixed prefixes come before the group slug.
urlpatterns = [
    path("", views.home, name="home"),
    # Before the admin's own: the same page, and the change is recorded.
    path(
        "admin/password_change/",
        admin.site.admin_view(admin_password_change, cacheable=True),
        name="admin_password_change",
    ),
    path("admin/", admin.site.urls),
    path("health/", views.health, name="health"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("", include("members.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    # Django's language switch, which also keeps a signed-in person's choice.
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("contributions.urls")),
    path("", include("proceedings.urls")),
    path("", include("meetings.urls")),
]

# Every refusal is recorded in the security log.
handler403 = "members.views.permission_denied"
handler500 = "egitrs.views.server_error"

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME
