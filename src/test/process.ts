import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootDir } from '../server/core/paths.js';

export interface ServerProcess {
  proc: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const tempDataDir = () => mkdtempSync(join(tmpdir(), 'kabinet-proc-'));

/**
 * Runs the real server (`kabinet <command>`) as a child process with the given environment, from the
 * server bundle that the test global setup builds from the current sources.
 */
export function spawnKabinet(command: string, env: Record<string, string>) {
  const proc = spawn(process.execPath, [join(rootDir, 'scripts/kabinet.mjs'), command, '--no-build'], {
    cwd: rootDir,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  proc.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { proc, exited, stdout: () => stdout, stderr: () => stderr };
}

/** Starts the server and resolves once it prints its URL. */
export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawnKabinet('start', { PORT: '0', ...env });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${child.stdout()}\n${child.stderr()}`)),
      timeoutMs,
    );
    child.proc.stdout?.on('data', () => {
      const match = /Kabinet is running at (http\S+)/.exec(child.stdout());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${child.stdout()}\n${child.stderr()}`));
    });
  });
  return { proc: child.proc, url, exited: child.exited, output: () => child.stdout() + child.stderr() };
}
