import { describe, expect, it } from 'vitest';
import { CampaignState } from '../../src/campaign/campaign-state.js';
import type { PortingEventEntry, TrackedOrderView } from '../../src/campaign/journal-records.js';
import type { PlannedPart } from '../../src/plan/plan-types.js';
import { chooseRefresh, EVENTS_OVERLAP_MS, planEventsRefresh } from '../../src/track/plan-events-refresh.js';
import { toPortingEventEntry } from '../../src/track/porting-event-entry.js';

const AT = '2026-11-24T10:00:00.000Z';

function view(status: string): TrackedOrderView {
  return { status, detailCodes: [], focRequested: '', focActual: '', requirementsMet: true, missingRequirements: [], supportKey: 'sr_1', parentSupportKey: 'pr_1', count: 2, values: {} as TrackedOrderView['values'] };
}

/** A campaign with two orders of part bp-1 (o1, o2), both seen by a refresh. */
function campaign(): CampaignState {
  const state = new CampaignState();
  state.apply({ t: 'part', at: AT, part: { key: 'bp-0000000000000001', numbers: ['+14155550100'] } as unknown as PlannedPart });
  state.apply({ t: 'created', at: AT, part: 'bp-0000000000000001', orders: [{ id: 'o1', numbers: ['+14155550100'], count: 1, status: 'submitted' }, { id: 'o2', numbers: ['+14155550101'], count: 1, status: 'submitted' }], via: 'response' });
  state.apply({ t: 'snapshot', at: AT, order: 'o1', view: view('submitted') });
  state.apply({ t: 'snapshot', at: AT, order: 'o2', view: view('submitted') });
  state.apply({ t: 'events', at: AT, via: 'full', cursor: '2026-11-24T09:00:00.000Z', recentIds: ['seen-near-cursor'], applied: [], ignoredCount: 0, inboxOffset: 0 });
  state.apply({ t: 'refreshed', at: AT, orderCount: 2, numberCount: 2, changes: [] });
  return state;
}

function event(id: string, type: string, order: string, at: string, extra: Partial<PortingEventEntry> = {}): PortingEventEntry {
  return { id, type: `porting_order.${type}`, order, at, ...extra };
}

describe('toPortingEventEntry', () => {
  it('reads each event type as the feed and the inbox give it; the deleted event has its time in the payload', () => {
    const base = { available_notification_methods: ['email'], payload_status: 'created', record_type: 'porting_event' };
    expect(toPortingEventEntry({ ...base, id: 'e1', event_type: 'porting_order.status_changed', porting_order_id: 'o1', created_at: '2026-11-24T10:00:00Z', payload: { id: 'o1', status: { value: 'exception' }, customer_reference: 'bp-1' } })).toEqual({
      id: 'e1', type: 'porting_order.status_changed', order: 'o1', at: '2026-11-24T10:00:00.000Z', status: 'exception', customerReference: 'bp-1',
    });
    expect(toPortingEventEntry({ ...base, id: 'e2', event_type: 'porting_order.deleted', porting_order_id: 'o1', payload: { id: 'o1', deleted_at: '2026-11-25T08:00:00.000Z' } })).toMatchObject({ at: '2026-11-25T08:00:00.000Z', order: 'o1' });
    expect(toPortingEventEntry({ ...base, id: 'e3', event_type: 'porting_order.new_comment', porting_order_id: 'o1', created_at: AT, payload: { comment: { body: 'hi', inserted_at: '2026-11-24T10:00:00.527000Z', user_type: 'admin' } } })).toMatchObject({
      comment: { at: '2026-11-24T10:00:00.527000Z', userType: 'admin', body: 'hi' },
    });
    expect(toPortingEventEntry({ ...base, id: 'e4', event_type: 'porting_order.split', porting_order_id: 'o1', created_at: AT, payload: { from: { id: 'o1' }, to: { id: 'o3' }, porting_phone_numbers: [] } })).toMatchObject({ splitTo: 'o3' });
    expect(toPortingEventEntry({ ...base, id: 'e5', event_type: 'porting_order.sharing_token_expired', porting_order_id: 'o1', created_at: AT, payload: null })).toEqual({ id: 'e5', type: 'porting_order.sharing_token_expired', order: 'o1', at: AT });
    // Unusable: no id, no order, no time, not an object.
    expect(toPortingEventEntry({ event_type: 'porting_order.status_changed', porting_order_id: 'o1', created_at: AT })).toBeUndefined();
    expect(toPortingEventEntry({ id: 'x', event_type: 'porting_order.status_changed', created_at: AT, payload: {} })).toBeUndefined();
    expect(toPortingEventEntry({ id: 'x', event_type: 'porting_order.status_changed', porting_order_id: 'o1', created_at: 'yesterday' })).toBeUndefined();
    expect(toPortingEventEntry(null)).toBeUndefined();
  });
});

