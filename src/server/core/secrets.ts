import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type Config, ConfigError } from './config.js';

const secretsFile = z.object({
  sessionSecret: z.string().min(32),
  operatorToken: z.string().min(24),
  demoPassword: z.string().min(8),
});

export type Secrets = z.infer<typeof secretsFile>;

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Secrets come from the environment when set; otherwise they are generated on first start and kept in
 * `<data dir>/secrets.json` (mode 0600), so they survive restarts and are never part of the code.
 */
export function loadSecrets(config: Config): Secrets {
  const dir = resolve(config.dataDir);
  const file = join(dir, 'secrets.json');
  let stored: Secrets;
  if (existsSync(file)) {
    const parsed = secretsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new ConfigError(`KABINET_DATA_DIR: ${file} is damaged; restore it from a backup or delete it`);
    }
    stored = parsed.data;
  } else {
    stored = {
      sessionSecret: randomToken(48),
      operatorToken: randomToken(24),
      demoPassword: `demo-${randomToken(9)}`,
    };
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return {
    sessionSecret: config.sessionSecret ?? stored.sessionSecret,
    operatorToken: config.operatorToken ?? stored.operatorToken,
    demoPassword: config.demoPassword ?? stored.demoPassword,
  };
}
