"""The register's background work: the search index and the mail (see egitrs.tasks).

Both are queued by the change that calls for them, once it commits
(`search.index_document`, `notifications.notify_on_commit`), and retried when they fail.
"""

from django_tasks import task

from contributions import search
from contributions.services import notifications


@task
def index_documents_task(ids, attempt=1):
    """Write the search entries of the documents `ids` (their files' text read once)."""
    return search.index_documents(ids)


@task
def send_notification_task(event, contribution_id, address, language, extra, attempt=1):
    """Mail one person about one event: a mail server that refuses it is tried again for
    this message alone."""
    notifications.send_notification(event, contribution_id, address, language, extra)
