import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/** The simulator's webhook signing key: an Ed25519 private key and its public half as Telnyx shows it (base64 of the raw 32 bytes). */
export interface WebhookSigningKey {
  readonly privateKey: KeyObject;
  readonly publicKeyBase64: string;
}

/** A bad `--webhook-key-file`: the message names the file and what was expected. */
export class WebhookKeyError extends Error {}

export function generateWebhookKey(): WebhookSigningKey {
  return fromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

/**
 * The key in `file` (PEM, PKCS#8, Ed25519: what `openssl genpkey -algorithm ed25519` writes), or a new
 * key written there (mode 0600) when the file does not exist yet, so restarts keep the same public key.
 */
export function loadOrCreateWebhookKey(file: string): { key: WebhookSigningKey; isCreated: boolean } {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new WebhookKeyError(`--webhook-key-file ${file}: cannot read it (${(error as Error).message})`);
    const key = generateWebhookKey();
    try {
      writeFileSync(file, key.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    } catch (writeError) {
      throw new WebhookKeyError(`--webhook-key-file ${file}: cannot create it (${(writeError as Error).message})`);
    }
    return { key, isCreated: true };
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new WebhookKeyError(`--webhook-key-file ${file}: expected a PEM private key (-----BEGIN PRIVATE KEY-----, Ed25519), found something else`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new WebhookKeyError(`--webhook-key-file ${file}: expected an Ed25519 key, found a ${privateKey.asymmetricKeyType ?? 'unknown'} key`);
  }
  return { key: fromPrivateKey(privateKey), isCreated: false };
}

/** `telnyx-signature-ed25519`: base64 of the Ed25519 signature over `${timestamp}|${body}` (telnyx-node lib/webhooks.ts). */
export function signWebhook(key: WebhookSigningKey, timestamp: string, body: string): string {
  return sign(null, Buffer.from(`${timestamp}|${body}`, 'utf8'), key.privateKey).toString('base64');
}

function fromPrivateKey(privateKey: KeyObject): WebhookSigningKey {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return { privateKey, publicKeyBase64: Buffer.from(String(jwk.x), 'base64url').toString('base64') };
}
