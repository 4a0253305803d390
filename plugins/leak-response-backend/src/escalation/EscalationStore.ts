import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@leak-response/plugin-leak-response-backend',
  'migrations',
);

/** What became of a claimed escalation. */
export type ClaimOutcome = 'sending' | 'sent' | 'superseded' | 'no-recipients';

export interface EscalationClaim {
  obligationId: string;
  incidentId: string;
  threshold: string;
  claimedBy: string;
  claimedAt: string;
  outcome: ClaimOutcome;
  recipients?: string[];
}

type Row = {
  obligation_id: string;
  incident_id: string;
  threshold: string;
  claimed_by: string;
  claimed_at: Date | string | number;
  outcome: string;
  recipients: string | null;
};

/**
 * Claim rows that make each escalation happen once: the replica whose insert
 * of (obligation, threshold) succeeds sends it; every other one skips it.
 */
export class EscalationStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<EscalationStore> {
    const client = await options.database.getClient();
    const skip =
      options.skipMigrations ?? options.database.migrations?.skip ?? false;
    if (!skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new EscalationStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * True when this call won the claim: it inserted the row, or took over a
   * claim left `sending` since before `sendingSince` (its replica crashed
   * between claiming and settling, or could not give it back).
   */
  async claim(claim: {
    obligationId: string;
    incidentId: string;
    threshold: string;
    claimedBy: string;
    now: Date;
    /** Record a threshold passed over for a later one (nothing is sent). */
    superseded?: boolean;
    /** A claim still `sending` that was made before this is taken over. */
    sendingSince?: Date;
  }): Promise<boolean> {
    const inserted = await this.db<Row>('escalation_claims')
      .insert({
        obligation_id: claim.obligationId,
        incident_id: claim.incidentId,
        threshold: claim.threshold,
        claimed_by: claim.claimedBy,
        claimed_at: claim.now,
        outcome: claim.superseded ? 'superseded' : 'sending',
        recipients: null,
      } as any)
      .onConflict(['obligation_id', 'threshold'])
      .ignore()
      .returning('obligation_id');
    if (inserted.length > 0) return true;
    if (claim.superseded || !claim.sendingSince) return false;
    // One conditional update: of two replicas taking over, one matches.
    const taken = await this.db<Row>('escalation_claims')
      .where({
        obligation_id: claim.obligationId,
        threshold: claim.threshold,
        outcome: 'sending',
      })
      .andWhere('claimed_at', '<', claim.sendingSince)
      .update({ claimed_by: claim.claimedBy, claimed_at: claim.now } as any);
    return taken > 0;
  }

  async settle(
    obligationId: string,
    threshold: string,
    outcome: Exclude<ClaimOutcome, 'sending'>,
    recipients?: string[],
  ): Promise<void> {
    await this.db<Row>('escalation_claims')
      .where({ obligation_id: obligationId, threshold })
      .update({
        outcome,
        recipients: recipients ? JSON.stringify(recipients) : null,
      } as any);
  }

  /** Gives a claim back when sending failed, so a later run retries it. */
  async release(obligationId: string, threshold: string): Promise<void> {
    await this.db<Row>('escalation_claims')
      .where({ obligation_id: obligationId, threshold, outcome: 'sending' })
      .delete();
  }

  async listClaims(
    filter: { incidentId?: string } = {},
  ): Promise<EscalationClaim[]> {
    const query = this.db<Row>('escalation_claims');
    if (filter.incidentId) {
      query.where({ incident_id: filter.incidentId });
    }
    const rows = await query.orderBy([
      { column: 'claimed_at', order: 'asc' },
      { column: 'obligation_id', order: 'asc' },
      { column: 'threshold', order: 'asc' },
    ]);
    return rows.map(row => ({
      obligationId: row.obligation_id,
      incidentId: row.incident_id,
      threshold: row.threshold,
      claimedBy: row.claimed_by,
      claimedAt: new Date(row.claimed_at).toISOString(),
      outcome: row.outcome as ClaimOutcome,
      recipients: row.recipients ? JSON.parse(row.recipients) : undefined,
    }));
  }
}
