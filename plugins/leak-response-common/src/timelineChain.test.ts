import { createHash } from 'node:crypto';
import {
  ChainedTimelineContent,
  canonicalTimelineEvent,
  timelineEventHash,
} from './timelineChain';

const launched: ChainedTimelineContent = {
  incidentId: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1a01',
  position: 1,
  at: '2026-12-03T09:30:00.000Z',
  type: 'launched',
  actor: 'user:default/aisha.khan',
  message: 'Launched from resource:default/clickstream-2025q3',
  before: null,
  after: '{"status":"triage"}',
};

describe('timelineEventHash', () => {
  it('is SHA-256 in hex over the canonical form, which lists every field in a fixed order', () => {
    const canonical = canonicalTimelineEvent(launched, null);
    expect(JSON.parse(canonical)).toEqual([
      'leak-response.timeline.v1',
      '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1a01',
      1,
      '2026-12-03T09:30:00.000Z',
      'launched',
      'user:default/aisha.khan',
      'Launched from resource:default/clickstream-2025q3',
      null,
      '{"status":"triage"}',
      null,
    ]);
    expect(timelineEventHash(launched, null)).toBe(
      createHash('sha256').update(canonical, 'utf8').digest('hex'),
    );
    expect(timelineEventHash(launched, null)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any field of the record or the previous hash changes', () => {
    const base = timelineEventHash(launched, null);
    const variants: ChainedTimelineContent[] = [
      { ...launched, incidentId: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1a02' },
      { ...launched, position: 2 },
      { ...launched, at: '2026-12-03T09:30:00.001Z' },
      { ...launched, type: 'status' },
      { ...launched, actor: 'user:default/wei.tan' },
      { ...launched, message: 'Launched from resource:default/other' },
      { ...launched, before: '{}' },
      { ...launched, after: null },
    ];
    const hashes = variants.map(v => timelineEventHash(v, null));
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
    expect(timelineEventHash(launched, 'a'.repeat(64))).not.toBe(base);
  });

  it('keeps field boundaries whatever people typed', () => {
    // moving text from one field to the next must not give the same hash
    const a = { ...launched, actor: 'x","y', message: 'z' };
    const b = { ...launched, actor: 'x', message: 'y","z' };
    expect(timelineEventHash(a, null)).not.toBe(timelineEventHash(b, null));
  });

  it('reads the same instant the same way whatever its spelling', () => {
    expect(
      timelineEventHash({ ...launched, at: '2026-12-03T10:30:00+01:00' }, null),
    ).toBe(timelineEventHash(launched, null));
  });
});
