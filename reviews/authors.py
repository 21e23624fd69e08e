"""How staff (a review's author, an editor, a moderator) are named: by name, never by email."""


def author_name(user) -> str:
    """Their full name, else their username."""
    return user.get_full_name() or user.get_username()
