"""Helpers for the page cache tests: warming a page and reading what was served."""


def warm(client, url):
    """Fill the cache for `url`; return the answer that filled it."""
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    return response


def served(client, url):
    """GET `url` again; return (X-Cache, page text)."""
    response = client.get(url)
    return response["X-Cache"], response.content.decode()
