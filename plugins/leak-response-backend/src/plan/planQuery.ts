import { InputError } from '@backstage/errors';
import {
  LEAK_TYPES,
  LeakType,
} from '@leak-response/plugin-leak-response-common';
import { DateTime } from 'luxon';
import { z } from 'zod';

const OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

const planQuerySchema = z.object({
  leakType: z
    .enum(LEAK_TYPES, {
      errorMap: () => ({
        message: `must be one of ${LEAK_TYPES.join(', ')}`,
      }),
    })
    .optional(),
  awareAt: z
    .string({ invalid_type_error: 'must be given once' })
    .refine(
      value =>
        OFFSET.test(value) &&
        DateTime.fromISO(value, { setZone: true }).isValid,
      'must be an ISO 8601 date-time with a time zone offset, e.g. 2026-11-27T09:30:00Z',
    )
    .optional(),
});

const pathSchema = z.object({
  kind: z.string().min(1),
  namespace: z.string().min(1),
  name: z.string().min(1),
});

/** The validated parameters of the plan route. */
export interface PlanQuery {
  entity: { kind: string; namespace: string; name: string };
  leakType?: LeakType;
  awareAt?: string;
}

/**
 * Validates the path and query of `GET /v1/entities/:kind/:namespace/:name/plan`.
 * Throws an InputError (400) naming the first bad parameter.
 */
export function parsePlanQuery(
  params: Record<string, unknown>,
  query: Record<string, unknown>,
): PlanQuery {
  const path = pathSchema.safeParse(params);
  if (!path.success) {
    const [issue] = path.error.issues;
    throw new InputError(`Invalid path parameter ${issue.path.join('.')}`);
  }
  const parsed = planQuerySchema.safeParse(query);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new InputError(
      `Invalid query parameter ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return { entity: path.data, ...parsed.data };
}
