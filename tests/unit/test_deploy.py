"""The files a department installs to run several replicas (deploy/) are valid as shipped.

What they do together is shown by tests/browser/test_replicas.py, which runs them; here each is
checked by the tool that reads it: HAProxy's own check of its configuration, systemd's of the unit,
the app's of the secrets.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
import tomllib

import pytest

from planner.domain.server_config import read_config
from tests.browser.replicas import (
    ENVIRONMENT_EXAMPLE,
    ROOT,
    UNIT,
    check_haproxy_config,
    environment_file,
    environment_text,
    filled_secrets,
    replica_names,
    replica_recipe,
    unit_settings,
)

ADDRESSES = {
    "KIM_PATHWAYS_LB_ADDRESS": "127.0.0.1:18080",
    "KIM_PATHWAYS_REPLICA_1": "127.0.0.1:18501",
    "KIM_PATHWAYS_REPLICA_2": "127.0.0.1:18502",
    "KIM_PATHWAYS_REPLICA_3": "127.0.0.1:18503",
}


def test_haproxy_accepts_its_configuration_with_the_addresses_given_and_with_its_defaults():
    for environment in (ADDRESSES, {}):
        checked = check_haproxy_config(environment)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "Configuration file is valid" in checked.stdout


def test_haproxy_reads_each_address_from_the_environment():
    # An empty value replaces the default (HAProxy uses defaults only for variables not set), so
    # each line that reads a variable is then refused: the variables really are the addresses.
    for variable in ADDRESSES:
        checked = check_haproxy_config(dict(ADDRESSES, **{variable: ""}))
        assert checked.returncode != 0, variable


def test_the_configuration_names_three_replicas_each_with_its_own_cookie():
    names = replica_names()
    assert [name for name, _, _ in names] == ["replica1", "replica2", "replica3"]
    assert [variable for _, variable, _ in names] == [f"KIM_PATHWAYS_REPLICA_{n}" for n in (1, 2, 3)]
    assert len({cookie for _, _, cookie in names}) == 3


def test_systemd_finds_nothing_to_say_about_the_unit(tmp_path):
    # Installed paths replaced by the repository's, so that the programs it names exist here.
    unit = tmp_path / "kim-pathways@8501.service"
    unit.write_text(UNIT.read_text(encoding="utf-8").replace("/opt/kim-pathways", str(ROOT)), encoding="utf-8")
    verified = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert verified.returncode == 0 and verified.stdout + verified.stderr == "", verified.stdout + verified.stderr


def test_a_replica_runs_streamlit_on_its_port_of_127_0_0_1_with_the_shared_secrets(tmp_path):
    recipe = replica_recipe(8502, secrets_path=tmp_path / "secrets.toml", state_dir=tmp_path / "state",
                            environment_text="KIM_PATHWAYS_DATABASE_URL=postgresql://kim@db.example/kim\n")
    assert recipe.command == [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", "8502", "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        "--secrets.files", str(tmp_path / "secrets.toml"),
    ]
    assert recipe.cwd == ROOT
    assert recipe.environment["KIM_PATHWAYS_DATABASE_URL"] == "postgresql://kim@db.example/kim"
    assert recipe.environment["HOME"] == str(tmp_path / "state")


@pytest.mark.parametrize(("key", "expected"), [
    ("User", "kim-pathways"),
    ("Restart", "on-failure"),
    ("NoNewPrivileges", "true"),
    ("ProtectSystem", "strict"),
    ("ProtectHome", "true"),
    ("PrivateTmp", "true"),
    ("PrivateDevices", "true"),
    ("CapabilityBoundingSet", ""),
    ("EnvironmentFile", "/etc/kim-pathways/environment"),
    ("StateDirectory", "kim-pathways"),
])
def test_the_unit_runs_the_replica_unprivileged_and_restarts_it(key, expected):
    assert unit_settings(UNIT.read_text(encoding="utf-8"))["Service"][key] == [expected]


def test_the_environment_file_names_the_database_once_filled_in():
    shipped = environment_file(ENVIRONMENT_EXAMPLE.read_text(encoding="utf-8"))
    assert list(shipped) == ["KIM_PATHWAYS_DATABASE_URL"] and "<" in shipped["KIM_PATHWAYS_DATABASE_URL"]
    filled = environment_file(environment_text(database_url="postgresql://kim@db.example:5432/kim"))
    assert filled == {"KIM_PATHWAYS_DATABASE_URL": "postgresql://kim@db.example:5432/kim"}


def test_the_replicas_secrets_filled_in_are_accepted_with_the_load_balancers_address():
    text = filled_secrets({
        "redirect_uri": '"https://kim.example.gov.uk/oauth2callback"',
        "cookie_secret": f'"{secrets.token_hex(32)}"',
        "client_id": '"kim"',
        "client_secret": '"s"',
        "server_metadata_url": '"https://login.example.gov.uk/.well-known/openid-configuration"',
        "admin_emails": '["lead@example.gov.uk"]',
    })
    config = read_config(tomllib.loads(text))
    assert config is not None and config.is_admin({"email": "lead@example.gov.uk"})
    with pytest.raises(ValueError, match="left to fill in"):
        filled_secrets({"cookie_secret": '"x"'})
