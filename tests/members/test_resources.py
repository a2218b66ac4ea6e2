import io

import tablib
from django.core.management import call_command

from members.enums import OrganizationKind, Region
from members.models import Organization
from members.resources import OrganizationResource, import_member_states
from tests import factories


def test_import_member_states_twice_gives_194_organizations(db):
    first = import_member_states()
    second = import_member_states()

    assert first.totals["new"] == 194
    assert second.totals["new"] == 0
    assert second.totals["skip"] == 194
    assert Organization.objects.count() == 194
    assert Organization.objects.filter(kind=OrganizationKind.MEMBER_STATE).count() == 194
    switzerland = Organization.objects.get(name="Switzerland")
    assert (switzerland.region, switzerland.iso_code, switzerland.active) == (
        Region.EUROPE,
        "CH",
        True,
    )


def test_import_member_states_command_prints_the_counts(db):
    out = io.StringIO()

    call_command("import_member_states", stdout=out)
    call_command("import_member_states", stdout=out)

    assert out.getvalue().splitlines() == [
        "Organizations: 194 new, 0 updated, 0 unchanged.",
        "Organizations: 0 new, 0 updated, 194 unchanged.",
    ]
    assert Organization.objects.count() == 194


def test_import_keeps_an_edited_organization_and_updates_it_by_name(db):
    factories.OrganizationFactory(name="Kenya", region=Region.EUROPE, iso_code="KE")

    result = import_member_states()

    assert result.totals["new"] == 193
    assert result.totals["update"] == 1
    assert Organization.objects.get(name="Kenya").region == Region.AFRICA


def test_organizations_export_then_import_gives_back_the_same_rows(db):
    factories.OrganizationFactory(name="Kenya", region=Region.AFRICA, iso_code="KE")
    factories.OrganizationFactory(
        name="Example Telecom", kind=OrganizationKind.SECTOR_MEMBER, active=False
    )
    exported = OrganizationResource().export().csv
    Organization.objects.all().delete()

    result = OrganizationResource().import_data(
        tablib.Dataset().load(exported, format="csv"), raise_errors=True
    )

    assert result.totals["new"] == 2
    assert OrganizationResource().export().csv == exported
    assert exported.splitlines() == [
        "name,name_in_sentence,kind,region,iso_code,active",
        "Example Telecom,,sector_member,,,0",
        "Kenya,,member_state,africa,KE,1",
    ]


def test_import_refuses_an_unknown_region(db):
    dataset = tablib.Dataset(
        ["Atlantis", "member_state", "atlantic", "", "1"],
        headers=["name", "kind", "region", "iso_code", "active"],
    )

    result = OrganizationResource().import_data(dataset)

    assert result.has_validation_errors()
    assert Organization.objects.count() == 0


def test_an_organization_export_carries_no_formula(db):
    factories.OrganizationFactory(name="@SUM(1+1)*cmd|' /C calc'!A0", kind="other")
    factories.OrganizationFactory(name="Plain", kind="other", name_in_sentence="=1+1")

    exported = OrganizationResource().export().csv

    assert exported.splitlines()[1:] == [
        "'@SUM(1+1)*cmd|' /C calc'!A0,,other,,,1",
        "Plain,'=1+1,other,,,1",
    ]
