import { LEAK_TYPES } from '@leak-response/plugin-leak-response-common';
import { Duration } from 'luxon';
import { z } from 'zod';

/** The roles every playbook may use. */
export const BUILT_IN_ROLES = [
  'ai-engineering',
  'compliance',
  'security',
  'legal',
  'communications',
] as const;

/** Phases of a response, in order; a step names the one it belongs to. */
export const PLAYBOOK_PHASES = [
  'contain',
  'preserve-evidence',
  'scope',
  'assess',
  'decide-and-draft',
  'notify',
  'remediate',
  'review',
] as const;

const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const id = (what: string) =>
  z
    .string({ required_error: `a ${what} id is required` })
    .regex(ID_PATTERN, `must be a lower-case, dash-separated ${what} id`);

const humanDuration = z
  .object({
    years: z.number().nonnegative(),
    months: z.number().nonnegative(),
    weeks: z.number().nonnegative(),
    days: z.number().nonnegative(),
    hours: z.number().nonnegative(),
    minutes: z.number().nonnegative(),
    seconds: z.number().nonnegative(),
    milliseconds: z.number().nonnegative(),
  })
  .partial()
  .strict()
  .refine(d => Object.keys(d).length > 0, 'is an empty duration');

/**
 * A due offset from awareness: an ISO 8601 duration (`PT1H`, `P3D`) or an
 * object such as `{ hours: 4 }`. Normalised to the ISO string.
 */
export const dueOffsetSchema = z
  .union([z.string(), humanDuration], {
    errorMap: () => ({
      message:
        'must be an ISO 8601 duration such as PT4H or P3D, or an object such as { hours: 4 }',
    }),
  })
  .transform((value, ctx) => {
    const duration =
      typeof value === 'string'
        ? Duration.fromISO(value)
        : Duration.fromObject(value);
    if (!duration.isValid || duration.as('milliseconds') < 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `"${
          typeof value === 'string' ? value : JSON.stringify(value)
        }" is not an ISO 8601 duration such as PT4H or P3D`,
      });
      return z.NEVER;
    }
    return duration.toISO()!;
  });

const roleList = z.array(z.string()).default([]);

export const playbookStepSchema = z
  .object({
    id: id('step'),
    title: z.string().min(1, 'a title is required'),
    phase: z.enum(PLAYBOOK_PHASES),
    description: z.string().optional(),
    dueOffset: dueOffsetSchema.optional(),
    raci: z
      .object({
        responsible: z.array(z.string()).min(1, 'names at least one role'),
        accountable: z.string({
          required_error: 'exactly one accountable role is required',
          invalid_type_error: 'must be exactly one role (a string), not a list',
        }),
        consulted: roleList,
        informed: roleList,
      })
      .strict(),
  })
  .strict();

export const playbookSchema = z
  .object({
    id: id('playbook'),
    title: z.string().min(1, 'a title is required'),
    description: z.string().optional(),
    /** The leak types it responds to. */
    leakTypes: z
      .array(z.enum(LEAK_TYPES))
      .min(1, 'names at least one leak type'),
    /** `spec.type`s (or kinds, lower case) it is the default for. */
    entityTypes: z.array(z.string()).default([]),
    steps: z.array(playbookStepSchema).min(1, 'needs at least one step'),
  })
  .strict();

/** A playbook as written in YAML or config. */
export type PlaybookInput = z.input<typeof playbookSchema>;

/** A validated playbook. */
export type Playbook = z.output<typeof playbookSchema> & {
  source: 'built-in' | 'config';
};

export type PlaybookStep = Playbook['steps'][number];
