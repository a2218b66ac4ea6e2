"""The delegate's area: a user's own documents, drafts and their submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from contributions import rules, services
from contributions.enums import AmendmentKind, ContributionStatus, SourceConfirmation
from contributions.forms import ContributionForm, WithdrawForm
from contributions.models import Contribution, Source
from contributions.policies import contribution_policy, file_policy
from contributions.services.workflow import would_be_late
from egitrs.paging import uncounted_page
from meetings.models import Meeting
from meetings.rules import officer_group_ids
from members.rules import is_secretariat, organization_ids_of

MY_DOCUMENTS_PER_PAGE = 50
# An organization's own documents, the newest first: read down the primary key's index,
# a page is found without sorting all the documents an organization wrote in years.
OWN_ORDER = ("-pk",)
# Newest meeting first; within a meeting, drafts (no number yet) before numbered documents.
REGISTER_ORDER = (
    F("meeting__start_date").desc(),
    "meeting_id",
    F("number").asc(nulls_first=True),
    "amendment_kind",
    "amendment_ordinal",
    "-updated_at",
)


def _get_viewable(user, pk):
    """The document, or 404 when the user may not see it (its existence is not disclosed)."""
    contribution = get_object_or_404(
        Contribution.objects.with_register_data().select_related("base__meeting__group"), pk=pk
    )
    if not contribution_policy.can_view(user, contribution):
        raise Http404(_("No such document."))
    return contribution


def _bound(request):
    """The data and files to bind a form to: none on GET, so it shows unbound."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _error_text(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do this.")


@login_required
def mine(request):
    user = request.user
    organization_ids = organization_ids_of(user)
    documents = (
        contribution_policy.visible_to(user)
        .of_organizations(organization_ids)
        .with_register_data()
        .order_by(*OWN_ORDER)
    )
    # An organization that has written for years is read a page at a time, uncounted.
    page_obj = uncounted_page(documents, request.GET.get("page"), MY_DOCUMENTS_PER_PAGE)
    group_documents = None
    if group_ids := officer_group_ids(user):
        # Officers read every submitted document of their groups before publication.
        group_documents = (
            contribution_policy.visible_to(user)
            .filter(meeting__group__in=group_ids, status=ContributionStatus.SUBMITTED)
            .exclude(
                pk__in=Source.objects.filter(organization_id__in=organization_ids).values(
                    "contribution_id"
                )
            )
            .with_register_data()
            .order_by(*REGISTER_ORDER)
        )
    now = timezone.now()
    open_meetings = Meeting.objects.select_related("group").open_for_contributions(at=now)
    for meeting in open_meetings:
        meeting.may_contribute = rules.can_create_contribution(user, meeting)
        meeting.deadline_passed = meeting.is_late(at=now)
        meeting.deadline_list = meeting.deadlines(now=now)
    return render(
        request,
        "contributions/member/mine.html",
        {
            "cosponsorship_requests": _cosponsorship_requests(organization_ids),
            "documents": page_obj.object_list,
            "page_obj": page_obj,
            "group_documents": group_documents,
            "open_meetings": open_meetings,
            "has_organization": bool(organization_ids),
            "is_secretariat": is_secretariat(user),
        },
    )


def _cosponsorship_requests(organization_ids):
    """Pending co-sponsorships of the user's organizations, on documents still open."""
    if not organization_ids:
        return []
    return (
        Source.objects.filter(
            organization_id__in=organization_ids,
            order__gt=0,
            confirmation=SourceConfirmation.PENDING,
            contribution__status__in=rules.OPEN_STATUSES,
        )
        .select_related("organization", "contribution__meeting__group")
        .prefetch_related(
            Prefetch(
                "contribution__sources", queryset=Source.objects.select_related("organization")
            )
        )
        .order_by(F("contribution__meeting__start_date").desc(), "contribution_id", "pk")
    )


@login_required
def draft_create(request, meeting_id):
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=meeting_id)
    if not rules.can_create_contribution(request.user, meeting):
        if not meeting.accepts_contributions():
            message = _("%(meeting)s does not take contributions now.") % {"meeting": meeting}
        else:
            message = _(
                "Only a delegate of a member organization can make a contribution. If you "
                "represent one, ask the secretariat to add you to its delegation."
            )
        messages.error(request, message)
        return redirect("contributions:mine")
    form = ContributionForm(*_bound(request), user=request.user, meeting=meeting)
    if request.method == "POST":
        if form.is_valid():
            try:
                contribution = services.create_draft(
                    meeting=meeting,
                    organization=form.submitter,
                    by=request.user,
                    **form.service_arguments(),
                )
            except PermissionDenied as error:
                messages.error(request, _error_text(error))
                return redirect("contributions:mine")
            messages.success(
                request,
                _("Your draft is saved. Submit it when it is ready.")
                if contribution.files.exists()
                else _("Your draft is saved. Attach its file, then submit it."),
            )
            return redirect("contributions:member_detail", contribution.pk)
        _warn_file_lost(request)
    return render(
        request,
        "contributions/member/draft_form.html",
        {
            "form": form,
            "meeting": meeting,
            "group": meeting.group,
            "contribution": None,
            "deadlines": meeting.deadlines(),
        },
    )


def _warn_file_lost(request):
    """A browser never refills a file input: say so when the form comes back."""
    if request.FILES.get("file"):
        messages.warning(
            request,
            _("Nothing was saved yet. Correct what is marked and choose the file again."),
        )


