import { PermanentJobError } from '../../server/core/jobs/job-definition.js';
import type { SmsProvider } from './sms.provider.js';

export interface SmsRuOptions {
  apiId: string;
  /** Sender name approved in the SMS.ru account; the account's default when absent. */
  from: string | undefined;
  /** https://sms.ru, or a stand-in in tests. */
  url: string;
  /** Milliseconds to wait for SMS.ru before counting the attempt as failed. */
  timeoutMs?: number;
}

interface SmsRuReply {
  status?: string;
  status_code?: number;
  status_text?: string;
  sms?: Record<string, { status?: string; status_code?: number; status_text?: string; sms_id?: string }>;
}

// SMS.ru status codes that another attempt may fix: the service is busy, or a per-number/per-minute limit.
// Every other error (wrong api_id, no money, a refused or blocked number, a bad text) fails at once.
const transientCodes = new Set([220, 230, 231, 500]);

/** The error for an SMS.ru status: a plain Error is retried by the job, a PermanentJobError is not. */
function refusal(code: number | undefined, text: string | undefined): Error {
  const message = `SMS.ru refused the message: ${code ?? '?'} ${text ?? ''}`.trim();
  return code !== undefined && transientCodes.has(code) ? new Error(message) : new PermanentJobError(message);
}

/**
 * Sends through SMS.ru (https://sms.ru/api/send): one POST with api_id, to, msg and json=1. The reply is
 * `{status, status_code, sms: {<number>: {status, status_code, sms_id}}}`; status_code 100 means accepted.
 */
export function smsRuProvider(options: SmsRuOptions): SmsProvider {
  return {
    kind: 'smsru',
    async send(_db, sms) {
      const to = sms.to.replace(/^\+/, '');
      const form = new URLSearchParams({ api_id: options.apiId, to, msg: sms.text, json: '1' });
      if (options.from) form.set('from', options.from);
      let response: Response;
      try {
        response = await fetch(`${options.url}/sms/send`, {
          method: 'POST',
          body: form,
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        throw new Error(`SMS.ru is unreachable: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!response.ok) throw new Error(`SMS.ru answered HTTP ${response.status}`);
      let reply: SmsRuReply;
      try {
        reply = (await response.json()) as SmsRuReply;
      } catch {
        throw new Error('SMS.ru answered with something that is not JSON');
      }
      if (reply.status !== 'OK') throw refusal(reply.status_code, reply.status_text);
      const one = reply.sms?.[to];
      if (one?.status !== 'OK') throw refusal(one?.status_code, one?.status_text);
    },
  };
}
