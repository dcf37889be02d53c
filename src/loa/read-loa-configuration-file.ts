import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputFileError } from '../core/errors.js';
import { checkLoaConfiguration, type LoaConfigurationBody, type LogoSource } from './loa-configuration-rules.js';

/** A letterhead file is a few hundred bytes; anything this big is the wrong file. */
const MAX_CONFIGURATION_FILE_BYTES = 256 * 1024;

/**
 * Reads `--from FILE.json` and checks it against the LOA configuration rules. Every problem is
 * listed in one input error (exit 2), each with its JSON pointer; nothing is sent while one remains.
 */
export async function readLoaConfigurationFile(file: string, cwd: string, logo: LogoSource): Promise<LoaConfigurationBody> {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new InputFileError(`--from ${file}: expected a JSON file, got a ${info.isDirectory() ? 'folder' : 'special file'}; nothing was sent`);
    if (info.size > MAX_CONFIGURATION_FILE_BYTES) throw new InputFileError(`--from ${file}: ${info.size} bytes is too big for an LOA configuration (at most ${MAX_CONFIGURATION_FILE_BYTES}); nothing was sent`);
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(`--from ${file}: cannot read it (${code === 'ENOENT' ? 'file not found' : (code ?? 'error')}); nothing was sent`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputFileError(`--from ${file}: not valid JSON (${error instanceof Error ? error.message : String(error)}); nothing was sent`);
  }
  const checked = checkLoaConfiguration(raw, logo);
  if (checked.isValid) return checked.body;
  const lines = checked.problems.map((p) => `  ${file} ${p.pointer}: ${p.message}`);
  throw new InputFileError(
    `--from ${file}: ${checked.problems.length} problem${checked.problems.length === 1 ? '' : 's'} in the LOA configuration; nothing was sent\n${lines.join('\n')}`,
    'Fix them all and run the same command again (the fields are those of the API: name, company_name, address{street_address, extended_address, city, state, zip_code, country_code}, contact{email, phone_number}).',
  );
}
