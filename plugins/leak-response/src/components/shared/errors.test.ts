import { messageOf, toSentence } from './errors';

describe('toSentence', () => {
  it('names the field in words and ends the sentence', () => {
    expect(toSentence('awareAt: must not be in the future')).toBe(
      'The awareness time must not be in the future.',
    );
    expect(
      toSentence(
        'status: cannot move from triage to investigating; allowed next: closed',
      ),
    ).toBe(
      'The status cannot move from triage to investigating; allowed next: closed.',
    );
    expect(
      toSentence(
        'body.justification: String must contain at least 10 character(s)',
      ),
    ).toBe('The justification must contain at least 10 character(s)');
  });

  it('keeps a message without a field path, capitalised', () => {
    expect(toSentence('Not allowed: leak-response.incident.create')).toBe(
      'Not allowed: leak-response.incident.create.',
    );
    expect(toSentence('no incident inc-1')).toBe('No incident inc-1.');
  });

  it('reads the backend message of a response error', () => {
    const error = Object.assign(new Error('Request failed with 400'), {
      cause: { message: 'awareAt: must not be in the future' },
    });
    expect(messageOf(error)).toBe(
      'The awareness time must not be in the future.',
    );
  });
});
