import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person who can sign in at the test provider (its dev login form takes any password). */
export interface OidcTestAccount {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: OidcTestAccount[];
  close(): Promise<void>;
}

export const oidcTestClient = { clientId: 'kabinet-test', clientSecret: 'kabinet-test-secret-0123456789' };

export const oidcTestAccounts: OidcTestAccount[] = [
  { sub: 'alice', email: 'alice@oidc.example.test', emailVerified: true, name: 'Алиса Иванова' },
  { sub: 'bob', email: 'bob@oidc.example.test', emailVerified: false, name: 'Боб Петров' },
];

/** A free TCP port on 127.0.0.1 (closed again, so a server can take it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a free port of localhost, with one
 * confidential client whose redirect URIs are given, and test accounts. Its development login and consent
 * pages (`devInteractions`) stand in for the provider's UI: any password is accepted for a known login.
 */
export async function startOidcProvider(options: {
  redirectUris: string[];
  accounts?: OidcTestAccount[];
  /** Lets any login sign in, as `<login>@oidc.example.test` with a verified address (for browser tests). */
  anyLogin?: boolean;
}): Promise<OidcTestProvider> {
  const accounts = options.accounts ?? oidcTestAccounts;
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: oidcTestClient.clientId,
        client_secret: oidcTestClient.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
    // Explicit lifetimes (seconds) keep the provider from printing a notice for each default it uses.
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    findAccount: (_ctx: unknown, id: string) => {
      const account =
        accounts.find((a) => a.sub === id) ??
        (options.anyLogin
          ? { sub: id, email: `${id}@oidc.example.test`, emailVerified: true, name: id }
          : null);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: () => ({
          sub: account.sub,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
        }),
      };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    ...oidcTestClient,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A minimal browser for API tests: follows redirects across hosts by hand, keeps cookies per host, and
 * fills in the test provider's login and consent forms.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly origin?: string) {}

  cookieHeader(url: string): string {
    const cookies = this.jar.get(new URL(url).host) ?? new Map();
    return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }

  private store(url: string, response: Response) {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(host, cookies);
  }

  /** One request without following redirects. */
  async request(url: string, init: { method?: string; body?: string; contentType?: string } = {}) {
    const headers: Record<string, string> = { cookie: this.cookieHeader(url) };
    if (init.contentType) headers['content-type'] = init.contentType;
    if (init.method === 'POST' && this.origin && url.startsWith(this.origin)) headers.origin = this.origin;
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      body: init.body,
      headers,
      redirect: 'manual',
    });
    this.store(url, response);
    return response;
  }

  /** Follows redirects from `url` until a page that is not a redirect; returns its URL and response. */
  async follow(url: string): Promise<{ url: string; response: Response; text: string }> {
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).toString();
        continue;
      }
      return { url: current, response, text: await response.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits the first form on an HTML page with the given fields (plus its hidden inputs), then follows. */
  async submitForm(pageUrl: string, html: string, fields: Record<string, string>) {
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on ${pageUrl}:\n${html.slice(0, 500)}`);
    const body = new URLSearchParams();
    for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      body.set(match[1] as string, match[2] as string);
    }
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    const target = new URL(action.replaceAll('&amp;', '&'), pageUrl).toString();
    const response = await this.request(target, {
      method: 'POST',
      body: body.toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    const location = response.headers.get('location');
    if (!location) return { url: target, response, text: await response.text() };
    return this.follow(new URL(location, target).toString());
  }

  /**
   * Goes from the provider's authorization URL through its login (as `login`) and consent pages, and on to
   * wherever the provider sends the browser back; returns the final page.
   */
  async signInAtProvider(authorizationUrl: string, login: string) {
    let page = await this.follow(authorizationUrl);
    for (let step = 0; step < 4 && page.url.includes('/interaction/'); step++) {
      page = page.text.includes('name="login"')
        ? await this.submitForm(page.url, page.text, { login, password: 'any-password' })
        : await this.submitForm(page.url, page.text, {});
    }
    return page;
  }
}
