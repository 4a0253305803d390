import { createHash, timingSafeEqual } from 'node:crypto';
import { RequestValidator } from '@backstage/plugin-events-node';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Why a request without the shared secret is refused (401). */
export interface SecretRejection {
  status: 401;
  payload: { error: { name: 'AuthenticationError'; message: string } };
}

/**
 * Checks the shared secret header of a request; undefined when it is right.
 * The comparison is constant-time (over SHA-256 digests, so the secret's
 * length does not leak either). Without a configured secret every request
 * is refused: the ingress is never open.
 */
export function createSharedSecretCheck(options: {
  header: string;
  secret?: string;
}): (
  headers: Record<string, string | string[] | undefined>,
) => SecretRejection | undefined {
  const header = options.header.toLowerCase();
  const expected = options.secret ? digest(options.secret) : undefined;
  const reject = (message: string): SecretRejection => ({
    status: 401,
    payload: { error: { name: 'AuthenticationError', message } },
  });
  return headers => {
    if (!expected) {
      return reject(
        'the ingress is closed: leakResponse.detection.ingress.secret is not configured',
      );
    }
    const value = headers[header];
    const presented = Array.isArray(value) ? value[0] : value;
    if (
      typeof presented !== 'string' ||
      !timingSafeEqual(digest(presented), expected)
    ) {
      return reject(`missing or wrong ${header} header`);
    }
    return undefined;
  };
}

/**
 * An events-backend HTTP ingress validator that accepts a request only when
 * the header carries the shared secret (see `createSharedSecretCheck`).
 */
export function createSharedSecretValidator(options: {
  header: string;
  secret?: string;
}): RequestValidator {
  const check = createSharedSecretCheck(options);
  return async (request, context) => {
    const rejection = check(request.headers);
    if (rejection) context.reject(rejection);
  };
}
