/*
 * Fuzz: thousands of generated bad or mutated payloads through the parser.
 * It never throws, and what it ignores it ignores with a reason.
 */
import fc from 'fast-check';
import { parseDetectionEvent } from './parseDetection';
import { mutate, VALID_EVENTS } from './__testUtils__/fuzz';

function check(payload: unknown) {
  const result = parseDetectionEvent(payload);
  if (result.ok) {
    const d = result.detection;
    expect(typeof d.findingId).toBe('string');
    expect(d.findingId.length).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(d.firstSeenAt))).toBe(false);
    expect(Array.isArray(d.resourceArns)).toBe(true);
    expect(d.resourceArns.length).toBeLessThanOrEqual(50);
  } else {
    expect(typeof result.reason).toBe('string');
    expect(result.reason.length).toBeGreaterThan(0);
  }
  return result.ok;
}

describe('parseDetectionEvent fuzz', () => {
  it('survives 2,000 arbitrary JSON values and strings', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.string(), fc.json(), fc.anything()),
        payload => {
          runs++;
          check(payload);
        },
      ),
      { numRuns: 2000, seed: 8 },
    );
    expect(runs).toBe(2000);
  });

  it('survives 2,000 mutations of real events, nested fields replaced by junk', () => {
    let ignored = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_EVENTS),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.oneof(
          fc.jsonValue(),
          fc.constant(null),
          fc.constant(undefined),
          fc.string({ minLength: 3000, maxLength: 3100 }),
          fc.constant({ __proto__: { polluted: true } }),
          fc.constant('1969-01-01T00:00:00Z'),
        ),
        (event, path, value) => {
          if (!check(mutate(event, path, value))) ignored++;
        },
      ),
      { numRuns: 2000, seed: 9 },
    );
    expect(ignored).toBeGreaterThan(0);
    expect(({} as any).polluted).toBeUndefined();
  });
});
