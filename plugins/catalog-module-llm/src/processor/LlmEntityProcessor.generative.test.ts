import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AWS_REGIONS,
  DEFAULT_DATA_CATEGORY_VOCABULARY,
  isAwsRegion,
  isJurisdictionCode,
  LLM_CONTROLS,
  LLM_DATASET_PURPOSES,
} from '@leak-response/plugin-leak-response-common';
import fc from 'fast-check';
import { LlmEntityProcessor } from './LlmEntityProcessor';

/*
 * Property tests: a valid LLM entity is generated, then broken in one to
 * three fields with values that are wrong for that field. The processor must
 * reject every such entity with an InputError whose message names each
 * broken field, and must never throw anything else in any stage.
 */

const processor = LlmEntityProcessor.fromConfig(new ConfigReader({}));
const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};
const NUM_RUNS = 1000;

const categories = [...DEFAULT_DATA_CATEGORY_VOCABULARY.keys()];
const regions = Object.keys(AWS_REGIONS);
const refName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
const resourceRef = refName.map(name => `resource:${name}`);

const baseSpec = fc.record(
  {
    owner: fc.constantFrom('group:ml-platform', 'group:checkout', 'user:alice'),
    dataCategories: fc.uniqueArray(fc.constantFrom(...categories), {
      maxLength: 4,
    }),
    regions: fc.uniqueArray(fc.constantFrom(...regions), { maxLength: 3 }),
    dataSubjects: fc.uniqueArray(
      fc.constantFrom('EU', 'GB', 'US-CA', 'US-TX', 'BR', 'SG', 'DE'),
      {
        maxLength: 4,
      },
    ),
    approxDataSubjects: fc.nat(),
    controls: fc.dictionary(fc.constantFrom(...LLM_CONTROLS), fc.boolean()),
  },
  { requiredKeys: ['owner'] },
);

const validEntity = fc
  .tuple(
    fc.constantFrom('llm-model', 'llm-dataset', 'llm-endpoint'),
    baseSpec,
    fc.uniqueArray(resourceRef, { maxLength: 3 }),
    resourceRef,
    fc.constantFrom(...LLM_DATASET_PURPOSES),
  )
  .map(([type, spec, refs, ref, purpose]) => {
    const own: Record<string, Record<string, unknown>> = {
      'llm-model': { trainedOn: refs, fineTunedFrom: ref },
      'llm-dataset': { purpose },
      'llm-endpoint': { serves: refs, logsTo: refs },
    };
    return { type, ...spec, ...own[type] } as Record<string, unknown>;
  });

const notAList = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.string(),
  fc.object(),
  fc.constant(null),
);
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.object(),
  fc.array(fc.string()),
  fc.constant(null),
);
const wrongKindRef = fc
  .tuple(
    fc.constantFrom(
      'component',
      'group',
      'user',
      'api',
      'system',
      'domain',
      'location',
    ),
    refName,
  )
  .map(([kind, name]) => `${kind}:${name}`);
const malformedRef = fc.oneof(
  fc.constantFrom(
    '',
    'a:b:c',
    ':x',
    'resource:',
    'x/y/z',
    'bad name!',
    'resource:-x-',
  ),
  fc
    .string({ minLength: 64, maxLength: 80 })
    .map(s => `resource:${s.replace(/[^a-z]/g, 'a')}`),
);

type Mutation = {
  field: string;
  apply: (spec: Record<string, unknown>) => void;
};

function listMutation(
  field: string,
  badItem: fc.Arbitrary<unknown>,
): fc.Arbitrary<Mutation> {
  return fc.oneof(
    notAList.map(value => ({
      field,
      apply: (spec: Record<string, unknown>) => void (spec[field] = value),
    })),
    badItem.map(item => ({
      field,
      apply: (spec: Record<string, unknown>) => {
        const current = Array.isArray(spec[field])
          ? (spec[field] as unknown[])
          : [];
        spec[field] = [...current, item];
      },
    })),
  );
}

