import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { IncidentRecord } from '@leak-response/plugin-leak-response-common';
import { IncidentStore } from '../database/IncidentStore';
import { IncidentChangePublisher } from '../incidents/IncidentChangePublisher';
import { LeakResponsePlan } from '../plan/api';
import {
  describeDeadline,
  nearestDeadline,
  notificationSeverityOf,
  openingRecipients,
  openingTitle,
} from './openingNotice';

/** An incident just created, with the plan it was launched from. */
export interface IncidentOpened {
  incident: IncidentRecord;
  plan: LeakResponsePlan;
}

/** Told once, right after an incident is created. */
export interface IncidentOpenedListener {
  incidentOpened(event: IncidentOpened): Promise<void>;
}

/** The actor the opening notice writes to the timeline as. */
export const NOTIFY_ACTOR = 'service:leak-response/notify';

export interface OpeningNoticeOptions {
  enabled: boolean;
  /** How many of the playbook's first steps answer for the first notice. */
  firstSteps: number;
}

/** Reads `leakResponse.notify` once. */
export function readOpeningNoticeConfig(config: Config): OpeningNoticeOptions {
  const c = config.getOptionalConfig('leakResponse.notify');
  const firstSteps = c?.getOptionalNumber('firstSteps') ?? 2;
  if (!Number.isInteger(firstSteps) || firstSteps < 1) {
    throw new Error(
      `leakResponse.notify.firstSteps: ${firstSteps} is not a whole number of at least 1`,
    );
  }
  return { enabled: c?.getOptionalBoolean('enabled') ?? true, firstSteps };
}

/**
 * Tells the responders the moment an incident opens, through the Backstage
 * notifications service (and so every channel the portal wires: email,
 * Slack), and records on the timeline who was told. A failure to notify
 * never fails the launch: it is logged and recorded, and the deadline
 * escalation still runs.
 */
export class OpeningNotifier implements IncidentOpenedListener {
  constructor(
    private readonly deps: {
      notifications: NotificationService;
      store: IncidentStore;
      logger: LoggerService;
      options: OpeningNoticeOptions;
      /**
       * Announces incidents opened by a detection to open pages; a launch
       * through the API is announced by its route.
       */
      changes?: IncidentChangePublisher;
      clock?: () => Date;
    },
  ) {}

  async incidentOpened({ incident, plan }: IncidentOpened): Promise<void> {
    if (incident.source && this.deps.changes) {
      await this.deps.changes.incidentChanged({
        incidentId: incident.id,
        change: 'incident-detected',
      });
    }
    if (!this.deps.options.enabled) return;
    const now = (this.deps.clock ?? (() => new Date()))();
    const recipients = openingRecipients(
      incident,
      plan,
      this.deps.options.firstSteps,
    );
    if (recipients.all.length === 0) {
      this.deps.logger.warn(
        `Incident ${incident.id} opened with nobody to notify: the first steps of playbook ${plan.playbook.id} resolve to no group or user`,
      );
      await this.record(incident.id, {
        type: 'responders-not-notified',
        message:
          'Nobody notified at opening: the first steps resolve to no group or user',
      });
      return;
    }
    const title = openingTitle(incident, now);
    const deadline = nearestDeadline(incident, now);
    const firstStep = plan.playbook.steps[0];
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: recipients.all },
        payload: {
          title,
          description: [
            incident.exercise
              ? 'This is an exercise: only its participants are told, and nothing reaches anyone outside.'
              : undefined,
            firstStep ? `Do first: ${firstStep.title}.` : undefined,
            deadline
              ? `${describeDeadline(deadline)} (${deadline.dueAt}).`
              : undefined,
            incident.title,
          ]
            .filter(Boolean)
            .join(' '),
          link: `/leak-response/incidents/${incident.id}`,
          severity: notificationSeverityOf(incident.severity),
          topic: `leak-response:incident:${incident.id}`,
          scope: `leak-response:opened:${incident.id}`,
        },
      });
    } catch (error) {
      this.deps.logger.error(
        `Opening notice of incident ${incident.id} failed: ${
          (error as Error).message
        }`,
      );
      await this.record(incident.id, {
        type: 'responders-not-notified',
        message: `Opening notice failed: ${(error as Error).message}`,
        after: { recipients: recipients.all },
      });
      return;
    }
    await this.record(incident.id, {
      type: 'responders-notified',
      message: `Notified ${recipients.all.join(', ')}: ${title}`,
      after: {
        assignees: recipients.assignees,
        onCall: recipients.onCall,
        title,
      },
    });
  }

  private async record(
    incidentId: string,
    event: { type: string; message: string; after?: Record<string, unknown> },
  ) {
    try {
      await this.deps.store.updateIncident(incidentId, NOTIFY_ACTOR, () => ({
        timeline: [event],
      }));
    } catch (error) {
      this.deps.logger.warn(
        `Could not record the opening notice of incident ${incidentId}: ${
          (error as Error).message
        }`,
      );
    }
  }
}
