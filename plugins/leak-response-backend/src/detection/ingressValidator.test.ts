import { createSharedSecretValidator } from './ingressValidator';

async function validate(
  validator: ReturnType<typeof createSharedSecretValidator>,
  headers: Record<string, string | string[] | undefined>,
) {
  let rejection: unknown;
  await validator(
    { body: {}, headers, raw: { body: Buffer.from('{}'), encoding: 'utf-8' } },
    { reject: details => (rejection = details ?? {}) },
  );
  return rejection;
}

describe('createSharedSecretValidator', () => {
  const validator = createSharedSecretValidator({
    header: 'X-Leak-Response-Ingress-Token',
    secret: 's3cret-value',
  });

  it('accepts the right secret in the (case-insensitive) header', async () => {
    expect(
      await validate(validator, {
        'x-leak-response-ingress-token': 's3cret-value',
      }),
    ).toBeUndefined();
  });

  it.each([
    ['missing', {}],
    ['wrong', { 'x-leak-response-ingress-token': 's3cret-valuf' }],
    ['a prefix', { 'x-leak-response-ingress-token': 's3cret' }],
    ['longer', { 'x-leak-response-ingress-token': 's3cret-value-and-more' }],
    ['empty', { 'x-leak-response-ingress-token': '' }],
    ['in another header', { authorization: 's3cret-value' }],
  ])('refuses a %s secret with 401', async (_label, headers) => {
    expect(await validate(validator, headers)).toMatchObject({
      status: 401,
      payload: { error: { name: 'AuthenticationError' } },
    });
  });

  it('refuses everything when no secret is configured', async () => {
    const closed = createSharedSecretValidator({ header: 'x-token' });
    expect(await validate(closed, { 'x-token': '' })).toMatchObject({
      status: 401,
    });
    expect(await validate(closed, { 'x-token': 'undefined' })).toMatchObject({
      status: 401,
    });
  });
});
