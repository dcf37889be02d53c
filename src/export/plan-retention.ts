import type { FoundExport } from './export-sidecar.js';

/**
 * Which files `--keep N` removes: every export of the kind beyond the newest `keep` that still have
 * their CSV (the one just written counts), with its changes file and sidecar. A sidecar whose CSV
 * is already gone is removed too. A file that a kept export names is never removed, whatever
 * `--name` did to the names. The sidecar is listed last so a prune cut short leaves it to find
 * the rest next time. Pure.
 */
export function planRetention(exportsNewestFirst: readonly FoundExport[], keep: number): string[] {
  const complete = exportsNewestFirst.filter((found) => found.hasCsv);
  const kept = new Set(complete.slice(0, keep));
  const protectedNames = new Set<string>();
  for (const found of kept) {
    protectedNames.add(found.sidecar.file).add(found.sidecarFile);
    if (found.sidecar.changes) protectedNames.add(found.sidecar.changes.file);
  }
  const removals: string[] = [];
  for (const found of exportsNewestFirst) {
    if (kept.has(found)) continue;
    const names = [found.hasCsv ? found.sidecar.file : undefined, found.sidecar.changes?.file, found.sidecarFile];
    for (const name of names) {
      if (name !== undefined && !protectedNames.has(name) && !removals.includes(name)) removals.push(name);
    }
  }
  return removals;
}
