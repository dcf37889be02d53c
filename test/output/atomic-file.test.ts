import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/errors.js';
import { createAtomicWriteStream, outputFileError, writeFileAtomic } from '../../src/output/atomic-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bulkport-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes the file and leaves no temporary file', async () => {
    const file = path.join(dir, 'summary.json');
    await writeFileAtomic(file, '{"ok":true}\n');
    expect(await readFile(file, 'utf8')).toBe('{"ok":true}\n');
    expect(await readdir(dir)).toEqual(['summary.json']);
  });

  it('replaces an existing file whole', async () => {
    const file = path.join(dir, 'report.csv');
    await writeFile(file, 'old,old,old\n');
    await writeFileAtomic(file, Buffer.from('new\n'));
    expect(await readFile(file, 'utf8')).toBe('new\n');
  });

  it('fails as a DeliveryError naming the file when the directory is missing', async () => {
    const file = path.join(dir, 'missing', 'summary.json');
    const error = await writeFileAtomic(file, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).message).toBe(`cannot write ${file}: its directory does not exist`);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('createAtomicWriteStream', () => {
  it('shows the final name only after commit', async () => {
    const file = path.join(dir, 'results.csv');
    const out = createAtomicWriteStream(file);
    await out.opened;
    out.stream.write('a,b\n');
    expect(await readdir(dir)).toEqual([path.basename(out.tempPath)]);
    expect(out.tempPath.endsWith('.tmp')).toBe(true);
    await out.commit();
    expect(await readdir(dir)).toEqual(['results.csv']);
    expect(await readFile(file, 'utf8')).toBe('a,b\n');
  });

  it('removes the temporary file on abort', async () => {
    const out = createAtomicWriteStream(path.join(dir, 'results.xlsx'));
    out.stream.write('partial');
    await out.abort();
    await out.abort();
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports an unwritable place through opened and commit', async () => {
    const file = path.join(dir, 'nope', 'results.csv');
    const out = createAtomicWriteStream(file);
    await expect(out.opened).rejects.toThrow(`cannot write ${file}: its directory does not exist`);
    await expect(out.commit()).rejects.toBeInstanceOf(DeliveryError);
    await out.abort();
  });
});

describe('outputFileError', () => {
  it('names the file and says the error code once', async () => {
    // A directory where the file should go: rename fails with EISDIR, which has no friendlier wording.
    const file = path.join(dir, 'results.csv');
    await mkdir(file);
    const error = await writeFileAtomic(file, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).message).toMatch(new RegExp(`^cannot write ${file}: EISDIR: [^:]+, rename '`));
  });

  it('a path under a file fails as a DeliveryError, not as the cleanup\'s own ENOTDIR', async () => {
    await writeFile(path.join(dir, 'a-file'), 'x');
    const error = await writeFileAtomic(path.join(dir, 'a-file', 'results.csv'), 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).message).toMatch(/^cannot write .*a-file\/results\.csv: ENOTDIR/);
  });

  it('keeps the code in front of a message that lacks it', () => {
    const error = Object.assign(new Error('stream broke'), { code: 'EPIPE' });
    expect(outputFileError('/x/results.csv', error).message).toBe('cannot write /x/results.csv: EPIPE: stream broke');
  });
});
