import { passkey } from '@better-auth/passkey';
import type { Config } from '../../../server/core/config.js';

/**
 * Passkeys (WebAuthn) through @better-auth/passkey. The relying party is the portal's own host name from
 * PUBLIC_URL: a passkey works only at the address it was registered at, and browsers refuse WebAuthn on
 * bare IP addresses, so PUBLIC_URL must name a host (http://localhost is allowed for development).
 */
export function passkeyPlugin(config: Config) {
  return passkey({
    rpID: new URL(config.publicUrl).hostname,
    rpName: 'Kabinet',
    origin: config.publicUrl,
    advanced: { webAuthnChallengeCookie: 'kabinet-passkey' },
  });
}
