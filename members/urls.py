from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    # Two-factor sign-in: the member area's page and its set-up, and the sign-in's step.
    path("accounts/two-factor/", views.two_factor, name="two_factor"),
    path("accounts/two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/set-up/qr-code.svg", views.two_factor_qr, name="two_factor_qr"),
    path(
        "accounts/two-factor/recovery-codes/",
        views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "accounts/two-factor/recovery-codes/new/",
        views.two_factor_recovery_codes_renew,
        name="two_factor_recovery_codes_renew",
    ),
    path("accounts/two-factor/turn-off/", views.two_factor_turn_off, name="two_factor_turn_off"),
    path("accounts/two-factor/code/", views.two_factor_verify, name="two_factor_verify"),
]
