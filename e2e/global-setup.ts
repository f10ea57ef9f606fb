import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { freePort, startOidcProvider } from '../src/test/oidc-provider';
import { E2E_DEMO_PASSWORD, E2E_OPERATOR_TOKEN } from './env';

const START_TIMEOUT_MS = 60_000;
const READY_LINE = /Kabinet is running at (http\S+)/;

function stopServer(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    const force = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

/**
 * Starts the built Kabinet server (`node scripts/kabinet.mjs start`) on a free port with a fresh data
 * directory and demo data, waits for its "running at" line and hands the URL to the workers through
 * E2E_BASE_URL. Returns the teardown, which stops the server and removes the data directory.
 */
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kabinet-e2e-'));
  // WebAuthn needs a host name, not an IP, so the portal is http://localhost:<free port>; a local OpenID
  // Connect provider (any login signs in) stands in for Yandex ID, VK ID or Google.
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  const oidc = await startOidcProvider({
    redirectUris: [`${publicUrl}/api/v1/auth/callback/oidc`],
    anyLogin: true,
  });
  const server = spawn(process.execPath, ['scripts/kabinet.mjs', 'start'], {
    cwd: config.configFile ? dirname(config.configFile) : process.cwd(),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      AUTH_OIDC_ISSUER: oidc.issuer,
      AUTH_OIDC_CLIENT_ID: oidc.clientId,
      AUTH_OIDC_CLIENT_SECRET: oidc.clientSecret,
      AUTH_OIDC_NAME: 'Test ID',
      KABINET_DATA_DIR: dataDir,
      KABINET_DEMO: 'true',
      KABINET_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      KABINET_OPERATOR_TOKEN: E2E_OPERATOR_TOKEN,
      LOG_LEVEL: 'warn',
      // Every test browser comes from 127.0.0.1: the per-IP sign-in limit must not make tests depend on each other.
      AUTH_MAX_FAILURES_PER_IP: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Kabinet did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    server.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Kabinet exited before it was ready (code ${code}, signal ${signal}):\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stopServer(server);
    await oidc.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });

  // Keep draining the server's output so its pipes never fill up; show warnings and errors.
  server.stdout?.removeAllListeners('data');
  server.stdout?.resume();
  process.env.E2E_BASE_URL = baseUrl;

  return async () => {
    await stopServer(server);
    await oidc.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
