import {
  DEFAULT_DATA_CATEGORY_VOCABULARY,
  LlmEntity,
} from '@leak-response/plugin-leak-response-common';
import {
  inventoryCsv,
  inventoryMarkdown,
  inventoryRow,
  InventoryRow,
} from './inventory';

const model = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'recsys',
    namespace: 'default',
    title: 'Recs, "v3"',
    annotations: {
      'amazonaws.com/arn': 'arn:aws:sagemaker:eu-west-1:1:model/r',
    },
  },
  spec: {
    type: 'llm-model',
    owner: 'ml-platform',
    system: 'product-discovery',
    lifecycle: 'production',
    dataCategories: ['personal.behavioral', 'personal.special'],
    dataSubjects: ['EU', 'GB'],
    approxDataSubjects: 2400000,
    regions: ['eu-west-1', 'ca-central-1'],
    trainedOn: ['clicks', 'resource:other/orders'],
    fineTunedFrom: 'resource:base',
  },
} as LlmEntity;

const discovered = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'raw',
    namespace: 'default',
    labels: { 'leak-response.io/unclassified': 'true' },
  },
  spec: {
    type: 'llm-dataset',
    owner: 'group:default/unassigned',
    regions: ['us-east-1'],
  },
} as LlmEntity;

describe('inventoryRow', () => {
  it('reads owner, categories, subjects, regions and lineage with full refs', () => {
    expect(inventoryRow(model, DEFAULT_DATA_CATEGORY_VOCABULARY)).toEqual({
      entityRef: 'resource:default/recsys',
      title: 'Recs, "v3"',
      type: 'llm-model',
      system: 'system:default/product-discovery',
      owner: 'group:default/ml-platform',
      lifecycle: 'production',
      dataCategories: ['personal.behavioral', 'personal.special'],
      personalData: 'yes',
      specialCategory: 'yes',
      dataSubjects: ['EU', 'GB'],
      approxDataSubjects: '2400000',
      regions: ['eu-west-1 (IE)', 'ca-central-1 (CA-QC)'],
      purpose: '',
      lineage: [
        'trainedOn: resource:default/clicks',
        'trainedOn: resource:other/orders',
        'fineTunedFrom: resource:default/base',
      ],
      arn: 'arn:aws:sagemaker:eu-west-1:1:model/r',
      unclassified: 'no',
    });
  });

  it('says unknown, not no, when nothing is declared', () => {
    expect(
      inventoryRow(discovered, DEFAULT_DATA_CATEGORY_VOCABULARY),
    ).toMatchObject({
      personalData: 'unknown',
      specialCategory: 'unknown',
      dataCategories: [],
      unclassified: 'yes',
    });
  });
});

describe('inventoryCsv', () => {
  const rows = [model, discovered].map(e =>
    inventoryRow(e, DEFAULT_DATA_CATEGORY_VOCABULARY),
  );

  it('writes a header and one CRLF line per asset, quoting where needed', () => {
    const lines = inventoryCsv(rows).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]).toBe(
      'Entity,Title,Type,System,Owner,Lifecycle,Data categories,Personal data,Special category,Data subjects,Approx. data subjects,Regions,Purpose,Lineage,AWS ARN,Unclassified',
    );
    expect(lines[1]).toBe(
      'resource:default/recsys,"Recs, ""v3""",llm-model,system:default/product-discovery,group:default/ml-platform,production,personal.behavioral; personal.special,yes,yes,EU; GB,2400000,eu-west-1 (IE); ca-central-1 (CA-QC),,trainedOn: resource:default/clicks; trainedOn: resource:other/orders; fineTunedFrom: resource:default/base,arn:aws:sagemaker:eu-west-1:1:model/r,no',
    );
  });

  it('keeps cells that a spreadsheet would run as formulas as text', () => {
    const evil: InventoryRow = {
      ...rows[1],
      title: '=HYPERLINK("http://x","y")',
      lifecycle: '+1',
      purpose: 'line\nbreak',
    };
    const [, line] = inventoryCsv([evil]).split('\r\n');
    expect(line).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(line).toContain(",'+1,");
    expect(line).toContain('"line\nbreak"');
  });
});

describe('inventoryMarkdown', () => {
  it('writes a heading, the count and an escaped table', () => {
    const row = {
      ...inventoryRow(model, DEFAULT_DATA_CATEGORY_VOCABULARY),
      title: 'a | b <script>',
    };
    const md = inventoryMarkdown([row], {
      generatedAt: '2026-12-01T10:00:00.000Z',
      organisation: 'Shopwise',
    });
    const lines = md.split('\n');
    expect(lines[0]).toBe(
      '# Record of processing activities: LLM assets of Shopwise',
    );
    expect(lines[2]).toContain('Generated 2026-12-01T10:00:00.000Z');
    expect(lines[2]).toContain('1 asset (models');
    expect(lines[4].split(' | ')).toHaveLength(16);
    expect(lines[5]).toMatch(/^\|( --- \|){16}$/);
    expect(lines[6]).toContain('a \\| b \\<script\\>');
    expect(lines[6]).toContain('EU, GB');
    expect(lines).toHaveLength(8);
  });
});
