import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/errors.js';
import { createAtomicWriteStream, writeFileAtomic } from '../../src/output/atomic-file.js';

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
