from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Also reaches accounts that never had a password.

    The secretariat creates delegates' accounts without a password and the person sets one
    through this link: Django's own form skips such accounts and would send nothing.
    """

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if user.email.lower() == email.lower())

    def send_link(self, *, request, user):
        """Mail `user` the link to set their password (the secretariat's invitation)."""
        self.cleaned_data = {"email": user.email}
        self.save(
            request=request,
            use_https=request.is_secure(),
            extra_email_context={"site_name": settings.SITE_NAME},
        )
