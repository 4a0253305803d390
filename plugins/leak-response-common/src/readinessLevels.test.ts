import { AssetReadiness } from './readiness';
import { isSharedGap, sharedGapsOf } from './readinessLevels';

function asset(name: string, gaps: AssetReadiness['gaps']): AssetReadiness {
  return {
    entityRef: `resource:default/${name}`,
    title: name,
    type: 'llm-model',
    score: 50,
    checks: ['no-owner', 'no-trained-on-call'],
    gaps,
  };
}

describe('sharedGapsOf', () => {
  it('lists a rotation gap once with every asset it affects', () => {
    const rotation = {
      kind: 'no-trained-on-call' as const,
      message: 'the rotations of playbook "x" have 1 gap(s)',
      details: ['group:default/security-ir: user:default/carl is untrained'],
    };
    const shared = sharedGapsOf([
      asset('a', [rotation, { kind: 'no-owner', message: 'no owner' }]),
      asset('b', [
        { ...rotation, message: 'the rotations of playbook "y" have 1 gap(s)' },
      ]),
      asset('c', [{ kind: 'controls-missing', message: 'no macie' }]),
    ]);
    expect(shared).toHaveLength(1);
    expect(shared[0].kind).toBe('no-trained-on-call');
    expect(shared[0].assets.map(a => a.title)).toEqual(['a', 'b']);
  });

  it('keeps asset gaps to the asset', () => {
    expect(isSharedGap('no-owner')).toBe(false);
    expect(isSharedGap('controls-missing')).toBe(false);
    expect(isSharedGap('no-compliance-group')).toBe(true);
  });
});
