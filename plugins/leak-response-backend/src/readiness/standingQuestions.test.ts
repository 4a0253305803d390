import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { LlmEntity } from '@leak-response/plugin-leak-response-common';
import { ObligationsEvaluator } from '../plan/obligations/ObligationsEvaluator';
import { standingQuestions } from './standingQuestions';

function dataset(name: string, spec: Record<string, unknown>): LlmEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'llm-dataset',
      owner: 'group:default/ml-platform',
      purpose: 'training',
      dataCategories: ['personal.behavioral', 'personal.identifiers'],
      dataSubjects: ['EU'],
      regions: ['eu-west-1'],
      ...spec,
    },
  } as LlmEntity;
}

const evaluator = (organisation: JsonObject) =>
  ObligationsEvaluator.fromConfig(
    new ConfigReader({ leakResponse: { organisation } }),
  );

const NOW = new Date('2026-12-04T09:00:00Z');

/** Every sector fact of a European retailer that sells only its own goods. */
const SETTLED = {
  establishments: ['DE', 'IE', 'GB'],
  mainEuEstablishment: 'DE',
  sector: {
    nis2: { entityType: 'none' },
    doraFinancialEntity: false,
    secRegistrant: false,
    euAiActHighRiskProvider: false,
    indianBodyCorporate: false,
    ukRdsp: false,
    nydfsCoveredEntity: false,
    conductsBusinessInTexas: true,
    auAppEntity: false,
    cnNetworkOperator: false,
    brSmallAgent: false,
  },
};

describe('standingQuestions', () => {
  const assets = [
    dataset('clicks', {}),
    dataset('orders', { dataSubjects: ['EU', 'US-CA'] }),
    dataset('catalogue', {
      dataCategories: ['proprietary.business'],
      dataSubjects: [],
    }),
  ];

  it('lists each open standing fact with the rules it settles, across assets', () => {
    const open = standingQuestions(assets, evaluator({}), NOW);
    const sec = open.questions.find(q => q.about === 'answers.secRegistrant');
    expect(sec).toMatchObject({
      profileKey: 'sector.secRegistrant',
      rules: [{ ruleId: 'sec8k', regime: 'SEC', law: expect.any(String) }],
      assetCount: 3,
      obligationCount: 3,
    });
    const nis2 = open.questions.find(q => q.about === 'answers.nis2InScope');
    expect(nis2?.profileKey).toBe('sector.nis2');
    expect(nis2?.rules.map(r => r.ruleId)).toEqual(
      expect.arrayContaining(['nis2_ew', 'nis2_n']),
    );
    expect(open.assetCount).toBe(3);
    expect(open.obligationCount).toBeGreaterThanOrEqual(
      Math.max(...open.questions.map(q => q.obligationCount)),
    );
    // incident questions (risk, significance, …) are never standing ones
    expect(open.questions.every(q => !q.about.endsWith('.risk'))).toBe(true);
  });

  it('asks nothing once the profile settles the standing facts', () => {
    const settled = standingQuestions(assets, evaluator(SETTLED), NOW);
    expect(settled).toEqual({
      questions: [],
      obligationCount: 0,
      assetCount: 0,
    });
  });

  it('asks where the organisation is established when the profile does not say', () => {
    const { establishments: _e, mainEuEstablishment: _m, ...rest } = SETTLED;
    const open = standingQuestions(
      [dataset('clicks', { dataSubjects: [] })],
      evaluator(rest),
      NOW,
    );
    expect(open.questions.map(q => [q.about, q.profileKey])).toContainEqual([
      'facts.establishments',
      'establishments',
    ]);
  });
});
