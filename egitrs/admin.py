"""The admin site, and shared admin helpers: history without revert, and the secretariat's
one-form pages."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from egitrs.workflow import stamp


class SecretariatAdminSite(admin.AdminSite):
    """The admin, open to active staff whose session has passed the second step of the
    sign-in (django-otp's OTPMiddleware tells). A staff member who has not is sent to it,
    or to set it up, by members.middleware.TwoFactorMiddleware before reaching any page."""

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()


# What the services raise when they refuse a move: shown to the user, never a server error.
REFUSALS = (PermissionDenied, ValidationError)


def error_reason(error):
    """A refusal of the services as one sentence, for a message or a form error."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def add_refusal(form, error):
    form.add_error(None, error_reason(error))


def save_edit(request, obj, fields=None):
    """An edit made in the admin, saved with who made it and when in its history."""
    stamp(obj, by=request.user, at=timezone.now())
    obj.save(update_fields=fields)


def adopt(obj, created, *fields):
    """Make the admin's unsaved `obj` stand for the row a service `created` (its pk and
    the `fields` the service set), so that the admin's inlines and messages follow it."""
    obj.pk = created.pk
    for name in fields:
        setattr(obj, name, getattr(created, name))
    obj._state.adding = False


def _resolve(value, result):
    return value(result) if callable(value) else value


class NoRevertHistoryAdmin(SimpleHistoryAdmin):
    """History to read, without "revert": a revert saves every field of the old version,
    status and number included, behind the back of the services and of approvals."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class PolicyAdminMixin:
    """An admin that shows a staff user only what its `policy` lets them see (the
    secretariat sees everything): the changelist, the export, and each object's pages."""

    policy = None  # an egitrs.policies.ViewPolicy

    def get_queryset(self, request):
        return self.policy.visible_to(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        allowed = obj is None or self.policy.can_view(request.user, obj)
        return allowed and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        allowed = obj is None or self.policy.can_view(request.user, obj)
        return allowed and super().has_change_permission(request, obj)


class FormPageMixin:
    """The secretariat's custom admin pages with one form: a page about one object (a
    decision, an approval) or the intermediate page of an action on several. They share
    one template, `admin/form_page.html`; a page's own template extends it to fill `intro`.
    """

    form_page_template = "admin/form_page.html"
    missing_object_message = ""  # Each admin says what its pages are about.

    def page_object(self, request, object_id, *, permission="change"):
        """The object of a custom page, for staff who may `permission` it (else 404 or 403)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(self.missing_object_message)
        if not getattr(self, f"has_{permission}_permission")(request, obj):
            raise PermissionDenied
        return obj

    def change_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def describe_for_page(self, obj):
        """How an object the page acts on is named above the form."""
        return str(obj)

    def render_form_page(
        self,
        request,
        form,
        *,
        title,
        submit_label,
        original=None,
        objects=(),
        objects_title=None,
        hidden=(),
        template=None,
        **context,
    ):
        """The page: breadcrumbs to `original` (the object it is about, if one), the
        `objects` it acts on, the form and `hidden` (name, value) pairs; cancelling goes
        back to `original`, else to the list."""
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "opts": self.opts,
            "original": original,
            "objects": [self.describe_for_page(obj) for obj in objects],
            "objects_title": objects_title,
            "hidden": hidden,
            "form": form,
            "media": self.media + form.media,
            "submit_label": submit_label,
            **context,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, template or self.form_page_template, context)

    def form_page(self, request, form, *, act, done, next_url, on_error=add_refusal, **page):
        """Runs `act(cleaned_data)` once the form is valid, then says `done` and goes to
        `next_url` (either may be a function of what `act` returns). A refusal of the
        services shows on the form (`on_error`), which is shown again; see render_form_page.
        """
        if form.is_bound and form.is_valid():
            try:
                result = act(form.cleaned_data)
            except REFUSALS as error:
                on_error(form, error)
            else:
                self.message_user(request, _resolve(done, result), messages.SUCCESS)
                return HttpResponseRedirect(_resolve(next_url, result))
        return self.render_form_page(request, form, **page)

    def run_each(self, request, objects, run, *, done, failed):
        """Runs `run(obj)` on each object, and says for each how it went: `done` and
        `failed` are messages with `%(title)s` (and `%(reason)s` for a refusal)."""
        for obj in objects:
            try:
                run(obj)
            except REFUSALS as error:
                self.message_user(
                    request,
                    failed % {"title": obj.title, "reason": error_reason(error)},
                    messages.ERROR,
                )
            else:
                self.message_user(request, done % {"title": obj.title}, messages.SUCCESS)

    def action_form_page(self, request, objects, form_class, *, run, done, failed, **page):
        """An admin action that asks for a form on an intermediate page, then runs
        `run(obj, cleaned_data)` on each selected object (see run_each)."""
        if "apply" in request.POST:
            form = form_class(request.POST)
            if form.is_valid():
                self.run_each(
                    request,
                    objects,
                    lambda obj: run(obj, form.cleaned_data),
                    done=done,
                    failed=failed,
                )
                return None
        else:
            form = form_class()
        hidden = [
            *((helpers.ACTION_CHECKBOX_NAME, obj.pk) for obj in objects),
            ("action", request.POST["action"]),
            ("apply", "1"),
        ]
        return self.render_form_page(request, form, objects=objects, hidden=hidden, **page)
