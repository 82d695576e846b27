"""The test identity provider on its own (no Streamlit, no browser): what the sign-in tests rely on.

It must be a real OpenID Connect provider on 127.0.0.1 at a port chosen free for each run, say so
in its discovery document, accept a Streamlit callback on any loopback port and nothing else, and
serve pages that ask nothing of any other host.
"""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.browser.signin import OidcProvider

FIXED_PORTS = {0, 80, 443, 3000, 4000, 8000, 8080, 8501, 9000}


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    running = OidcProvider(tmp_path_factory.mktemp("oidc"))
    yield running
    running.stop()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _authorize(provider: OidcProvider, redirect_uri: str, *, follow: bool = False):
    """Ask the provider to start a sign-in that returns to redirect_uri; the response, not followed."""
    query = urllib.parse.urlencode({
        "client_id": provider.client_id, "redirect_uri": redirect_uri, "response_type": "code",
        "scope": "openid email profile", "prompt": "login", "state": "s", "nonce": "n",
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method": "S256",
    })
    handlers = [urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
    if not follow:
        handlers.append(_NoRedirect())
    opener = urllib.request.build_opener(*handlers)
    try:
        return opener.open(f"{provider.issuer}/auth?{query}", timeout=10)
    except urllib.error.HTTPError as error:
        return error


def test_discovery_names_a_loopback_issuer_on_a_port_chosen_for_this_run(provider, tmp_path):
    metadata = provider.metadata()
    assert metadata["issuer"] == provider.issuer == f"http://127.0.0.1:{provider.port}"
    assert provider.metadata_url == f"{provider.issuer}/.well-known/openid-configuration"
    assert provider.port not in FIXED_PORTS
    for endpoint in ("authorization_endpoint", "token_endpoint", "jwks_uri", "end_session_endpoint"):
        assert metadata[endpoint].startswith(provider.issuer + "/"), endpoint
    assert {"openid", "email", "profile"} <= set(metadata["scopes_supported"])
    assert {"sub", "email", "name", "groups"} <= set(metadata["claims_supported"])
    assert "S256" in metadata["code_challenge_methods_supported"]  # Streamlit then uses PKCE

    # A second provider, running at the same time, gets a port of its own and its own issuer.
    with OidcProvider(tmp_path) as other:
        assert other.port != provider.port
        assert other.metadata()["issuer"] == f"http://127.0.0.1:{other.port}"
        assert other.client_secret != provider.client_secret
    assert provider.metadata()["issuer"] == provider.issuer


@pytest.mark.parametrize("port", [8501, 39123, 65000])
def test_a_streamlit_callback_on_any_loopback_port_is_accepted(provider, port):
    response = _authorize(provider, f"http://127.0.0.1:{port}/oauth2callback")
    assert response.status in (302, 303), response.read()[:500]
    assert response.headers["Location"].startswith("/interaction/")


@pytest.mark.parametrize("redirect_uri", [
    "http://evil.example/oauth2callback",
    "http://127.0.0.1.evil.example:8501/oauth2callback",
    "http://127.0.0.1:8501/elsewhere",
    "http://127.0.0.1:8501/oauth2callback/more",
    "https://127.0.0.1:8501/oauth2callback",
])
def test_any_other_redirect_uri_is_refused(provider, redirect_uri):
    response = _authorize(provider, redirect_uri)
    assert response.status == 400
    assert "redirect_uri" in response.read().decode()


def test_the_login_page_asks_nothing_of_any_other_host(provider):
    response = _authorize(provider, "http://127.0.0.1:8501/oauth2callback", follow=True)
    page = response.read().decode()
    assert response.url.startswith(f"{provider.issuer}/interaction/")
    assert 'name="login"' in page and 'name="password"' in page
    assert "https://" not in page and "//fonts." not in page
