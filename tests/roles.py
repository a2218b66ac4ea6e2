"""The five kinds of users every view is tested for, and how a test acts as one of them."""

ROLES = ["anonymous", "delegate_a", "delegate_b", "officer", "secretariat"]


def get_as(client, user, url, data=None):
    """GET `url` as `user` (None: an anonymous visitor)."""
    if user is not None:
        client.force_login(user)
    return client.get(url, data)


def content_of(response):
    """The whole body of a response, streamed or not; reading a stream to its end closes it.

    (Never `response.close()` in a test: it signals the end of a request, which closes the
    database connection the test's transaction runs on, on PostgreSQL.)
    """
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
