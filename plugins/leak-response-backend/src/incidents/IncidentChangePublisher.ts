import { LoggerService } from '@backstage/backend-plugin-api';
import {
  IncidentChangedSignal,
  incidentSignalChannel,
} from '@leak-response/plugin-leak-response-common';

/** Tells open incident pages that an incident changed, so they refresh. */
export interface IncidentChangePublisher {
  incidentChanged(signal: IncidentChangedSignal): Promise<void>;
}

/** What the publisher needs of the signals service (`signalsServiceRef`). */
export interface SignalPublisher {
  publish(signal: {
    recipients: { type: 'broadcast' };
    channel: string;
    message: { incidentId: string; change: string };
  }): Promise<void>;
}

/**
 * Publishes incident changes through Backstage signals on the incident's
 * channel. A failure is logged, not thrown: the change is already stored
 * and audited, and pages still refresh by polling.
 */
export class SignalsIncidentChangePublisher implements IncidentChangePublisher {
  constructor(
    private readonly signals: SignalPublisher,
    private readonly logger: LoggerService,
  ) {}

  async incidentChanged(signal: IncidentChangedSignal): Promise<void> {
    try {
      await this.signals.publish({
        // Broadcast is safe: the message holds only the incident id and the
        // audit event id of the change; a page that receives it refetches
        // the incident through the API, which checks the read permission.
        recipients: { type: 'broadcast' },
        channel: incidentSignalChannel(signal.incidentId),
        message: { incidentId: signal.incidentId, change: signal.change },
      });
    } catch (error) {
      this.logger.warn('Could not publish an incident change signal', {
        incidentId: signal.incidentId,
        change: signal.change,
        error: String(error),
      });
    }
  }
}
