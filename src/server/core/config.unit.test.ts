import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      dataDir: './data',
      smtpUrl: undefined,
      demo: true,
      logLevel: 'info',
      runJobs: true,
    });
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      PUBLIC_URL: 'https://portal.example.ru/',
      DATABASE_URL: 'postgres://kabinet@db:5432/kabinet',
      KABINET_DATA_DIR: '/var/lib/kabinet',
      SMTP_URL: 'smtps://user:pass@smtp.example.ru:465',
      KABINET_DEMO: 'off',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'https://portal.example.ru',
      databaseUrl: 'postgres://kabinet@db:5432/kabinet',
      dataDir: '/var/lib/kabinet',
      smtpUrl: 'smtps://user:pass@smtp.example.ru:465',
      demo: false,
      logLevel: 'warn',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['PUBLIC_URL', 'portal.example.ru'],
    ['SMTP_URL', 'http://smtp'],
    ['KABINET_DEMO', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['KABINET_SESSION_SECRET', 'short'],
  ])('rejects %s=%s with a one-line message naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.startsWith(`${name}=`)).toBe(true);
    expect(message).not.toContain('\n');
  });
});
