import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AssessmentAnswers,
  IncidentFacts,
  IncidentRecord,
  IncidentStatus,
  INCIDENT_TRANSITIONS,
  isAllowedTransition,
  LeakType,
  obligationDecidePermission,
  ObligationsReport,
  ObligationRule,
  Severity,
  TimelineVerification,
} from '@leak-response/plugin-leak-response-common';
import { ruleProvenance } from './ruleProvenance';
import { LeakResponsePlan } from '../plan/api';
import {
  IncidentFilter,
  IncidentStore,
  NewAffectedEntity,
} from '../database/IncidentStore';
import {
  incompleteParts,
  NoticeOrganisation,
  NoticeTemplate,
  noticeValues,
  noticeVersion,
  renderNotice,
} from '../notices';
import {
  assertDateBetween,
  assertPlausibleDate,
  DECIDED_OBLIGATION_STATUSES,
  IdempotencyMismatchError,
  openObligations,
  requestHash,
} from './recordRules';
import {
  affectedFromPlan,
  obligationChanges,
  obligationsFromReport,
  tasksFromPlan,
} from './fromPlan';
import { renderIncidentReport } from './report';
import { renderIncidentReportPdf } from './reportPdf';
import { IncidentReadAccess, READ_ALL } from './permissions';
import { IncidentOpenedListener } from '../paging/OpeningNotifier';

/** The assessment without the answers only the incident service reads. */
function engineAnswers(assessment: Record<string, unknown>): AssessmentAnswers {
  const { exposure: _exposure, ...answers } = assessment;
  return answers as AssessmentAnswers;
}

/** What the incident service needs of the plan: made at launch, re-evaluated later. */
export interface IncidentPlanner {
  plan(request: {
    entityRef: string;
    leakType: LeakType;
    awareAt: string;
    credentials: BackstageCredentials;
  }): Promise<{ plan: LeakResponsePlan; facts?: IncidentFacts }>;
  evaluate(facts: IncidentFacts, now: Date): ObligationsReport;
  /** The rule table evaluations use now, for provenance. */
  ruleTable(): readonly ObligationRule[];
  /** Snapshot of one entity to add to an incident; undefined if not found. */
  snapshot(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<NewAffectedEntity['snapshot'] | undefined>;
}

export interface LaunchRequest {
  entityRef: string;
  leakType: LeakType;
  awareAt?: string;
  severity?: Severity;
  exercise?: boolean;
  summary?: string;
  title?: string;
  idempotencyKey?: string;
  source?: string;
  sourceRef?: string;
  detectedAt?: string;
}

/** What the caller may decide, as the route found in the permission policy. */
export interface DecisionRights {
  /** Holds `leak-response.obligation.decide`. */
  mayDecide: boolean;
}

/** The incident lifecycle: launch, update, notices, export. */
export class IncidentService {
  static create(options: {
    store: IncidentStore;
    planner: IncidentPlanner;
    templates: readonly NoticeTemplate[];
    organisation: NoticeOrganisation;
    /**
     * Four eyes (`leakResponse.notices.fourEyes`, on by default): neither
     * the drafter nor the last editor of a notice approves it.
     */
    fourEyes?: boolean;
    clock?: () => Date;
    /** Told of each incident created (notify, page); never fails a launch. */
    opened?: IncidentOpenedListener;
  }): IncidentService {
    const service = new IncidentService(
      options.store,
      options.planner,
      new Map(options.templates.map(t => [t.id, t])),
      options.organisation,
      options.clock ?? (() => new Date()),
      options.fourEyes ?? true,
    );
    service.opened = options.opened;
    return service;
  }

  private opened?: IncidentOpenedListener;

  private constructor(
    private readonly store: IncidentStore,
    private readonly planner: IncidentPlanner,
    private readonly templates: Map<string, NoticeTemplate>,
    private readonly organisation: NoticeOrganisation,
    private readonly clock: () => Date,
    private readonly fourEyes: boolean,
  ) {}

