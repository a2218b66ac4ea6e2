"""Chromium reports no Content-Security-Policy violation anywhere people work: the demo's
public pages, a delegate's pages, the secretariat's desk and admin (import and export too).

The pages listen for `securitypolicyviolation` from before their first script runs, and
Chromium's console is read as well: a blocked style attribute or event handler is found
whether or not a script was there to see it.
"""

import io

from django.contrib import admin
from django.contrib.auth.models import AnonymousUser, User
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from playwright.sync_api import expect

from contributions.enums import ContributionStatus
from contributions.models import Contribution
from contributions.policies import contribution_policy
from demo.text import PASSWORD
from meetings.enums import AccessLevel
from meetings.models import ExpertGroup, Meeting
from proceedings.enums import ReportStatus
from proceedings.models import Report, WorkPlan
from proceedings.policies import report_policy
from tests.two_factor import pass_code_step

LISTENER = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`
  );
});
"""


class Visitor:
    """A browser page that remembers every violation reported on each page it opens."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.context.add_init_script(LISTENER)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(f"{self.page.url}: {message.text}")

    def log_in(self, username):
        self.page.goto(reverse("login"))
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_load_state()
        if self.page.url.split("?")[0].endswith(reverse("members:two_factor_verify")):
            pass_code_step(self.page, username)
            self.page.wait_for_load_state()

    def violations(self):
        # The events are dispatched as tasks: read them after those already queued.
        return self.page.evaluate(
            "new Promise(resolve => setTimeout(() => resolve(window.cspViolations)))"
        )

    def visit(self, paths):
        """Each path → (its status, the violations reported on it)."""
        seen = {}
        for path in paths:
            response = self.page.goto(path)
            seen[path] = (response.status, self.violations())
        return seen


def clean(paths, status=200):
    return {path: (status, []) for path in paths}


def load_demo():
    call_command("load_demo", stdout=io.StringIO())
    return ExpertGroup.objects.get(slug="eg-itrs")


def public_paths(group, user):
    """The group's pages, with every document and report `user` may read."""
    slug = group.slug
    meetings = Meeting.objects.filter(group=group)
    documents = contribution_policy.visible_to(user).filter(
        meeting__group=group, status=ContributionStatus.PUBLISHED
    )
    reports = report_policy.visible_to(user, group.reports.all())
    return [
        reverse("home"),
        reverse("meetings:group_detail", args=[slug]),
        reverse("proceedings:meeting_list", args=[slug]),
        *(reverse("proceedings:meeting_detail", args=[slug, m.ordinal]) for m in meetings),
        reverse("contributions:document_list", args=[slug]),
        *(d.get_absolute_url() for d in documents),
        reverse("proceedings:report_list", args=[slug]),
        *(reverse("proceedings:report_detail", args=[slug, r.pk]) for r in reports),
        reverse("proceedings:work_plan", args=[slug]),
        reverse("login"),
        reverse("password_reset"),
        reverse("health"),
    ]


def admin_paths():
    """Every model's list, add form and, for one of its rows, change form and history,
    that the secretariat may see (two-factor devices are a superuser's)."""
    paths = [reverse("admin:index"), reverse("admin:password_change")]
    secretariat = User.objects.get(username="secretariat")
    for model, model_admin in admin.site._registry.items():
        if not secretariat.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        info = (model._meta.app_label, model._meta.model_name)
        paths.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(_request()):
            paths.append(reverse("admin:{}_{}_add".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
            paths.append(reverse("admin:{}_{}_history".format(*info), args=[first.pk]))
    return paths


def _request():
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username="secretariat")
    return request


def secretariat_paths():
    submitted = Contribution.objects.filter(status=ContributionStatus.SUBMITTED).first()
    published = Contribution.objects.filter(status=ContributionStatus.PUBLISHED).first()
    draft_report = Report.objects.filter(status=ReportStatus.DRAFT).first()
    published_report = Report.objects.published().first()
    work_plan = WorkPlan.objects.order_by("pk").first()
    return [
        reverse("contributions:desk"),
        *admin_paths(),
        reverse("admin:contributions_contribution_publish", args=[submitted.pk]),
        reverse("admin:contributions_contribution_translations", args=[published.pk]),
        reverse("admin:proceedings_report_start"),
        reverse("admin:proceedings_report_approve", args=[draft_report.pk]),
        reverse("admin:proceedings_report_translations", args=[published_report.pk]),
        reverse("admin:proceedings_workplan_approve", args=[work_plan.pk]),
        reverse("admin:members_organization_import"),
        reverse("admin:members_organization_export"),
        reverse("admin:contributions_contribution_import"),
        reverse("admin:contributions_contribution_export"),
        reverse("proceedings:report_detail", args=[draft_report.group.slug, draft_report.pk]),
    ]


def test_chromium_reports_no_violation_on_any_page(new_page, live_server, tmp_path):
    group = load_demo()
    check_public_pages(Visitor(new_page()), group)
    check_delegate_pages(Visitor(new_page()), group)
    check_secretariat_pages(Visitor(new_page()), tmp_path)


def check_public_pages(visitor, group):
    paths = public_paths(group, AnonymousUser())

    assert visitor.visit(paths) == clean(paths)
    assert visitor.visit(["/no-such-page/"]) == clean(["/no-such-page/"], status=404)
    assert visitor.console == []


def check_delegate_pages(delegate, group):
    user = User.objects.get(username="delegate-br")
    own = Contribution.objects.filter(sources__organization__name="Brazil")
    drafts = own.filter(status=ContributionStatus.DRAFT)
    meeting = Meeting.objects.get(group=group, ordinal=3)
    delegate.log_in("delegate-br")
    paths = [
        reverse("contributions:mine"),
        reverse("contributions:draft_create", args=[meeting.pk]),
        *(reverse("contributions:member_detail", args=[c.pk]) for c in own),
        *(reverse("contributions:draft_edit", args=[c.pk]) for c in drafts),
        *(reverse("contributions:withdraw", args=[c.pk]) for c in drafts),
        reverse("password_change"),
        # The public pages with the signed-in header, and what only members may read.
        reverse("home"),
        *(
            d.get_absolute_url()
            for d in contribution_policy.visible_to(user).filter(
                status=ContributionStatus.PUBLISHED, access_level=AccessLevel.MEMBERS
            )
        ),
    ]

    assert delegate.visit(paths) == clean(paths)
    # The pages after an action, with their messages: a co-sponsorship confirmed.
    asked = own.get(sources__organization__name="Brazil", sources__confirmation="pending")
    delegate.page.goto(reverse("contributions:member_detail", args=[asked.pk]))
    delegate.page.get_by_role("button", name="Confirm that Brazil co-sponsors").click()
    expect(delegate.page.locator("ul.messages")).to_be_visible()
    assert delegate.violations() == []
    assert delegate.console == []


def check_secretariat_pages(secretariat, tmp_path):
    secretariat.log_in("secretariat")
    paths = secretariat_paths()

    assert secretariat.visit(paths) == clean(paths)

    page = secretariat.page
    # A change form's inlines and autocomplete (select2, which asks the site for choices).
    meeting = Meeting.objects.get(ordinal=3)
    page.goto(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    page.locator(".add-row a", has_text="Add another Agenda item").click()
    page.locator(".field-organization .select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill("Bra")
    expect(page.locator(".select2-results__option", has_text="Brazil")).to_be_visible()
    assert secretariat.violations() == []

    # The export page's "Select all" box works without its inline handler.
    page.goto(reverse("admin:members_organization_export"))
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    page.get_by_label("Select all").uncheck()
    assert [box.is_checked() for box in fields.all()] == [False] * fields.count()
    assert secretariat.violations() == []

    # The import preview, with its changes marked.
    spreadsheet = tmp_path / "organizations.csv"
    spreadsheet.write_text(
        "name,name_in_sentence,kind,region,iso_code,active\n"
        "Brazil,Brazil,member_state,americas,BR,0\n"
        "Atlantis,Atlantis,member_state,europe,,1\n"
    )
    page.goto(reverse("admin:members_organization_import"))
    page.get_by_label("File to import").set_input_files(spreadsheet)
    page.get_by_label("Format").select_option("csv")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("table.import-preview ins").first).to_be_visible()
    assert secretariat.violations() == []
    assert secretariat.console == []
