// A real OpenID Connect provider (oidc-provider 8.8.1, a certified implementation) for the browser
// tests of sign-in: st.login in the app talks to it exactly as it would to Microsoft Entra ID.
//
// Usage: node tests/oidc/provider.js [PORT]      (or PORT=... in the environment)
//
// Environment:
//   OIDC_CLIENT_ID       the one client's id (default "kim-pathways-tests")
//   OIDC_CLIENT_SECRET   its secret (required: the tests pass a random one)
//   OIDC_REDIRECT_URIS   registered redirect URIs, comma-separated (optional). Any
//                        http://127.0.0.1:<port>/oauth2callback is accepted as well, since every
//                        test module starts its own Streamlit on a free port.
//   OIDC_ASK_CONSENT     "1" to show the consent screen; otherwise consent is taken as given, as
//                        for a first-party app whose administrator consented (as on Entra).
//
// People: the development login page accepts any login name (and any password). Claims:
//   sub = the login name; email = <login>@example.gov.uk; name = the login with its first letter
//   capitalised ("alice" -> "Alice"); groups = ["kim-profession-admins"] when the login starts
//   with "admin", else [].
//
// Prints "listening on <issuer>" on stdout when ready. Listens on 127.0.0.1 only.

import { generateKeyPairSync, randomBytes } from 'node:crypto';

import Provider from 'oidc-provider';

const port = Number(process.argv[2] || process.env.PORT);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('provider.js: give the port as the first argument or in PORT');
  process.exit(2);
}
const clientSecret = process.env.OIDC_CLIENT_SECRET;
if (!clientSecret) {
  console.error('provider.js: set OIDC_CLIENT_SECRET');
  process.exit(2);
}
const clientId = process.env.OIDC_CLIENT_ID || 'kim-pathways-tests';
const issuer = `http://127.0.0.1:${port}`;
const registeredRedirectUris = (process.env.OIDC_REDIRECT_URIS || '')
  .split(',').map((uri) => uri.trim()).filter(Boolean);
if (registeredRedirectUris.length === 0) {
  // oidc-provider wants at least one registered; any loopback callback is accepted below anyway.
  registeredRedirectUris.push('http://127.0.0.1:8501/oauth2callback');
}
const askConsent = process.env.OIDC_ASK_CONSENT === '1';

const ADMIN_GROUP = 'kim-profession-admins';
// A Streamlit server's callback on this machine, on whatever port it was given.
const LOOPBACK_CALLBACK = /^http:\/\/127\.0\.0\.1:\d{1,5}\/oauth2callback$/;

function claimsFor(login) {
  return {
    sub: login,
    email: `${login}@example.gov.uk`,
    email_verified: true,
    name: login.charAt(0).toUpperCase() + login.slice(1),
    groups: login.startsWith('admin') ? [ADMIN_GROUP] : [],
  };
}

// A fresh signing key per run: nothing secret is kept in the repository.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test-key' };

// The default pages import a web font from fonts.googleapis.com; the tests allow no request off
// this machine, so pages are plain HTML with no outside reference.
function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>`
    + `<body><h1>${title}</h1>${body}</body></html>`;
}

const configuration = {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: registeredRedirectUris,
    post_logout_redirect_uris: registeredRedirectUris,
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  // st.user holds only the ID token's claims: put name, email and groups in it.
  conformIdTokenClaims: false,
  scopes: ['openid', 'email', 'profile'],
  claims: {
    // groups under openid: returned whatever the scopes, as Entra does for a group claim.
    openid: ['sub', 'groups'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return claimsFor(id); } };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    if (askConsent || !ctx.oidc.session.accountId) return undefined;
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Sign out', `${form}<p>Do you want to sign out from ${ctx.host}?</p>`
          + '<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>'
          + '<button type="submit" form="op.logoutForm">No, stay signed in</button>');
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out', '<p>You have signed out.</p>');
      },
    },
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    const escape = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    ctx.body = page('Sign-in error', Object.entries(out)
      .map(([key, value]) => `<p><strong>${escape(key)}</strong>: ${escape(value)}</p>`).join(''));
  },
};

const provider = new Provider(issuer, configuration);

// Each test module's Streamlit has its own port: accept any loopback /oauth2callback, exactly.
const { redirectUriAllowed, postLogoutRedirectUriAllowed } = provider.Client.prototype;
provider.Client.prototype.redirectUriAllowed = function allowLoopback(value) {
  return LOOPBACK_CALLBACK.test(value) || redirectUriAllowed.call(this, value);
};
provider.Client.prototype.postLogoutRedirectUriAllowed = function allowLoopback(value) {
  return LOOPBACK_CALLBACK.test(value) || postLogoutRedirectUriAllowed.call(this, value);
};

// The development login and consent pages (oidc-provider's own templates) import a web font;
// strip it so that a browser on these pages asks nothing of any other host.
provider.use(async (ctx, next) => {
  await next();
  if (typeof ctx.body === 'string' && ctx.response.is('html')) {
    ctx.body = ctx.body.replace(/@import url\(https?:\/\/[^)]*\);?/g, '');
  }
});

provider.on('server_error', (ctx, error) => console.error('server_error', error));

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`listening on ${issuer}`);
});
server.on('error', (error) => {
  console.error(`provider.js: cannot listen on 127.0.0.1:${port}: ${error.message}`);
  process.exit(1);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
