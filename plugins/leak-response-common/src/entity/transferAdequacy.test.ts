import { assessTransfer, TRANSFER_ADEQUACY } from './transferAdequacy';

describe('assessTransfer', () => {
  it('finds the EU and the UK adequate for each other', () => {
    expect(assessTransfer('GB', 'IE').kind).toBe('adequate');
    expect(assessTransfer('EU', 'GB').kind).toBe('adequate');
    expect(assessTransfer('DE', 'GB').kind).toBe('adequate');
    expect(assessTransfer('EEA', 'GB').kind).toBe('adequate');
  });

  it('keeps hosting in the same jurisdiction out of it', () => {
    expect(assessTransfer('EU', 'DE').kind).toBe('same-jurisdiction');
    expect(assessTransfer('US-CA', 'US').kind).toBe('same-jurisdiction');
  });

  it('leaves a transfer for review when adequacy depends on the recipient or does not exist', () => {
    expect(assessTransfer('EU', 'US')).toEqual({
      kind: 'review',
      conditional: expect.objectContaining({
        condition: expect.stringContaining('Data Privacy Framework'),
      }),
    });
    expect(assessTransfer('EU', 'IN')).toEqual({ kind: 'review' });
    expect(assessTransfer('US-CA', 'IE')).toEqual({ kind: 'review' });
  });

  it('names a basis and a source for every finding', () => {
    for (const finding of TRANSFER_ADEQUACY) {
      expect(finding.basis).toMatch(/Art\. 45|Art\. 16|s\.17A/);
      expect(finding.source.length).toBeGreaterThan(10);
    }
  });
});
