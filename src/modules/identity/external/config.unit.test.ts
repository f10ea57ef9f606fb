import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/core/config.js';
import { externalProviderList } from './config.js';

describe('external sign-in providers from the environment', () => {
  it('are all off by default', () => {
    expect(loadConfig({}).externalProviders).toEqual({});
  });

  it('reads each provider whose variables are set', () => {
    const config = loadConfig({
      AUTH_YANDEX_CLIENT_ID: 'y-id',
      AUTH_YANDEX_CLIENT_SECRET: 'y-secret',
      AUTH_OIDC_ISSUER: 'https://id.example.com/',
      AUTH_OIDC_CLIENT_ID: 'o-id',
      AUTH_OIDC_CLIENT_SECRET: 'o-secret',
      AUTH_OIDC_NAME: 'Corporate ID',
    });
    expect(config.externalProviders).toEqual({
      yandex: { clientId: 'y-id', clientSecret: 'y-secret' },
      oidc: {
        issuer: 'https://id.example.com',
        clientId: 'o-id',
        clientSecret: 'o-secret',
        name: 'Corporate ID',
      },
    });
    expect(externalProviderList(config.externalProviders).map((p) => p.id)).toEqual(['yandex', 'oidc']);
  });

  it('stops with a message naming the missing or wrong variable', () => {
    expect(() => loadConfig({ AUTH_GOOGLE_CLIENT_ID: 'g-id' })).toThrow(ConfigError);
    expect(() => loadConfig({ AUTH_GOOGLE_CLIENT_ID: 'g-id' })).toThrow(
      /AUTH_GOOGLE_CLIENT_SECRET is not set/,
    );
    expect(() =>
      loadConfig({
        AUTH_OIDC_ISSUER: 'id.example.com',
        AUTH_OIDC_CLIENT_ID: 'a',
        AUTH_OIDC_CLIENT_SECRET: 'b',
      }),
    ).toThrow(/AUTH_OIDC_ISSUER="id.example.com" is invalid/);
    expect(() => loadConfig({ AUTH_OIDC_NAME: 'X' })).toThrow(/AUTH_OIDC_NAME is set/);
  });
});
