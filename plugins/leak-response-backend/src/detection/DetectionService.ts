import {
  AuditorService,
  AuditorServiceEvent,
  AuthService,
  BackstageCredentials,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { IncidentService } from '../incidents';
import { IncidentStore } from '../database/IncidentStore';
import { ARN_ANNOTATION, candidateArns, chooseLeakType } from './arns';
import { DetectionStore } from './DetectionStore';
import { ParsedDetection, parseDetectionEvent } from './parseDetection';
import { ReopenNotifier } from './reopenNotifier';
import { isUnstorable } from './limits';
import {
  UnrecordedFindings,
  UnrecordedRetryOptions,
} from './UnrecordedFindings';

/** The actor detections write as, in incidents and timelines. */
export const DETECTION_ACTOR = 'service:leak-response/detection';

/** What became of one event. */
export type DetectionResult =
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'duplicate'; detectionId: string }
  | { outcome: 'unmapped'; detectionId: string; resourceArns: string[] }
  | {
      outcome: 'incident-created' | 'incident-updated';
      detectionId: string;
      incidentId: string;
      entityRef: string;
    }
  | { outcome: 'failed'; reason: string }
  /** The database could not record it and nothing holds it: the sender must retry. */
  | { outcome: 'unrecorded'; reason: string }
  /** The database refused its values: sending it again cannot help. */
  | { outcome: 'rejected'; reason: string };

function auditMeta(result: DetectionResult) {
  switch (result.outcome) {
    case 'incident-created':
    case 'incident-updated':
      return {
        outcome: result.outcome,
        incidentId: result.incidentId,
        entityRef: result.entityRef,
        detectionId: result.detectionId,
      };
    case 'unmapped':
    case 'duplicate':
      return { outcome: result.outcome, detectionId: result.detectionId };
    default:
      return { outcome: result.outcome };
  }
}

/** The database could not record a delivery: nothing in it will retry. */
class UnrecordedError extends Error {
  constructor(readonly cause: Error) {
    super(cause.message);
    this.name = cause.name;
  }
}

/** The timeline entry of a closed incident reopened by a finding. */
function reopenEntry(detection: ParsedDetection) {
  return {
    type: 'status-changed',
    message: `closed → investigating: reopened because ${detection.source} finding ${detection.findingId} was reported again (revision ${detection.revision}) after the incident was closed`,
    before: { status: 'closed' },
    after: {
      status: 'investigating',
      reopenedBy: {
        source: detection.source,
        findingId: detection.findingId,
        revision: detection.revision,
      },
    },
  };
}

/** The database refused the finding's values: no retry can store it. */
class RejectedError extends Error {
  constructor(readonly cause: Error) {
    super(cause.message);
    this.name = cause.name;
  }
}

/** The longest wait between two retries of a delivery that keeps failing. */
const MAX_RETRY_INTERVAL_MS = 60 * 60_000;

/** By default, a pending delivery older than this is taken to have lost its handler. */
const DEFAULT_RETRY_AFTER_MS = 2 * 60_000;

/**
 * Turns AWS findings into incidents: parse, deduplicate, map the resource ARN
 * to a catalog entity, open a triage incident or add to the existing one, and
 * keep what maps to nothing.
 */
export class DetectionService {
  static create(options: {
    store: DetectionStore;
    incidentStore: IncidentStore;
    incidents: IncidentService;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    /** Records every incident opened or updated by a finding, and every unmapped one. */
    auditor?: AuditorService;
    /** When a pending delivery is taken to have lost its handler; default 2 minutes. */
    retryAfterMs?: number;
    /** Findings the database could not record are retried in memory, with backoff. */
    unrecordedRetry?: UnrecordedRetryOptions;
    /** Tells the responders of a closed incident that a finding reopened it. */
    reopenNotifier?: ReopenNotifier;
    clock?: () => Date;
  }) {
    return new DetectionService(
      options.store,
      options.incidentStore,
      options.incidents,
      options.catalog,
      options.auth,
      options.logger,
      options.auditor,
      options.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS,
      options.clock ?? (() => new Date()),
      options.unrecordedRetry,
      options.reopenNotifier,
    );
  }

  private readonly unrecorded: UnrecordedFindings;

