from contributions.enums import ContributionStatus
from tests.factories import make_contribution


def test_published_contribution_gets_first_number(meeting, delegate_a, secretariat):
    contribution = make_contribution(
        meeting=meeting,
        delegate=delegate_a,
        status=ContributionStatus.PUBLISHED,
        secretariat=secretariat,
    )
    assert contribution.register_number == f"EG-ITRs {meeting.ordinal}/1"
    assert [c.to_status for c in contribution.status_changes.all()] == [
        ContributionStatus.SUBMITTED,
        ContributionStatus.PUBLISHED,
    ]
