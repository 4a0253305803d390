import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ParsedDetection } from './parseDetection';

const migrationsDir = resolvePackagePath(
  '@leak-response/plugin-leak-response-backend',
  'migrations',
);

/** What happened to one delivery of a finding. */
export type DetectionOutcome =
  | 'pending'
  | 'incident-created'
  | 'incident-updated'
  | 'unmapped'
  /** Can never be stored as it is (the database refused its values). */
  | 'rejected';

/** A stored detection, as the API lists it. */
export interface StoredDetection {
  id: string;
  source: string;
  findingId: string;
  revision: string;
  findingType: string;
  title: string;
  severity: string;
  resourceArns: string[];
  matchedArn?: string;
  entityRef?: string;
  incidentId?: string;
  outcome: DetectionOutcome;
  firstSeenAt: string;
  receivedAt: string;
  accountId?: string;
  region?: string;
}

type Row = {
  id: string;
  source: string;
  finding_id: string;
  revision: string;
  finding_type: string;
  title: string;
  severity: string;
  resource_arns: string;
  matched_arn: string | null;
  entity_ref: string | null;
  incident_id: string | null;
  outcome: string;
  first_seen_at: Date | string | number;
  received_at: Date | string | number;
  summary: string | null;
  attempts: number | string;
  retry_at: Date | string | number | null;
};

/** When a pending delivery may be taken over (its handler died or failed). */
export interface RetryWindow {
  now: Date;
  /** A delivery never taken over before is due once received before this. */
  staleBefore: Date;
}

/** The pending deliveries that are due for another attempt. */
function due(query: Knex.QueryBuilder, window: RetryWindow) {
  return query.andWhere(q =>
    q
      .where(first =>
        first
          .whereNull('retry_at')
          .andWhere('received_at', '<', window.staleBefore),
      )
      .orWhere('retry_at', '<=', window.now),
  );
}

function toDetection(row: Row): StoredDetection {
  const summary = row.summary ? JSON.parse(row.summary) : {};
  return {
    id: row.id,
    source: row.source,
    findingId: row.finding_id,
    revision: row.revision,
    findingType: row.finding_type,
    title: row.title,
    severity: row.severity,
    resourceArns: JSON.parse(row.resource_arns),
    matchedArn: row.matched_arn ?? undefined,
    entityRef: row.entity_ref ?? undefined,
    incidentId: row.incident_id ?? undefined,
    outcome: row.outcome as DetectionOutcome,
    firstSeenAt: new Date(row.first_seen_at).toISOString(),
    receivedAt: new Date(row.received_at).toISOString(),
    accountId: summary.accountId,
    region: summary.region,
  };
}

