import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ASSESSMENT_QUESTIONS,
  INCIDENT_STATUSES,
  LEAK_TYPES,
  SEVERITIES,
} from '@leak-response/plugin-leak-response-common';
import { z } from 'zod';

/** Parses with a zod schema; a failure is a 400 naming the field. */
export function parse<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  value: unknown,
  where: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length ? issue.path.join('.') : where;
    throw new InputError(`${field}: ${issue.message}`);
  }
  return result.data;
}

const isoDateTime = z
  .string()
  .refine(v => !Number.isNaN(Date.parse(v)) && /\d{4}-\d{2}-\d{2}T/.test(v), {
    message: 'must be an ISO 8601 date-time, e.g. 2026-11-20T09:30:00Z',
  })
  .transform(v => new Date(v).toISOString())
  // no record of this product reaches further back; later bounds (not in
  // the future, not before awareness) need the clock and the incident
  .refine(v => v >= '2000-01-01T00:00:00.000Z', {
    message: 'must not be before 2000-01-01T00:00:00Z',
  });

/** An entity ref, completed with the default kind and namespace. */
const entityRefOf = (defaultKind: string) =>
  z
    .string()
    .min(1)
    .transform((value, ctx) => {
      try {
        return stringifyEntityRef(
          parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
        );
      } catch {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be an entity reference such as ${defaultKind}:default/name`,
        });
        return z.NEVER;
      }
    });

export const entityRefSchema = entityRefOf('resource');

export const launchSchema = z
  .object({
    entityRef: entityRefSchema,
    leakType: z.enum(LEAK_TYPES),
    awareAt: isoDateTime.optional(),
    detectedAt: isoDateTime.optional(),
    severity: z.enum(SEVERITIES).optional(),
    exercise: z.boolean().optional(),
    title: z.string().min(1).max(300).optional(),
    summary: z.string().max(20_000).optional(),
  })
  .strict();

export const idempotencyKeySchema = z.string().min(1).max(256).optional();

const booleanQuery = z.enum(['true', 'false']).transform(v => v === 'true');
const listOf = <T extends [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v => (Array.isArray(v) ? v : v.split(',')))
    .pipe(z.array(z.enum(values)));

export const listQuerySchema = z
  .object({
    status: listOf([...INCIDENT_STATUSES]).optional(),
    leakType: listOf([...LEAK_TYPES]).optional(),
    open: booleanQuery.optional(),
    exercise: booleanQuery.optional(),
    entityRef: entityRefSchema.optional(),
    owner: entityRefOf('group').optional(),
    system: entityRefOf('system').optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    offset: z.coerce.number().int().min(0).optional(),
    orderBy: z.enum(['awareAt', 'createdAt']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
  })
  .strict();

export const statusSchema = z
  .object({
    status: z.enum(INCIDENT_STATUSES),
    reason: z.string().max(2000).optional(),
  })
  .strict();

const answerSchemas = Object.fromEntries(
  Object.entries(ASSESSMENT_QUESTIONS).map(([key, question]) => [
    key,
    z
      .union([z.string(), z.boolean()])
      .refine(v => (question.values as readonly unknown[]).includes(v), {
        message: `must be one of ${question.values.join(', ')}`,
      })
      .optional(),
  ]),
);

export const assessmentSchema = z
  .object({
    answers: z
      .object({
        ...answerSchemas,
        /** confirmed: leaked data matched to stored data; suspected: only model output hints at it */
        exposure: z.enum(['confirmed', 'suspected']).optional(),
      })
      .strict(),
  })
  .strict();

export const awarenessSchema = z
  .object({ awareAt: isoDateTime, reason: z.string().min(3).max(2000) })
  .strict();

export const taskSchema = z.object({ done: z.boolean() }).strict();

export const addEntitySchema = z
  .object({ entityRef: entityRefSchema, role: z.string().min(1).max(32) })
  .strict();

export const removeEntitySchema = z
  .object({ entityRef: entityRefSchema, reason: z.string().min(3).max(2000) })
  .strict();

export const obligationDecisionSchema = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('not-required'),
      justification: z.string().min(10).max(5000),
    })
    .strict(),
  z
    .object({
      status: z.literal('submitted'),
      submissionRef: z.string().min(1).max(300),
      submittedAt: isoDateTime.optional(),
    })
    .strict(),
  z.object({ status: z.literal('pending') }).strict(),
]);

export const draftNoticeSchema = z
  .object({
    obligationId: z.string().uuid().optional(),
    templateId: z.string().min(1).optional(),
  })
  .strict()
  .refine(v => v.obligationId || v.templateId, {
    message: 'give obligationId or templateId',
    path: ['obligationId'],
  });

export const editNoticeSchema = z
  .object({ body: z.string().min(1).max(100_000) })
  .strict();

/** The version (body hash) of the notice the approver read. */
export const approveNoticeSchema = z
  .object({
    version: z
      .string()
      .regex(
        /^[0-9a-f]{64}$/,
        'must be the version of the notice you read (its SHA-256, from the incident record)',
      ),
  })
  .strict();

export const submitNoticeSchema = z
  .object({
    submissionRef: z.string().min(1).max(300),
    submittedAt: isoDateTime.optional(),
  })
  .strict();

export const holdsQuerySchema = z
  .object({ entityRef: entityRefSchema })
  .strict();
