import { Entity } from '@backstage/catalog-model';
import {
  IncidentRecord,
  LeakResponsePlanResponse,
  ApplicableObligation,
  NotApplicableObligation,
} from '@leak-response/plugin-leak-response-common';

export const modelEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'recsys-llm-v3', title: 'Recommendations LLM v3' },
  spec: {
    type: 'llm-model',
    owner: 'group:ml-platform',
    dataCategories: ['personal.behavioral'],
    regions: ['eu-west-1'],
    dataSubjects: ['EU'],
  },
};

export function obligation(
  partial: Partial<ApplicableObligation> = {},
): ApplicableObligation {
  return {
    ruleId: 'gdpr-art33',
    regime: 'GDPR',
    law: 'GDPR Art. 33',
    jurisdiction: 'EU',
    recipient: 'Lead supervisory authority',
    stage: 'notification',
    trigger: 'personal data breach',
    status: 'applies',
    reasons: ['Personal data of EU residents (personal.behavioral)'],
    openQuestions: [],
    clock: { event: 'aware', label: 'awareness', source: 'awareness' },
    due: { kind: 'text', text: 'without undue delay' },
    content: ['Nature of the breach'],
    sources: ['GDPR Art. 33'],
    confidence: 'verified',
    notes: [],
    ...partial,
  };
}

/** A rule that does not apply, as the engine reports it: identity and reasons. */
export function notApplicable(
  partial: Partial<NotApplicableObligation> = {},
): NotApplicableObligation {
  return {
    ruleId: 'ccpa-consumer',
    regime: 'CA 1798.82',
    law: 'California Civ. Code 1798.82',
    jurisdiction: 'US-CA',
    recipient: 'California residents',
    stage: 'individuals',
    status: 'not-applicable',
    reasons: ['No data subjects in US-CA'],
    openQuestions: [],
    confidence: 'verified',
    ...partial,
  };
}

export const plan: LeakResponsePlanResponse = {
  entityRef: 'resource:default/recsys-llm-v3',
  leakType: 'model-weight-exfiltration',
  leakTypeSource: 'entity-type',
  generatedAt: '2026-11-20T09:30:00.000Z',
  awareAt: '2026-11-20T09:30:00.000Z',
  impact: {
    origin: 'resource:default/recsys-llm-v3',
    leakType: 'model-weight-exfiltration',
    entities: [
      {
        entityRef: 'resource:default/recsys-llm-v3',
        kind: 'Resource',
        type: 'llm-model',
        title: 'Recommendations LLM v3',
        role: 'origin',
        depth: 0,
        dataCategories: ['personal.behavioral'],
        dataSubjects: ['EU'],
        regions: ['eu-west-1'],
        dataAtRisk: true,
        dataAtRiskReason: 'the leaked weights',
      },
      {
        entityRef: 'resource:default/clickstream-2025q3',
        kind: 'Resource',
        type: 'llm-dataset',
        title: 'Clickstream 2025 Q3',
        role: 'upstream-data',
        depth: 1,
        via: { from: 'resource:default/recsys-llm-v3', relation: 'trainedOn' },
        dataCategories: ['personal.identifiers'],
        dataSubjects: ['EU', 'GB'],
        approxDataSubjects: 2400000,
        regions: ['eu-west-1'],
        dataAtRisk: true,
        dataAtRiskReason: 'training data carried by the weights',
      },
      {
        entityRef: 'component:default/checkout',
        kind: 'Component',
        type: 'website',
        role: 'downstream-surface',
        depth: 2,
        via: {
          from: 'resource:default/recsys-llm-v3',
          relation: 'dependencyOf',
        },
        dataCategories: [],
        dataSubjects: [],
        regions: [],
        dataAtRisk: false,
        dataAtRiskReason: 'a surface',
      },
    ],
    dataCategories: ['personal.behavioral', 'personal.identifiers'],
    dataSubjects: [
      { jurisdiction: 'EU', approxCount: 2400000, from: [] },
      { jurisdiction: 'GB', from: [] },
    ],
    regions: ['eu-west-1'],
    owners: ['group:default/ml-platform'],
    problems: { missing: [], cycles: [] },
  },
  playbook: {
    id: 'model-weight-exfiltration',
    title: 'Model weight exfiltration',
    source: 'built-in',
    selectedBy: 'leak-type-and-entity-type',
    steps: [
      {
        id: 'contain',
        title: 'Revoke access to the weights',
        phase: 'containment',
        dueAt: '2026-11-20T13:30:00.000Z',
        raci: {
          responsible: [{ role: 'ai-engineering' }],
          accountable: { role: 'security' },
          consulted: [],
          informed: [{ role: 'compliance' }],
        },
      },
      {
        id: 'notify',
        title: 'Notify the supervisory authority',
        phase: 'notification',
        raci: {
          responsible: [{ role: 'compliance' }],
          accountable: { role: 'legal' },
          consulted: [{ role: 'security' }],
          informed: [{ role: 'ai-engineering' }],
        },
      },
    ],
  },
  roles: [
    {
      role: 'ai-engineering',
      entityRef: 'group:default/ml-platform',
      title: 'ML Platform',
      email: 'ml-platform@shopwise.example',
      source: 'owner',
      onCall: {
        rotationOf: 'group:default/ml-platform',
        source: 'config',
        timeZone: 'Europe/Dublin',
        now: {
          userRef: 'user:default/aisha.khan',
          displayName: 'Aisha Khan',
          email: 'aisha.khan@shopwise.example',
          from: '2026-11-20T08:00:00.000Z',
          until: '2026-11-21T08:00:00.000Z',
          trainings: ['aws-incident-response', 'ai-data-categorization'],
          missingTrainings: [],
        },
        next: {
          userRef: 'user:default/ben.ortiz',
          displayName: 'Ben Ortiz',
          from: '2026-11-21T08:00:00.000Z',
          until: '2026-11-22T08:00:00.000Z',
          trainings: [],
          missingTrainings: ['aws-incident-response'],
        },
      },
      problems: [],
    },
    {
      role: 'security',
      entityRef: 'group:default/security-ir',
      title: 'Security IR',
      source: 'config',
      onCall: {
        rotationOf: 'group:default/security-ir',
        source: 'config',
        timeZone: 'UTC',
        now: {
          userRef: 'user:default/carl.diaz',
          displayName: 'Carl Diaz',
          from: '2026-11-20T00:00:00.000Z',
          until: '2026-11-21T00:00:00.000Z',
          trainings: [],
          missingTrainings: ['aws-incident-response'],
        },
      },
      problems: [],
    },
    {
      role: 'compliance',
      entityRef: 'group:default/compliance',
      source: 'config',
      problems: [],
    },
    { role: 'legal', problems: ['No group configured for legal'] },
  ],
  readiness: {
    requiredTrainings: ['aws-incident-response', 'ai-data-categorization'],
    horizonUntil: '2026-12-04T09:30:00.000Z',
    gaps: [],
  },
  obligations: {
    status: 'evaluated',
    evaluatedAt: '2026-11-20T09:30:00.000Z',
    data: {
      traits: {
        personal: 'yes',
        specialCategory: 'no',
        cardData: 'no',
        credentials: 'no',
        financial: 'no',
        usStatePersonalInformation: 'no',
        authenticationData: 'no',
        vulnerableSubjects: 'no',
      },
      evidence: {},
      categories: ['personal.behavioral'],
      inheritedFrom: [],
      unknownCategories: [],
      reasons: [],
    },
    obligations: [
      obligation({
        due: {
          kind: 'at',
          at: '2026-11-23T09:30:00.000Z',
          period: '72 hours',
          zone: 'UTC',
          overdue: false,
        },
      }),
      notApplicable(),
    ],
  },
  warnings: [],
  openIncidents: [],
};

