import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { EXIT, runCli } from './cli';

const examplesDir = path.resolve(__dirname, '../../../examples');

async function run(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(args, {
    stdout: line => stdout.push(line),
    stderr: line => stderr.push(line),
  });
  return { code, stdout, stderr };
}

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'leak-response-cli-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = path.join(tmp, name);
  await fs.writeFile(file, text);
  return file;
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex(line => line.includes(needle));
  if (index < 0) {
    throw new Error(`${needle} not in the file`);
  }
  return index + 1;
}

type Mutation = {
  name: string;
  types: string[];
  apply(spec: Record<string, any>): void;
  field: string;
  /** A line of the generated file the error must point at. */
  marker: string;
  says: string;
  allowed: string;
};

// Each mutation breaks one field the way owners do; every example LLM entity
// gets each mutation that applies to its type, inside a file that also holds
// valid entities, so the line must be the mutated entity's.
const MUTATIONS: Mutation[] = [
  {
    name: 'unknown data category',
    types: ['llm-model', 'llm-dataset', 'llm-endpoint'],
    apply: spec => {
      spec.dataCategories = [
        ...(spec.dataCategories ?? []),
        'personal.shoe-size',
      ];
    },
    field: 'spec.dataCategories',
    marker: 'personal.shoe-size',
    says: 'is not a known data category (got "personal.shoe-size")',
    allowed: 'personal.behavioral',
  },
  {
    name: 'upper-case region',
    types: ['llm-model', 'llm-dataset', 'llm-endpoint'],
    apply: spec => {
      spec.regions = ['EU-CENTRAL-1'];
    },
    field: 'spec.regions[0]',
    marker: 'EU-CENTRAL-1',
    says: 'did you mean eu-central-1?',
    allowed: 'eu-west-1',
  },
  {
    name: 'made-up jurisdiction',
    types: ['llm-model', 'llm-dataset', 'llm-endpoint'],
    apply: spec => {
      spec.dataSubjects = ['EU', 'Europe'];
    },
    field: 'spec.dataSubjects[1]',
    marker: '- Europe',
    says: 'is not a known country or jurisdiction code',
    allowed: 'ISO 3166-1 alpha-2',
  },
  {
    name: 'negative subject count',
    types: ['llm-model', 'llm-dataset', 'llm-endpoint'],
    apply: spec => {
      spec.approxDataSubjects = -5;
    },
    field: 'spec.approxDataSubjects',
    marker: 'approxDataSubjects: -5',
    says: 'must be a whole number, 0 or more (got -5)',
    allowed: 'a whole number of people',
  },
  {
    name: 'control that is not a boolean',
    types: ['llm-model', 'llm-dataset', 'llm-endpoint'],
    apply: spec => {
      spec.controls = { ...spec.controls, macie: 'sometimes' };
    },
    field: 'spec.controls.macie',
    marker: 'macie: sometimes',
    says: 'must be of type boolean (got "sometimes")',
    allowed: 'true/false',
  },
  {
    name: 'typo in a field name',
    types: ['llm-model', 'llm-dataset', 'llm-endpoint'],
    apply: spec => {
      spec.dataCategory = spec.dataCategories;
    },
    field: 'spec.dataCategory',
    marker: 'dataCategory:',
    says: 'did you mean spec.dataCategories?',
    allowed: 'spec.dataCategories',
  },
  {
    name: 'dataset purpose out of the list',
    types: ['llm-dataset'],
    apply: spec => {
      spec.purpose = 'marketing';
    },
    field: 'spec.purpose',
    marker: 'purpose: marketing',
    says: 'is not an allowed value (got "marketing")',
    allowed: 'training',
  },
  {
    name: 'lineage field on the wrong type',
    types: ['llm-dataset', 'llm-endpoint'],
    apply: spec => {
      spec.trainedOn = ['resource:clickstream-2025q3'];
    },
    field: 'spec.trainedOn',
    marker: 'trainedOn:',
    says: 'is only allowed on llm-model entities',
    allowed: 'set spec.type to llm-model',
  },
];

