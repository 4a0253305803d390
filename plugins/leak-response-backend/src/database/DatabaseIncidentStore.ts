import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import {
  IncidentAffectedEntity,
  IncidentNotice,
  IncidentObligation,
  IncidentObligationStatus,
  IncidentRecord,
  IncidentStatus,
  IncidentSummary,
  IncidentTask,
  LeakType,
  Severity,
  TimelineEvent,
  TimelineVerification,
} from '@leak-response/plugin-leak-response-common';
import {
  IncidentChange,
  IncidentFilter,
  IncidentPermissionQuery,
  IncidentReadCriteria,
  IncidentStore,
  NewIncident,
  NewTimelineEvent,
} from './IncidentStore';
import { normalizedRef } from './entityRefs';
import { appendChainedEvents, verifyIncidentTimeline } from './timelineChain';
import { noticeVersion } from '../notices/version';

const migrationsDir = resolvePackagePath(
  '@leak-response/plugin-leak-response-backend',
  'migrations',
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 500;

type Timestamp = Date | string | number;

type IncidentRow = {
  id: string;
  title: string;
  leak_type: string;
  origin_entity_ref: string;
  severity: string;
  status: string;
  exercise: boolean | number;
  summary: string | null;
  aware_at: Timestamp;
  detected_at: Timestamp | null;
  source: string | null;
  source_ref: string | null;
  idempotency_key: string | null;
  idempotency_caller?: string | null;
  idempotency_hash?: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  playbook_id: string | null;
  playbook_version: string | null;
  assessment: string | null;
  facts: string | null;
  rules_version?: string | null;
};

type EntityRow = {
  incident_id: string;
  entity_ref: string;
  role: string;
  owner_ref: string | null;
  system_ref: string | null;
  snapshot: string;
  added_at: Timestamp;
  added_by: string;
  removed_at: Timestamp | null;
};

type TaskRow = {
  id: string;
  incident_id: string;
  position: number;
  step_id: string;
  title: string;
  description: string | null;
  responsible: string;
  accountable: string | null;
  due_at: Timestamp | null;
  done_by: string | null;
  done_at: Timestamp | null;
};

type ObligationRow = {
  id: string;
  incident_id: string;
  rule_id: string;
  regime: string;
  recipient: string;
  stage: string;
  status: string;
  due_at: Timestamp | null;
  due_text: string | null;
  evaluation: string;
  justification: string | null;
  decided_by: string | null;
  submitted_at: Timestamp | null;
  submission_ref: string | null;
  updated_at: Timestamp;
};

type NoticeRow = {
  id: string;
  incident_id: string;
  obligation_id: string | null;
  template_id: string;
  status: string;
  body: string;
  approved_by: string | null;
  approved_at: Timestamp | null;
  submitted_at: Timestamp | null;
  submission_ref: string | null;
  edited_by?: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

type TimelineRow = {
  sequence: number | string;
  incident_id: string;
  at: Timestamp;
  actor: string;
  type: string;
  message: string;
  before: string | null;
  after: string | null;
};

/** SQLite returns timestamps as strings or epoch numbers, PostgreSQL as Dates. */
function toIso(value: Timestamp): string {
  return new Date(value).toISOString();
}

function optionalIso(value: Timestamp | null): string | undefined {
  return value === null || value === undefined ? undefined : toIso(value);
}

function optional<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

function parseJson(value: string | null): unknown {
  return value === null ? undefined : JSON.parse(value);
}

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function toSummary(row: IncidentRow): IncidentSummary {
  return {
    id: row.id,
    title: row.title,
    leakType: row.leak_type as LeakType,
    originEntityRef: row.origin_entity_ref,
    severity: row.severity as Severity,
    status: row.status as IncidentStatus,
    exercise: Boolean(row.exercise),
    awareAt: toIso(row.aware_at),
    createdAt: toIso(row.created_at),
    createdBy: row.created_by,
  };
}

function toAffected(row: EntityRow): IncidentAffectedEntity {
  return {
    entityRef: row.entity_ref,
    role: row.role,
    snapshot: JSON.parse(row.snapshot),
    addedAt: toIso(row.added_at),
    addedBy: row.added_by,
    removedAt: optionalIso(row.removed_at),
  };
}

function toTask(row: TaskRow): IncidentTask {
  return {
    id: row.id,
    position: Number(row.position),
    stepId: row.step_id,
    title: row.title,
    description: optional(row.description),
    responsible: JSON.parse(row.responsible),
    accountable: optional(row.accountable),
    dueAt: optionalIso(row.due_at),
    doneBy: optional(row.done_by),
    doneAt: optionalIso(row.done_at),
  };
}

function toObligation(row: ObligationRow): IncidentObligation {
  return {
    id: row.id,
    ruleId: row.rule_id,
    regime: row.regime,
    recipient: row.recipient,
    stage: row.stage,
    status: row.status as IncidentObligationStatus,
    dueAt: optionalIso(row.due_at),
    dueText: optional(row.due_text),
    evaluation: JSON.parse(row.evaluation),
    justification: optional(row.justification),
    decidedBy: optional(row.decided_by),
    submittedAt: optionalIso(row.submitted_at),
    submissionRef: optional(row.submission_ref),
    updatedAt: toIso(row.updated_at),
  };
}

function toNotice(row: NoticeRow): IncidentNotice {
  return {
    id: row.id,
    obligationId: optional(row.obligation_id),
    templateId: row.template_id,
    status: row.status as IncidentNotice['status'],
    body: row.body,
    approvedBy: optional(row.approved_by),
    approvedAt: optionalIso(row.approved_at),
    submittedAt: optionalIso(row.submitted_at),
    submissionRef: optional(row.submission_ref),
    createdBy: row.created_by,
    editedBy: optional(row.edited_by ?? null),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    version: noticeVersion(row.body),
  };
}

function toTimeline(row: TimelineRow): TimelineEvent {
  return {
    sequence: Number(row.sequence),
    at: toIso(row.at),
    actor: row.actor,
    type: row.type,
    message: row.message,
    before: parseJson(row.before),
    after: parseJson(row.after),
  };
}

/** The rule queries of criteria that are all plain rules, else undefined. */
function ruleQueries(
  criteria: IncidentReadCriteria[],
): IncidentPermissionQuery[] | undefined {
  const rules: IncidentPermissionQuery[] = [];
  for (const inner of criteria) {
    if (isAndCriteria(inner) || isOrCriteria(inner) || isNotCriteria(inner)) {
      return undefined;
    }
    rules.push(inner);
  }
  return rules;
}

/** The knex implementation of {@link IncidentStore}, on SQLite or PostgreSQL. */
export class DatabaseIncidentStore implements IncidentStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseIncidentStore> {
    const client = await options.database.getClient();
    const skip =
      options.skipMigrations ?? options.database.migrations?.skip ?? false;
    if (!skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseIncidentStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async createIncident(incident: NewIncident): Promise<{
    incident: IncidentRecord;
    created: boolean;
    idempotencyHash?: string;
  }> {
    const id = randomUUID();
    const now = new Date();
    const created = await this.db.transaction(async tx => {
      // A unique key (idempotency key, or source + source reference) decides
      // which of two concurrent launches wins; the loser reads the winner's row.
      const inserted = await tx<IncidentRow>('incidents')
        .insert({
          id,
          title: incident.title,
          leak_type: incident.leakType,
          origin_entity_ref: incident.originEntityRef,
          severity: incident.severity,
          status: 'triage',
          exercise: incident.exercise,
          summary: incident.summary ?? null,
          aware_at: incident.awareAt,
          detected_at: incident.detectedAt ?? null,
          source: incident.source ?? null,
          source_ref: incident.sourceRef ?? null,
          idempotency_key: incident.idempotencyKey ?? null,
          idempotency_caller: incident.idempotencyKey
            ? incident.createdBy
            : null,
          idempotency_hash: incident.idempotencyKey
            ? incident.idempotencyHash ?? null
            : null,
          created_by: incident.createdBy,
          created_at: now,
          updated_at: now,
          playbook_id: incident.playbookId ?? null,
          playbook_version: incident.playbookVersion ?? null,
          assessment: toJson(incident.assessment ?? {}),
          facts: toJson(incident.facts),
          rules_version: incident.rulesVersion ?? null,
        } as any)
        .onConflict()
        .ignore()
        .returning('id');
      if (inserted.length === 0) {
        return false;
      }
      await this.applyChange(
        tx,
        id,
        incident.createdBy,
        {
          addAffected: incident.affected,
          upsertObligations: incident.obligations,
          timeline: incident.timeline ?? [],
        },
        now,
      );
      if (incident.tasks?.length) {
        await tx<TaskRow>('incident_tasks').insert(
          incident.tasks.map(task => ({
            id: randomUUID(),
            incident_id: id,
            position: task.position,
            step_id: task.stepId,
            title: task.title,
            description: task.description ?? null,
            responsible: JSON.stringify(task.responsible),
            accountable: task.accountable ?? null,
            due_at: task.dueAt ? new Date(task.dueAt) : null,
            done_by: null,
            done_at: null,
          })) as any,
        );
      }
      return true;
    });

    if (created) {
      return { incident: (await this.getIncident(id))!, created: true };
    }
    const existing = await this.db<IncidentRow>('incidents')
      .where(builder => {
        if (incident.idempotencyKey) {
          builder.orWhere(inner =>
            inner
              .where('idempotency_caller', incident.createdBy)
              .andWhere('idempotency_key', incident.idempotencyKey!),
          );
        }
        if (incident.source && incident.sourceRef) {
          builder.orWhere(inner =>
            inner
              .where('source', incident.source!)
              .andWhere('source_ref', incident.sourceRef!),
          );
        }
      })
      .first();
    if (!existing) {
      throw new Error(
        `Incident ${id} was neither stored nor found by its unique keys`,
      );
    }
    return {
      incident: (await this.getIncident(existing.id))!,
      created: false,
      idempotencyHash: optional(existing.idempotency_hash ?? null),
    };
  }

  async getIncident(id: string): Promise<IncidentRecord | undefined> {
    return this.readRecord(this.db, id);
  }

  async listIncidents(
    filter: IncidentFilter = {},
  ): Promise<{ items: IncidentSummary[]; totalCount: number }> {
    const query = this.db<IncidentRow>('incidents');
    if (filter.status?.length) {
      query.whereIn('status', filter.status);
    }
    if (filter.open !== undefined) {
      query.where('status', filter.open ? '<>' : '=', 'closed');
    }
    if (filter.exercise !== undefined) {
      query.where('exercise', filter.exercise);
    }
    if (filter.leakType?.length) {
      query.whereIn('leak_type', filter.leakType);
    }
    if (filter.originEntityRef) {
      query.where('origin_entity_ref', filter.originEntityRef);
    }
    for (const [column, ref] of [
      ['owner_ref', normalizedRef(filter.owner, 'group')],
      ['system_ref', normalizedRef(filter.system, 'system')],
    ] as const) {
      if (ref) {
        query.whereIn(
          'id',
          this.db<EntityRow>('incident_entities')
            .select('incident_id')
            .where(column, ref)
            .whereNull('removed_at'),
        );
      }
    }
    if (filter.affectedEntityRef) {
      query.whereIn(
        'id',
        this.db<EntityRow>('incident_entities')
          .select('incident_id')
          .where('entity_ref', filter.affectedEntityRef)
          .whereNull('removed_at'),
      );
    }
    if (filter.readable) {
      const readable = filter.readable;
      query.where(builder => this.whereReadable(builder, readable));
    }
    const [{ count }] = await query
      .clone()
      .count<Array<{ count: number | string }>>({ count: '*' });
    const column = filter.orderBy === 'createdAt' ? 'created_at' : 'aware_at';
    const rows = await query
      .orderBy([
        { column, order: filter.order ?? 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(Math.min(filter.limit ?? 100, MAX_PAGE))
      .offset(filter.offset ?? 0);
    return { items: rows.map(toSummary), totalCount: Number(count) };
  }

  async updateIncident(
    id: string,
    actor: string,
    decide: (current: IncidentRecord) => IncidentChange,
  ): Promise<IncidentRecord | undefined> {
    if (!UUID.test(id)) {
      return undefined;
    }
    const found = await this.db.transaction(async tx => {
      // Lock the incident row (PostgreSQL) so concurrent updates serialise;
      // SQLite serialises write transactions by itself.
      const locked = await tx<IncidentRow>('incidents')
        .where({ id })
        .forUpdate()
        .first();
      if (!locked) {
        return false;
      }
      const current = (await this.readRecord(tx, id))!;
      const change = decide(current);
      await this.applyChange(tx, id, actor, change, new Date());
      return true;
    });
    return found ? this.getIncident(id) : undefined;
  }

  async verifyTimeline(
    id: string,
    now: Date,
  ): Promise<TimelineVerification | undefined> {
    return UUID.test(id) ? verifyIncidentTimeline(this.db, id, now) : undefined;
  }

  async listOpenIncidentsAffecting(
    entityRef: string,
    readable?: IncidentReadCriteria,
  ): Promise<IncidentSummary[]> {
    const { items } = await this.listIncidents({
      affectedEntityRef: entityRef,
      open: true,
      limit: MAX_PAGE,
      readable,
    });
    return items;
  }

  /**
   * The read permission's criteria as a where clause, keeping their shape
   * (all of, any of, not) so that a policy may combine rules freely. Each
   * rule is a subquery of incident ids.
   */
  private whereReadable(
    builder: Knex.QueryBuilder,
    criteria: IncidentReadCriteria,
  ): void {
    if (isAndCriteria(criteria)) {
      for (const inner of criteria.allOf) {
        builder.andWhere(b => this.whereReadable(b, inner));
      }
    } else if (isOrCriteria(criteria)) {
      const rules = ruleQueries(criteria.anyOf);
      if (rules) {
        // Any of several rules (the portal's owner-or-launcher read) as one
        // subquery, a UNION of each rule's ids: PostgreSQL plans it as one
        // semi-join using each rule's index, where an OR of the subqueries
        // would test every incident row against both.
        const [first, ...rest] = rules.map(rule => this.readableIds(rule));
        builder.whereIn(
          'incidents.id',
          rest.length ? first.union(rest) : first,
        );
        return;
      }
      for (const inner of criteria.anyOf) {
        builder.orWhere(b => this.whereReadable(b, inner));
      }
    } else if (isNotCriteria(criteria)) {
      builder.whereNot(b => this.whereReadable(b, criteria.not));
    } else {
      builder.whereIn('incidents.id', this.readableIds(criteria));
    }
  }

  /** The ids of the incidents one rule's query matches. */
  private readableIds(query: IncidentPermissionQuery): Knex.QueryBuilder {
    if (query.key === 'creator') {
      const creators = query.values
        .map(value => normalizedRef(value, 'user'))
        .filter((ref): ref is string => ref !== null);
      // created_by keeps the caller's spelling; lower(created_by) has an
      // index (migration 20261201060000). An empty list matches nothing, as
      // knex's whereIn would write it.
      return this.db<IncidentRow>('incidents')
        .select('id')
        .whereRaw(
          creators.length
            ? `lower(??) in (${creators.map(() => '?').join(', ')})`
            : '1 = 0',
          creators.length ? ['incidents.created_by', ...creators] : [],
        );
    }
    const owners = query.values
      .map(value => normalizedRef(value, 'group'))
      .filter((ref): ref is string => ref !== null);
    // an empty list matches nothing (knex writes a false condition)
    return this.db<EntityRow>('incident_entities')
      .select('incident_id')
      .whereIn('owner_ref', owners)
      .whereNull('removed_at');
  }

  private async readRecord(
    db: Knex | Knex.Transaction,
    id: string,
  ): Promise<IncidentRecord | undefined> {
    // PostgreSQL rejects a malformed uuid outright; to callers it is simply not there
    if (!UUID.test(id)) {
      return undefined;
    }
    const row = await db<IncidentRow>('incidents').where({ id }).first();
    if (!row) {
      return undefined;
    }
    const [entities, tasks, obligations, notices, timeline] = await Promise.all(
      [
        db<EntityRow>('incident_entities')
          .where({ incident_id: id })
          .orderBy('added_at')
          .orderBy('entity_ref'),
        db<TaskRow>('incident_tasks')
          .where({ incident_id: id })
          .orderBy('position'),
        db<ObligationRow>('incident_obligations')
          .where({ incident_id: id })
          .orderBy('rule_id'),
        db<NoticeRow>('incident_notices')
          .where({ incident_id: id })
          .orderBy('created_at')
          .orderBy('id'),
        db<TimelineRow>('incident_timeline')
          .where({ incident_id: id })
          .orderBy('sequence'),
      ],
    );
    return {
      ...toSummary(row),
      summary: optional(row.summary),
      detectedAt: optionalIso(row.detected_at),
      source: optional(row.source),
      sourceRef: optional(row.source_ref),
      playbookId: optional(row.playbook_id),
      playbookVersion: optional(row.playbook_version),
      assessment: (parseJson(row.assessment) as Record<string, unknown>) ?? {},
      facts: parseJson(row.facts),
      ...(row.rules_version ? { rulesVersion: row.rules_version } : {}),
      updatedAt: toIso(row.updated_at),
      affected: entities.map(toAffected),
      tasks: tasks.map(toTask),
      obligations: obligations.map(toObligation),
      notices: notices.map(toNotice),
      timeline: timeline.map(toTimeline),
    };
  }

  private async applyChange(
    tx: Knex.Transaction,
    id: string,
    actor: string,
    change: IncidentChange,
    now: Date,
  ): Promise<void> {
    const patch = change.incident ?? {};
    const incidentUpdate: Partial<Record<keyof IncidentRow, unknown>> = {
      updated_at: now,
    };
    if (patch.title !== undefined) incidentUpdate.title = patch.title;
    if (patch.status !== undefined) incidentUpdate.status = patch.status;
    if (patch.severity !== undefined) incidentUpdate.severity = patch.severity;
    if (patch.summary !== undefined) incidentUpdate.summary = patch.summary;
    if (patch.awareAt !== undefined) incidentUpdate.aware_at = patch.awareAt;
    if (patch.assessment !== undefined) {
      incidentUpdate.assessment = toJson(patch.assessment);
    }
    if (patch.facts !== undefined) {
      incidentUpdate.facts = toJson(patch.facts);
    }
    await tx('incidents').where({ id }).update(incidentUpdate);

    if (change.addAffected?.length) {
      // one statement for all rows; a re-added entity comes back with its new role
      await tx('incident_entities')
        .insert(
          change.addAffected.map(entity => ({
            incident_id: id,
            entity_ref: entity.entityRef,
            role: entity.role,
            owner_ref: normalizedRef(entity.snapshot.owner, 'group'),
            system_ref: normalizedRef(entity.snapshot.system, 'system'),
            snapshot: JSON.stringify(entity.snapshot),
            added_at: now,
            added_by: actor,
            removed_at: null,
          })),
        )
        .onConflict(['incident_id', 'entity_ref'])
        .merge(['role', 'removed_at']);
    }
    if (change.removeAffected?.length) {
      await tx('incident_entities')
        .where({ incident_id: id })
        .whereIn('entity_ref', change.removeAffected)
        .update({ removed_at: now });
    }

    if (change.upsertObligations?.length) {
      // one statement for all rules; an existing rule keeps its id and history
      await tx('incident_obligations')
        .insert(
          change.upsertObligations.map(obligation => ({
            id: randomUUID(),
            incident_id: id,
            rule_id: obligation.ruleId,
            regime: obligation.regime,
            recipient: obligation.recipient,
            stage: obligation.stage,
            status: obligation.status,
            due_at: obligation.dueAt ? new Date(obligation.dueAt) : null,
            due_text: obligation.dueText ?? null,
            evaluation: JSON.stringify(obligation.evaluation ?? null),
            justification: obligation.justification ?? null,
            updated_at: now,
          })),
        )
        .onConflict(['incident_id', 'rule_id'])
        .merge([
          'regime',
          'recipient',
          'stage',
          'status',
          'due_at',
          'due_text',
          'evaluation',
          'justification',
          'updated_at',
        ]);
    }
    for (const { id: obligationId, ...fields } of change.obligationUpdates ??
      []) {
      await tx('incident_obligations')
        .where({ id: obligationId, incident_id: id })
        .update({
          ...(fields.status !== undefined && { status: fields.status }),
          ...(fields.justification !== undefined && {
            justification: fields.justification,
          }),
          ...(fields.decidedBy !== undefined && {
            decided_by: fields.decidedBy || null,
          }),
          ...(fields.submittedAt !== undefined && {
            submitted_at: new Date(fields.submittedAt),
          }),
          ...(fields.submissionRef !== undefined && {
            submission_ref: fields.submissionRef,
          }),
          updated_at: now,
        });
    }

    for (const task of change.taskUpdates ?? []) {
      await tx('incident_tasks')
        .where({ id: task.id, incident_id: id })
        .update({
          done_by: task.doneBy ?? null,
          done_at: task.doneAt ? new Date(task.doneAt) : null,
        });
    }

    for (const notice of change.newNotices ?? []) {
      await tx('incident_notices').insert({
        id: randomUUID(),
        incident_id: id,
        obligation_id: notice.obligationId ?? null,
        template_id: notice.templateId,
        status: notice.status,
        body: notice.body,
        approved_by: notice.approvedBy ?? null,
        approved_at: notice.approvedAt ? new Date(notice.approvedAt) : null,
        submitted_at: notice.submittedAt ? new Date(notice.submittedAt) : null,
        submission_ref: notice.submissionRef ?? null,
        created_by: notice.createdBy,
        created_at: now,
        updated_at: now,
      });
    }
    for (const { id: noticeId, ...fields } of change.noticeUpdates ?? []) {
      await tx('incident_notices')
        .where({ id: noticeId, incident_id: id })
        .update({
          ...(fields.status !== undefined && { status: fields.status }),
          ...(fields.body !== undefined && { body: fields.body }),
          ...(fields.editedBy !== undefined && {
            edited_by: fields.editedBy,
          }),
          ...(fields.approvedBy !== undefined && {
            approved_by: fields.approvedBy,
          }),
          ...(fields.approvedAt !== undefined && {
            approved_at: new Date(fields.approvedAt),
          }),
          ...(fields.submittedAt !== undefined && {
            submitted_at: new Date(fields.submittedAt),
          }),
          ...(fields.submissionRef !== undefined && {
            submission_ref: fields.submissionRef,
          }),
          updated_at: now,
        });
    }

    await this.appendTimeline(tx, id, actor, change.timeline, now);
  }

  private async appendTimeline(
    tx: Knex.Transaction,
    id: string,
    actor: string,
    events: NewTimelineEvent[],
    now: Date,
  ): Promise<void> {
    if (events.length === 0) {
      return;
    }
    await appendChainedEvents(
      tx,
      id,
      events.map(event => ({
        incident_id: id,
        at: now,
        actor,
        type: event.type,
        message: event.message,
        before: toJson(event.before),
        after: toJson(event.after),
      })),
    );
  }
}
