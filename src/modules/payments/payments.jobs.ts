import { z } from 'zod';
import { defineJob, PermanentJobError } from '../../server/core/jobs/job-definition.js';
import { devSignatureHeader, devWebhookPath, signDevWebhook } from './dev.provider.js';

/**
 * The dev provider's webhook delivery: like a real provider it POSTs a signed notification to Kabinet's
 * public webhook URL over HTTP, and retries with backoff until it gets a 2xx.
 */
export function devWebhookJob(options: { publicUrl: string; secret: string }) {
  return defineJob({
    name: 'payments.devWebhook',
    payload: z.object({ body: z.record(z.string(), z.unknown()) }),
    maxAttempts: 8,
    async handler({ payload }) {
      const body = JSON.stringify(payload.body);
      const response = await fetch(`${options.publicUrl}${devWebhookPath}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [devSignatureHeader]: signDevWebhook(options.secret, body),
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      if (response.status === 400 || response.status === 401) {
        throw new PermanentJobError(`Kabinet refused the dev webhook: HTTP ${response.status}`);
      }
      if (!response.ok) throw new Error(`Kabinet answered the dev webhook with HTTP ${response.status}`);
    },
  });
}
