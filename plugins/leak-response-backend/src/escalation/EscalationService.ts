import { randomUUID } from 'node:crypto';
import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  IncidentObligation,
  IncidentObligationStatus,
  IncidentRecord,
} from '@leak-response/plugin-leak-response-common';
import { IncidentStore } from '../database/IncidentStore';
import { EscalationStore } from './EscalationStore';
import {
  DEFAULT_THRESHOLDS,
  describeThreshold,
  reachedThresholds,
  Threshold,
  thresholdKey,
} from './thresholds';

/** Obligations still waiting for someone to act. */
const OPEN_OBLIGATIONS: readonly IncidentObligationStatus[] = [
  'pending',
  'to-be-determined',
  'drafted',
  'approved',
];

/** The playbook steps whose RACI answers for notifications by default. */
export const DEFAULT_NOTIFY_STEPS = ['decide-notifications', 'notify'];

export interface EscalationOptions {
  enabled: boolean;
  thresholds: number[];
  /** Task ids whose responsible and accountable people are escalated to. */
  notifySteps: string[];
  /** Also told of every real incident's escalations (never of exercises). */
  alsoNotify: string[];
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'];
  /** A claim left `sending` this long (a crash, a failed release) is taken over. */
  claimTimeoutMs: number;
}

/** By default a claim left `sending` is taken over after 10 minutes. */
const DEFAULT_CLAIM_TIMEOUT_MS = 10 * 60_000;

/** Reads `leakResponse.escalation` once. */
export function readEscalationConfig(config: Config): EscalationOptions {
  const c = config.getOptionalConfig('leakResponse.escalation');
  const configured = c?.getOptional<unknown[]>('thresholds');
  const thresholds = configured
    ? configured.map(Number)
    : [...DEFAULT_THRESHOLDS];
  for (const t of thresholds) {
    if (!(t > 0 && t < 100)) {
      throw new Error(
        `leakResponse.escalation.thresholds: ${t} is not a percentage between 0 and 100 (exclusive)`,
      );
    }
  }
  return {
    enabled: c?.getOptionalBoolean('enabled') ?? true,
    thresholds,
    notifySteps:
      c?.getOptionalStringArray('notifySteps') ?? DEFAULT_NOTIFY_STEPS,
    alsoNotify: c?.getOptionalStringArray('alsoNotify') ?? [],
    frequency: c?.has('frequency')
      ? readDurationFromConfig(c, { key: 'frequency' })
      : { minutes: 1 },
    claimTimeoutMs: c?.has('claimTimeout')
      ? durationToMilliseconds(
          readDurationFromConfig(c, { key: 'claimTimeout' }),
        )
      : DEFAULT_CLAIM_TIMEOUT_MS,
  };
}

/** What one run did. */
export interface EscalationRunResult {
  checked: number;
  sent: Array<{
    incidentId: string;
    obligationId: string;
    threshold: string;
    recipients: string[];
  }>;
  superseded: number;
  failed: number;
}

function notificationSeverity(threshold: Threshold) {
  if (threshold === 'overdue') return 'critical';
  return threshold >= 75 ? 'high' : 'normal';
}

function isEntityRef(ref: string): boolean {
  return /^(user|group):/i.test(ref);
}

/**
 * Reminds the accountable and responsible people of each open obligation as
 * its deadline approaches (default 50%, 75%, 90% of the window from
 * awareness) and once it is overdue, exactly once per obligation and
 * threshold across replicas. Exercises only ever reach their participants.
 */
export class EscalationService {
  static create(options: {
    incidents: IncidentStore;
    claims: EscalationStore;
    notifications: NotificationService;
    logger: LoggerService;
    options: EscalationOptions;
    instanceId?: string;
    clock?: () => Date;
  }) {
    return new EscalationService(
      options.incidents,
      options.claims,
      options.notifications,
      options.logger,
      options.options,
      options.instanceId ?? randomUUID(),
      options.clock ?? (() => new Date()),
    );
  }

  private constructor(
    private readonly incidents: IncidentStore,
    private readonly claims: EscalationStore,
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
    private readonly options: EscalationOptions,
    private readonly instanceId: string,
    private readonly clock: () => Date,
  ) {}

