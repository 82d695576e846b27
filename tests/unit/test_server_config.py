"""Checking the server configuration before anyone signs in, and who the profession admins are."""

from __future__ import annotations

import secrets
import tomllib
from pathlib import Path

import pytest

from planner.domain.server_config import ConfigProblem, read_config

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "redirect_uri": "https://kim.example.gov.uk/oauth2callback",
    "cookie_secret": secrets.token_hex(32),
    "client_id": "kim",
    "client_secret": "s",
    "server_metadata_url": "https://login.example.gov.uk/.well-known/openid-configuration",
}


def test_no_auth_section_means_ones_own_computer():
    assert read_config({}) is None
    assert read_config({"something_else": {"a": 1}}) is None


def test_a_complete_auth_section_is_a_server_with_one_provider():
    config = read_config({"auth": GOOD})
    assert config is not None and config.providers == ("",)


def test_named_providers_are_each_offered():
    shared = {k: GOOD[k] for k in ("redirect_uri", "cookie_secret")}
    provider = {k: GOOD[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    config = read_config({"auth": shared | {"staff": provider, "partners": provider}})
    assert config.providers == ("partners", "staff")


@pytest.mark.parametrize(("change", "said"), [
    ({"cookie_secret": "xxx"}, "cookie_secret is too weak"),
    ({"cookie_secret": "change-me-change-me-change-me-change-me"}, "cookie_secret is too weak"),
    ({"cookie_secret": "a" * 40}, "cookie_secret is too weak"),
    ({"cookie_secret": None}, "cookie_secret is missing"),
    ({"redirect_uri": "https://kim.example.gov.uk/"}, "must end with /oauth2callback"),
    ({"redirect_uri": "http://kim.example.gov.uk/oauth2callback"}, "must start with https://"),
    ({"redirect_uri": None}, "redirect_uri is missing"),
    ({"client_secret": None}, "missing client_secret"),
    ({"server_metadata_url": "http://login.example.gov.uk/x"}, "server_metadata_url must start with https://"),
])
def test_each_problem_is_named_in_plain_english(change, said):
    auth = {k: v for k, v in (GOOD | change).items() if v is not None}
    with pytest.raises(ConfigProblem, match=said) as raised:
        read_config({"auth": auth})
    assert "README" in str(raised.value) and "Traceback" not in str(raised.value)


def test_every_problem_is_listed_at_once():
    with pytest.raises(ConfigProblem) as raised:
        read_config({"auth": {"cookie_secret": "x"}})
    message = str(raised.value)
    assert "(1)" in message and "(2)" in message and "(3)" in message


def test_admins_come_from_emails_or_a_group_claim():
    config = read_config({"auth": GOOD, "kim_pathways": {"admin_emails": ["Lead@Example.gov.uk"],
                                                         "admin_group_claim": "roles",
                                                         "admin_groups": ["kim-admins"]}})
    assert config.is_admin({"email": "lead@example.gov.uk"})
    assert config.is_admin({"email": "someone@example.gov.uk", "roles": ["staff", "kim-admins"]})
    assert config.is_admin({"roles": "kim-admins"})
    assert not config.is_admin({"email": "someone@example.gov.uk", "groups": ["kim-admins"]})
    assert not config.is_admin({})


def test_an_admin_list_of_the_wrong_shape_is_refused():
    with pytest.raises(ConfigProblem, match="admin_emails must be a list"):
        read_config({"auth": GOOD, "kim_pathways": {"admin_emails": "lead@example.gov.uk"}})


@pytest.mark.parametrize("template", sorted((ROOT / "deploy").glob("secrets.*.toml.example")))
def test_each_secrets_template_is_refused_until_filled_in_and_accepted_once_it_is(template):
    settings = tomllib.loads(template.read_text(encoding="utf-8"))
    with pytest.raises(ConfigProblem, match="cookie_secret"):
        read_config(settings)
    settings["auth"]["cookie_secret"] = secrets.token_hex(32)
    for key in ("redirect_uri", "server_metadata_url"):
        settings["auth"][key] = GOOD[key]
    config = read_config(settings)
    assert config is not None and config.admin_group_claim == "groups"
