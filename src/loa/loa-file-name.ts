/** Longest end-user part of a file name (the order key follows it). */
const MAX_END_USER_CHARS = 60;
/** Names Windows refuses for a file, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/** One order to name a file for. */
export interface LoaFileSubject {
  readonly orderId: string;
  readonly endUser: string;
  /** The plan part key (the order's customer_reference). */
  readonly orderKey: string;
}

/**
 * A file-system-safe piece of a name: accents dropped (é → e), anything but letters, digits, `.`,
 * `_` and `-` becomes `-`, runs collapsed, no leading or trailing dot or dash (no hidden files, no
 * `..`), never a name Windows reserves.
 */
function safeNamePart(text: string, maxChars: number, fallback: string): string {
  const plain = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let safe = plain.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/\.{2,}/g, '.');
  safe = safe.slice(0, maxChars).replace(/^[.-]+|[.-]+$/g, '');
  if (safe === '') return fallback;
  return RESERVED.test(safe) ? `_${safe}` : safe;
}

/**
 * `<end user>-<order key>.pdf` for each order, file-system safe, so a person can tell whose LOA it
 * is. Names are unique ignoring case (macOS and Windows file systems ignore it): when two orders
 * would share one (Telnyx split a part into several orders), each gets the start of its order id.
 */
export function loaFileNames(subjects: readonly LoaFileSubject[]): Map<string, string> {
  const base = (s: LoaFileSubject): string => `${safeNamePart(s.endUser, MAX_END_USER_CHARS, 'end-user')}-${safeNamePart(s.orderKey, 80, 'order')}`;
  const counts = new Map<string, number>();
  for (const subject of subjects) {
    const key = base(subject).toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const names = new Map<string, string>();
  for (const subject of subjects) {
    const stem = base(subject);
    const isShared = (counts.get(stem.toLowerCase()) ?? 0) > 1;
    names.set(subject.orderId, `${isShared ? `${stem}-${safeNamePart(subject.orderId, 36, 'order')}` : stem}.pdf`);
  }
  return names;
}