  private constructor(
    private readonly store: DetectionStore,
    private readonly incidentStore: IncidentStore,
    private readonly incidents: IncidentService,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
    private readonly auditor: AuditorService | undefined,
    private readonly retryAfterMs: number,
    private readonly clock: () => Date,
    unrecordedRetry?: UnrecordedRetryOptions,
    private readonly reopenNotifier?: ReopenNotifier,
  ) {
    this.unrecorded = new UnrecordedFindings(
      (detection, topic, attempt) =>
        this.handleDetection(detection, topic, undefined, attempt),
      logger,
      unrecordedRetry,
    );
  }

  get detections(): DetectionStore {
    return this.store;
  }

  /** Handles one event payload. Never throws: failures are logged and returned. */
  async handle(payload: unknown, topic = 'unknown'): Promise<DetectionResult> {
    return this.parseThen(payload, topic, detection =>
      this.handleDetection(detection, topic),
    );
  }

  /**
   * Handles one event for an ingress that can refuse it: a finding the
   * database could not record is not held in memory but returned as
   * `unrecorded`, so the ingress answers with a retryable error and the
   * sender keeps it. Every other outcome means the finding is recorded.
   */
  async receive(payload: unknown, topic: string): Promise<DetectionResult> {
    return this.parseThen(payload, topic, detection =>
      this.handleDetection(detection, topic, undefined, 0, false),
    );
  }

  /** Parses the event, or logs why it is ignored. */
  private async parseThen(
    payload: unknown,
    topic: string,
    handle: (detection: ParsedDetection) => Promise<DetectionResult>,
  ): Promise<DetectionResult> {
    const parsed = parseDetectionEvent(payload);
    if (!parsed.ok) {
      this.logger.info(`Ignored event on topic ${topic}: ${parsed.reason}`, {
        topic,
        reason: parsed.reason,
      });
      return { outcome: 'ignored', reason: parsed.reason };
    }
    return handle(parsed.detection);
  }

  /**
   * Handles again the deliveries whose handler died (a crash between
   * recording and settling them) or failed, once they are due: the first
   * time once `retryAfterMs` old, then ever less often (see `retryWindow`),
   * so a finding acknowledged or redelivered meanwhile is not lost and one
   * that keeps failing does not fill the log every minute.
   */
  async retryStale(): Promise<DetectionResult[]> {
    const window = this.retryWindow();
    const results: DetectionResult[] = [];
    for (const { id, detection } of await this.store.listStale(window)) {
      // another replica may take the same row: only one reclaim succeeds
      const attempt = await this.store.reclaim(id, window);
      if (attempt !== undefined) {
        this.logger.warn(
          `Detection ${detection.source}/${
            detection.findingId
          } was left pending; handling it again (attempt ${attempt}, the next no sooner than ${window
            .retryAt(attempt)
            .toISOString()})`,
        );
        results.push(await this.handleDetection(detection, 'retry', id));
      }
    }
    return results;
  }

  /**
   * When pending deliveries are due: the first retry once `retryAfterMs`
   * old; retry n waits `retryAfterMs × 2^n`, at most an hour (or
   * `retryAfterMs`, if that is longer). Never given up: nothing is lost.
   */
  private retryWindow() {
    const now = this.clock();
    const longest = Math.max(MAX_RETRY_INTERVAL_MS, this.retryAfterMs);
    return {
      now,
      staleBefore: new Date(now.getTime() - this.retryAfterMs),
      retryAt: (attempt: number) =>
        new Date(
          now.getTime() +
            Math.min(longest, this.retryAfterMs * 2 ** Math.min(attempt, 30)),
        ),
    };
  }

  /** Findings held in memory because the database could not record them. */
  get unrecordedCount(): number {
    return this.unrecorded.size;
  }

  /** Stops retrying held findings (at shutdown), logging each one. */
  stop(): void {
    this.unrecorded.stop();
  }

