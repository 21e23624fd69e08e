"""Demo static pages (About, Privacy, Contact), safely repeatable: a second run updates them."""

from pages.models import Page

DEMO_PAGES = [
    {
        "slug": "about",
        "title": "About",
        "body": (
            "We are a small team of editors who watch a lot of anime and write about it at "
            "length. Every review here is our own: no scores bought, no press kits pasted.\n\n"
            "## What you will find\n\n"
            "- Long-form reviews, with spoilers kept behind a warning\n"
            "- Episode guides, and which qualities and dubs each show comes in\n"
            "- Reader ratings and comments under every review\n"
        ),
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "body": (
            "Reading this site needs no account, and we run no advertising trackers.\n\n"
            "## What we keep\n\n"
            "- **Comments:** the name and text you post, shown publicly, and the email "
            "address you give, which is never shown and is used only to reach you about "
            "your comment.\n"
            "- **Ratings:** an anonymous cookie, so one reader counts once per review.\n"
            "- **Server logs:** request addresses and times, kept for a short while to keep "
            "the site running.\n\n"
            "Write to us (see Contact) to have a comment or your email address removed.\n"
        ),
    },
    {
        "slug": "contact",
        "title": "Contact",
        "body": (
            "Spotted a mistake in an episode list, or want a show reviewed? We read every "
            "message.\n\n"
            "- **Editorial:** editors@anime.example\n"
            "- **Comment moderation:** moderators@anime.example\n"
        ),
    },
]


def load(log) -> None:
    """The `load_demo` hook: create or update the demo pages, published."""
    for page in DEMO_PAGES:
        Page.objects.update_or_create(
            slug=page["slug"],
            defaults={"title": page["title"], "body": page["body"], "is_published": True},
        )
    log(f"Demo pages: {len(DEMO_PAGES)} static pages.")
