"""The policy engine: one `Q`, answered in SQL for lists and in Python for one object,
and both give the same answers."""

import pytest
from django.db.models import Exists, OuterRef, Q

from contributions import services
from contributions.enums import AmendmentKind, ContributionStatus
from contributions.models import Contribution, ContributionFile, Source
from egitrs.policies import NOTHING, Unevaluable, ViewPolicy, matches, prefixed, to_sql
from tests.factories import make_contribution


@pytest.fixture
def documents(meeting, delegate_a, org_b, org_c, secretariat):
    published = make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
        cosponsors=[org_b, org_c],
        title="Published",
    )
    draft = make_contribution(meeting=meeting, delegate=delegate_a, title="Draft")
    revision = services.start_amendment(base=published, kind=AmendmentKind.REVISION, by=delegate_a)
    return [published, draft, revision]


def rules(org_b, org_c):
    return [
        Q(),
        NOTHING,
        Q(status=ContributionStatus.PUBLISHED),
        Q(number__isnull=True),
        Q(number__isnull=False),
        Q(number__gt=0),
        Q(number__lte=0),
        Q(access_level__in=["public", "members"]),
        ~Q(access_level="secretariat"),
        Q(sources__organization__in=[org_c]),
        Q(sources__organization_id__in=[org_b.pk]),
        ~Q(sources__organization=org_b),
        Q(sources__organization__name="Member State C"),
        Q(sources__order__gt=1),
        Q(meeting__group__acronym="EG-ITRs"),
        Q(base__isnull=True),
        Q(base__number=1),
        Q(base__status=ContributionStatus.PUBLISHED) | Q(sources__organization=org_c),
        Q(status=ContributionStatus.DRAFT) & ~Q(sources__organization=org_c),
        Q(pk__in=[]),
    ]


def test_python_and_sql_agree_on_every_rule(documents, org_b, org_c):
    for rule in rules(org_b, org_c):
        in_sql = set(Contribution.objects.filter(to_sql(Contribution, rule)))
        in_python = {
            document
            for document in Contribution.objects.prefetch_related("sources")
            if matches(document, rule)
        }
        assert in_python == in_sql, rule


def test_the_rules_say_what_they_mean(documents, org_b, org_c):
    """The revision keeps its base's sources; the other draft has only its submitter."""

    def titles(rule):
        return sorted(d.title for d in Contribution.objects.filter(to_sql(Contribution, rule)))

    assert [
        titles(Q(sources__organization__in=[org_c])),
        titles(~Q(sources__organization=org_b)),
        titles(Q(base__number=1)),
        titles(Q(sources__order__gt=1) & Q(status=ContributionStatus.PUBLISHED)),
    ] == [["Published", "Published"], ["Draft"], ["Published"], ["Published"]]


def test_a_multi_valued_lookup_is_an_exists_and_repeats_no_row(documents, org_b, org_c):
    rule = Q(sources__organization__in=[org_b, org_c]) | Q(status=ContributionStatus.DRAFT)

    found = list(Contribution.objects.filter(to_sql(Contribution, rule)).order_by("pk"))

    assert found == documents
    assert "EXISTS" in str(Contribution.objects.filter(to_sql(Contribution, rule)).query)


def test_what_python_cannot_answer_is_said(documents):
    later = ContributionFile.objects.filter(contribution=OuterRef("contribution"))
    for rule in [
        Q(Exists(later)),
        Q(title__icontains="pub"),
        Q(pk__in=Contribution.objects.all()),
    ]:
        with pytest.raises(Unevaluable):
            matches(documents[0], rule)


def test_a_policy_asks_the_database_what_python_cannot_answer(
    documents, delegate_a, django_assert_num_queries
):
    class TitledPolicy(ViewPolicy):
        model = "contributions.Contribution"

        def rule(self, user):
            return Q(title__icontains="pub")

    policy = TitledPolicy()

    with django_assert_num_queries(3):
        answers = [policy.can_view(delegate_a, document) for document in documents]

    assert answers == [True, False, True]


def test_a_rule_moves_to_the_object_that_holds_it(documents, org_c):
    rule = Q(sources__organization=org_c) & ~Q(status=ContributionStatus.DRAFT)

    files = ContributionFile.objects.filter(
        to_sql(ContributionFile, prefixed(rule, "contribution"))
    )

    assert [file.contribution for file in files] == [documents[0]]
    # The draft's file does not match; the revision has no file yet.
    assert [
        (file.contribution.title, matches(file, prefixed(rule, "contribution")))
        for file in ContributionFile.objects.order_by("pk")
    ] == [("Published", True), ("Draft", False)]


def test_an_expression_cannot_be_moved():
    with pytest.raises(TypeError, match="Cannot move an expression to 'contribution'"):
        prefixed(Q(Exists(Source.objects.all())), "contribution")
