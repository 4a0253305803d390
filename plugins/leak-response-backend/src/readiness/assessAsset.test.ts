import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_DATA_CATEGORY_VOCABULARY,
  LlmEntity,
} from '@leak-response/plugin-leak-response-common';
import { DateTime } from 'luxon';
import { entityKey, refKey } from '../plan/impact/lineage';
import { readinessGaps } from '../plan/oncall/readiness';
import {
  DEFAULT_REQUIRED_TRAININGS,
  trainingsOf,
} from '../plan/oncall/rotation';
import { PlaybookRegistry } from '../plan/playbooks/PlaybookRegistry';
import { BUILT_IN_ROLES } from '../plan/playbooks/schema';
import { DEFAULT_LEAK_TYPE_BY_ENTITY_TYPE } from '../plan/PlanService';
import { AssessmentContext, assessAsset, refsToFetch } from './assessAsset';

const NOW = DateTime.fromISO('2026-12-01T10:00:00Z', { zone: 'UTC' });
const BOTH = DEFAULT_REQUIRED_TRAININGS.join(', ');

const playbooks = PlaybookRegistry.fromConfig(new ConfigReader({}), {
  knownRoles: BUILT_IN_ROLES,
});

function group(name: string, members: string[], annotations = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'leak-response.io/oncall-members': members.join(', '),
        'leak-response.io/oncall-period': 'P1W',
        'leak-response.io/oncall-start': '2026-01-05T09:00',
        ...annotations,
      },
    },
    spec: { type: 'team', children: [] },
  };
}

function user(name: string, trainings: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'leak-response.io/trainings': trainings },
    },
    spec: {},
  };
}

const ROLE_GROUPS = ['dpo-office', 'security-ir', 'legal', 'communications'];

/** An organisation in which every role has a fully trained rotation. */
function organisation(): Entity[] {
  return [
    group('ml-platform', ['amara']),
    ...ROLE_GROUPS.map(name => group(name, ['amara'])),
    user('amara', BOTH),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'ml-platform', namespace: 'default', title: 'ML' },
      spec: { owner: 'group:ml-platform' },
    },
  ];
}

function dataset(spec: Record<string, unknown> = {}, metadata = {}): LlmEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'clicks', namespace: 'default', ...metadata },
    spec: {
      type: 'llm-dataset',
      owner: 'group:ml-platform',
      system: 'ml-platform',
      dataCategories: ['personal.behavioral'],
      dataSubjects: ['DE', 'FR'],
      regions: ['eu-central-1'],
      controls: {
        guardduty: true,
        macie: true,
        cloudtrailDataEvents: true,
        s3AccessLogging: true,
        kmsKeyRotation: true,
      },
      ...spec,
    },
  } as LlmEntity;
}

function context(
  entities: Entity[],
  options: {
    exercised?: Record<string, string>;
    roles?: Record<string, string>;
    selectPlaybook?: AssessmentContext['selectPlaybook'];
  } = {},
): AssessmentContext {
  const known = new Map(entities.map(e => [entityKey(e), e]));
  const roles = new Map(
    Object.entries(
      options.roles ?? {
        compliance: 'group:default/dpo-office',
        security: 'group:default/security-ir',
        legal: 'group:default/legal',
        communications: 'group:default/communications',
      },
    ),
  );
  const exercised = options.exercised ?? {
    'resource:default/clicks': '2026-11-20T09:00:00.000Z',
  };
  return {
    entity: ref => known.get(refKey(ref)),
    vocabulary: DEFAULT_DATA_CATEGORY_VOCABULARY,
    leakTypeOf: DEFAULT_LEAK_TYPE_BY_ENTITY_TYPE,
    selectPlaybook:
      options.selectPlaybook ??
      ((entity, leakType) => playbooks.select(entity, leakType)),
    configuredRoles: roles,
    configuredRotations: new Map(),
    rotationGaps: rotation =>
      readinessGaps({
        rotations: [rotation],
        trainings: u => trainingsOf(known.get(refKey(u))),
        requiredTrainings: DEFAULT_REQUIRED_TRAININGS,
        now: NOW,
        horizonUntil: NOW.plus({ weeks: 4 }),
        peaks: [],
      }),
    lastExerciseAt: ref => exercised[refKey(ref)],
    exerciseWindowDays: 90,
  };
}

