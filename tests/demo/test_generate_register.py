"""The generated register for benchmarks: its counts, its shape, its files, its refusals."""

import io
from pathlib import PurePath
from types import SimpleNamespace

import docx
import openpyxl
import pypdf
import pytest
from django.core.files import File
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Max
from django.test.utils import override_settings

from contributions.enums import AmendmentKind, ContributionStatus, SourceConfirmation
from contributions.files import DOCX, PDF, XLSX, check_document_file
from contributions.files.text import extract_text
from contributions.models import (
    Contribution,
    ContributionFile,
    SearchEntry,
    Source,
    StatusChange,
    Translation,
    mark_superseded,
)
from contributions.search import index_documents
from demo import register_text
from demo.generator import RegisterRefused, generate_register
from meetings.models import ExpertGroup, Meeting
from tests import factories
from tests.conftest import shared_records


def generate(**options):
    out = io.StringIO()
    call_command("generate_register", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("generated-media")
    with shared_records(django_db_blocker):
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
            output = generate(documents=60, groups=2, seed=7)
        yield SimpleNamespace(media=media, output=output)


@pytest.fixture
def register(generated, db, settings):
    settings.MEDIA_ROOT = generated.media
    return generated


def test_the_register_has_the_counts_asked_for(register):
    documents = Contribution.objects.all()
    assert ExpertGroup.objects.count() == 2
    assert Meeting.objects.count() == 6
    assert documents.count() == 60
    assert documents.filter(meeting__group__slug="gen-eg-itrs-1").count() == 30
    assert documents.filter(amendment_kind=AmendmentKind.REVISION).count() == 2
    assert documents.filter(amendment_kind=AmendmentKind.ADDENDUM).count() == 1
    assert documents.filter(amendment_kind=AmendmentKind.CORRIGENDUM).count() == 1
    assert documents.filter(status=ContributionStatus.WITHDRAWN).count() == 2
    assert documents.filter(status=ContributionStatus.PUBLISHED).count() == 58
    # Submitted and published each; the withdrawn one once more.
    assert StatusChange.objects.count() == 122
    assert register.output.splitlines()[-1].startswith(
        "Generated 60 documents (2 revisions, 1 addenda, 1 corrigenda, 2 withdrawn) in 2 "
        "groups and 6 meetings;"
    )


def test_register_numbers_are_unique_and_amendments_carry_their_base(register):
    keys = list(
        Contribution.objects.values_list(
            "meeting_id", "number", "amendment_kind", "amendment_ordinal"
        )
    )
    assert len(set(keys)) == 60
    for amendment in Contribution.objects.exclude(amendment_kind="").select_related("base"):
        assert amendment.number == amendment.base.number
        assert amendment.meeting_id == amendment.base.meeting_id
        assert amendment.title == amendment.base.title
        assert amendment.amendment_ordinal >= 1
    for meeting in Meeting.objects.all():
        numbers = sorted(
            meeting.contributions.filter(amendment_kind="").values_list("number", flat=True)
        )
        assert numbers == list(range(1, len(numbers) + 1))


def test_every_document_went_through_the_workflow_with_its_history(register):
    for document in Contribution.objects.all():
        moves = list(document.status_changes.values_list("from_status", "to_status"))
        expected = [("draft", "submitted"), ("submitted", "published")]
        if document.status == ContributionStatus.WITHDRAWN:
            expected.append(("published", "withdrawn"))
        assert moves == expected
        history = list(document.history.order_by("history_date", "history_id"))
        assert [row.history_type for row in history][0] == "+"
        assert history[0].status == ContributionStatus.DRAFT
        published = [row for row in history if row.status == ContributionStatus.PUBLISHED]
        assert published[-1].number == document.number
        assert published[-1].history_date == document.published_at
        assert history[-1].status == document.status
        assert document.created_at < document.submitted_at < document.published_at
        sources = list(document.sources.all())
        assert sources[0].order == 0
        assert len(sources) <= 4
        assert {source.confirmation for source in sources} == {SourceConfirmation.CONFIRMED}
        assert document.agenda_items.count() in (1, 2)
        assert Source.history.filter(contribution_id=document.pk).count() == 2 * len(sources)
    assert ContributionFile.history.count() == ContributionFile.objects.count()
    assert Translation.history.count() == Translation.objects.count()


def _text_of(file):
    path = file.file.path
    if file.content_type == DOCX:
        return "\n".join(paragraph.text for paragraph in docx.Document(path).paragraphs)
    if file.content_type == PDF:
        return pypdf.PdfReader(path).pages[0].extract_text()
    assert file.content_type == XLSX
    return "\n".join(str(cell.value) for cell in openpyxl.load_workbook(path).active["A"])


def test_each_file_is_a_real_document_holding_its_title(register):
    titles = {
        language: {
            template.format(topic=topic)
            for template in register_text.TITLES[language]
            for topic in register_text.TOPICS[language]
        }
        for language in register_text.TITLES
    }
    files = ContributionFile.objects.select_related("contribution")
    assert files.count() == 127
    assert {file.content_type for file in files} == {DOCX, PDF, XLSX}
    for file in files:
        with file.file.open("rb") as handle:
            checked = check_document_file(File(handle, name=file.original_name))
        assert (checked.content_type, checked.size, checked.sha256) == (
            file.content_type,
            file.size,
            file.sha256,
        )
        assert file.file.name.startswith(f"contributions/{file.contribution.meeting_id}/")
        text = _text_of(file)
        first_line = text.splitlines()[0]
        if file.language == file.contribution.original_language:
            assert first_line == file.contribution.title
            assert file.contribution.abstract.split(". ")[0] in text.replace("\n", " ")
        else:
            assert first_line in titles[file.language]
            translation = file.contribution.translations.get(language=file.language)
            assert translation.status == "posted"
        # The text kept for the search is what the search would read from the file.
        with file.file.open("rb") as handle:
            assert file.text == extract_text(handle, file.content_type)


def test_the_derived_state_is_what_the_services_would_keep(register):
    revised = Contribution.objects.filter(amendment_kind=AmendmentKind.REVISION)
    bases = list(revised.values_list("base_id", flat=True))
    assert Contribution.objects.exclude(superseded_for="").count() > 0
    # Marking the superseded versions again, as a publication would, changes nothing.
    assert mark_superseded(bases) == 0
    # Writing the search entries again, as a publication would, gives the same ones, with
    # the same words.
    fields = ("contribution", "language", "title", "body", "vector")
    before = sorted(SearchEntry.objects.values_list(*fields))
    index_documents(list(Contribution.objects.registered().values_list("pk", flat=True)))
    after = sorted(SearchEntry.objects.values_list(*fields))
    assert (len(after), after) == (len(before), before)


def test_a_word_of_a_generated_file_is_found(register, client):
    file = ContributionFile.objects.filter(language="fr", contribution__access_level="public")
    file = file.exclude(contribution__superseded_for="public").order_by("pk").first()
    word = max(file.text.split(), key=len).strip(".,;:")

    response = client.get("/search/", {"q": word})

    assert file.contribution in list(response.context["page_obj"].object_list)


def test_the_public_list_shows_the_latest_versions_only(register, client):
    group = ExpertGroup.objects.get(slug="gen-eg-itrs-1")
    shown = []
    for page in (1, 2):
        response = client.get(f"/{group.slug}/documents/", {"page": page})
        assert response.status_code == 200
        page_documents = list(response.context["page_obj"].object_list)
        html = response.content.decode()
        for document in page_documents:
            assert document.register_number in html
        shown += [document.pk for document in page_documents]
    public = Contribution.objects.filter(meeting__group=group, access_level="public")
    superseded = set()
    for revision in public.filter(
        amendment_kind=AmendmentKind.REVISION, status=ContributionStatus.PUBLISHED
    ):
        superseded.add(revision.base_id)
        superseded.update(
            public.filter(
                base_id=revision.base_id,
                amendment_kind=AmendmentKind.REVISION,
                amendment_ordinal__lt=revision.amendment_ordinal,
            ).values_list("pk", flat=True)
        )
    assert superseded
    expected = set(public.values_list("pk", flat=True)) - superseded
    assert sorted(shown) == sorted(expected)


@pytest.mark.parametrize("foreign", ["group", "user"])
def test_it_refuses_a_database_with_records_it_did_not_make(register, tmp_path, foreign):
    """Beside the generated register, one group or user it did not make is enough."""
    files = sorted(path.name for path in register.media.rglob("*"))
    if foreign == "group":
        factories.ExpertGroupFactory()
    else:
        factories.UserFactory(username="someone")
    with pytest.raises(CommandError, match=r"records the generator did not make \(1 "):
        generate(documents=10)
    assert Contribution.objects.count() == 60
    assert ExpertGroup.objects.filter(slug__startswith="gen-").count() == 2
    assert sorted(path.name for path in register.media.rglob("*")) == files


def test_the_demo_is_refused(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with transaction.atomic():
        # Inside the module's register or not: the demo's group and accounts are foreign.
        factories.ExpertGroupFactory(acronym="EG-ITRs", slug="eg-itrs")
        with pytest.raises(RegisterRefused, match=r"records the generator did not make"):
            generate_register(documents=5)
        transaction.set_rollback(True)


def test_the_same_seed_gives_the_same_register(register):
    """Added to the generated register (what it allows), twice from the same state."""
    before = Contribution.objects.aggregate(highest=Max("pk"))["highest"]

    def added(seed):
        with transaction.atomic():
            summary = generate_register(documents=12, groups=1, seed=seed)
            rows = list(
                ContributionFile.objects.filter(contribution_id__gt=before)
                .order_by("pk")
                .values_list("contribution__title", "contribution__published_at", "file", "sha256")
            )
            transaction.set_rollback(True)
        assert summary.documents == 12
        # A file's folder is its meeting's id, which the database's sequence gives (and
        # PostgreSQL does not take back on a rollback): the names within are the same.
        return [(title, at, PurePath(path).name, sha256) for title, at, path, sha256 in rows]

    first = added(3)
    assert len(first) >= 12
    assert added(3) == first
    assert added(4) != first


def test_the_services_go_on_writing_after_it(register):
    """The ids it assigned are behind the sequences: the next document gets a free one."""
    highest = Contribution.objects.aggregate(highest=Max("pk"))["highest"]
    group = ExpertGroup.objects.get(slug="gen-eg-itrs-1")
    meeting = factories.MeetingFactory(group=group, ordinal=50)
    document = factories.make_contribution(
        meeting=meeting,
        delegate=factories.DelegateFactory(),
        status=ContributionStatus.PUBLISHED,
    )
    # Past every generated id (PostgreSQL's sequence may have moved on since, with the
    # rolled-back writes of other tests).
    assert document.pk > highest
    assert document.register_number == "EG-ITRs-1 50/1"