describe('planEventsRefresh', () => {
  it('applies each id once, reads only changed orders, adopts splits, and counts the rest as ignored', () => {
    const state = campaign();
    const events = [
      event('c1', 'new_comment', 'o2', '2026-11-24T10:05:00.000Z', { comment: { at: '2026-11-24T10:05:00.000Z', userType: 'admin', body: 'first' } }),
      event('c2', 'new_comment', 'o2', '2026-11-24T10:06:00.000Z', { comment: { at: '2026-11-24T10:06:00.000Z', userType: 'user', body: 'second' } }),
      event('s1', 'status_changed', 'o1', '2026-11-24T10:01:00.000Z', { status: 'exception' }),
      event('s1', 'status_changed', 'o1', '2026-11-24T10:01:00.000Z', { status: 'exception' }),
      event('sp', 'split', 'o2', '2026-11-24T10:02:00.000Z', { splitTo: 'o3' }),
      event('x3', 'status_changed', 'o3', '2026-11-24T10:03:00.000Z'),
      event('other', 'status_changed', 'someone-else', '2026-11-24T10:04:00.000Z'),
      event('seen-near-cursor', 'status_changed', 'someone-else', '2026-11-24T08:50:00.000Z'),
      event('msg', 'messaging_changed', 'o1', '2026-11-24T10:07:00.000Z'),
      event('tok', 'sharing_token_expired', 'o2', '2026-11-24T10:08:00.000Z'),
    ];
    const plan = planEventsRefresh(state, events);
    expect(plan.applied.map((e) => e.id)).toEqual(['s1', 'sp', 'x3', 'c1', 'c2', 'msg', 'tok']);
    expect(plan.toRead.sort()).toEqual(['o1', 'o2', 'o3']);
    expect(plan.splits).toEqual([{ from: 'o2', to: 'o3' }]);
    expect(plan.comments.get('o2')?.body).toBe('second');
    expect(plan.ignoredCount).toBe(1);
    expect(plan.cursor).toBe('2026-11-24T10:08:00.000Z');
    expect(plan.recentIds).toEqual(['c1', 'c2', 's1', 'sp', 'x3', 'other', 'msg', 'tok']);

    // The journal now holds them: the same events again (the overlap, a webhook) are nothing new.
    state.apply({ t: 'events', at: AT, via: 'events', cursor: plan.cursor, recentIds: plan.recentIds, applied: plan.applied, ignoredCount: plan.ignoredCount, inboxOffset: 10 });
    state.apply({ t: 'refreshed', at: AT, orderCount: 2, numberCount: 2, changes: [] });
    const again = planEventsRefresh(state, events);
    // Applied ids are known for good; another order's event from before the window counts again (it is only a count).
    expect(again).toMatchObject({ applied: [], toRead: [], ignoredCount: 1 });
    expect(state.tracking.sharingTokensExpired.get('o2')).toBe('2026-11-24T10:08:00.000Z');
  });

  it('a deleted order is not read; an unknown order with one of the part keys is; orders this tool touched are read', () => {
    const state = campaign();
    state.apply({ t: 'patched', at: AT, order: 'o2', bodyHash: 'h', requirementsMet: true });
    const plan = planEventsRefresh(state, [
      event('s1', 'status_changed', 'o1', '2026-11-24T10:01:00.000Z'),
      event('d1', 'deleted', 'o1', '2026-11-24T10:02:00.000Z'),
      event('lost', 'status_changed', 'o9', '2026-11-24T10:03:00.000Z', { customerReference: 'bp-0000000000000001' }),
    ]);
    expect(plan.deleted).toEqual(['o1']);
    expect(plan.toRead.sort()).toEqual(['o2', 'o9']);
    expect(plan.ignoredCount).toBe(0);
  });

  it('the cursor stays when nothing was read; recent ids are those within the overlap', () => {
    const state = campaign();
    expect(planEventsRefresh(state, [])).toMatchObject({ cursor: '2026-11-24T09:00:00.000Z', recentIds: [] });
    const old = new Date(Date.parse('2026-11-24T12:00:00.000Z') - EVENTS_OVERLAP_MS - 1).toISOString();
    const plan = planEventsRefresh(state, [event('a', 'status_changed', 'x', old), event('b', 'status_changed', 'x', '2026-11-24T12:00:00.000Z')]);
    expect(plan.recentIds).toEqual(['b']);
  });
});

describe('chooseRefresh', () => {
  it('full on the first refresh, on --full, without a cursor, with an open create, past 7 days; else events from cursor − overlap', () => {
    const now = new Date('2026-11-25T10:00:00.000Z');
    expect(chooseRefresh(new CampaignState(), { isFullAsked: false, now })).toEqual({ mode: 'full', reason: 'first refresh' });
    const state = campaign();
    expect(chooseRefresh(state, { isFullAsked: false, now })).toEqual({ mode: 'events', since: '2026-11-24T08:45:00.000Z' });
    expect(chooseRefresh(state, { isFullAsked: true, now })).toEqual({ mode: 'full', reason: '--full' });
    expect(chooseRefresh(state, { isFullAsked: false, now: new Date('2026-12-01T09:59:00.000Z') })).toMatchObject({ mode: 'events' });
    expect(chooseRefresh(state, { isFullAsked: false, now: new Date('2026-12-01T10:01:00.000Z') })).toMatchObject({ mode: 'full', reason: expect.stringContaining('7 days') });
    state.apply({ t: 'intent', at: AT, op: 'create', part: 'bp-2' });
    expect(chooseRefresh(state, { isFullAsked: false, now })).toMatchObject({ mode: 'full', reason: expect.stringContaining('create') });
    const legacy = new CampaignState();
    legacy.apply({ t: 'refreshed', at: AT, orderCount: 0, numberCount: 0, changes: [] });
    expect(chooseRefresh(legacy, { isFullAsked: false, now })).toMatchObject({ mode: 'full', reason: 'the journal has no events cursor yet' });
  });
});