  /** Runs `retryStale` on a global schedule, every half of `retryAfterMs`. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    const seconds = Math.max(1, Math.round(this.retryAfterMs / 2000));
    await scheduler.scheduleTask({
      id: 'leak-response-detection-retry',
      scope: 'global',
      frequency: { seconds },
      timeout: { minutes: 5 },
      initialDelay: { seconds },
      fn: async () => {
        await this.retryStale();
      },
    });
  }

  private async handleDetection(
    detection: ParsedDetection,
    topic: string,
    claimedRowId?: string,
    attempt = 0,
    holdUnrecorded = true,
  ): Promise<DetectionResult> {
    // Outside any request: the actor is this plugin's own service identity.
    const audit = await this.auditor?.createEvent({
      eventId: 'detection',
      severityLevel: 'medium',
      meta: {
        topic,
        source: detection.source,
        findingId: detection.findingId,
        revision: detection.revision,
        findingType: detection.findingType,
        resourceArns: detection.resourceArns,
      },
    });
    let result: DetectionResult;
    try {
      result = await this.process(detection, claimedRowId);
    } catch (error) {
      const reason = `${(error as Error).name}: ${(error as Error).message}`;
      if (error instanceof RejectedError) {
        this.logger.error(
          `Detection ${detection.source}/${detection.findingId} revision ${detection.revision} rejected: the database refused its values, so it is not retried: ${reason}`,
          { source: detection.source, findingId: detection.findingId },
        );
        await this.report(audit, () => audit?.fail({ error: error.cause }));
        return { outcome: 'rejected', reason };
      }
      if (error instanceof UnrecordedError && !holdUnrecorded) {
        this.logger.warn(
          `Detection ${detection.source}/${detection.findingId} revision ${detection.revision} could not be recorded; refused so that the sender retries: ${reason}`,
          { source: detection.source, findingId: detection.findingId },
        );
        await this.report(audit, () => audit?.fail({ error: error.cause }));
        return { outcome: 'unrecorded', reason };
      }
      if (error instanceof UnrecordedError) {
        const delay = this.unrecorded.hold(detection, topic, attempt);
        this.logger.error(
          `Detection ${detection.source}/${detection.findingId} revision ${detection.revision} could not be recorded; kept in memory and tried again in ${delay} ms: ${reason}`,
          { source: detection.source, findingId: detection.findingId },
        );
        await this.report(audit, () => audit?.fail({ error: error.cause }));
        return {
          outcome: 'failed',
          reason: `${reason} (not recorded; retried in ${delay} ms)`,
        };
      }
      this.logger.error(
        `Detection ${detection.source}/${detection.findingId} failed; it is handled again once retryAfter has passed: ${reason}`,
        { source: detection.source, findingId: detection.findingId },
      );
      await this.report(audit, () => audit?.fail({ error: error as Error }));
      return { outcome: 'failed', reason };
    }
    await this.report(audit, () => audit?.success({ meta: auditMeta(result) }));
    return result;
  }

  /** An auditor that cannot record must not turn a handled finding into a failed one. */
  private async report(
    audit: AuditorServiceEvent | undefined,
    write: () => Promise<void> | undefined,
  ) {
    if (!audit) return;
    try {
      await write();
    } catch (error) {
      this.logger.error(
        `Could not record a detection auditor event: ${
          (error as Error).message
        }`,
      );
    }
  }

  private async process(
    detection: ParsedDetection,
    claimedRowId?: string,
  ): Promise<DetectionResult> {
    let claim: { id: string; mine: boolean };
    try {
      claim = claimedRowId
        ? { id: claimedRowId, mine: true }
        : await this.claim(detection);
    } catch (error) {
      if (isUnstorable(error)) throw new RejectedError(error as Error);
      throw new UnrecordedError(error as Error);
    }
    const rowId = claim.id;
    if (!claim.mine) {
      return { outcome: 'duplicate', detectionId: rowId };
    }
    try {
      return await this.processClaimed(detection, rowId);
    } catch (error) {
      if (!isUnstorable(error)) throw error;
      // Retrying would fail the same way forever: settle it as rejected.
      await this.store.settle(rowId, { outcome: 'rejected' });
      throw new RejectedError(error as Error);
    }
  }