const kinds = (asset: ReturnType<typeof assessAsset>) =>
  asset.gaps.map(g => g.kind);

describe('assessAsset', () => {
  it('gives a fully declared, exercised, staffed dataset 100 and no gaps', () => {
    const asset = dataset();
    const result = assessAsset(asset, context([asset, ...organisation()]));
    expect(result).toEqual({
      entityRef: 'resource:default/clicks',
      type: 'llm-dataset',
      systemRef: 'system:default/ml-platform',
      ownerRef: 'group:default/ml-platform',
      score: 100,
      checks: [
        'no-owner',
        'no-data-categories',
        'unclassified',
        'no-data-subjects',
        'no-playbook',
        'no-compliance-group',
        'no-trained-on-call',
        'no-recent-exercise',
        'controls-missing',
        'jurisdiction-review',
        'lineage-problem',
      ],
      gaps: [],
      lastExerciseAt: '2026-11-20T09:00:00.000Z',
    });
  });

  it('lists a discovered, unclassified resource with the owner and categories it lacks', () => {
    const discovered = dataset(
      { owner: 'group:default/unassigned', dataCategories: undefined },
      {
        name: 'shopwise-raw-uploads',
        labels: { 'leak-response.io/unclassified': 'true' },
        annotations: {
          'leak-response.io/unclassified-missing': 'llm:data-categories,owner',
        },
      },
    );
    const result = assessAsset(
      discovered,
      context([discovered, ...organisation(), group('unassigned', ['amara'])]),
    );
    expect(kinds(result)).toEqual([
      'no-owner',
      'no-data-categories',
      'unclassified',
      'no-recent-exercise',
    ]);
    expect(result.gaps[0].message).toBe(
      "spec.owner group:default/unassigned is discovery's default: the resource carries no owner tag",
    );
    expect(result.gaps[2]).toMatchObject({
      message:
        'discovered in AWS without the tag(s) llm:data-categories, owner (label leak-response.io/unclassified)',
      details: ['missing tag llm:data-categories', 'missing tag owner'],
    });
    // Without categories nobody knows it holds personal data, so the
    // subject and jurisdiction checks do not apply: 9 checks, 4 gaps. The
    // score weighs the 7 its owner can fix (not the on-call rotation's or
    // the compliance group's): 100 * 3 / 7.
    expect(result.checks).toHaveLength(9);
    expect(result.score).toBe(43);
  });

  it('keeps a discovered owner when only the category tag is missing', () => {
    const discovered = dataset(
      { dataCategories: undefined },
      {
        labels: { 'leak-response.io/unclassified': 'true' },
        annotations: {
          'leak-response.io/unclassified-missing': 'llm:data-categories',
        },
      },
    );
    const result = assessAsset(
      discovered,
      context([discovered, ...organisation()]),
    );
    expect(kinds(result)).toEqual(['no-data-categories', 'unclassified']);
  });

  it('names an owner that is not in the catalog, or not a group or user', () => {
    const missing = dataset({ owner: 'group:ghosts' });
    expect(
      assessAsset(missing, context([missing, ...organisation()])).gaps[0],
    ).toEqual({
      kind: 'no-owner',
      message:
        'spec.owner group:default/ghosts is not in the catalog (or not visible to you)',
    });
    const system = dataset({ owner: 'system:ml-platform' });
    expect(
      assessAsset(system, context([system, ...organisation()])).gaps[0].message,
    ).toBe(
      'spec.owner system:default/ml-platform is a System, not a Group or User',
    );
  });

  it('says which controls are not declared and which are declared off', () => {
    const asset = dataset({
      controls: { guardduty: true, macie: false, kmsKeyRotation: true },
    });
    const [gap] = assessAsset(asset, context([asset, ...organisation()])).gaps;
    expect(gap).toEqual({
      kind: 'controls-missing',
      message:
        'spec.controls not declared: cloudtrailDataEvents, s3AccessLogging; declared off: macie',
      details: [
        'spec.controls.cloudtrailDataEvents is not declared',
        'spec.controls.s3AccessLogging is not declared',
        'spec.controls.macie is false',
      ],
    });
  });

  it('expects endpoint controls of an endpoint', () => {
    const endpoint = dataset({
      type: 'llm-endpoint',
      controls: { guardduty: true, vpcEndpoint: true },
    });
    const result = assessAsset(
      endpoint,
      context([endpoint, ...organisation()]),
    );
    expect(result.gaps.find(g => g.kind === 'controls-missing')?.message).toBe(
      'spec.controls not declared: promptLogging',
    );
  });

  it('flags personal data hosted where its subjects’ law finds no adequacy, for review', () => {
    const asset = dataset({
      dataSubjects: ['EU', 'GB', 'US-CA'],
      regions: ['eu-west-1', 'us-east-1'],
    });
    const [gap] = assessAsset(asset, context([asset, ...organisation()])).gaps;
    expect(gap).toMatchObject({
      kind: 'jurisdiction-review',
      review: true,
      details: [
        // GB people in Ireland: the UK's adequacy regulations cover the EEA
        'eu-west-1 (IE) hosts data of people in US-CA',
        'us-east-1 (US) hosts data of people in EU: adequate only for recipients certified under the EU-U.S. Data Privacy Framework',
        'us-east-1 (US) hosts data of people in GB: adequate only for recipients certified under the UK Extension to the EU-U.S. Data Privacy Framework',
      ],
    });
  });

  it('respects transfer adequacy both ways between the EU and the UK', () => {
    const ukInEu = dataset({ dataSubjects: ['GB'], regions: ['eu-central-1'] });
    const euInUk = dataset({
      dataSubjects: ['DE', 'EU'],
      regions: ['eu-west-2'],
    });
    for (const asset of [ukInEu, euInUk]) {
      expect(
        kinds(assessAsset(asset, context([asset, ...organisation()]))),
      ).toEqual([]);
    }
  });

  it('counts a gap for review half in the score', () => {
    const asset = dataset({ dataSubjects: ['EU'], regions: ['us-east-1'] });
    const result = assessAsset(asset, context([asset, ...organisation()]));
    expect(kinds(result)).toEqual(['jurisdiction-review']);
    // 9 of the 11 checks are the owner's, half a gap: 100 * 8.5 / 9
    expect(result.score).toBe(94);
  });

  it('counts a Canadian province as Canada and leaves non-personal data alone', () => {
    const canadian = dataset({
      dataSubjects: ['CA'],
      regions: ['ca-central-1'],
    });
    expect(
      kinds(assessAsset(canadian, context([canadian, ...organisation()]))),
    ).toEqual([]);
    const catalogue = dataset({
      dataCategories: ['proprietary.business'],
      dataSubjects: [],
      regions: ['us-east-1'],
    });
    const result = assessAsset(
      catalogue,
      context([catalogue, ...organisation()]),
    );
    expect(result.checks).not.toContain('jurisdiction-review');
    expect(result.checks).not.toContain('no-data-subjects');
    expect(kinds(result)).toEqual([]);
  });

  it('asks where the people live when personal data declares no subjects', () => {
    const asset = dataset({ dataSubjects: [] });
    expect(
      kinds(assessAsset(asset, context([asset, ...organisation()]))),
    ).toEqual(['no-data-subjects']);
  });

  it('reports dangling and wrong-type lineage references', () => {
    const base = dataset({}, { name: 'base' });
    const model = {
      ...dataset(
        {
          type: 'llm-model',
          trainedOn: [
            'resource:missing-set',
            'resource:other-model',
            'component:shop',
          ],
          fineTunedFrom: 'resource:base',
        },
        { name: 'clicks' },
      ),
    } as LlmEntity;
    const other = {
      ...dataset({ type: 'llm-model' }, { name: 'other-model' }),
    };
    const [gap] = assessAsset(
      model,
      context([model, base, other, ...organisation()]),
    ).gaps.filter(g => g.kind === 'lineage-problem');
    expect(gap.details).toEqual([
      'spec.trainedOn resource:default/missing-set points at no entity in the catalog (or none visible to you)',
      'spec.trainedOn resource:default/other-model has type llm-model; it must point at an llm-dataset',
      'spec.trainedOn "component:shop" points at kind component; lineage references must point at a Resource (resource:name)',
      'spec.fineTunedFrom resource:default/base has type llm-dataset; it must point at an llm-model',
    ]);
    expect(gap.message).toBe(
      '4 lineage reference(s) are dangling or of the wrong type',
    );
  });

  it('reports no playbook, and then does not judge its on-call', () => {
    const asset = dataset();
    const result = assessAsset(
      asset,
      context([asset, ...organisation()], { selectPlaybook: () => undefined }),
    );
    expect(result.gaps).toEqual([
      {
        kind: 'no-playbook',
        message: 'no playbook responds to training-data-exposure',
      },
    ]);
    expect(result.checks).not.toContain('no-trained-on-call');
  });

  it('reports a playbook annotation naming no playbook', () => {
    const asset = dataset(
      {},
      { annotations: { 'leak-response.io/playbook': 'nope' } },
    );
    const [gap] = assessAsset(asset, context([asset, ...organisation()])).gaps;
    expect(gap.kind).toBe('no-playbook');
    expect(gap.message).toBe('falls back to playbook "training-data-exposure"');
    expect(gap.details?.[0]).toContain(
      'names playbook "nope", which does not exist',
    );
  });

  it('reports a missing compliance group, and takes one from the system annotation', () => {
    const asset = dataset();
    const unconfigured = context([asset, ...organisation()], {
      roles: {
        security: 'group:default/security-ir',
        legal: 'group:default/legal',
        communications: 'group:default/communications',
      },
    });
    const gap = assessAsset(asset, unconfigured).gaps.find(
      g => g.kind === 'no-compliance-group',
    );
    expect(gap).toEqual({
      kind: 'no-compliance-group',
      message: 'no compliance group resolves for it',
      details: [
        'no group is configured for role compliance (leakResponse.roles.compliance)',
      ],
    });

    const annotated = organisation().map(e =>
      e.kind === 'System'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: {
                'leak-response.io/role-compliance': 'group:privacy-de',
              },
            },
          }
        : e,
    );
    const withGroup = context(
      [asset, ...annotated, group('privacy-de', ['amara'])],
      {
        roles: {
          security: 'group:default/security-ir',
          legal: 'group:default/legal',
          communications: 'group:default/communications',
        },
      },
    );
    expect(kinds(assessAsset(asset, withGroup))).toEqual([]);
  });

  it('reports untrained on-call slots and groups without a rotation', () => {
    const asset = dataset();
    const entities = organisation().map(e =>
      e.metadata.name === 'security-ir'
        ? group('security-ir', ['amara', 'wei'])
        : e,
    );
    const legal: Entity = {
      ...group('legal', []),
      metadata: { name: 'legal', namespace: 'default' },
    };
    const result = assessAsset(
      asset,
      context([
        asset,
        ...entities.filter(e => e.metadata.name !== 'legal'),
        legal,
        user('wei', 'aws-incident-response'),
      ]),
    );
    const gap = result.gaps.find(g => g.kind === 'no-trained-on-call')!;
    expect(gap.details).toEqual(
      expect.arrayContaining([
        'role legal: group:default/legal declares no on-call rotation',
        expect.stringMatching(
          /^group:default\/security-ir: user:default\/wei is on call .* without ai-data-categorization$/,
        ),
      ]),
    );
    expect(gap.message).toMatch(
      /^the rotations of playbook "training-data-exposure" have \d+ gap\(s\)$/,
    );
    // The rotation's gap is not the asset owner's to fix: it does not
    // lower the asset's score.
    expect(result.gaps.map(g => g.kind)).toEqual(['no-trained-on-call']);
    expect(result.score).toBe(100);
  });

  it('reports no exercise in the window', () => {
    const asset = dataset();
    const result = assessAsset(
      asset,
      context([asset, ...organisation()], { exercised: {} }),
    );
    expect(result.gaps).toEqual([
      {
        kind: 'no-recent-exercise',
        message: 'no exercise in the last 90 days involved it',
      },
    ]);
    expect(result.lastExerciseAt).toBeUndefined();
    // 9 of the 11 checks are the owner's: 100 * 8 / 9
    expect(result.score).toBe(89);
  });
});

