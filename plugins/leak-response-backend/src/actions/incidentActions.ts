import { stringifyEntityRef } from '@backstage/catalog-model';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  INCIDENT_OBLIGATION_STATUSES,
  incidentCreatePermission,
  LEAK_TYPES,
  SEVERITIES,
} from '@leak-response/plugin-leak-response-common';
import { refKey } from '../plan/impact/lineage';
import { actorOf } from '../service/incidentRoutes';
import { launchSchema, parse } from '../service/validation';
import { ActionGuard, LeakResponseActionDeps } from './ActionContext';
import { parseActionEntityRef } from './planActions';
import { incidentSummarySchema, toIncidentSummary } from './schemas';

/**
 * `check-evidence-hold`, `list-open-incidents` and the permission-checked
 * `launch-incident`: the incident routes' reads and launch, for automation
 * (e.g. a deletion job asking before it deletes) and assistants.
 */
export function registerIncidentActions(
  registry: ActionsRegistryService,
  deps: LeakResponseActionDeps,
  guard: ActionGuard,
) {
  registry.register({
    name: 'check-evidence-hold',
    title: 'Is an entity held as evidence?',
    description: [
      'Ask before deleting, rotating or changing an LLM model, dataset, endpoint or their logs:',
      'onHold is true while an open incident (of those the caller may read) affects the entity,',
      'and then its data are evidence and must be kept as they are.',
      'Read-only; needs the leak-response.incident.read permission.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe('e.g. resource:default/support-chat-logs'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          onHold: z.boolean(),
          incidents: z
            .array(incidentSummarySchema(z))
            .describe('the open incidents that hold it'),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = refKey(
        stringifyEntityRef(parseActionEntityRef(input.entityRef)),
      );
      return guard.audited(
        'hold-fetch',
        credentials,
        { entityRef },
        async () => {
          const access = await guard.readAccess(credentials);
          const holds = await deps.incidents.holds(entityRef, access);
          return {
            output: {
              entityRef,
              onHold: holds.length > 0,
              incidents: holds.map(toIncidentSummary),
            },
          };
        },
      );
    },
  });

  registry.register({
    name: 'list-open-incidents',
    title: 'Open leak incidents',
    description: [
      'The incidents not yet closed that the caller may read, the earliest awareness first,',
      'optionally only those affecting one entity or of some leak types.',
      'Read-only; needs the leak-response.incident.read permission.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .optional()
            .describe('only incidents affecting this entity'),
          leakTypes: z.array(z.enum(LEAK_TYPES)).optional(),
          includeExercises: z
            .boolean()
            .optional()
            .describe('include drills; default false'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(100)
            .optional()
            .describe('default 20'),
        }),
      output: z =>
        z.object({
          totalCount: z.number().describe('all matching, beyond the limit too'),
          incidents: z.array(incidentSummarySchema(z)),
        }),
    },
    action: async ({ input, credentials }) => {
      const affectedEntityRef = input.entityRef
        ? refKey(stringifyEntityRef(parseActionEntityRef(input.entityRef)))
        : undefined;
      return guard.audited(
        'incident-fetch',
        credentials,
        { entityRef: affectedEntityRef },
        async () => {
          const access = await guard.readAccess(credentials);
          const { items, totalCount } = await deps.incidents.list(
            {
              open: true,
              affectedEntityRef,
              leakType: input.leakTypes,
              exercise: input.includeExercises ? undefined : false,
              limit: input.limit ?? 20,
              orderBy: 'awareAt',
              order: 'asc',
            },
            access,
          );
          return {
            output: { totalCount, incidents: items.map(toIncidentSummary) },
          };
        },
      );
    },
  });

  registry.register({
    name: 'launch-incident',
    title: 'Launch a leak incident',
    description: [
      'Opens an incident (or an exercise) for a leaked LLM model, dataset or endpoint, exactly as the',
      "portal's launch button does: the plan is made, affected entities, tasks and obligations recorded,",
      'the deadlines start from awareAt. Needs the leak-response.incident.create permission.',
      'Give an idempotencyKey to make retries safe: the same key returns the incident already launched.',
    ].join(' '),
    visibilityPermission: incidentCreatePermission,
    attributes: { destructive: false, readOnly: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'the entity that leaked, e.g. resource:default/clickstream-2025q3',
            ),
          leakType: z.enum(LEAK_TYPES),
          awareAt: z
            .string()
            .optional()
            .describe(
              'ISO 8601: when the organisation became aware; default now',
            ),
          severity: z.enum(SEVERITIES).optional().describe('default high'),
          exercise: z.boolean().optional().describe('a drill; default false'),
          title: z.string().min(1).max(300).optional(),
          summary: z.string().max(20_000).optional(),
          idempotencyKey: z.string().min(1).max(256).optional(),
        }),
      output: z =>
        z.object({
          created: z
            .boolean()
            .describe('false when the idempotency key had already launched it'),
          incident: incidentSummarySchema(z),
          obligations: z.array(
            z.object({
              ruleId: z.string(),
              regime: z.string(),
              recipient: z.string(),
              status: z.enum(INCIDENT_OBLIGATION_STATUSES),
              dueAt: z.string().optional().describe('ISO 8601, UTC'),
              due: z.string().optional().describe('the deadline in words'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { idempotencyKey, ...request } = input;
      return guard.audited(
        'incident-launch',
        credentials,
        { entityRef: input.entityRef, leakType: input.leakType },
        async () => {
          const [decision] = await deps.permissions.authorize(
            [{ permission: incidentCreatePermission }],
            { credentials },
          );
          if (decision.result !== AuthorizeResult.ALLOW) {
            throw new NotAllowedError(
              `Not allowed: ${incidentCreatePermission.name}`,
            );
          }
          // the launch route's own validation, so both accept the same input
          const body = parse(launchSchema, request, 'input');
          const { incident, created } = await deps.incidents.launch(
            { ...body, idempotencyKey },
            actorOf(credentials),
            credentials,
          );
          return {
            output: {
              created,
              incident: toIncidentSummary(incident),
              obligations: incident.obligations
                .filter(o => o.status !== 'not-required')
                .map(o => ({
                  ruleId: o.ruleId,
                  regime: o.regime,
                  recipient: o.recipient,
                  status: o.status,
                  dueAt: o.dueAt,
                  due: o.dueText,
                })),
            },
          };
        },
        'medium',
      );
    },
  });
}
