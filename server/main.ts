import { serve } from '@hono/node-server';
import { createApp, createServices } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, readConfig, type Config } from './config.js';
import { startCheckpointer } from './db/checkpointer.js';
import { ForeignDatabaseError, openDatabase, type Db } from './db/database.js';
import { seedDemo } from './demo/seed.js';
import { startJobs } from './jobs/jobs.js';
import { log } from './log.js';

/**
 * Opens the database, or stops with one line that names the file and what to do: a damaged or
 * foreign file must never be "repaired" by writing Plek's tables into it.
 */
function openOrExplain(file: string): Db {
  try {
    return openDatabase(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why =
      err instanceof ForeignDatabaseError
        ? `is a database of another program: ${err.message}`
        : code === 'SQLITE_NOTADB'
          ? 'is not an SQLite database (damaged, encrypted, or another kind of file)'
          : code === 'SQLITE_CORRUPT'
            ? 'is damaged'
            : code?.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM'
              ? `cannot be opened for writing (${code}): check that the folder exists and belongs to the user running Plek`
              : null;
    if (!why) throw err;
    console.error(`plek: the database ${file} (PLEK_DB) ${why}. Nothing was changed. Restore the latest backup (README, "Backups") or point PLEK_DB at the right file.`);
    process.exit(3);
  }
}

/** Reads config, opens the database, runs migrations, starts HTTP and the jobs. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = readConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`plek: invalid configuration: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }

  log.level = config.logLevel;
  const db = openOrExplain(config.dbFile);
  const checkpointer = startCheckpointer(db, config.dbFile);
  const services = createServices(db, systemClock, config);
  const admin = config.admin && (await services.admin.ensureAdmin(config.admin.email, config.admin.password));
  if (admin === 'created') log.info({ actor: 'system', action: 'admin.create', object: config.admin!.email, result: 'ok' }, `created admin ${config.admin!.email}`);
  if (admin === 'restored') log.warn({ actor: 'system', action: 'admin.restore', object: config.admin!.email, result: 'ok' }, `no active admin: enabled ${config.admin!.email} as admin with the password from PLEK_ADMIN_PASSWORD`);
  if (config.demo) {
    const demo = await seedDemo(services);
    if (demo) {
      console.log('plek: demo data loaded. Sign in with (password for all: ' + demo.password + '):');
      for (const u of demo.users) console.log(`  ${u.email.padEnd(28)} ${u.roles.join(', ')}`);
    }
  }
  const jobs = startJobs(services);
  const app = createApp(services);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log.info({ port: info.port, database: config.dbFile }, `listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port} (database ${config.dbFile})`);
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(`plek: cannot listen on ${config.host}:${config.port}: ${err.code ?? err.message}`);
    process.exit(1);
  });

  // Finish open requests, then close the database cleanly (the WAL is checkpointed on close).
  const shutdown = (signal: string) => {
    log.info({ signal }, `${signal}, shutting down`);
    jobs.stop();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(() => {
      void checkpointer.stop().then(() => {
        db.close();
        process.exit(0);
      });
    });
    // Event streams never end by themselves; close idle and streaming sockets.
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    setTimeout(() => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(), 3_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(`plek: failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
