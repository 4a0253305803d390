import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  isApplicableObligation,
  LEAK_TYPES,
} from '@leak-response/plugin-leak-response-common';
import { refKey } from '../plan/impact/lineage';
import { parsePlanQuery } from '../plan/planQuery';
import { ActionGuard, LeakResponseActionDeps } from './ActionContext';
import {
  incidentSummarySchema,
  owedObligationSchema,
  toIncidentSummary,
  toOwedObligation,
} from './schemas';

/** `resource:default/x` (kind and namespace may be left out) or a 400. */
export function parseActionEntityRef(value: string) {
  try {
    return parseEntityRef(value, {
      defaultKind: 'resource',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `entityRef: must be an entity reference such as resource:default/name (got ${JSON.stringify(
        value,
      )})`,
    );
  }
}

/**
 * `get-leak-plan`: if this entity leaked now (or at `awareAt`), what the
 * organisation owes, to whom and by when; what is affected; the playbook.
 * The same plan as the plugin's plan route, for the same callers.
 */
export function registerPlanActions(
  registry: ActionsRegistryService,
  deps: LeakResponseActionDeps,
  guard: ActionGuard,
) {
  registry.register({
    name: 'get-leak-plan',
    title: 'Leak plan for an entity',
    description: [
      'If the given LLM model, dataset or endpoint leaked now, what would the organisation owe, to whom, by when?',
      'Returns the affected entities along the lineage, their data categories, regions and owners,',
      'the notification obligations that apply or may apply (regime, law, recipient, deadline, reasons, open questions),',
      'the playbook steps with their deadlines and responsible roles, and the open incidents already holding the entity.',
      'Read-only; needs the leak-response.incident.read permission.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'the entity that leaked, e.g. resource:default/clickstream-2025q3',
            ),
          leakType: z
            .enum(LEAK_TYPES)
            .optional()
            .describe('what leaked; default: chosen from the entity type'),
          awareAt: z
            .string()
            .optional()
            .describe(
              'ISO 8601 with offset: when the organisation became aware; default now',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          leakType: z.enum(LEAK_TYPES),
          awareAt: z
            .string()
            .describe('ISO 8601, UTC: deadlines run from here'),
          affected: z.object({
            entityRefs: z.array(z.string()),
            dataCategories: z.array(z.string()),
            regions: z.array(z.string()),
            owners: z.array(z.string()),
            dataSubjects: z.array(
              z.object({
                jurisdiction: z.string(),
                approxCount: z.number().optional(),
              }),
            ),
          }),
          obligations: z.object({
            status: z.enum(['evaluated', 'unavailable']),
            reason: z.string().optional(),
            owed: z.array(owedObligationSchema(z)),
          }),
          playbook: z.object({
            id: z.string(),
            title: z.string(),
            steps: z.array(
              z.object({
                title: z.string(),
                phase: z.string(),
                dueAt: z.string().optional(),
                responsible: z.array(z.string()),
              }),
            ),
          }),
          openIncidents: z.array(incidentSummarySchema(z)),
          warnings: z.array(z.string()),
        }),
    },
    examples: [
      {
        title: 'A training dataset leaks',
        input: {
          entityRef: 'resource:default/clickstream-2025q3',
          leakType: 'training-data-exposure',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const entity = parseActionEntityRef(input.entityRef);
      const entityRef = stringifyEntityRef(entity);
      return guard.audited(
        'plan-fetch',
        credentials,
        { entityRef, leakType: input.leakType },
        async () => {
          const access = await guard.readAccess(credentials);
          const query = parsePlanQuery(entity, {
            leakType: input.leakType,
            awareAt: input.awareAt,
          });
          const [plan, holds] = await Promise.all([
            deps.plan.getPlan({ ...query, credentials }),
            deps.incidents.holds(refKey(entityRef), access),
          ]);
          const { impact, obligations } = plan;
          return {
            output: {
              entityRef: plan.entityRef,
              leakType: plan.leakType,
              awareAt: plan.awareAt,
              affected: {
                entityRefs: impact.entities.map(e => e.entityRef),
                dataCategories: impact.dataCategories,
                regions: impact.regions,
                owners: impact.owners,
                dataSubjects: impact.dataSubjects.map(s => ({
                  jurisdiction: s.jurisdiction,
                  approxCount: s.approxCount,
                })),
              },
              obligations:
                obligations.status === 'evaluated'
                  ? {
                      status: 'evaluated' as const,
                      owed: obligations.obligations
                        .filter(isApplicableObligation)
                        .map(toOwedObligation),
                    }
                  : {
                      status: 'unavailable' as const,
                      reason: obligations.reason,
                      owed: [],
                    },
              playbook: {
                id: plan.playbook.id,
                title: plan.playbook.title,
                steps: plan.playbook.steps.map(step => ({
                  title: step.title,
                  phase: step.phase,
                  dueAt: step.dueAt,
                  responsible: step.raci.responsible.map(
                    r => r.entityRef ?? r.role,
                  ),
                })),
              },
              openIncidents: holds.map(toIncidentSummary),
              warnings: plan.warnings,
            },
          };
        },
      );
    },
  });
}
