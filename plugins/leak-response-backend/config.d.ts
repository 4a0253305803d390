import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  leakResponse?: {
    /**
     * Role → catalog entity (usually a Group) that fills it in every
     * playbook's RACI, e.g. `compliance: group:dpo-office`. `ai-engineering`
     * is always the leaked entity's owner. A System or Domain overrides a
     * role for its entities with the annotation `leak-response.io/role-<role>`.
     * Roles other than the built-in ones (ai-engineering, compliance,
     * security, legal, communications) may be added here and used in
     * playbooks.
     */
    roles?: { [role: string]: string };

    /**
     * More playbooks, or replacements of the built-in ones
     * (`training-data-exposure`, `model-weight-exfiltration`,
     * `inference-data-leakage`) by id. Same format as the YAML files in the
     * plugin's `playbooks/` folder. Checked at start-up; a bad playbook stops
     * the backend with a message naming the playbook and the field.
     */
    playbooks?: Array<{
      /** Lower-case, dash-separated. */
      id: string;
      title: string;
      description?: string;
      /** training-data-exposure | model-weight-exfiltration | inference-data-leakage */
      leakTypes: string[];
      /** `spec.type`s (or kinds, lower case) this playbook is the default for. */
      entityTypes?: string[];
      steps: Array<{
        id: string;
        title: string;
        /** contain | preserve-evidence | scope | assess | decide-and-draft | notify | remediate | review */
        phase: string;
        description?: string;
        /** From awareness: ISO 8601 duration (PT4H, P3D) or an object such as { hours: 4 }. */
        dueOffset?: string | HumanDuration;
        raci: {
          responsible: string[];
          accountable: string;
          consulted?: string[];
          informed?: string[];
        };
      }>;
    }>;

    /** Limits of the impact walk over the catalog. */
    impact?: {
      /** Hops from the leaked entity; default 8. */
      maxDepth?: number;
      /** Entities in the result; default 1000. */
      maxEntities?: number;
    };

    /** On-call rotations and readiness. */
    onCall?: {
      /** Trainings every on-call shift needs; default [aws-incident-response, ai-data-categorization]. */
      requiredTrainings?: string[];
      /** How far ahead to check shifts for untrained people; default 8 weeks. */
      horizon?: HumanDuration | string;
      /**
       * How long the Groups, Users, Systems and Domains that a caller's plan
       * looked up are reused for that same caller's next plans; default 30
       * seconds, 0 turns it off. Kept per caller and filled only with what
       * the catalog answered that caller, so nothing passes between callers;
       * rotation, training and permission changes show up this much later.
       */
      peopleCacheTtl?: HumanDuration | string;
      /**
       * Rotations declared here instead of (and winning over) Group
       * annotations.
       */
      rotations?: Array<{
        /** The group whose rotation it is, e.g. group:security-ir. */
        group: string;
        /** User refs in rotation order. */
        members: string[];
        /** Length of a shift, e.g. { weeks: 1 } or P1W. */
        period: HumanDuration | string;
        /** The first hand-over, local to timeZone, e.g. 2026-01-05T09:00. */
        start: string;
        /** IANA zone of the hand-overs; default UTC. */
        timeZone?: string;
      }>;
      /**
       * Periods of higher risk in which each rotation must put at least
       * `minTrainedResponders` distinct, fully trained people on shift.
       */
      peakPeriods?: Array<{
        name: string;
        /** ISO date or date-time (UTC unless an offset is given), inclusive. */
        start: string;
        /** ISO date or date-time, exclusive. */
        end: string;
        /** Default 2. */
        minTrainedResponders?: number;
      }>;
    };

    /**
     * Standing facts about the organisation, used by the obligations of a
     * plan.
     */
    organisation?: {
      /** The controller's name in notices; default `organization.name`. */
      name?: string;
      /**
       * Contact details of the data protection officer, as notices give them
       * (GDPR Art. 33(3)(b)); until set, drafts keep a part to complete.
       */
      dpoContact?: string;
      /** Jurisdictions where the organisation is established (EU, GB, US-CA, …). */
      establishments?: string[];
      /** The Member State of the main establishment in the EU; must be listed in `establishments`. */
      mainEuEstablishment?: string;
      /**
       * Sector facts that decide whole regimes, answered once here instead
       * of per incident (see the -common README for the regimes each settles).
       * Checked at start-up; a bad key stops the backend with its name.
       */
      sector?: {
        /** NIS2 Art. 3 entity type and Art. 2 size. */
        nis2?: {
          entityType: 'essential' | 'important' | 'none';
          size?: 'micro' | 'small' | 'medium' | 'large';
        };
        doraFinancialEntity?: boolean;
        secRegistrant?: boolean;
        euAiActHighRiskProvider?: boolean;
        /** Adds India to the establishments (CERT-In). */
        indianBodyCorporate?: boolean;
        ukRdsp?: boolean;
        nydfsCoveredEntity?: boolean;
        conductsBusinessInTexas?: boolean;
        auAppEntity?: boolean;
        cnNetworkOperator?: boolean;
        brSmallAgent?: boolean;
      };
      /** Other organisation-level answers to assessment questions; must not contradict `sector`. */
      answers?: { [question: string]: string | boolean };
    };

    /** Notices drafted from incidents. */
    notices?: {
      /**
       * Templates replacing a built-in one by id (gdpr33, gdpr34,
       * nis2-early-warning, nis2-notification, uk-ico, us-state-consumer,
       * pci-acquirer) or adding one. Markdown with `{{placeholders}}` (see
       * the backend README); `[[…]]` marks what a person must complete
       * before approval. Checked at start-up.
       */
      templates?: Array<{
        /** Lower-case, dash-separated. */
        id: string;
        /** Required for a new template; a replacement keeps the built-in one's. */
        title?: string;
        /** Obligation rule ids the template answers; a replacement keeps the built-in one's. */
        rules?: string[];
        /** Must contain `{{exerciseNotice}}`, which marks an exercise's drafts. */
        body: string;
      }>;
      /**
       * Four eyes: the person who drafted or last edited a notice cannot
       * approve it (409). Default true; turn off only where compliance is
       * one person.
       */
      fourEyes?: boolean;
    };

    /**
     * The portal's permission policy (packages/backend). A portal with its
     * own policy ignores this and builds conditions with
     * `incidentConditions` from -common.
     */
    permissions?: {
      /**
       * When true, a user may read an incident only if they (or one of their
       * groups) own an entity affected by it or they launched it, unless they
       * are members of the `compliance` or `security` group of
       * `leakResponse.roles`, who read every incident. Listings are
       * filtered; another team's incident is not found (404). Default
       * false: every signed-in user reads every incident.
       */
      restrictReadToOwners?: boolean;
    };

    /**
     * AWS detections (GuardDuty, Macie, CloudWatch alarms as EventBridge
     * events) arriving through the events system: from an SQS queue
     * (@backstage/plugin-events-backend-module-aws-sqs, queue → topic) or
     * the HTTP ingress `POST /api/events/http/<topic>`.
     */
    detection?: {
      /** Subscribe to the topics; default true. */
      enabled?: boolean;
      /** Topics carrying EventBridge events; default [leak-response.aws-findings]. */
      topics?: string[];
      /**
       * The HTTP ingress (module `eventsModuleLeakResponseIngress`): requests
       * must carry the shared secret in the header. Without a secret the
       * ingress refuses every request.
       */
      ingress?: {
        /** Default x-leak-response-ingress-token. */
        header?: string;
        /** @visibility secret */
        secret?: string;
      };
      /**
       * A delivery still being handled after this long is taken to have lost
       * its handler (a crash) and is handled again by a global task; default
       * 2 minutes. A delivery that keeps failing waits twice as long after
       * each attempt, at most an hour (or this, if longer).
       */
      retryAfter?: HumanDuration | string;
    };

    /** Reminders of the accountable and responsible people before deadlines. */
    escalation?: {
      /** Default true. */
      enabled?: boolean;
      /** Percentages of each obligation's window (from awareness to due); default [50, 75, 90]. Overdue always follows. */
      thresholds?: number[];
      /** Playbook step ids whose responsible and accountable entities are notified; default [decide-notifications, notify]. */
      notifySteps?: string[];
      /** Entity refs also notified for real incidents (never for exercises). */
      alsoNotify?: string[];
      /** How often the global task runs; default { minutes: 1 }. */
      frequency?: HumanDuration | string;
      /**
       * A claim left `sending` this long (its replica crashed between claiming
       * and sending, or could not give it back) is taken over and sent again;
       * default { minutes: 10 }.
       */
      claimTimeout?: HumanDuration | string;
    };
  };

  search?: {
    collators?: {
      /**
       * When the search module of Leak Response re-indexes incidents
       * (default: every 10 minutes, first after 15 seconds).
       */
      leakResponse?: {
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };

    /** The notice sent the moment an incident opens (launch or detection). */
    notify?: {
      /** Default true. */
      enabled?: boolean;
      /** How many of the playbook's first steps answer for it (their responsible and accountable entities, and who is on call for their roles); default 2. */
      firstSteps?: number;
    };
  };
}