  get templateList(): NoticeTemplate[] {
    return [...this.templates.values()];
  }

  async launch(
    request: LaunchRequest,
    actor: string,
    credentials: BackstageCredentials,
  ) {
    const now = this.clock();
    const awareAt = request.awareAt ?? now.toISOString();
    assertPlausibleDate('awareAt', awareAt, now);
    if (request.detectedAt) {
      assertPlausibleDate('detectedAt', request.detectedAt, now);
    }
    const { idempotencyKey, ...asked } = request;
    const idempotencyHash = idempotencyKey ? requestHash(asked) : undefined;
    const { plan, facts } = await this.planner.plan({
      entityRef: request.entityRef,
      leakType: request.leakType,
      awareAt,
      credentials,
    });
    const report =
      plan.obligations.status === 'evaluated' ? plan.obligations : undefined;
    const title =
      request.title ??
      `${request.leakType.replace(/-/g, ' ')}: ${plan.entityRef}`;
    const stored = await this.store.createIncident({
      title,
      leakType: request.leakType,
      originEntityRef: plan.entityRef,
      severity: request.severity ?? 'high',
      exercise: request.exercise ?? false,
      summary: request.summary,
      awareAt: new Date(plan.awareAt),
      detectedAt: request.detectedAt ? new Date(request.detectedAt) : undefined,
      source: request.source,
      sourceRef: request.sourceRef,
      idempotencyKey,
      idempotencyHash,
      createdBy: actor,
      playbookId: plan.playbook.id,
      playbookVersion: plan.playbook.source,
      assessment: {},
      facts,
      rulesVersion: report?.rulesVersion,
      affected: affectedFromPlan(plan),
      tasks: tasksFromPlan(plan),
      obligations: report ? obligationsFromReport(report) : [],
      timeline: [
        {
          type: 'launched',
          message: `${
            request.exercise ? 'Exercise' : 'Incident'
          } launched with playbook ${plan.playbook.id}: ${
            plan.impact.entities.length
          } affected entities, ${
            report?.obligations.filter(o => o.status !== 'not-applicable')
              .length ?? 0
          } obligations to handle`,
          after: {
            awareAt: plan.awareAt,
            leakType: request.leakType,
            warnings: plan.warnings,
            obligations:
              plan.obligations.status === 'unavailable'
                ? plan.obligations.reason
                : undefined,
          },
        },
      ],
    });
    // a key used before with no hash (before hashes were kept) is trusted
    if (
      !stored.created &&
      idempotencyKey &&
      stored.idempotencyHash &&
      stored.idempotencyHash !== idempotencyHash
    ) {
      throw new IdempotencyMismatchError(
        `Idempotency-Key: ${idempotencyKey} was first used for a different request; the body of a replay must be the same, or use a new key`,
      );
    }
    if (stored.created && this.opened) {
      await this.opened.incidentOpened({ incident: stored.incident, plan });
    }
    return {
      incident: this.withProvenance(stored.incident),
      created: stored.created,
    };
  }

  /**
   * One incident. One the caller may not read is not found either, so that
   * a conditional read does not tell which incidents exist.
   */
  async get(
    id: string,
    access: IncidentReadAccess = READ_ALL,
  ): Promise<IncidentRecord> {
    const incident = await this.store.getIncident(id);
    if (!incident || !access.allows(incident)) {
      throw new NotFoundError(`No incident ${id}`);
    }
    return this.withProvenance(incident);
  }

  /** The record with how its rules compare with the table now. */
  private withProvenance(incident: IncidentRecord): IncidentRecord {
    return {
      ...incident,
      ruleProvenance: ruleProvenance(incident, this.planner.ruleTable()),
    };
  }

  list(filter: IncidentFilter, access: IncidentReadAccess = READ_ALL) {
    return this.store.listIncidents({ ...filter, readable: access.criteria });
  }

  /** Open incidents affecting the entity that the caller may read. */
  async holds(entityRef: string, access: IncidentReadAccess = READ_ALL) {
    return this.store.listOpenIncidentsAffecting(entityRef, access.criteria);
  }