describe('leak-response validate', () => {
  it('passes every example catalog file, as the catalog ingests them', async () => {
    const files = (await fs.readdir(examplesDir))
      .filter(name => name.endsWith('.yaml'))
      .map(name => path.join(examplesDir, name));
    expect(files.length).toBeGreaterThanOrEqual(4);

    const result = await run(['validate', ...files]);

    expect(result.stdout).toEqual([]);
    expect(result.stderr).toEqual([`${files.length} files checked: no errors`]);
    expect(result.code).toBe(EXIT.ok);
  });

  describe('on generated malformed files', () => {
    let examples: Array<Record<string, any>>;
    let validDocuments: string[];
    beforeAll(async () => {
      const text = await fs.readFile(
        path.join(examplesDir, 'llm-resources.yaml'),
        'utf8',
      );
      examples = parseAllDocuments(text)
        .map(d => d.toJS())
        .filter(e => e?.kind === 'Resource');
      validDocuments = examples.slice(0, 2).map(e => stringify(e));
    });

    it('has an example of every LLM type to break', () => {
      expect(new Set(examples.map(e => e.spec.type))).toEqual(
        new Set(['llm-model', 'llm-dataset', 'llm-endpoint']),
      );
    });

    it('reports each broken field with its file, line, value and what is allowed', async () => {
      let cases = 0;
      for (const example of examples) {
        for (const mutation of MUTATIONS.filter(m =>
          m.types.includes(example.spec.type),
        )) {
          const broken = structuredClone(example);
          broken.metadata.name = `broken-${cases}`;
          mutation.apply(broken.spec);
          const text = [...validDocuments, stringify(broken)].join('---\n');
          const file = await write(`case-${cases}.yaml`, text);

          const result = await run(['validate', file]);

          const context = `${mutation.name} on ${example.metadata.name}`;
          expect({ context, code: result.code }).toEqual({
            context,
            code: EXIT.invalid,
          });
          expect({ context, lines: result.stdout.length }).toEqual({
            context,
            lines: 1,
          });
          const [line] = result.stdout;
          const brokenLine = lineOf(text, mutation.marker);
          expect(line).toMatch(
            new RegExp(
              `^${file.replace(
                /[.*+?^${}()|[\]\\]/g,
                '\\$&',
              )}:${brokenLine}:\\d+: resource:default/broken-${cases}: `,
            ),
          );
          expect(line).toContain(`${mutation.field}`);
          expect(line).toContain(mutation.says);
          expect(line).toContain(`allowed: `);
          expect(line.slice(line.indexOf('allowed: '))).toContain(
            mutation.allowed,
          );
          cases++;
        }
      }
      expect(cases).toBeGreaterThanOrEqual(20);
    });
  });

  it('reports a missing required field at the `spec:` key it belongs under', async () => {
    const text = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Resource',
      'metadata:',
      '  name: no-owner',
      'spec:',
      '  type: llm-model',
      '  lifecycle: production',
      '',
    ].join('\n');
    const file = await write('missing.yaml', text);

    const result = await run(['validate', file]);

    expect(result.code).toBe(EXIT.invalid);
    expect(result.stdout).toEqual([
      expect.stringMatching(
        new RegExp(
          `missing\\.yaml:5:1: resource:default/no-owner: spec.owner: is required; allowed: an entity reference to the owning group`,
        ),
      ),
    ]);
  });

  it('reports YAML syntax and envelope errors the catalog would refuse before the LLM checks', async () => {
    const text = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Resource',
      'metadata:',
      '  name: Not A Valid Name!',
      'spec:',
      '  type: llm-dataset',
      '---',
      'regions: [eu-west-1',
      '',
    ].join('\n');
    const file = await write('syntax.yaml', text);

    const result = await run(['validate', file]);

    expect(result.code).toBe(EXIT.invalid);
    expect(result.stdout).toHaveLength(2);
    expect(result.stdout[0]).toMatch(/syntax\.yaml:1:1: .*metadata\.name/);
    expect(result.stdout[1]).toMatch(/syntax\.yaml:\d+:\d+: not valid YAML: /);
  });

  it('prints GitHub annotations with escaped properties', async () => {
    const file = await write(
      'github.yaml',
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Resource',
        'metadata:',
        '  name: gh',
        'spec:',
        '  type: llm-dataset',
        '  owner: group:ml-platform',
        '  lifecycle: production',
        '  regions: [mars-north-1]',
        '',
      ].join('\n'),
    );

    const result = await run(['validate', '--format', 'github', file]);

    expect(result.code).toBe(EXIT.invalid);
    expect(result.stdout).toEqual([
      expect.stringMatching(
        /^::error file=.*github\.yaml,line=9,col=13,title=resource%3Adefault\/gh spec\.regions\[0\]::spec\.regions\[0\]: is not a known AWS region \(got "mars-north-1"\); allowed: af-south-1, /,
      ),
    ]);
  });

  it('accepts the organisation categories declared in app-config', async () => {
    const entity = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Resource',
      'metadata:',
      '  name: loyalty',
      'spec:',
      '  type: llm-dataset',
      '  owner: group:ml-platform',
      '  lifecycle: production',
      '  dataCategories: [personal.loyalty]',
      '',
    ].join('\n');
    const file = await write('loyalty.yaml', entity);
    const config = await write(
      'app-config.yaml',
      stringify({
        leakResponse: {
          dataCategories: [
            { id: 'personal.loyalty', description: 'Points', personal: true },
          ],
        },
      }),
    );

    const without = await run(['validate', file]);
    const withConfig = await run(['validate', '--config', config, file]);

    expect(without.code).toBe(EXIT.invalid);
    expect(without.stdout[0]).toContain('personal.loyalty');
    expect(withConfig.code).toBe(EXIT.ok);
    expect(withConfig.stdout).toEqual([]);
  });

  it('fails with a usage error for a missing file or an unknown format', async () => {
    const missing = await run(['validate', path.join(tmp, 'nope.yaml')]);
    const badFormat = await run(['validate', '--format', 'xml', 'x.yaml']);

    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr.join('\n')).toContain('cannot read');
    expect(badFormat.code).toBe(EXIT.usage);
    expect(badFormat.stderr.join('\n')).toContain('xml');
  });
});