/** The mutations that break a given type, each naming the field it breaks. */
function mutationsFor(type: string): fc.Arbitrary<Mutation> {
  const common: fc.Arbitrary<Mutation>[] = [
    listMutation(
      'dataCategories',
      fc.oneof(
        fc.string().filter(s => !DEFAULT_DATA_CATEGORY_VOCABULARY.has(s)),
        notAString,
      ),
    ),
    listMutation(
      'regions',
      fc.oneof(
        fc.string().filter(s => !isAwsRegion(s)),
        notAString,
      ),
    ),
    listMutation(
      'dataSubjects',
      fc.oneof(
        fc.string().filter(s => !isJurisdictionCode(s)),
        notAString,
      ),
    ),
    fc
      .oneof(
        fc.integer({ max: -1 }),
        fc.double({ noInteger: true }),
        fc.string(),
        fc.boolean(),
        fc.constant(null),
      )
      .map(value => ({
        field: 'approxDataSubjects',
        apply: (spec: Record<string, unknown>) =>
          void (spec.approxDataSubjects = value),
      })),
    fc
      .oneof(
        fc.oneof(
          fc.string(),
          fc.integer(),
          fc.array(fc.boolean()),
          fc.constant(null),
        ),
        fc
          .string({ minLength: 1 })
          .filter(
            k =>
              !(LLM_CONTROLS as readonly string[]).includes(k) &&
              k !== '__proto__',
          )
          .map(k => ({ [k]: true })),
        fc
          .tuple(
            fc.constantFrom(...LLM_CONTROLS),
            notAString.filter(v => typeof v !== 'boolean'),
          )
          .map(([k, v]) => ({ [k]: v })),
      )
      .map(value => ({
        field: 'controls',
        apply: (spec: Record<string, unknown>) => void (spec.controls = value),
      })),
    fc.oneof(fc.constant(undefined), notAString).map(value => ({
      field: 'owner',
      apply: (spec: Record<string, unknown>) => {
        if (value === undefined) delete spec.owner;
        else spec.owner = value;
      },
    })),
  ];
  const foreign = (field: string, value: fc.Arbitrary<unknown>) =>
    value.map(v => ({
      field,
      apply: (spec: Record<string, unknown>) => void (spec[field] = v),
    }));
  const refList = (field: string) =>
    listMutation(field, fc.oneof(wrongKindRef, malformedRef, notAString));

  if (type === 'llm-model') {
    return fc.oneof(
      ...common,
      refList('trainedOn'),
      fc.oneof(wrongKindRef, malformedRef, notAString).map(v => ({
        field: 'fineTunedFrom',
        apply: (spec: Record<string, unknown>) => void (spec.fineTunedFrom = v),
      })),
      foreign('purpose', fc.constantFrom(...LLM_DATASET_PURPOSES)),
      foreign('serves', fc.array(resourceRef)),
      foreign('logsTo', fc.array(resourceRef)),
    );
  }
  if (type === 'llm-dataset') {
    return fc.oneof(
      ...common,
      fc
        .oneof(
          fc
            .string()
            .filter(
              s => !(LLM_DATASET_PURPOSES as readonly string[]).includes(s),
            ),
          notAString,
        )
        .map(v => ({
          field: 'purpose',
          apply: (spec: Record<string, unknown>) => void (spec.purpose = v),
        })),
      foreign('trainedOn', fc.array(resourceRef)),
      foreign('fineTunedFrom', resourceRef),
      foreign('serves', fc.array(resourceRef)),
      foreign('logsTo', fc.array(resourceRef)),
    );
  }
  return fc.oneof(
    ...common,
    refList('serves'),
    refList('logsTo'),
    foreign('trainedOn', fc.array(resourceRef)),
    foreign('fineTunedFrom', resourceRef),
    foreign('purpose', fc.constantFrom(...LLM_DATASET_PURPOSES)),
  );
}

const malformedEntity = validEntity.chain(spec =>
  fc
    .uniqueArray(mutationsFor(spec.type as string), {
      minLength: 1,
      maxLength: 3,
      selector: m => m.field,
    })
    .map(mutations => {
      const broken: Record<string, unknown> = { ...spec };
      for (const mutation of mutations) {
        mutation.apply(broken);
      }
      const entity: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: 'generated-subject', namespace: 'default' },
        spec: broken as Entity['spec'],
      };
      return { entity, fields: mutations.map(m => m.field) };
    }),
);

/** Describes a validation outcome as one string, so tests assert it unconditionally. */
function outcome(error: unknown): string {
  if (error === undefined) {
    return 'accepted';
  }
  if (!(error instanceof InputError)) {
    return `unexpected ${String(error)}`;
  }
  const field = /(spec\.\S+): /.exec(error.message);
  return field
    ? `InputError naming ${field[1]}`
    : `InputError without a field: ${error.message}`;
}

async function runAllStages(entity: Entity) {
  const pre = await processor.preProcessEntity(entity);
  let error: unknown;
  try {
    await processor.validateEntityKind(pre);
  } catch (e) {
    error = e;
  }
  await processor.postProcessEntity(pre, location, () => {});
  return error;
}

describe('LlmEntityProcessor with generated input', () => {
  it(`rejects ${NUM_RUNS} malformed LLM entities, naming each broken field`, async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(malformedEntity, async ({ entity, fields }) => {
        const error = await runAllStages(entity);
        expect(error).toBeInstanceOf(InputError);
        const message = (error as Error).message;
        expect(message).toMatch(
          /^resource:default\/generated-subject is not a valid LLM entity \(\d+ problems?\): spec\.\w+/,
        );
        for (const field of fields) {
          expect(message).toContain(`spec.${field}`);
        }
        expect(message).toContain('allowed: ');
        checked++;
      }),
      { numRuns: NUM_RUNS },
    );
    expect(checked).toBeGreaterThanOrEqual(NUM_RUNS);
  });

  it('accepts the valid entities it breaks (so rejections above are caused by the mutations)', async () => {
    await fc.assert(
      fc.asyncProperty(validEntity, async spec => {
        const entity: Entity = {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'generated-subject' },
          spec: spec as Entity['spec'],
        };
        expect(await runAllStages(entity)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it(`never throws anything but an InputError for ${NUM_RUNS} arbitrary LLM specs`, async () => {
    const junkSpec = fc
      .tuple(
        fc.constantFrom('llm-model', 'llm-dataset', 'llm-endpoint'),
        fc.dictionary(
          fc.oneof(
            fc.constantFrom(
              'owner',
              'dataCategories',
              'regions',
              'dataSubjects',
              'approxDataSubjects',
              'controls',
              'trainedOn',
              'fineTunedFrom',
              'purpose',
              'serves',
              'logsTo',
            ),
            fc.string(),
          ),
          fc.anything(),
        ),
      )
      .map(([type, rest]) => ({ ...rest, type }));
    await fc.assert(
      fc.asyncProperty(junkSpec, async spec => {
        const entity: Entity = {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'junk' },
          spec: spec as Entity['spec'],
        };
        expect(outcome(await runAllStages(entity))).toMatch(
          /^(accepted|InputError naming spec\.\S+)$/,
        );
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