  /** Moves the status; 409 names the allowed next states. */
  async transition(
    id: string,
    to: IncidentStatus,
    actor: string,
    reason?: string,
    rights: DecisionRights = { mayDecide: false },
  ) {
    return this.update(id, actor, current => {
      if (!isAllowedTransition(current.status, to)) {
        const allowed = INCIDENT_TRANSITIONS[current.status];
        throw new ConflictError(
          `status: cannot move from ${current.status} to ${to}; allowed next: ${
            allowed.length ? allowed.join(', ') : 'none'
          }`,
        );
      }
      // closing over undecided obligations decides them; an exercise has
      // none to send, so it closes freely (and still records them)
      const open = to === 'closed' ? openObligations(current.obligations) : [];
      if (open.length > 0 && !current.exercise && !rights.mayDecide) {
        throw new NotAllowedError(
          `Not allowed: ${
            obligationDecidePermission.name
          } (closing decides the obligations still open: ${open
            .map(o => `${o.ruleId} (${o.status})`)
            .join(', ')})`,
        );
      }
      const stillOpen = open.map(o => ({
        id: o.id,
        ruleId: o.ruleId,
        status: o.status,
      }));
      return {
        incident: { status: to },
        timeline: [
          {
            type: 'status-changed',
            message: `${current.status} → ${to}${reason ? `: ${reason}` : ''}${
              open.length
                ? `; still open: ${stillOpen
                    .map(o => `${o.ruleId} (${o.status})`)
                    .join(', ')}`
                : ''
            }`,
            before: { status: current.status },
            after: {
              status: to,
              ...(open.length > 0 ? { openObligations: stillOpen } : {}),
            },
          },
        ],
      };
    });
  }

  /** Records assessment answers and re-evaluates the obligations. */
  async assess(id: string, answers: AssessmentAnswers, actor: string) {
    return this.update(id, actor, current => {
      const assessment = { ...current.assessment, ...answers };
      const { obligations, changes } = this.reevaluate(
        current,
        assessment,
        current.awareAt,
      );
      return {
        incident: { assessment },
        upsertObligations: obligations,
        timeline: [
          {
            type: 'assessment-changed',
            message: `Assessment updated (${Object.keys(answers).join(
              ', ',
            )}); ${changes.length} obligation(s) changed`,
            before: { assessment: current.assessment },
            after: { assessment, obligations: changes },
          },
        ],
      };
    });
  }

  /** Corrects when the organisation became aware; the clocks move with it. */
  async correctAwareness(
    id: string,
    awareAt: string,
    reason: string,
    actor: string,
  ) {
    assertPlausibleDate('awareAt', awareAt, this.clock());
    return this.update(id, actor, current => {
      const { obligations, changes } = this.reevaluate(
        current,
        current.assessment,
        awareAt,
      );
      return {
        incident: { awareAt: new Date(awareAt) },
        upsertObligations: obligations,
        timeline: [
          {
            type: 'awareness-corrected',
            message: `Awareness time corrected: ${reason}`,
            before: { awareAt: current.awareAt },
            after: { awareAt, obligations: changes },
          },
        ],
      };
    });
  }

  async setTask(id: string, taskId: string, done: boolean, actor: string) {
    return this.update(id, actor, current => {
      const task = current.tasks.find(t => t.id === taskId);
      if (!task) {
        throw new NotFoundError(`No task ${taskId} in incident ${id}`);
      }
      const doneAt = done ? this.clock().toISOString() : undefined;
      return {
        taskUpdates: [{ id: taskId, doneBy: done ? actor : undefined, doneAt }],
        timeline: [
          {
            type: done ? 'task-done' : 'task-reopened',
            message: `${task.title}: ${done ? 'done' : 'reopened'}`,
            before: { doneAt: task.doneAt, doneBy: task.doneBy },
            after: { doneAt, doneBy: done ? actor : undefined },
          },
        ],
      };
    });
  }