  private async processClaimed(
    detection: ParsedDetection,
    rowId: string,
  ): Promise<DetectionResult> {
    // A later revision of a finding that already has its incident: no need
    // to map and plan again (and the incident stays on its first entity).
    const known = await this.store.incidentOf(
      detection.source,
      detection.findingId,
    );
    if (
      known &&
      (await this.appendUpdate(known.incidentId, detection, known.matchedArn))
    ) {
      await this.store.settle(rowId, { outcome: 'incident-updated', ...known });
      this.logger.info(
        `Detection ${detection.source}/${detection.findingId}: incident-updated ${known.incidentId} for ${known.entityRef}`,
      );
      return {
        outcome: 'incident-updated',
        detectionId: rowId,
        incidentId: known.incidentId,
        entityRef: known.entityRef,
      };
    }

    const credentials = await this.auth.getOwnServiceCredentials();
    const match = await this.findEntity(detection.resourceArns, credentials);
    if (!match) {
      await this.store.settle(rowId, { outcome: 'unmapped' });
      this.logger.warn(
        `Unmapped detection ${detection.source}/${
          detection.findingId
        }: no entity has an ${ARN_ANNOTATION} annotation for ${
          detection.resourceArns.join(', ') ||
          'a resource (the finding names none)'
        }`,
        { source: detection.source, findingId: detection.findingId },
      );
      return {
        outcome: 'unmapped',
        detectionId: rowId,
        resourceArns: detection.resourceArns,
      };
    }

    const entityRef = stringifyEntityRef(match.entity);
    const spec = (match.entity.spec ?? {}) as {
      type?: string;
      purpose?: string;
    };
    const { incident, created } = await this.incidents.launch(
      {
        entityRef,
        leakType: chooseLeakType(spec, detection),
        severity: detection.severity,
        title: `${detection.title}`.slice(0, 300),
        summary: `${detection.source} ${detection.findingType} on ${match.arn}`,
        source: detection.source,
        sourceRef: detection.findingId,
        detectedAt: detection.firstSeenAt,
      },
      DETECTION_ACTOR,
      credentials,
    );
    const incidentId = incident.id;
    if (!created) {
      await this.appendUpdate(incidentId, detection, match.arn);
    }
    const outcome = created ? 'incident-created' : 'incident-updated';
    await this.store.settle(rowId, {
      outcome,
      matchedArn: match.arn,
      entityRef,
      incidentId,
    });
    this.logger.info(
      `Detection ${detection.source}/${detection.findingId}: ${outcome} ${incidentId} for ${entityRef}`,
    );
    return { outcome, detectionId: rowId, incidentId, entityRef };
  }

  /** The delivery's row, and whether this call is the one to handle it. */
  private async claim(
    detection: ParsedDetection,
  ): Promise<{ id: string; mine: boolean }> {
    const now = this.clock();
    const { claimed, row } = await this.store.claim(detection, now);
    if (claimed) return { id: row.id, mine: true };
    const retry =
      row.outcome === 'pending' &&
      (await this.store.reclaim(row.id, this.retryWindow())) !== undefined;
    if (!retry) {
      this.logger.debug(
        `Detection ${detection.source}/${detection.findingId} revision ${detection.revision} already received`,
      );
    }
    return { id: row.id, mine: retry };
  }

  /**
   * False when the incident is gone. A closed incident is reopened
   * (investigating again, the timeline says which finding did it) and its
   * responders are told: nobody watches a closed timeline.
   */
  private async appendUpdate(
    incidentId: string,
    detection: ParsedDetection,
    arn: string,
  ): Promise<boolean> {
    let reopened = false;
    const updated = await this.incidentStore.updateIncident(
      incidentId,
      DETECTION_ACTOR,
      current => {
        reopened = current.status === 'closed';
        const seenAgain = {
          type: 'detection-updated',
          message: `${detection.source} finding ${detection.findingId} seen again (${detection.findingType}, severity ${detection.severity})`,
          after: {
            source: detection.source,
            findingId: detection.findingId,
            revision: detection.revision,
            severity: detection.severity,
            resourceArn: arn,
          },
        };
        return reopened
          ? {
              incident: { status: 'investigating' as const },
              timeline: [seenAgain, reopenEntry(detection)],
            }
          : { timeline: [seenAgain] };
      },
    );
    if (updated && reopened) {
      this.logger.warn(
        `Incident ${incidentId} reopened: ${detection.source} finding ${detection.findingId} revision ${detection.revision} arrived after it was closed`,
      );
      await this.reopenNotifier?.notify(updated, detection);
    }
    return updated !== undefined;
  }

  /**
   * The entity claiming the most specific of the resource ARNs, in one
   * catalog request.
   */
  private async findEntity(
    arns: string[],
    credentials: BackstageCredentials,
  ): Promise<{ entity: Entity; arn: string } | undefined> {
    if (arns.length === 0) {
      return undefined;
    }
    const candidates = arns.map(candidateArns);
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ARN_ANNOTATION}`]: [
            ...new Set(candidates.flat()),
          ],
        },
      },
      { credentials },
    );
    const byArn = new Map<string, Entity>();
    for (const entity of items) {
      const value = entity.metadata.annotations?.[ARN_ANNOTATION];
      if (value && !byArn.has(value.toLowerCase())) {
        byArn.set(value.toLowerCase(), entity);
      }
    }
    for (const list of candidates) {
      for (const candidate of list) {
        const entity = byArn.get(candidate.toLowerCase());
        if (entity) {
          return { entity, arn: candidate };
        }
      }
    }
    return undefined;
  }
}
