// Plain SQL migrations: `migrations/NNN_name.sql`, each applied once, in order, in
// one transaction. An advisory lock lets several processes start at once.
import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from './db.js';

const MIGRATIONS = new URL('../migrations/', import.meta.url);
const LOCK = 7_270_001; // any constant shared by every process of this service

export async function migrate(db: Db): Promise<string[]> {
  const files = readdirSync(MIGRATIONS)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
    );
    const applied = files.filter((name) => !done.has(name));
    for (const name of applied) {
      for (const statement of splitStatements(readFileSync(new URL(name, MIGRATIONS), 'utf8'))) {
        await tx.query(statement);
      }
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    }
    return applied;
  });
}

/** Our migration files keep to one statement per `;` at a line end, with no `;` inside strings. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
