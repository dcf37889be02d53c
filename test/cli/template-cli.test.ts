import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('bulkport template (built CLI)', () => {
  it('exits 2 with one line, no stack, when -o names a file under a file', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'bulkport-template-cli-'));
    writeFileSync(path.join(cwd, 'taken'), 'mine\n');
    const result = await runCli(['template', '-o', 'taken/acme.csv'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at |unexpected error/);
    expect(result.stderr).toMatch(/^bulkport: -o: expected .*taken.* directory/);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    expect(readdirSync(cwd)).toEqual(['taken']);
  });
});
