import { z } from 'zod';

/** The report's formats: markdown (the default) and PDF. */
export const REPORT_FORMATS = ['markdown', 'pdf'] as const;

/** `GET /v1/incidents/{id}/report?format=…`; an unknown format is a 400 naming it. */
export const reportQuerySchema = z.object({
  format: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const format = value ?? 'markdown';
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `unknown format "${format.slice(
            0,
            40,
          )}"; one of ${REPORT_FORMATS.join(', ')}`,
        });
        return z.NEVER;
      }
      return format as (typeof REPORT_FORMATS)[number];
    }),
});
