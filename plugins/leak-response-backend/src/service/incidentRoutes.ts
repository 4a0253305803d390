import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  incidentCreatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
  noticeApprovePermission,
  obligationDecidePermission,
} from '@leak-response/plugin-leak-response-common';
import express from 'express';
import { IncidentService } from '../incidents/IncidentService';
import { IncidentChangePublisher } from '../incidents/IncidentChangePublisher';
import {
  IncidentReadAccess,
  IncidentReadAccessResolver,
  READ_ALL,
} from '../incidents/permissions';
import {
  addEntitySchema,
  approveNoticeSchema,
  assessmentSchema,
  awarenessSchema,
  draftNoticeSchema,
  editNoticeSchema,
  holdsQuerySchema,
  idempotencyKeySchema,
  launchSchema,
  listQuerySchema,
  obligationDecisionSchema,
  parse,
  removeEntitySchema,
  statusSchema,
  submitNoticeSchema,
  taskSchema,
} from './validation';
import { reportQuerySchema } from './reportQuery';

export interface IncidentRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  incidents: IncidentService;
  /** Live refresh of open incident pages; optional. */
  changes?: IncidentChangePublisher;
}

/** Who did it, as the timeline records it. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? principal.userEntityRef!
    : `service:${principal.subject ?? 'unknown'}`;
}

/**
 * The read decision of a caller as {@link IncidentReadAccess}: a DENY is a
 * 403; a conditional decision filters listings and hides (404) the incidents
 * it does not match.
 */
export async function authorizeIncidentRead(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  resolver: IncidentReadAccessResolver,
): Promise<IncidentReadAccess> {
  const [decision] = await permissions.authorizeConditional(
    [{ permission: incidentReadPermission }],
    { credentials },
  );
  const access = resolver.resolve(decision);
  if (!access) {
    throw new NotAllowedError(`Not allowed: ${incidentReadPermission.name}`);
  }
  return access;
}

/**
 * The incidents API under `/v1/incidents` and `/v1/holds`. Each route
 * authenticates, checks its permission and emits an auditor event; changes
 * are audited at medium severity and signalled to open incident pages.
 * Routes on one incident also need the read permission for it, so that an
 * incident hidden by a conditional read cannot be changed (or its record
 * returned) either.
 */