  /** Runs on one replica at a time, though correctness does not rely on it. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    if (!this.options.enabled) {
      this.logger.info('Deadline escalation is disabled');
      return;
    }
    await scheduler.scheduleTask({
      id: 'leak-response-deadline-escalation',
      scope: 'global',
      frequency: this.options.frequency,
      timeout: { minutes: 5 },
      initialDelay: { seconds: 10 },
      fn: async () => {
        await this.runOnce();
      },
    });
    // The instance id is what claim rows record as `claimed_by`: it tells
    // which replica sent an escalation.
    this.logger.info(
      `Deadline escalation scheduled on instance ${this.instanceId}`,
      { instanceId: this.instanceId },
    );
  }

  async runOnce(): Promise<EscalationRunResult> {
    const now = this.clock();
    const result: EscalationRunResult = {
      checked: 0,
      sent: [],
      superseded: 0,
      failed: 0,
    };
    const pageSize = 200;
    for (let offset = 0; ; offset += pageSize) {
      const { items } = await this.incidents.listIncidents({
        open: true,
        limit: pageSize,
        offset,
        orderBy: 'createdAt',
        order: 'asc',
      });
      for (const summary of items) {
        const incident = await this.incidents.getIncident(summary.id);
        if (incident) {
          await this.escalateIncident(incident, now, result);
        }
      }
      if (items.length < pageSize) break;
    }
    this.logger.debug(
      `Escalation run on instance ${this.instanceId}: ${result.checked} open obligations checked`,
    );
    if (result.sent.length > 0 || result.failed > 0) {
      this.logger.info(
        `Escalation: ${result.sent.length} sent, ${result.superseded} superseded, ${result.failed} failed over ${result.checked} open obligations`,
      );
    }
    return result;
  }

  /** Who hears about an incident's deadlines. */
  recipientsOf(incident: IncidentRecord): string[] {
    const steps = new Set(this.options.notifySteps);
    const fromTasks = incident.tasks
      .filter(t => steps.has(t.stepId))
      .flatMap(t => [t.accountable ?? '', ...t.responsible]);
    const everyone = [
      ...fromTasks,
      ...(incident.exercise ? [] : this.options.alsoNotify),
    ].filter(isEntityRef);
    const unique = [...new Set(everyone)];
    if (!incident.exercise) {
      return unique;
    }
    // An exercise reaches nobody outside it: its launcher and task assignees.
    const participants = new Set(
      [
        incident.createdBy,
        ...incident.tasks.flatMap(t => [t.accountable ?? '', ...t.responsible]),
      ].filter(Boolean),
    );
    return unique.filter(ref => participants.has(ref));
  }

  private async escalateIncident(
    incident: IncidentRecord,
    now: Date,
    result: EscalationRunResult,
  ) {
    const startAt = new Date(incident.awareAt);
    for (const obligation of incident.obligations) {
      if (!OPEN_OBLIGATIONS.includes(obligation.status) || !obligation.dueAt) {
        continue;
      }
      result.checked++;
      const reached = reachedThresholds(
        { startAt, dueAt: new Date(obligation.dueAt) },
        now,
        this.options.thresholds,
      );
      if (reached.length === 0) continue;
      // Only the latest threshold is sent: thresholds passed while nothing
      // ran (e.g. downtime) are recorded as superseded. Whoever claims the
      // latest one owns this round; every other replica skips it.
      const latest = reached[reached.length - 1];
      const won = await this.claims.claim({
        obligationId: obligation.id,
        incidentId: incident.id,
        threshold: thresholdKey(latest),
        claimedBy: this.instanceId,
        now,
        sendingSince: new Date(now.getTime() - this.options.claimTimeoutMs),
      });
      if (!won) continue;
      for (const older of reached.slice(0, -1)) {
        const passedOver = await this.claims.claim({
          obligationId: obligation.id,
          incidentId: incident.id,
          threshold: thresholdKey(older),
          claimedBy: this.instanceId,
          now,
          superseded: true,
        });
        if (passedOver) result.superseded++;
      }
      await this.send(incident, obligation, latest, result);
    }
  }

  private async send(
    incident: IncidentRecord,
    obligation: IncidentObligation,
    threshold: Threshold,
    result: EscalationRunResult,
  ) {
    const key = thresholdKey(threshold);
    const recipients = this.recipientsOf(incident);
    if (recipients.length === 0) {
      await this.claims.settle(obligation.id, key, 'no-recipients');
      this.logger.warn(
        `Escalation of ${obligation.ruleId} in incident ${incident.id}: nobody to notify (no resolved accountable or responsible entity)`,
      );
      return;
    }
    const prefix = incident.exercise ? '[Exercise] ' : '';
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          title: `${prefix}${obligation.regime}: notice to ${
            obligation.recipient
          } ${describeThreshold(threshold)}`,
          description: `${incident.title} — ${obligation.stage} (${obligation.ruleId}) is due ${obligation.dueAt}; status ${obligation.status}.`,
          link: `/leak-response/incidents/${incident.id}`,
          severity: notificationSeverity(threshold),
          topic: `leak-response:incident:${incident.id}`,
          scope: `leak-response:escalation:${obligation.id}:${key}`,
        },
      });
    } catch (error) {
      await this.claims.release(obligation.id, key);
      result.failed++;
      this.logger.error(
        `Escalation of ${obligation.ruleId} in incident ${
          incident.id
        } at ${key} failed and will be retried: ${(error as Error).message}`,
      );
      return;
    }
    await this.claims.settle(obligation.id, key, 'sent', recipients);
    result.sent.push({
      incidentId: incident.id,
      obligationId: obligation.id,
      threshold: key,
      recipients,
    });
  }
}
