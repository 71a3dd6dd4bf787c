// Calendar keys in the user's local time: a "day" is the user's day, not UTC's.

/** Period granularity for aggregates. */
export type Period = 'day' | 'week' | 'month';

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` in local time. */
export function dayKey(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `YYYY-MM` in local time. */
export function monthKey(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** ISO-8601 week, `YYYY-Www`, in local time. */
export function weekKey(ts: number): string {
  const d = new Date(ts);
  const t = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const dow = (t.getDay() + 6) % 7; // Monday = 0
  t.setDate(t.getDate() - dow + 3); // Thursday of this week decides the year
  const firstThursday = new Date(t.getFullYear(), 0, 4);
  const week = 1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getDay() + 6) % 7)) / 7);
  return `${t.getFullYear()}-W${pad(week)}`;
}

/** The key of `ts` for a period. */
export function periodKey(period: Period, ts: number): string {
  return period === 'day' ? dayKey(ts) : period === 'week' ? weekKey(ts) : monthKey(ts);
}

/** Keys of the `count` periods ending with the one containing `now`, oldest first. */
export function recentPeriodKeys(period: Period, now: number, count: number): string[] {
  const keys: string[] = [];
  const d = new Date(now);
  for (let i = count - 1; i >= 0; i--) {
    const t = new Date(d);
    if (period === 'day') t.setDate(d.getDate() - i);
    else if (period === 'week') t.setDate(d.getDate() - 7 * i);
    else t.setMonth(d.getMonth() - i, 1);
    keys.push(periodKey(period, t.getTime()));
  }
  return keys;
}
