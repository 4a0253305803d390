import { noticePlaceholders } from './notices';

describe('noticePlaceholders', () => {
  it('finds marks as a template writes them and as escaped text carries them', () => {
    expect(
      noticePlaceholders(
        [
          '[[likely consequences]]',
          'DPO: \\[\\[contact details of the data protection officer\\]\\]',
          'half: \\[[mixed form\\]]',
          'escaped inside: \\[\\[a\\_b (Art. 33(1))\\]\\]',
        ].join('\n'),
      ),
    ).toEqual([
      'likely consequences',
      'contact details of the data protection officer',
      'mixed form',
      'a_b (Art. 33(1))',
    ]);
  });

  it('finds nothing in finished text or in a single bracket', () => {
    expect(noticePlaceholders('a [link] and [[]] and \\[x\\]')).toEqual([]);
  });

  it('reads a long run of opening brackets in linear time', () => {
    const body = '[['.repeat(50_000);
    const started = process.hrtime.bigint();
    expect(noticePlaceholders(body)).toEqual([]);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
  });
});