  async addAffected(
    id: string,
    entityRef: string,
    role: string,
    actor: string,
    credentials: BackstageCredentials,
  ) {
    const snapshot = await this.planner.snapshot(entityRef, credentials);
    if (!snapshot) {
      throw new InputError(`entityRef: no entity ${entityRef} in the catalog`);
    }
    return this.update(id, actor, () => ({
      addAffected: [{ entityRef, role, snapshot }],
      timeline: [
        {
          type: 'entity-added',
          message: `${entityRef} added as ${role}`,
          after: { entityRef, role, snapshot },
        },
      ],
    }));
  }

  async removeAffected(
    id: string,
    entityRef: string,
    reason: string,
    actor: string,
  ) {
    return this.update(id, actor, current => {
      const entity = current.affected.find(
        a => a.entityRef === entityRef && !a.removedAt,
      );
      if (!entity) {
        throw new NotFoundError(
          `${entityRef} is not an affected entity of incident ${id}`,
        );
      }
      if (entityRef === current.originEntityRef) {
        throw new ConflictError(
          'entityRef: the origin of an incident cannot be removed',
        );
      }
      return {
        removeAffected: [entityRef],
        timeline: [
          {
            type: 'entity-removed',
            message: `${entityRef} removed: ${reason}`,
            before: { entityRef, role: entity.role },
          },
        ],
      };
    });
  }

  /** A person decides an obligation: not required (with why) or submitted. */
  async decideObligation(
    id: string,
    obligationId: string,
    decision:
      | { status: 'not-required'; justification: string }
      | { status: 'submitted'; submittedAt?: string; submissionRef: string }
      | { status: 'pending' },
    actor: string,
    rights: DecisionRights = { mayDecide: false },
  ) {
    return this.update(id, actor, current => {
      const obligation = current.obligations.find(o => o.id === obligationId);
      if (!obligation) {
        throw new NotFoundError(
          `No obligation ${obligationId} in incident ${id}`,
        );
      }
      // marking done stops the reminders and reads as done in the report:
      // an approval, as is undoing one
      const decides =
        DECIDED_OBLIGATION_STATUSES.includes(decision.status) ||
        DECIDED_OBLIGATION_STATUSES.includes(obligation.status);
      if (decides && !rights.mayDecide) {
        throw new NotAllowedError(
          `Not allowed: ${obligationDecidePermission.name} (${obligation.ruleId}: ${obligation.status} → ${decision.status} is a decision)`,
        );
      }
      if (decision.status === 'submitted' && current.exercise) {
        throw new ConflictError(
          'status: an exercise never reaches external recipients; nothing can be submitted',
        );
      }
      const submittedAt =
        decision.status === 'submitted'
          ? decision.submittedAt ?? this.clock().toISOString()
          : undefined;
      if (submittedAt) {
        this.assertSubmittedAt(current, submittedAt);
      }
      return {
        obligationUpdates: [
          {
            id: obligationId,
            status: decision.status,
            decidedBy: decision.status === 'pending' ? '' : actor,
            ...(decision.status === 'not-required' && {
              justification: decision.justification,
            }),
            ...(decision.status === 'submitted' && {
              submittedAt,
              submissionRef: decision.submissionRef,
            }),
          },
        ],
        timeline: [
          {
            type: 'obligation-decided',
            message: `${obligation.ruleId}: ${obligation.status} → ${decision.status}`,
            before: { status: obligation.status },
            after: { ...decision, submittedAt },
          },
        ],
      };
    });
  }

