import { DEFAULT_OBLIGATION_RULES } from './defaultRules';
import { evaluateObligations } from './evaluateObligations';
import { euFacts, NOW } from './__testUtils__/facts';
import { ruleChangesSince, ruleTableVersion, ruleVersion } from './ruleVersion';
import { ObligationRule } from './types';

const gdpr33 = DEFAULT_OBLIGATION_RULES.find(r => r.id === 'gdpr33')!;

describe('rule versions', () => {
  it('hashes a rule regardless of key order, and per part', () => {
    const reordered = Object.fromEntries(
      Object.entries(gdpr33).reverse(),
    ) as unknown as ObligationRule;
    expect(ruleVersion(reordered)).toEqual(ruleVersion(gdpr33));
    expect(ruleVersion(gdpr33).hash).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(ruleVersion(gdpr33).parts)).toEqual([
      'condition',
      'deadline',
      'inForce',
      'wording',
    ]);
  });

  it('names the part that changed', () => {
    const longer: ObligationRule = {
      ...gdpr33,
      deadline: { kind: 'period', amount: 96, unit: 'h' },
    };
    const [change] = ruleChangesSince(
      [{ ruleId: 'gdpr33', version: ruleVersion(gdpr33) }],
      [longer],
    );
    expect(change).toEqual({
      ruleId: 'gdpr33',
      change: 'changed',
      parts: ['deadline'],
      was: ruleVersion(gdpr33).hash,
      now: ruleVersion(longer).hash,
    });
    expect(
      ruleChangesSince(
        [{ ruleId: 'gdpr33', version: ruleVersion(gdpr33) }],
        [gdpr33],
      ),
    ).toEqual([]);
    expect(
      ruleChangesSince(
        [
          { ruleId: 'gdpr33', version: ruleVersion(gdpr33) },
          { ruleId: 'old', version: undefined },
        ],
        [],
      ),
    ).toEqual([
      {
        ruleId: 'gdpr33',
        change: 'removed',
        parts: [],
        was: ruleVersion(gdpr33).hash,
      },
    ]);
  });

  it('versions the table: another rule, another version; same rules in another order, the same', () => {
    const table = DEFAULT_OBLIGATION_RULES;
    const v = ruleTableVersion(table);
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(ruleTableVersion([...table].reverse())).toBe(v);
    expect(
      ruleTableVersion(
        table.map(r => (r.id === 'gdpr33' ? { ...r, notes: ['edited'] } : r)),
      ),
    ).not.toBe(v);
  });

  it('stamps every obligation and the report', () => {
    const report = evaluateObligations(euFacts(), { now: NOW });
    expect(report.rulesVersion).toBe(
      ruleTableVersion(DEFAULT_OBLIGATION_RULES),
    );
    const o = report.obligations.find(x => x.ruleId === 'gdpr33')!;
    expect(o.ruleVersion).toEqual(ruleVersion(gdpr33));
    expect(report.obligations.every(x => x.ruleVersion?.hash)).toBe(true);
  });
});
