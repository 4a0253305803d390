import path from 'node:path';
import { resource } from '../__testUtils__/catalogFixtures';
import { PlaybookRegistry, readPlaybookFiles } from './PlaybookRegistry';
import { BUILT_IN_ROLES } from './schema';

const builtInDir = path.resolve(__dirname, '../../../playbooks');
const builtIn = readPlaybookFiles(builtInDir);
const knownRoles = [...BUILT_IN_ROLES];

function step(overrides: Record<string, unknown> = {}) {
  return {
    id: 'contain',
    title: 'Contain',
    phase: 'contain',
    raci: { responsible: ['security'], accountable: 'security' },
    ...overrides,
  };
}

function playbook(overrides: Record<string, unknown> = {}) {
  return {
    id: 'credential-leak',
    title: 'Credential leak',
    leakTypes: ['inference-data-leakage'],
    steps: [step()],
    ...overrides,
  };
}

const create = (configured: unknown[]) =>
  PlaybookRegistry.create({ builtIn, configured, knownRoles });

describe('PlaybookRegistry', () => {
  it('loads the three built-in playbooks with RACI and due offsets', () => {
    const registry = create([]);
    expect(
      registry
        .list()
        .map(p => p.id)
        .sort(),
    ).toEqual([
      'inference-data-leakage',
      'model-weight-exfiltration',
      'training-data-exposure',
    ]);
    const training = registry.get('training-data-exposure')!;
    expect(training.source).toBe('built-in');
    expect(training.steps.map(s => s.phase)).toEqual([
      'contain',
      'preserve-evidence',
      'scope',
      'assess',
      'decide-and-draft',
      'notify',
      'remediate',
      'review',
    ]);
    expect(training.steps[0].dueOffset).toBe('PT1H');
    expect(training.steps[0].raci.accountable).toBe('security');
  });

  it('selects by leak type and entity type', () => {
    const registry = create([]);
    const model = resource('m', { type: 'llm-model' });
    const selection = registry.select(model, 'model-weight-exfiltration');
    expect(selection?.playbook.id).toBe('model-weight-exfiltration');
    expect(selection?.selectedBy).toBe('leak-type-and-entity-type');
    // A dataset leaking inference data still gets the inference playbook.
    const dataset = resource('d', { type: 'llm-dataset' });
    const other = registry.select(dataset, 'inference-data-leakage');
    expect(other?.playbook.id).toBe('inference-data-leakage');
    expect(other?.selectedBy).toBe('leak-type');
  });

  it('selects the playbook named by the entity annotation', () => {
    const registry = create([playbook()]);
    const entity = resource(
      'e',
      { type: 'llm-endpoint' },
      { 'leak-response.io/playbook': 'credential-leak' },
    );
    const selection = registry.select(entity, 'inference-data-leakage');
    expect(selection?.playbook.id).toBe('credential-leak');
    expect(selection?.selectedBy).toBe('annotation');
    expect(selection?.warnings).toEqual([]);
  });

  it('warns and falls back when the annotation names no playbook', () => {
    const registry = create([]);
    const entity = resource(
      'e',
      { type: 'llm-endpoint' },
      { 'leak-response.io/playbook': 'nope' },
    );
    const selection = registry.select(entity, 'inference-data-leakage');
    expect(selection?.playbook.id).toBe('inference-data-leakage');
    expect(selection?.warnings[0]).toContain('"nope", which does not exist');
  });

  it('lets config replace a built-in playbook and win the selection', () => {
    const registry = create([
      playbook({
        id: 'inference-data-leakage',
        title: 'Our own inference playbook',
        entityTypes: ['llm-endpoint'],
        steps: [step({ dueOffset: { hours: 2 } })],
      }),
    ]);
    const chosen = registry.get('inference-data-leakage')!;
    expect(chosen.title).toBe('Our own inference playbook');
    expect(chosen.source).toBe('config');
    expect(chosen.steps[0].dueOffset).toBe('PT2H');
    expect(registry.list()).toHaveLength(3);
  });

  it.each([
    [
      'an unknown role',
      playbook({
        steps: [
          step({ raci: { responsible: ['secops'], accountable: 'security' } }),
        ],
      }),
      'Invalid playbook "credential-leak" (leakResponse.playbooks[0]): steps[0].raci.responsible[0]: unknown role "secops"',
    ],
    [
      'two accountable roles',
      playbook({
        steps: [
          step({
            raci: { responsible: ['security'], accountable: ['a', 'b'] },
          }),
        ],
      }),
      'steps[0].raci.accountable: must be exactly one role',
    ],
    [
      'a bad due offset',
      playbook({ steps: [step({ dueOffset: '4 hours' })] }),
      'steps[0].dueOffset: "4 hours" is not an ISO 8601 duration',
    ],
    [
      'an unknown leak type',
      playbook({ leakTypes: ['data-spill'] }),
      'leakTypes[0]: Invalid enum value',
    ],
    [
      'an unknown field',
      playbook({ stepz: [] }),
      "Unrecognized key(s) in object: 'stepz'",
    ],
    [
      'a duplicate step id',
      playbook({ steps: [step(), step()] }),
      'steps[1].id: "contain" is used twice',
    ],
    ['no steps', playbook({ steps: [] }), 'steps: needs at least one step'],
  ])('refuses a playbook with %s', (_what, input, message) => {
    expect(() => create([input])).toThrow(message);
  });

  it('refuses a playbook configured twice', () => {
    expect(() => create([playbook(), playbook()])).toThrow(
      'Invalid playbook "credential-leak" (leakResponse.playbooks[1]): id: "credential-leak" is configured twice',
    );
  });

  it('accepts roles added in config', () => {
    const registry = PlaybookRegistry.create({
      builtIn,
      configured: [
        playbook({
          steps: [
            step({ raci: { responsible: ['fraud'], accountable: 'fraud' } }),
          ],
        }),
      ],
      knownRoles: [...knownRoles, 'fraud'],
    });
    expect(registry.get('credential-leak')?.steps[0].raci.accountable).toBe(
      'fraud',
    );
  });
});
