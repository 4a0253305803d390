import { createHash, timingSafeEqual } from 'node:crypto';
import { RequestValidator } from '@backstage/plugin-events-node';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * An HTTP ingress validator that accepts a request only when the header
 * carries the shared secret. The comparison is constant-time (over SHA-256
 * digests, so the secret's length does not leak either). Without a
 * configured secret every request is refused: the ingress is never open.
 */
export function createSharedSecretValidator(options: {
  header: string;
  secret?: string;
}): RequestValidator {
  const header = options.header.toLowerCase();
  const expected = options.secret ? digest(options.secret) : undefined;
  return async (request, context) => {
    if (!expected) {
      context.reject({
        status: 401,
        payload: {
          error: {
            name: 'AuthenticationError',
            message:
              'the ingress is closed: leakResponse.detection.ingress.secret is not configured',
          },
        },
      });
      return;
    }
    const value = request.headers[header];
    const presented = Array.isArray(value) ? value[0] : value;
    if (
      typeof presented !== 'string' ||
      !timingSafeEqual(digest(presented), expected)
    ) {
      context.reject({
        status: 401,
        payload: {
          error: {
            name: 'AuthenticationError',
            message: `missing or wrong ${header} header`,
          },
        },
      });
    }
  };
}
