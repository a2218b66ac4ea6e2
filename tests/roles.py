"""The five kinds of users every view is tested for, and how a test acts as one of them."""

ROLES = ["anonymous", "delegate_a", "delegate_b", "officer", "secretariat"]


def get_as(client, user, url, data=None):
    """GET `url` as `user` (None: an anonymous visitor)."""
    if user is not None:
        client.force_login(user)
    return client.get(url, data)