describe('assessAsset: what discovery found', () => {
  const suggestions = [
    {
      category: 'payment.card',
      source: 'macie',
      evidence: 'CREDIT_CARD_NUMBER × 3 in 1 object',
      location: 'arn:aws:s3:::shop-ml/clicks/',
      seenAt: '2026-11-28T10:30:00.000Z',
    },
    {
      category: 'personal.contact',
      source: 'macie',
      evidence: 'EMAIL_ADDRESS × 2 in 1 object',
      location: 'arn:aws:s3:::shop-ml/clicks/',
      seenAt: '2026-11-20T08:00:00.000Z',
    },
  ];
  const withSuggestions = (dataCategories: string[]) =>
    dataset(
      { dataCategories },
      {
        annotations: {
          'leak-response.io/suggested-data-categories':
            JSON.stringify(suggestions),
        },
      },
    );

  it('reports card data Macie found that the dataset does not declare, and not the contact data its personal category covers', () => {
    const asset = withSuggestions(['personal.behavioral']);
    const result = assessAsset(asset, context([asset, ...organisation()]));
    const gap = result.gaps.find(g => g.kind === 'undeclared-data');
    expect(gap).toEqual({
      kind: 'undeclared-data',
      message:
        'Macie found card data (payment.card) in its storage; spec.dataCategories does not declare it',
      details: [
        'payment.card: CREDIT_CARD_NUMBER × 3 in 1 object under s3://shop-ml/clicks/ (Macie, last seen 2026-11-28)',
      ],
    });
    expect(result.checks).toContain('undeclared-data');
  });

  it('passes once the owner declares the card data, and does not run without suggestions', () => {
    const declared = withSuggestions(['personal.behavioral', 'payment.card']);
    const passed = assessAsset(declared, context([declared, ...organisation()]));
    expect(kinds(passed)).not.toContain('undeclared-data');
    expect(passed.checks).toContain('undeclared-data');

    const plain = dataset();
    expect(
      assessAsset(plain, context([plain, ...organisation()])).checks,
    ).not.toContain('undeclared-data');
  });

  it('names both sides when declared and discovered lineage differ, and not when discovery fills an empty field', () => {
    const discovered = JSON.stringify([
      {
        relation: 'trainedOn',
        target: 'resource:default/orders-2026',
        targetArn: 'arn:aws:s3:::shop-ml/orders/',
        via: 'arn:aws:sagemaker:eu-west-1:111122223333:training-job/t1',
        source: 'sagemaker',
      },
      {
        relation: 'trainedOn',
        target: 'resource:default/clicks',
        targetArn: 'arn:aws:s3:::shop-ml/clicks/',
        via: 'arn:aws:sagemaker:eu-west-1:111122223333:training-job/t1',
        source: 'sagemaker',
      },
    ]);
    const model = dataset(
      { type: 'llm-model', trainedOn: ['resource:clicks'] },
      {
        name: 'm',
        annotations: { 'leak-response.io/discovered-lineage': discovered },
      },
    );
    const result = assessAsset(model, context([model, ...organisation()]));
    expect(result.gaps.find(g => g.kind === 'lineage-conflict')).toEqual({
      kind: 'lineage-conflict',
      message:
        'declared and discovered lineage differ in 1 field(s): check which is right and correct catalog-info.yaml',
      details: [
        'spec.trainedOn declares resource:default/clicks; SageMaker (arn:aws:sagemaker:eu-west-1:111122223333:training-job/t1) says resource:default/orders-2026',
      ],
    });

    const empty = dataset(
      { type: 'llm-model' },
      {
        name: 'm',
        annotations: { 'leak-response.io/discovered-lineage': discovered },
      },
    );
    expect(
      kinds(assessAsset(empty, context([empty, ...organisation()]))),
    ).not.toContain('lineage-conflict');
  });
});

describe('refsToFetch', () => {
  it('asks for owner, system and lineage first, then domain, role groups and members', () => {
    const model = dataset(
      { type: 'llm-model', trainedOn: ['resource:clicks-2'] },
      { name: 'm' },
    );
    const first = refsToFetch(model, context([model]));
    expect(first).toEqual(
      expect.arrayContaining([
        'group:default/ml-platform',
        'system:default/ml-platform',
        'resource:default/clicks-2',
        'group:default/dpo-office',
      ]),
    );
    expect(first).not.toContain('user:default/amara');

    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'ml-platform', namespace: 'default' },
      spec: { owner: 'group:ml-platform', domain: 'shop' },
    };
    const second = refsToFetch(
      model,
      context([model, system, ...ROLE_GROUPS.map(n => group(n, ['amara']))]),
    );
    expect(second).toEqual(
      expect.arrayContaining(['domain:default/shop', 'user:default/amara']),
    );
  });
});
