import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { IncidentService } from '../incidents/IncidentService';
import { IncidentReadAccess, IncidentReadAccessResolver } from '../incidents';
import { PlanService } from '../plan/PlanService';
import { actorOf, authorizeIncidentRead } from '../service/incidentRoutes';

/** The services the actions use; the same ones the HTTP routes use. */
export interface LeakResponseActionDeps {
  permissions: PermissionsService;
  auditor: AuditorService;
  plan: PlanService;
  incidents: IncidentService;
}

/**
 * What every action shares with the routes: the caller's incident read
 * access (a DENY throws 403, a conditional decision filters) and one audit
 * event per call, recorded with its outcome.
 */
export class ActionGuard {
  private readonly resolver = new IncidentReadAccessResolver();

  constructor(private readonly deps: LeakResponseActionDeps) {}

  readAccess(credentials: BackstageCredentials): Promise<IncidentReadAccess> {
    return authorizeIncidentRead(
      this.deps.permissions,
      credentials,
      this.resolver,
    );
  }

  /** Runs `fn` inside an audit event named like the route it mirrors. */
  async audited<T>(
    eventId: string,
    credentials: BackstageCredentials,
    meta: Record<string, unknown>,
    fn: () => Promise<T>,
    severityLevel: 'low' | 'medium' = 'low',
  ): Promise<T> {
    const event = await this.deps.auditor.createEvent({
      eventId,
      severityLevel,
      meta: { ...meta, actor: actorOf(credentials), via: 'actions-registry' },
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}
