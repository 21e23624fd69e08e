"""Production settings: a secret key is required, `check --deploy` is clean, HSTS, cookies, CSP."""

import json
import secrets

import pytest

from tests.manage_process import manage


@pytest.mark.parametrize("debug", [{}, {"DJANGO_DEBUG": "0"}], ids=["debug unset", "debug off"])
def test_production_startup_without_a_secret_key_fails_with_a_clear_message(debug):
    result = manage("check", **debug)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_development_startup_without_a_secret_key_works():
    result = manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_deploy_check_with_production_values_is_clean():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "example.com",
}


def production_settings(*names: str, **env: str) -> dict:
    """The named settings as a production server started with `env` sees them."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = manage("shell", "-c", code, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_production_sends_hsts_and_keeps_session_and_csrf_cookies_on_https_only():
    values = production_settings(
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
    )
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert all(values.values())


def test_production_policy_allows_images_from_an_absolute_media_host():
    values = production_settings(
        "CONTENT_SECURITY_POLICY", DJANGO_MEDIA_URL="https://media.example.net/anime/"
    )
    directives = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["img-src"] == ["'self'", "data:", "https://media.example.net"]
    assert directives["script-src"] == ["'self'"]


def test_production_policy_keeps_images_on_the_site_with_local_media():
    directives = production_settings("CONTENT_SECURITY_POLICY")["CONTENT_SECURITY_POLICY"]
    assert directives["DIRECTIVES"]["img-src"] == ["'self'", "data:"]
