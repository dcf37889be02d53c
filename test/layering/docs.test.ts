// The repository explains itself (docs/architecture.md): the README names every folder under src/, the
// architecture page lists exactly the pure modules the lint checks, and every section a comment cites exists.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The lint's lists of pure modules (eslint.config.js is plain JS outside the TypeScript project). */
const { PURE_FILE_NAMES, PURE_FOLDERS, FOLDER_BOUNDARIES } = (await import(pathToFileURL(path.join(root, 'eslint.config.js')).href)) as {
  PURE_FILE_NAMES: readonly string[];
  PURE_FOLDERS: readonly string[];
  FOLDER_BOUNDARIES: readonly { folder: string; patterns: readonly { message: string }[] }[];
};
const read = (file: string): Promise<string> => readFile(path.join(root, file), 'utf8');

/** Section numbers (`3`, `8.12`) of a markdown page: `## 3.` headings and `n.` items under `## 8.`. */
async function sections(file: string): Promise<Set<string>> {
  const found = new Set<string>();
  let current = '';
  for (const line of (await read(file)).split('\n')) {
    const heading = /^## (\d+)\./.exec(line);
    if (heading?.[1] !== undefined) {
      current = heading[1];
      found.add(current);
      continue;
    }
    const item = /^(\d+)\. /.exec(line);
    if (item?.[1] !== undefined && current !== '') found.add(`${current}.${item[1]}`);
  }
  return found;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs|md)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe('the repository explains itself', () => {
  it('the README code layout names every folder under src/', async () => {
    const readme = await read('README.md');
    const layout = readme.slice(readme.indexOf('Code layout'));
    const folders = (await readdir(path.join(root, 'src'), { withFileTypes: true, recursive: true })).filter((entry) => entry.isDirectory());
    const missing = folders.map((folder) => folder.name).filter((name) => !layout.includes(`\`${name}/\``));
    expect(missing).toEqual([]);
  });

  it('docs/architecture.md §2 lists exactly the pure modules eslint.config.js checks', async () => {
    const architecture = await read('docs/architecture.md');
    const layering = architecture.slice(architecture.indexOf('## 2.'), architecture.indexOf('## 3.'));
    for (const folder of PURE_FOLDERS) expect(layering).toContain(`\`${folder.replace('/**/*.ts', '/')}\``);
    const fileList = layering.slice(layering.indexOf('these files, by name'), layering.indexOf('A new pure module'));
    const listed = [...fileList.matchAll(/`([a-z-]+)`/g)].map((match) => match[1]);
    expect([...listed].sort()).toEqual([...PURE_FILE_NAMES].sort());
  });

  it('docs/architecture.md §2 states every folder boundary eslint.config.js checks', async () => {
    const architecture = await read('docs/architecture.md');
    const layering = architecture.slice(architecture.indexOf('## 2.'), architecture.indexOf('## 3.')).replace(/\s+/g, ' ');
    expect(FOLDER_BOUNDARIES.length).toBeGreaterThan(0);
    for (const { folder, patterns } of FOLDER_BOUNDARIES) {
      for (const { message } of patterns) {
        // The lint message says `src/track imports nothing from src/commands`; the page says the same with backticks.
        const [, target] = /imports nothing from (\S+)/.exec(message) ?? [];
        expect(target, message).toBeDefined();
        expect(layering).toContain(`\`${folder}/\` imports nothing from \`${target}/\``);
      }
    }
  });

  it('every docs/design.md and docs/architecture.md section a file cites exists', async () => {
    const design = await sections('docs/design.md');
    const architecture = await sections('docs/architecture.md');
    const dangling: string[] = [];
    for (const file of [...(await sourceFiles('src')), ...(await sourceFiles('test')), ...(await sourceFiles('bench')), 'README.md', 'eslint.config.js']) {
      const text = await read(file);
      for (const match of text.matchAll(/docs\/(design|architecture)\.md §(\d+(?:\.\d+)?)/g)) {
        const known = match[1] === 'design' ? design : architecture;
        if (!known.has(match[2] ?? '')) dangling.push(`${file}: ${match[0]}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('comments cite docs/ rather than documents outside the repository', async () => {
    const outside = ['DESIGN', 'STYLE'].map((name) => `${name} §`);
    const stale: string[] = [];
    for (const file of [...(await sourceFiles('src')), ...(await sourceFiles('test')), ...(await sourceFiles('bench')), 'README.md']) {
      const text = await read(file);
      if (outside.some((citation) => text.includes(citation))) stale.push(file);
    }
    expect(stale).toEqual([]);
  });
});
