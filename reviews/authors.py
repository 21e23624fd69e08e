"""How a review's author is named in public: by name, never by email address."""


def author_name(user) -> str:
    """Their full name, else their username."""
    return user.get_full_name() or user.get_username()
