import { ConfigError } from '../core/errors.js';
import { readSmallFileSync } from '../input/open-regular-file.js';

/** A key file holds one line; anything bigger is the wrong file (or /dev/zero), not a key. */
const MAX_KEY_FILE_BYTES = 4096;

/**
 * The API key from `--api-key-file`: a regular file of at most 4 KiB whose first line is the key.
 * Never puts the key, or any of the file's text, in a message.
 */
export function readApiKeyFile(file: string): string {
  const read = readSmallFileSync(file, MAX_KEY_FILE_BYTES);
  if (!read.ok) throw new ConfigError(`--api-key-file: cannot read ${file} (${read.reason})`, 'Give a small text file whose first line is the API key.');
  const bytes = read.content;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ConfigError(`--api-key-file: ${file} is UTF-16 text; expected the key as plain ASCII`, 'Save the file as UTF-8 or ASCII (in Notepad: Save as, Encoding UTF-8).');
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const key = text.split(/\r?\n/)[0]?.trim() ?? '';
  if (key === '') throw new ConfigError(`--api-key-file: ${file} is empty`, 'Put the API key on the first line.');
  return checkApiKeyText(key, `--api-key-file ${file}`);
}

/**
 * A key goes into the Authorization header, which carries visible ASCII only: anything else would
 * end in a ByteString error deep in fetch. Says where and what, never the key itself.
 */
export function checkApiKeyText(key: string, source: string): string {
  for (let i = 0; i < key.length; i += 1) {
    const code = key.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) {
      const what = code > 0x7e ? `a non-ASCII character (U+${code.toString(16).toUpperCase().padStart(4, '0')})` : code === 0 ? 'a NUL byte (UTF-16 text?)' : 'a space or control character';
      throw new ConfigError(
        `${source}: the API key has ${what} at position ${i + 1}; an HTTP header can carry only visible ASCII characters`,
        'Copy the key again from the Telnyx portal (API Keys) into a plain text file.',
      );
    }
  }
  return key;
}
