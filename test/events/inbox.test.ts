import { appendFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockHeldError } from '../../src/core/errors.js';
import { EventsInbox, eventsInboxPath, readEventsInbox } from '../../src/events/inbox.js';

const NOW = (): Date => new Date('2026-12-03T08:00:00Z');
const CONTEXT = { command: 'listen', now: NOW, notice: (): void => undefined };

async function stateDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'bulkport-inbox-'));
}

function statusChanged(id: string, order = 'o-1'): { id: string; event_type: string; porting_order_id: string; created_at: string; payload: unknown } {
  return { id, event_type: 'porting_order.status_changed', porting_order_id: order, created_at: '2026-12-03T07:59:00.000Z', payload: { id: order, status: { value: 'submitted' } } };
}

describe('events inbox', () => {
  it('writes each event id once, owner-only, and reads back the feed records in order', async () => {
    const dir = await stateDir();
    const inbox = await EventsInbox.open(dir, CONTEXT);
    // Two copies of one event arriving together (a Telnyx retry racing the first delivery): one line.
    const [first, copy] = await Promise.all([inbox.add('porting', statusChanged('e1')), inbox.add('porting', statusChanged('e1'))]);
    expect([first, copy]).toEqual(['added', 'already-seen']);
    expect(await inbox.add('portout', { id: 'p1', event_type: 'portout.status_changed', portout_id: 'po-1' })).toBe('added');
    expect(inbox.has('e1')).toBe(true);
    expect(inbox.eventCount).toBe(2);
    await inbox.close();

    const file = eventsInboxPath(dir);
    expect(file).toBe(path.join(dir, '_events', 'inbox.jsonl'));
    if (process.platform !== 'win32') {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    }
    const read = await readEventsInbox(dir);
    expect(read.entries).toEqual([
      { feed: 'porting', received_at: '2026-12-03T08:00:00.000Z', event: statusChanged('e1') },
      { feed: 'portout', received_at: '2026-12-03T08:00:00.000Z', event: { id: 'p1', event_type: 'portout.status_changed', portout_id: 'po-1' } },
    ]);
    expect(read.nextOffset).toBe((await stat(file)).size);
    expect(read.skippedLineCount).toBe(0);

    // A new writer knows what the inbox holds: a republished event is not written again.
    const again = await EventsInbox.open(dir, CONTEXT);
    expect(await again.add('porting', statusChanged('e1'))).toBe('already-seen');
    expect(await again.add('porting', statusChanged('e2'))).toBe('added');
    await again.close();
    const tail = await readEventsInbox(dir, read.nextOffset);
    expect(tail.entries.map((e) => e.event.id)).toEqual(['e2']);
  });

  it('reads from an offset, leaves a partial last line for the next read, and skips a torn line in the middle', async () => {
    const dir = await stateDir();
    expect(await readEventsInbox(dir)).toEqual({ entries: [], nextOffset: 0, skippedLineCount: 0 });
    const inbox = await EventsInbox.open(dir, CONTEXT);
    await inbox.add('porting', statusChanged('e1'));
    await inbox.close();
    const file = eventsInboxPath(dir);
    const whole = `${JSON.stringify({ feed: 'porting', received_at: 'x', event: statusChanged('e2') })}\n`;
    await appendFile(file, whole.slice(0, 40));

    const first = await readEventsInbox(dir);
    expect(first.entries.map((e) => e.event.id)).toEqual(['e1']);
    const partialAt = first.nextOffset;
    expect(await readEventsInbox(dir, partialAt)).toEqual({ entries: [], nextOffset: partialAt, skippedLineCount: 0 });
    await appendFile(file, whole.slice(40));
    expect((await readEventsInbox(dir, partialAt)).entries.map((e) => e.event.id)).toEqual(['e2']);

    // A crash mid-write: the torn line is ended by the next writer and skipped by readers.
    await appendFile(file, '{"feed":"porting","received_at":"x","ev');
    const writer = await EventsInbox.open(dir, CONTEXT);
    await writer.add('porting', statusChanged('e3'));
    await writer.close();
    const all = await readEventsInbox(dir);
    expect(all.entries.map((e) => e.event.id)).toEqual(['e1', 'e2', 'e3']);
    expect(all.skippedLineCount).toBe(1);
    // Lines that are JSON but not entries are skipped too.
    await appendFile(file, '{"feed":"other","received_at":"x","event":{"id":"z","event_type":"t"}}\n{"feed":"porting","received_at":"x","event":{"event_type":"t"}}\n');
    expect((await readEventsInbox(dir, all.nextOffset)).skippedLineCount).toBe(2);
    // An offset past the end (the inbox was begun again) reads from the start.
    await writeFile(file, whole);
    expect((await readEventsInbox(dir, all.nextOffset)).entries.map((e) => e.event.id)).toEqual(['e2']);
  });

  it('has one writer per state directory', async () => {
    const dir = await stateDir();
    const inbox = await EventsInbox.open(dir, CONTEXT);
    await expect(EventsInbox.open(dir, CONTEXT)).rejects.toThrow(LockHeldError);
    await inbox.close();
    const next = await EventsInbox.open(dir, CONTEXT);
    await next.close();
    await expect(readFile(path.join(dir, '_events', 'lock'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
