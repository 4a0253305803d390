import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { IncidentRecord } from '@leak-response/plugin-leak-response-common';
import { ParsedDetection } from './parseDetection';

/**
 * Everyone the incident's tasks name (responsible and accountable), users
 * and groups: the people who worked the incident before it was closed.
 */
export function respondersOf(incident: IncidentRecord): string[] {
  const refs = incident.tasks.flatMap(t => [
    t.accountable ?? '',
    ...t.responsible,
  ]);
  return [...new Set(refs.filter(ref => /^(user|group):/i.test(ref)))];
}

/**
 * Tells an incident's responders that a new revision of its finding
 * reopened it. The scope names the finding's revision, so a retried send
 * replaces the same notification instead of adding another.
 */
export class ReopenNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  async notify(incident: IncidentRecord, detection: ParsedDetection) {
    const recipients = respondersOf(incident);
    if (recipients.length === 0) {
      this.logger.warn(
        `Incident ${incident.id} was reopened by ${detection.source} finding ${detection.findingId}, but no responder is assigned to tell`,
      );
      return;
    }
    const prefix = incident.exercise ? '[Exercise] ' : '';
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          title: `${prefix}Reopened: ${incident.title}`,
          description: `${detection.source} reported finding ${detection.findingId} again (${detection.findingType}, severity ${detection.severity}) after the incident was closed; it is investigating again.`,
          link: `/leak-response/incidents/${incident.id}`,
          severity: 'high',
          topic: `leak-response:incident:${incident.id}`,
          scope: `leak-response:reopened:${incident.id}:${detection.revision}`,
        },
      });
    } catch (error) {
      // The reopening is recorded on the timeline either way; only the
      // message is lost, and the incident shows up in the open list again.
      this.logger.error(
        `Could not notify the responders of reopened incident ${incident.id}: ${
          (error as Error).message
        }`,
      );
    }
  }
}