export const incident: IncidentRecord = {
  id: 'inc-1',
  title: 'Model weights of recsys-llm-v3 leaked',
  leakType: 'model-weight-exfiltration',
  originEntityRef: 'resource:default/recsys-llm-v3',
  severity: 'high',
  status: 'triage',
  exercise: true,
  awareAt: '2026-11-20T09:30:00.000Z',
  createdAt: '2026-11-20T09:31:00.000Z',
  createdBy: 'user:default/guest',
  summary: 'Drill',
  assessment: {},
  updatedAt: '2026-11-20T09:31:00.000Z',
  affected: [
    {
      entityRef: 'resource:default/clickstream-2025q3',
      role: 'upstream-data',
      snapshot: {
        kind: 'Resource',
        title: 'Clickstream 2025 Q3',
        dataCategories: ['personal.identifiers'],
        dataSubjects: ['EU'],
        regions: ['eu-west-1'],
      },
      addedAt: '2026-11-20T09:31:00.000Z',
      addedBy: 'user:default/guest',
    },
  ],
  tasks: [
    {
      id: 'task-1',
      position: 0,
      stepId: 'contain',
      title: 'Revoke access to the weights',
      responsible: ['group:default/ml-platform'],
      accountable: 'group:default/security-ir',
      dueAt: '2026-11-20T13:30:00.000Z',
    },
    {
      id: 'task-2',
      position: 1,
      stepId: 'notify',
      title: 'Notify the supervisory authority',
      responsible: ['group:default/compliance'],
      doneBy: 'user:default/guest',
      doneAt: '2026-11-20T10:00:00.000Z',
    },
  ],
  obligations: [
    {
      id: '00000000-0000-4000-8000-000000000001',
      ruleId: 'gdpr-art33',
      regime: 'GDPR',
      recipient: 'Lead supervisory authority',
      stage: 'notification',
      status: 'pending',
      dueAt: '2026-11-23T09:30:00.000Z',
      evaluation: { reasons: ['Personal data of EU residents'] },
      updatedAt: '2026-11-20T09:31:00.000Z',
    },
    {
      id: '00000000-0000-4000-8000-000000000002',
      ruleId: 'gdpr-art34',
      regime: 'GDPR',
      recipient: 'Data subjects',
      stage: 'communication',
      status: 'to-be-determined',
      dueText: 'without undue delay',
      evaluation: {
        status: 'to-be-determined',
        reasons: ['Unknown whether the risk is high'],
        openQuestions: [
          {
            about: 'answers.risk',
            question:
              "How likely is the breach to harm individuals' rights and freedoms: unlikely, a risk, or a high risk?",
          },
        ],
      },
      updatedAt: '2026-11-20T09:31:00.000Z',
    },
  ],
  notices: [],
  timeline: [
    {
      sequence: 1,
      at: '2026-11-20T09:31:00.000Z',
      actor: 'user:default/guest',
      type: 'launched',
      message: 'Playbook launched (exercise)',
    },
  ],
};

/**
 * `record` with its obligations due `msFromNow[i]` from now (undated where
 * the list has no entry).
 */
export function dueIn(
  record: IncidentRecord,
  msFromNow: number[],
): IncidentRecord {
  return {
    ...record,
    obligations: record.obligations.map((o, i) => ({
      ...o,
      dueAt:
        msFromNow[i] === undefined
          ? undefined
          : new Date(Date.now() + msFromNow[i]).toISOString(),
    })),
  };
}