  /** Renders a draft from the template of an obligation's rule (or a named template). */
  async draftNotice(
    id: string,
    request: { obligationId?: string; templateId?: string },
    actor: string,
  ) {
    return this.update(id, actor, current => {
      const obligation = request.obligationId
        ? current.obligations.find(o => o.id === request.obligationId)
        : undefined;
      if (request.obligationId && !obligation) {
        throw new NotFoundError(
          `obligationId: no obligation ${request.obligationId} in incident ${id}`,
        );
      }
      const template = request.templateId
        ? this.templates.get(request.templateId)
        : this.templateList.find(t => t.rules.includes(obligation!.ruleId));
      if (!template) {
        throw new InputError(
          request.templateId
            ? `templateId: unknown template ${request.templateId}; known: ${[
                ...this.templates.keys(),
              ].join(', ')}`
            : `obligationId: no template answers rule ${obligation?.ruleId}`,
        );
      }
      const body = renderNotice(
        template,
        noticeValues(current, this.organisation, obligation, this.clock()),
      );
      return {
        newNotices: [
          {
            obligationId: obligation?.id,
            templateId: template.id,
            status: 'draft',
            body,
            createdBy: actor,
          },
        ],
        obligationUpdates:
          obligation &&
          ['pending', 'to-be-determined'].includes(obligation.status)
            ? [{ id: obligation.id, status: 'drafted' }]
            : [],
        timeline: [
          {
            type: 'notice-drafted',
            message: `Notice drafted from template ${template.id}`,
            after: { templateId: template.id, obligationId: obligation?.id },
          },
        ],
      };
    });
  }

  async editNotice(id: string, noticeId: string, body: string, actor: string) {
    return this.update(id, actor, current => {
      const notice = this.notice(current, noticeId);
      if (notice.status !== 'draft') {
        throw new ConflictError(
          `status: notice ${noticeId} is ${notice.status}; only drafts can be edited`,
        );
      }
      return {
        noticeUpdates: [{ id: noticeId, body, editedBy: actor }],
        timeline: [
          {
            type: 'notice-edited',
            message: `Notice ${notice.templateId} edited`,
            before: { body: notice.body, version: notice.version },
            after: { body, version: noticeVersion(body) },
          },
        ],
      };
    });
  }

  /**
   * Approval of the version the approver read; the caller has checked the
   * approve permission.
   */
  async approveNotice(
    id: string,
    noticeId: string,
    actor: string,
    version: string,
  ) {
    return this.update(id, actor, current => {
      const notice = this.notice(current, noticeId);
      if (notice.status !== 'draft') {
        throw new ConflictError(
          `status: notice ${noticeId} is already ${notice.status}`,
        );
      }
      if (version !== notice.version) {
        throw new ConflictError(
          `version: notice ${noticeId} was edited since you read it${
            notice.editedBy ? ` (last by ${notice.editedBy})` : ''
          }; read it again before approving`,
        );
      }
      if (
        this.fourEyes &&
        (actor === notice.createdBy || actor === notice.editedBy)
      ) {
        throw new ConflictError(
          `four eyes: you drafted or last edited notice ${noticeId}; someone else in compliance must approve it (leakResponse.notices.fourEyes)`,
        );
      }
      const missing = incompleteParts(notice.body);
      if (missing.length > 0) {
        throw new ConflictError(
          `body: complete before approval: ${missing.join('; ')}`,
        );
      }
      const approvedAt = this.clock().toISOString();
      return {
        noticeUpdates: [
          { id: noticeId, status: 'approved', approvedBy: actor, approvedAt },
        ],
        obligationUpdates: notice.obligationId
          ? [{ id: notice.obligationId, status: 'approved' }]
          : [],
        timeline: [
          {
            type: 'notice-approved',
            message: `Notice ${notice.templateId} approved`,
            after: { approvedBy: actor, approvedAt, version },
          },
        ],
      };
    });
  }