/** Deliveries of AWS findings: the deduplication record and the unmapped list. */
export class DetectionStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DetectionStore> {
    const client = await options.database.getClient();
    const skip =
      options.skipMigrations ?? options.database.migrations?.skip ?? false;
    if (!skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DetectionStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Records a delivery. Returns `claimed: true` when this call stored it;
   * otherwise the stored row (a redelivery, or one in progress elsewhere).
   */
  async claim(
    detection: ParsedDetection,
    now: Date,
  ): Promise<{ claimed: boolean; row: StoredDetection }> {
    const id = randomUUID();
    const inserted = await this.db<Row>('detections')
      .insert({
        id,
        source: detection.source,
        finding_id: detection.findingId,
        revision: detection.revision,
        finding_type: detection.findingType.slice(0, 256),
        title: detection.title.slice(0, 500),
        severity: detection.severity,
        resource_arns: JSON.stringify(detection.resourceArns),
        matched_arn: null,
        entity_ref: null,
        incident_id: null,
        outcome: 'pending',
        first_seen_at: new Date(detection.firstSeenAt),
        received_at: now,
        summary: JSON.stringify({
          accountId: detection.accountId,
          region: detection.region,
          kind: detection.kind,
        }),
      } as any)
      .onConflict(['source', 'finding_id', 'revision'])
      .ignore()
      .returning('id');
    const row = await this.db<Row>('detections')
      .where({
        source: detection.source,
        finding_id: detection.findingId,
        revision: detection.revision,
      })
      .first();
    if (!row) {
      throw new Error(
        `Detection ${detection.source}/${detection.findingId} neither stored nor found`,
      );
    }
    return { claimed: inserted.length > 0, row: toDetection(row) };
  }

  /**
   * Pending deliveries due for another attempt: their handler died between
   * recording and settling them, or failed. Rebuilt from what was recorded.
   */
  async listStale(
    window: RetryWindow,
    limit = 100,
  ): Promise<Array<{ id: string; detection: ParsedDetection }>> {
    const rows: Row[] = await due(
      this.db<Row>('detections').where({ outcome: 'pending' }),
      window,
    )
      .orderBy('received_at', 'asc')
      .limit(limit);
    return rows.map(row => {
      const summary = row.summary ? JSON.parse(row.summary) : {};
      return {
        id: row.id,
        detection: {
          source: row.source as ParsedDetection['source'],
          findingId: row.finding_id,
          revision: row.revision,
          findingType: row.finding_type,
          title: row.title,
          severity: row.severity as ParsedDetection['severity'],
          firstSeenAt: new Date(row.first_seen_at).toISOString(),
          resourceArns: JSON.parse(row.resource_arns),
          kind: summary.kind ?? 'data-access',
          accountId: summary.accountId,
          region: summary.region,
        },
      };
    });
  }

  /**
   * Takes over a pending delivery that is due (its handler died or failed),
   * counting the attempt and setting when the next one may be, from
   * `retryAt(attempt)`. Returns the attempt number, or undefined when the
   * delivery is not due or another caller took it first.
   */
  async reclaim(
    id: string,
    window: RetryWindow & { retryAt: (attempt: number) => Date },
  ): Promise<number | undefined> {
    const row = await due(
      this.db<Row>('detections').where({ id, outcome: 'pending' }),
      window,
    ).first('attempts');
    if (!row) return undefined;
    const attempt = Number(row.attempts) + 1;
    const updated = await due(
      this.db<Row>('detections').where({
        id,
        outcome: 'pending',
        attempts: row.attempts,
      }),
      window,
    ).update({
      received_at: window.now,
      attempts: attempt,
      retry_at: window.retryAt(attempt),
    } as any);
    return updated > 0 ? attempt : undefined;
  }

  async settle(
    id: string,
    result: {
      outcome: Exclude<DetectionOutcome, 'pending'>;
      matchedArn?: string;
      entityRef?: string;
      incidentId?: string;
    },
  ): Promise<void> {
    await this.db<Row>('detections')
      .where({ id })
      .update({
        outcome: result.outcome,
        matched_arn: result.matchedArn ?? null,
        entity_ref: result.entityRef ?? null,
        incident_id: result.incidentId ?? null,
      } as any);
  }

  /** Findings no catalog entity claims, newest first. */
  async listUnmapped(options: { limit?: number; offset?: number } = {}) {
    const query = this.db<Row>('detections').where({ outcome: 'unmapped' });
    const [{ count }] = await query
      .clone()
      .count<Array<{ count: number | string }>>({ count: '*' });
    const rows = await query
      .orderBy([
        { column: 'received_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(Math.min(options.limit ?? 100, 500))
      .offset(options.offset ?? 0);
    return { items: rows.map(toDetection), totalCount: Number(count) };
  }

  /**
   * The incident an earlier revision of this finding opened or updated, and
   * the ARN and entity it was matched to; undefined when there is none yet.
   */
  async incidentOf(
    source: string,
    findingId: string,
  ): Promise<
    { incidentId: string; matchedArn: string; entityRef: string } | undefined
  > {
    const row = await this.db<Row>('detections')
      .where({ source, finding_id: findingId })
      .whereIn('outcome', ['incident-created', 'incident-updated'])
      .whereNotNull('incident_id')
      .orderBy('received_at', 'asc')
      .first();
    if (!row?.incident_id) return undefined;
    return {
      incidentId: row.incident_id,
      matchedArn: row.matched_arn ?? '',
      entityRef: row.entity_ref ?? '',
    };
  }

  async listForFinding(source: string, findingId: string) {
    const rows = await this.db<Row>('detections')
      .where({ source, finding_id: findingId })
      .orderBy('received_at', 'asc');
    return rows.map(toDetection);
  }
}
