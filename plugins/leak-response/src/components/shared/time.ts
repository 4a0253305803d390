import { useEffect, useState } from 'react';

/** How pressing a deadline is. */
export type Urgency = 'overdue' | 'critical' | 'soon' | 'later';

const HOUR = 3_600_000;

/** Overdue when passed; critical under 6 hours; soon under 24 hours. */
export function urgencyOf(msLeft: number): Urgency {
  if (msLeft <= 0) return 'overdue';
  if (msLeft < 6 * HOUR) return 'critical';
  if (msLeft < 24 * HOUR) return 'soon';
  return 'later';
}

/**
 * A duration in days, hours and minutes, the two largest units only:
 * `2d 4h`, `5h 12m`, `42m`, `<1m`.
 */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return '<1m';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return mins ? `${hours}h ${mins}m` : `${hours}h`;
  return `${mins}m`;
}

/** Time left until `at`, in words: `in 2d 4h` or `overdue by 3h`. */
export function timeLeftText(at: string, now: number): string {
  const ms = Date.parse(at) - now;
  return ms > 0
    ? `${formatDuration(ms)} left`
    : `overdue by ${formatDuration(ms)}`;
}

/** A time in the user's time zone, e.g. `20 Nov 2026, 10:30 CET`. */
export function formatLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** The same time in UTC, for the hover title. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The current time, re-read every `intervalMs`, so that clocks tick.
 */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** `YYYY-MM-DDTHH:mm` in the user's zone, for a datetime-local input. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO time of a datetime-local value, or undefined when incomplete. */
export function fromLocalInput(value: string): string | undefined {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime())
    ? date.toISOString()
    : undefined;
}
