import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StoredDocument } from './documents-store.js';
import type { OrderStoreState } from './orders/order-store.js';

/** What a restarted simulator needs to keep its orders, documents, module state and clock. */
export interface SimStateSnapshot {
  readonly version: 1;
  readonly clockMs: number;
  readonly orders: OrderStoreState;
  readonly documents: readonly StoredDocument[];
  readonly modules: Readonly<Record<string, unknown>>;
}

/** Undefined when the file does not exist yet; an unreadable file is an error (never silently reset). */
export function readStateFile(file: string): SimStateSnapshot | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const snapshot = JSON.parse(text) as SimStateSnapshot;
  if (snapshot.version !== 1) throw new Error(`${file}: expected simulator state version 1, got ${String(snapshot.version)}`);
  return snapshot;
}

/** Written to a temporary name and renamed, so a crash never leaves half a state file. */
export function writeStateFile(file: string, snapshot: SimStateSnapshot): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshot));
  renameSync(temporary, file);
}
