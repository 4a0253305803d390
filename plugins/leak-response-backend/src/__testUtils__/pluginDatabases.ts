/*
 * Real databases for a test backend that runs Backstage's database service:
 * on PostgreSQL one database per plugin under a unique prefix, on SQLite one
 * file per plugin in a fresh folder (in-memory SQLite would be shared with
 * the other test files of this worker).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import knexFactory from 'knex';

const PG = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

async function dropPostgresDatabases(prefix: string) {
  const admin = knexFactory({ client: 'pg', connection: PG });
  try {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}

/**
 * The `backend.database` config for `databaseId` (SQLITE_3 or POSTGRES_15),
 * and `remove()` to drop what the plugins created once the backend stopped.
 */
export function pluginDatabases(databaseId: TestDatabaseId) {
  const prefix = `lr_test_${randomBytes(4).toString('hex')}_`;
  if (databaseId === 'POSTGRES_15') {
    return {
      config: { client: 'pg', connection: PG, prefix },
      remove: () => dropPostgresDatabases(prefix),
    };
  }
  const directory = path.join(os.tmpdir(), prefix);
  fs.mkdirSync(directory);
  return {
    config: { client: 'better-sqlite3', connection: { directory } },
    remove: async () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}