  async submitNotice(
    id: string,
    noticeId: string,
    submission: { submittedAt?: string; submissionRef: string },
    actor: string,
  ) {
    return this.update(id, actor, current => {
      const notice = this.notice(current, noticeId);
      if (current.exercise) {
        throw new ConflictError(
          'status: an exercise never reaches external recipients; nothing can be submitted',
        );
      }
      if (notice.status !== 'approved') {
        throw new ConflictError(
          `status: notice ${noticeId} is ${notice.status}; only approved notices can be submitted`,
        );
      }
      const missing = incompleteParts(notice.body);
      if (missing.length > 0) {
        throw new ConflictError(
          `body: complete before submission: ${missing.join('; ')}`,
        );
      }
      const submittedAt = submission.submittedAt ?? this.clock().toISOString();
      this.assertSubmittedAt(current, submittedAt);
      return {
        noticeUpdates: [
          {
            id: noticeId,
            status: 'submitted',
            submittedAt,
            submissionRef: submission.submissionRef,
          },
        ],
        obligationUpdates: notice.obligationId
          ? [
              {
                id: notice.obligationId,
                status: 'submitted',
                submittedAt,
                submissionRef: submission.submissionRef,
              },
            ]
          : [],
        timeline: [
          {
            type: 'notice-submitted',
            message: `Notice ${notice.templateId} submitted (${submission.submissionRef})`,
            after: { submittedAt, submissionRef: submission.submissionRef },
          },
        ],
      };
    });
  }

  async exportReport(
    id: string,
    access: IncidentReadAccess = READ_ALL,
  ): Promise<string> {
    const { incident, chain, now } = await this.reportInputs(id, access);
    return renderIncidentReport(incident, now, chain);
  }

  /** The report as PDF: the same content, laid out for filing. */
  async exportReportPdf(
    id: string,
    access: IncidentReadAccess = READ_ALL,
  ): Promise<Buffer> {
    const { incident, chain, now } = await this.reportInputs(id, access);
    return renderIncidentReportPdf(incident, now, chain);
  }

  /** Recomputes the timeline's hash chain; 404 when the caller may not read it. */
  async verifyTimeline(
    id: string,
    access: IncidentReadAccess = READ_ALL,
  ): Promise<TimelineVerification> {
    await this.get(id, access);
    return this.chainOf(id);
  }

  private async reportInputs(id: string, access: IncidentReadAccess) {
    const incident = await this.get(id, access);
    const chain = await this.chainOf(id);
    return { incident, chain, now: new Date(chain.verifiedAt) };
  }

  private async chainOf(id: string): Promise<TimelineVerification> {
    const chain = await this.store.verifyTimeline(id, this.clock());
    if (!chain) {
      throw new NotFoundError(`No incident ${id}`);
    }
    return chain;
  }

  /** Submitted between awareness and now; 400 naming submittedAt. */
  private assertSubmittedAt(current: IncidentRecord, submittedAt: string) {
    assertDateBetween(
      'submittedAt',
      submittedAt,
      {
        at: Date.parse(current.awareAt),
        what: `the organisation became aware (${current.awareAt})`,
      },
      this.clock(),
    );
  }

  private notice(current: IncidentRecord, noticeId: string) {
    const notice = current.notices.find(n => n.id === noticeId);
    if (!notice) {
      throw new NotFoundError(
        `No notice ${noticeId} in incident ${current.id}`,
      );
    }
    return notice;
  }

  private reevaluate(
    current: IncidentRecord,
    assessment: Record<string, unknown>,
    awareAt: string,
  ) {
    const facts = current.facts as IncidentFacts | undefined;
    if (!facts) {
      throw new ConflictError(
        'facts: this incident was launched without obligation facts and cannot be re-evaluated',
      );
    }
    const report = this.planner.evaluate(
      {
        ...facts,
        clocks: { ...facts.clocks, aware: awareAt },
        answers: { ...facts.answers, ...engineAnswers(assessment) },
      },
      this.clock(),
    );
    const obligations = obligationsFromReport(report, current.obligations, {
      exposure: assessment.exposure as 'confirmed' | 'suspected' | undefined,
    });
    return {
      obligations,
      changes: obligationChanges(current.obligations, obligations),
    };
  }

  private async update(
    id: string,
    actor: string,
    decide: Parameters<IncidentStore['updateIncident']>[2],
  ): Promise<IncidentRecord> {
    const updated = await this.store.updateIncident(id, actor, decide);
    if (!updated) {
      throw new NotFoundError(`No incident ${id}`);
    }
    return this.withProvenance(updated);
  }
}