@login_required
def member_detail(request, pk):
    user = request.user
    contribution = _get_viewable(user, pk)
    files = contribution.files.current().order_by("language")
    earlier_files = None
    if file_policy.sees_superseded(user):
        earlier_files = contribution.files.exclude(pk__in=files.values("pk")).select_related(
            "uploaded_by"
        )
    sources = list(contribution.sources.select_related("organization", "confirmed_by"))
    for source in sources:
        source.may_answer = rules.can_answer_cosponsorship(user, source)
    meeting = contribution.meeting
    now = timezone.now()
    may_submit = rules.can_submit_contribution(user, contribution)
    return render(
        request,
        "contributions/member/detail.html",
        {
            "contribution": contribution,
            "group": meeting.group,
            "sources": sources,
            "files": files.select_related("uploaded_by"),
            "earlier_files": earlier_files,
            "status_changes": contribution.status_changes.select_related("by"),
            "agenda_items": contribution.agenda_items.all(),
            "may_edit": rules.can_edit_contribution(user, contribution),
            "may_submit": may_submit,
            "may_withdraw": rules.can_withdraw_contribution(user, contribution),
            "amendment_kinds": (
                AmendmentKind.choices if rules.can_start_amendment(user, contribution) else []
            ),
            "deadlines": (
                meeting.deadlines(now=now)
                if contribution.status == ContributionStatus.DRAFT
                else []
            ),
            "meeting_ended": meeting.has_ended(at=now),
            "would_be_late": may_submit and would_be_late(contribution, at=now),
            "after_translation_deadline": (
                may_submit and meeting.is_after_translation_deadline(at=now)
            ),
        },
    )


@login_required
def draft_edit(request, pk):
    contribution = _get_viewable(request.user, pk)
    if not rules.can_edit_contribution(request.user, contribution):
        messages.error(request, _("Only a draft can be changed, by its submitter's delegates."))
        return redirect("contributions:member_detail", contribution.pk)
    form = ContributionForm(
        *_bound(request),
        user=request.user,
        meeting=contribution.meeting,
        contribution=contribution,
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_draft(
                    contribution=contribution, by=request.user, **form.service_arguments()
                )
            except PermissionDenied as error:
                messages.error(request, _error_text(error))
                return redirect("contributions:member_detail", contribution.pk)
            messages.success(request, _("Your changes are saved."))
            return redirect("contributions:member_detail", contribution.pk)
        _warn_file_lost(request)
    return render(
        request,
        "contributions/member/draft_form.html",
        {
            "form": form,
            "meeting": contribution.meeting,
            "group": contribution.meeting.group,
            "contribution": contribution,
            "deadlines": contribution.meeting.deadlines(),
        },
    )


@login_required
@require_POST
def draft_submit(request, pk):
    contribution = _get_viewable(request.user, pk)
    try:
        contribution = services.submit_contribution(contribution=contribution, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        if contribution.is_late:
            messages.warning(
                request,
                _(
                    "Submitted to the secretariat. It arrived after the contribution deadline "
                    "and is marked late."
                ),
            )
        elif contribution.after_translation_deadline:
            messages.warning(
                request,
                _(
                    "Submitted to the secretariat. It arrived after the translation deadline: "
                    "it may not be translated in time for the meeting."
                ),
            )
        else:
            messages.success(request, _("Submitted to the secretariat, in time."))
    return redirect("contributions:member_detail", contribution.pk)


@login_required
def withdraw(request, pk):
    contribution = _get_viewable(request.user, pk)
    if not rules.can_withdraw_contribution(request.user, contribution):
        messages.error(request, _("You may not withdraw this document."))
        return redirect("contributions:member_detail", contribution.pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_contribution(
                contribution=contribution, by=request.user, note=form.cleaned_data["note"]
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The document is withdrawn."))
        return redirect("contributions:member_detail", contribution.pk)
    return render(
        request,
        "contributions/member/withdraw.html",
        {"form": form, "contribution": contribution, "group": contribution.meeting.group},
    )


@login_required
@require_POST
def amendment_start(request, pk, kind):
    """Start a revision, addendum or corrigendum of a published document, then edit it."""
    contribution = _get_viewable(request.user, pk)
    if kind not in AmendmentKind.values:
        raise Http404(_("No such kind of amendment."))
    try:
        amendment = services.start_amendment(base=contribution, kind=kind, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
        return redirect("contributions:member_detail", contribution.pk)
    messages.success(
        request,
        _(
            "A draft %(kind)s of %(number)s is started. Change what needs changing, attach its "
            "file, then submit it."
        )
        % {"kind": AmendmentKind(kind).label.lower(), "number": contribution.register_number},
    )
    return redirect("contributions:draft_edit", amendment.pk)


ANSWERS = {
    "confirm": (
        services.confirm_cosponsorship,
        gettext_lazy("%(organization)s co-sponsors “%(title)s”."),
    ),
    "decline": (
        services.decline_cosponsorship,
        gettext_lazy("%(organization)s declined to co-sponsor “%(title)s”."),
    ),
}


@login_required
@require_POST
def cosponsorship_answer(request, pk, organization_id):
    """A co-sponsor's delegate confirms or declines (answer=confirm|decline)."""
    contribution = _get_viewable(request.user, pk)
    source = get_object_or_404(
        contribution.sources.select_related("organization"), organization_id=organization_id
    )
    answer = ANSWERS.get(request.POST.get("answer"))
    if answer is None:
        messages.error(request, _("Choose to confirm or to decline."))
    else:
        service, done = answer
        try:
            service(source=source, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request, done % {"organization": source.organization, "title": contribution.title}
            )
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("contributions:member_detail", contribution.pk)
