import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  IncidentStatus,
  IncidentSummary,
  LeakType,
  Severity,
} from '@leak-response/plugin-leak-response-common';
import { IncidentFilter, IncidentStore, NewIncident } from './IncidentStore';

const migrationsDir = resolvePackagePath(
  '@leak-response/plugin-leak-response-backend',
  'migrations',
);

type IncidentRow = {
  id: string;
  title: string;
  leak_type: string;
  origin_entity_ref: string;
  severity: string;
  status: string;
  exercise: boolean | number;
  summary: string | null;
  aware_at: Date | string;
  detected_at: Date | string | null;
  source: string | null;
  source_ref: string | null;
  idempotency_key: string | null;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SQLite returns timestamps as strings or epoch numbers, PostgreSQL as Dates. */
function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
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

  async createIncident(
    incident: NewIncident,
  ): Promise<{ incident: IncidentSummary; created: boolean }> {
    const id = randomUUID();
    const now = new Date();
    // A unique key (idempotency key, or source + source reference) decides
    // which of two concurrent launches wins; the loser reads the winner's row.
    await this.db<IncidentRow>('incidents')
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
        created_by: incident.createdBy,
        created_at: now,
        updated_at: now,
      })
      .onConflict()
      .ignore();

    const mine = await this.getIncident(id);
    if (mine) {
      return { incident: mine, created: true };
    }
    const existing = await this.db<IncidentRow>('incidents')
      .where(builder => {
        if (incident.idempotencyKey) {
          builder.orWhere('idempotency_key', incident.idempotencyKey);
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
    return { incident: toSummary(existing), created: false };
  }

  async getIncident(id: string): Promise<IncidentSummary | undefined> {
    // PostgreSQL rejects a malformed uuid outright; to callers it is simply not there
    if (!UUID.test(id)) {
      return undefined;
    }
    const row = await this.db<IncidentRow>('incidents').where({ id }).first();
    return row ? toSummary(row) : undefined;
  }

  async listIncidents(filter: IncidentFilter = {}): Promise<IncidentSummary[]> {
    const query = this.db<IncidentRow>('incidents').orderBy([
      { column: 'aware_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
    if (filter.status?.length) {
      query.whereIn('status', filter.status);
    }
    if (filter.originEntityRef) {
      query.where('origin_entity_ref', filter.originEntityRef);
    }
    return (await query).map(toSummary);
  }
}
