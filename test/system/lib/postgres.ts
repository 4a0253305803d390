/*
 * The system tests' own PostgreSQL databases: one prefix per run (each
 * plugin gets `<prefix><pluginId>`), dropped at the end. The server's other
 * databases are never touched.
 */
import { randomBytes } from 'node:crypto';
import knexFactory, { Knex } from 'knex';

const CONNECTION = { host: '127.0.0.1', port: 5432, user: 'postgres' };

export function newDatabasePrefix(kind: string): string {
  return `leak_response_system_${kind}_${randomBytes(4).toString('hex')}_`;
}

/** A client of one plugin's database under the prefix. */
export function pluginDatabase(prefix: string, pluginId: string): Knex {
  return knexFactory({
    client: 'pg',
    connection: { ...CONNECTION, database: `${prefix}${pluginId}` },
    pool: { min: 0, max: 2 },
  });
}

export async function dropDatabases(prefix: string): Promise<string[]> {
  if (!/^leak_response_system_[a-z]+_[0-9a-f]{8}_$/.test(prefix)) {
    throw new Error(`refusing to drop databases under prefix ${prefix}`);
  }
  const admin = knexFactory({
    client: 'pg',
    connection: { ...CONNECTION, database: 'postgres' },
  });
  try {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${prefix.replace(/_/g, '\\_')}%`],
    );
    const names: string[] = rows.map((r: { datname: string }) => r.datname);
    for (const name of names) {
      await admin.raw('drop database if exists ?? with (force)', [name]);
    }
    return names;
  } finally {
    await admin.destroy();
  }
}
