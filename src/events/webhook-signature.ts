import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { TelnyxWebhook, TelnyxWebhookVerificationError } from 'telnyx/lib/webhooks';
import { UsageError } from '../core/errors.js';

/** Whether a webhook request is Telnyx's, and if not, the HTTP status and why (never the body or header values). */
export type SignatureCheck = { readonly isValid: true } | { readonly isValid: false; readonly status: 401 | 403; readonly reason: string };

/** The SDK's own bound on a timestamp's age (telnyx-node lib/webhooks.ts): a longer --max-age could not be honoured. */
export const SDK_MAX_AGE_MS = 300_000;

/**
 * Checks `telnyx-signature-ed25519` and `telnyx-timestamp` with the SDK's webhook verification
 * (`TelnyxWebhook.verify`, what `client.webhooks.unwrap` calls: Ed25519 over `${timestamp}|${body}`,
 * timestamps more than 5 minutes off refused). Before it, the headers' presence and the timestamp's age
 * against `maxAgeMs` are checked here, so that a refusal says which rule failed.
 */
export class WebhookVerifier {
  readonly #sdk: TelnyxWebhook;
  readonly #maxAgeMs: number;
  readonly #now: () => Date;

  constructor(publicKeyBase64: string, maxAgeMs: number, now: () => Date) {
    this.#sdk = new TelnyxWebhook(publicKeyBase64);
    this.#maxAgeMs = maxAgeMs;
    this.#now = now;
  }

  async check(body: string, headers: Readonly<Record<string, string>>): Promise<SignatureCheck> {
    const signature = headers['telnyx-signature-ed25519'];
    const timestamp = headers['telnyx-timestamp'];
    if (signature === undefined || timestamp === undefined || signature === '' || timestamp === '') {
      return { isValid: false, status: 401, reason: 'unsigned: expected the telnyx-signature-ed25519 and telnyx-timestamp headers' };
    }
    if (!/^\d{1,12}$/.test(timestamp)) return { isValid: false, status: 403, reason: 'bad timestamp: expected telnyx-timestamp as Unix seconds' };
    const ageSeconds = Math.floor(this.#now().getTime() / 1000) - Number(timestamp);
    const maxSeconds = Math.floor(this.#maxAgeMs / 1000);
    if (ageSeconds > maxSeconds) return { isValid: false, status: 403, reason: `stale: telnyx-timestamp is ${ageSeconds} s old, more than the ${maxSeconds} s allowed (a replay, or this host's clock is off)` };
    if (-ageSeconds > maxSeconds) return { isValid: false, status: 403, reason: `bad timestamp: telnyx-timestamp is ${-ageSeconds} s in the future, more than the ${maxSeconds} s allowed (check this host's clock)` };
    try {
      await this.#sdk.verify(body, { ...headers });
    } catch (error) {
      if (!(error instanceof TelnyxWebhookVerificationError)) throw error;
      return { isValid: false, status: 403, reason: 'bad signature: it does not verify with the public key (the body was changed, another key signed it, or it is not from Telnyx)' };
    }
    return { isValid: true };
  }
}

/**
 * The webhook public key in `file`: the base64 text Telnyx shows (Mission Control → Keys & Credentials →
 * Public Key; `bulkport sim` prints its own), or a PEM Ed25519 public key. Any other content is an exit-2
 * message naming the file and what was expected.
 */
export async function readWebhookPublicKey(file: string): Promise<string> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    throw new UsageError(`--public-key-file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const expected = 'expected the webhook public key: its base64 text (44 characters, as Telnyx shows it) or a PEM Ed25519 public key';
  if (text.includes('PRIVATE KEY')) {
    throw new UsageError(`--public-key-file ${file}: ${expected}, found a private key`, 'Give the public half only (for the simulator: the key `bulkport sim` prints at start).');
  }
  if (text.startsWith('-----BEGIN PUBLIC KEY-----')) {
    try {
      const key = createPublicKey(text);
      if (key.asymmetricKeyType === 'ed25519') return Buffer.from(String(key.export({ format: 'jwk' }).x), 'base64url').toString('base64');
    } catch {
      // Reported below as not a key.
    }
    throw new UsageError(`--public-key-file ${file}: ${expected}, found a PEM that is not an Ed25519 public key`);
  }
  const line = text.split(/\r?\n/)[0]?.trim() ?? '';
  if (/^[A-Za-z0-9+/]{43}=$/.test(line) && Buffer.from(line, 'base64').length === 32) return line;
  throw new UsageError(`--public-key-file ${file}: ${expected}, found ${line === '' ? 'an empty file' : `${line.length} characters that are not one`}`);
}