export function addIncidentRoutes(
  router: express.Router,
  options: IncidentRoutesOptions,
) {
  const { httpAuth, permissions, auditor, incidents, changes } = options;
  const resolver = new IncidentReadAccessResolver();

  type Handler = (ctx: {
    req: express.Request;
    res: express.Response;
    credentials: BackstageCredentials;
    actor: string;
    /** What the caller may read. */
    access: IncidentReadAccess;
    /** Whether the policy allows the caller a further permission. */
    allows(permission: BasicPermission): Promise<boolean>;
    /** What the caller may read, asked when a route needs it late. */
    readAccess(): Promise<IncidentReadAccess>;
  }) => Promise</** The incident a change created, when not in the path. */
  { id: string } | void>;

  /**
   * One route. Reads accept service credentials (pipelines check holds and
   * read incidents); a change needs a signed-in user, so that the record
   * names a person for every decision, unless `acceptsServices` says
   * otherwise (launching from a pipeline). Backstage lets service
   * principals through every permission, so this is checked here.
   */
  function route(
    eventId: string,
    permission: BasicPermission | typeof incidentReadPermission,
    handler: Handler,
    routeOptions: { acceptsServices?: boolean } = {},
  ): express.RequestHandler {
    const change = permission.attributes.action !== 'read';
    const acceptsServices = routeOptions.acceptsServices ?? !change;
    return async (req, res) => {
      const auditorEvent = await auditor.createEvent({
        eventId,
        request: req,
        severityLevel: change ? 'medium' : 'low',
        meta: { incidentId: req.params.id, ...req.params },
      });
      try {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        if (!acceptsServices && credentials.principal.type !== 'user') {
          throw new NotAllowedError(
            `Not allowed with service credentials: ${eventId} changes the record and needs a signed-in user, so that the record names who decided`,
          );
        }
        const id: string | undefined = req.params.id;
        let access: IncidentReadAccess = READ_ALL;
        if (isResourcePermission(permission)) {
          access = await authorizeIncidentRead(
            permissions,
            credentials,
            resolver,
          );
        } else {
          const [decision] = await permissions.authorize([{ permission }], {
            credentials,
          });
          if (decision.result !== AuthorizeResult.ALLOW) {
            throw new NotAllowedError(`Not allowed: ${permission.name}`);
          }
          if (id) {
            access = await authorizeIncidentRead(
              permissions,
              credentials,
              resolver,
            );
            if (access !== READ_ALL) {
              // throws NotFoundError when the caller may not read it
              await incidents.get(id, access);
            }
          }
        }
        const result = await handler({
          req,
          res,
          credentials,
          actor: actorOf(credentials),
          access,
          allows: async further => {
            const [decision] = await permissions.authorize(
              [{ permission: further }],
              { credentials },
            );
            return decision.result === AuthorizeResult.ALLOW;
          },
          readAccess: () =>
            authorizeIncidentRead(permissions, credentials, resolver),
        });
        await auditorEvent.success();
        const changedId = id ?? result?.id;
        if (change && changes && changedId) {
          await changes.incidentChanged({
            incidentId: changedId,
            change: eventId,
          });
        }
      } catch (error) {
        await auditorEvent.fail({ error: error as Error });
        throw error;
      }
    };
  }

  router.post(
    '/v1/incidents',
    route(
      'incident-launch',
      incidentCreatePermission,
      async ctx => {
        const body = parse(launchSchema, ctx.req.body, 'body');
        const idempotencyKey = parse(
          idempotencyKeySchema,
          ctx.req.header('idempotency-key'),
          'Idempotency-Key',
        );
        const { incident, created } = await incidents.launch(
          { ...body, idempotencyKey },
          ctx.actor,
          ctx.credentials,
        );
        // a replay answers only with what the caller may read now; keys are
        // the caller's own, so this is the caller's earlier launch
        if (!created && !(await ctx.readAccess()).allows(incident)) {
          throw new ConflictError(
            'Idempotency-Key: already used for an incident you may no longer read; use a new key',
          );
        }
        ctx.res.status(created ? 201 : 200).json(incident);
        // a replayed launch changed nothing
        return created ? incident : undefined;
      },
      { acceptsServices: true },
    ),
  );

  router.get(
    '/v1/incidents',
    route('incident-fetch', incidentReadPermission, async ctx => {
      const query = parse(listQuerySchema, ctx.req.query, 'query');
      const { entityRef, ...rest } = query;
      ctx.res.json(
        await incidents.list(
          { ...rest, affectedEntityRef: entityRef },
          ctx.access,
        ),
      );
    }),
  );

  router.get(
    '/v1/incidents/:id',
    route('incident-fetch', incidentReadPermission, async ctx => {
      ctx.res.json(await incidents.get(ctx.req.params.id, ctx.access));
    }),
  );

  router.get(
    '/v1/incidents/:id/report',
    route('incident-export', incidentReadPermission, async ctx => {
      const { format } = parse(reportQuerySchema, ctx.req.query, 'query');
      const id = ctx.req.params.id;
      const file =
        format === 'pdf'
          ? {
              body: await incidents.exportReportPdf(id, ctx.access),
              type: 'application/pdf',
              extension: 'pdf',
            }
          : {
              body: await incidents.exportReport(id, ctx.access),
              type: 'text/markdown; charset=utf-8',
              extension: 'md',
            };
      ctx.res
        .type(file.type)
        .setHeader(
          'Content-Disposition',
          `attachment; filename="incident-${id}.${file.extension}"`,
        );
      ctx.res.send(file.body);
    }),
  );

  router.get(
    '/v1/incidents/:id/verify',
    route('incident-verify', incidentReadPermission, async ctx => {
      ctx.res.json(
        await incidents.verifyTimeline(ctx.req.params.id, ctx.access),
      );
    }),
  );

  router.post(
    '/v1/incidents/:id/status',
    route('incident-status', incidentUpdatePermission, async ctx => {
      const body = parse(statusSchema, ctx.req.body, 'body');
      ctx.res.json(
        await incidents.transition(
          ctx.req.params.id,
          body.status,
          ctx.actor,
          body.reason,
          // only closing over open obligations needs it; asked only then
          {
            mayDecide:
              body.status === 'closed' &&
              (await ctx.allows(obligationDecidePermission)),
          },
        ),
      );
    }),
  );

  router.put(
    '/v1/incidents/:id/assessment',
    route('incident-assess', incidentUpdatePermission, async ctx => {
      const body = parse(assessmentSchema, ctx.req.body, 'body');
      ctx.res.json(
        await incidents.assess(
          ctx.req.params.id,
          body.answers as any,
          ctx.actor,
        ),
      );
    }),
  );

  router.put(
    '/v1/incidents/:id/awareness',
    route('incident-awareness', incidentUpdatePermission, async ctx => {
      const body = parse(awarenessSchema, ctx.req.body, 'body');
      ctx.res.json(
        await incidents.correctAwareness(
          ctx.req.params.id,
          body.awareAt,
          body.reason,
          ctx.actor,
        ),
      );
    }),
  );

  router.put(
    '/v1/incidents/:id/tasks/:taskId',
    route('incident-task', incidentUpdatePermission, async ctx => {
      const body = parse(taskSchema, ctx.req.body, 'body');
      ctx.res.json(
        await incidents.setTask(
          ctx.req.params.id,
          ctx.req.params.taskId,
          body.done,
          ctx.actor,
        ),
      );
    }),
  );

  router.post(
    '/v1/incidents/:id/entities',
    route('incident-entity-add', incidentUpdatePermission, async ctx => {
      const body = parse(addEntitySchema, ctx.req.body, 'body');
      ctx.res.json(
        await incidents.addAffected(
          ctx.req.params.id,
          body.entityRef,
          body.role,
          ctx.actor,
          ctx.credentials,
        ),
      );
    }),
  );

  router.post(
    '/v1/incidents/:id/entities/remove',
    route('incident-entity-remove', incidentUpdatePermission, async ctx => {
      const body = parse(removeEntitySchema, ctx.req.body, 'body');
      ctx.res.json(
        await incidents.removeAffected(
          ctx.req.params.id,
          body.entityRef,
          body.reason,
          ctx.actor,
        ),
      );
    }),
  );

  router.put(
    '/v1/incidents/:id/obligations/:obligationId',
    route('incident-obligation', incidentUpdatePermission, async ctx => {
      const body = parse(obligationDecisionSchema, ctx.req.body, 'body');
      ctx.res.json(
        await incidents.decideObligation(
          ctx.req.params.id,
          ctx.req.params.obligationId,
          body,
          ctx.actor,
          { mayDecide: await ctx.allows(obligationDecidePermission) },
        ),
      );
    }),
  );

  router.post(
    '/v1/incidents/:id/notices',
    route('incident-notice-draft', incidentUpdatePermission, async ctx => {
      const body = parse(draftNoticeSchema, ctx.req.body, 'body');
      ctx.res
        .status(201)
        .json(await incidents.draftNotice(ctx.req.params.id, body, ctx.actor));
    }),
  );

  router.put(
    '/v1/incidents/:id/notices/:noticeId',
    route('incident-notice-edit', incidentUpdatePermission, async ctx => {
      const body = parse(editNoticeSchema, ctx.req.body, 'body');
      ctx.res.json(
        await incidents.editNotice(
          ctx.req.params.id,
          ctx.req.params.noticeId,
          body.body,
          ctx.actor,
        ),
      );
    }),
  );

  router.post(
    '/v1/incidents/:id/notices/:noticeId/approve',
    route('incident-notice-approve', noticeApprovePermission, async ctx => {
      const body = parse(approveNoticeSchema, ctx.req.body, 'body');
      ctx.res.json(
        await incidents.approveNotice(
          ctx.req.params.id,
          ctx.req.params.noticeId,
          ctx.actor,
          body.version,
        ),
      );
    }),
  );

  router.post(
    '/v1/incidents/:id/notices/:noticeId/submit',
    route('incident-notice-submit', incidentUpdatePermission, async ctx => {
      const body = parse(submitNoticeSchema, ctx.req.body, 'body');
      ctx.res.json(
        await incidents.submitNotice(
          ctx.req.params.id,
          ctx.req.params.noticeId,
          body,
          ctx.actor,
        ),
      );
    }),
  );

  router.get(
    '/v1/notice-templates',
    route('notice-template-fetch', incidentReadPermission, async ctx => {
      ctx.res.json({ items: incidents.templateList });
    }),
  );

  router.get(
    '/v1/holds',
    route('hold-fetch', incidentReadPermission, async ctx => {
      const { entityRef } = parse(holdsQuerySchema, ctx.req.query, 'query');
      const items = await incidents.holds(entityRef, ctx.access);
      ctx.res.json({
        entityRef,
        onHold: items.length > 0,
        incidents: items.map(i => ({
          id: i.id,
          title: i.title,
          status: i.status,
          exercise: i.exercise,
        })),
      });
    }),
  );
}
