"""The six languages of a document: the secretariat requests and posts translations."""


def request_translations(*, contribution, languages, by):
    """Ask for the document in `languages` (other than its original)."""
    raise NotImplementedError


def start_translation(*, contribution, language, by):
    """Mark a requested translation as in work."""
    raise NotImplementedError


def post_translation(*, contribution, language, upload, by):
    """Post the translated file; the submitter's delegates are told."""
    raise NotImplementedError
