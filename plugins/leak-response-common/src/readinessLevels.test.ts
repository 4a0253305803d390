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
  it('lists a rotation gap once, at the rotation, with every asset it affects', () => {
    const carl =
      'group:default/security-ir: user:default/carl is on call without aws-incident-response';
    const shared = sharedGapsOf([
      asset('a', [
        {
          kind: 'no-trained-on-call',
          message: 'the rotations of playbook "x" have 2 gap(s)',
          details: [carl, 'group:default/legal: 1 of 2 fully trained'],
        },
        { kind: 'no-owner', message: 'no owner' },
      ]),
      asset('b', [
        {
          kind: 'no-trained-on-call',
          message: 'the rotations of playbook "y" have 1 gap(s)',
          details: [carl],
        },
      ]),
      asset('c', [{ kind: 'controls-missing', message: 'no macie' }]),
    ]);
    expect(shared.map(g => [g.groupRef, g.assets.map(a => a.title)])).toEqual([
      ['group:default/security-ir', ['a', 'b']],
      ['group:default/legal', ['a']],
    ]);
    expect(shared[0].details).toEqual([
      'user:default/carl is on call without aws-incident-response',
    ]);
  });

  it('keeps asset gaps to the asset', () => {
    expect(isSharedGap('no-owner')).toBe(false);
    expect(isSharedGap('controls-missing')).toBe(false);
    expect(isSharedGap('no-compliance-group')).toBe(true);
  });
});
