import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Binary column (checkpoint weights). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | Buffer }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (v instanceof Uint8Array ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : v),
});

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** A saved graph; its content lives in immutable `graph_versions` rows. */
export const graphs = pgTable('graphs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Number of the newest version (1-based). */
  latestVersion: integer('latest_version').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Each save adds a row; rows are never updated. `text` is the exact JSON saved (export returns it verbatim). */
export const graphVersions = pgTable(
  'graph_versions',
  {
    graphId: text('graph_id').notNull().references(() => graphs.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The graph document's format version (formats/graph-document.ts GRAPH_VERSION at save time). */
    formatVersion: integer('format_version').notNull(),
    document: jsonb('document').notNull(),
    text: text('text').notNull(),
    message: text('message'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.graphId, t.version] })],
);

/** User-saved templates (the built-ins come from templates/). */
export const templates = pgTable('templates', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  taxonomy: text('taxonomy'),
  formatVersion: integer('format_version').notNull(),
  document: jsonb('document').notNull(),
  /** Who published it, as they typed it (no accounts: a name for the gallery card). */
  author: text('author'),
  /** Unpublished templates leave the gallery but are kept until deleted. */
  published: boolean('published').notNull().default(true),
  createdAt: createdAt(),
});

/** A sweep: one graph with swept parameters, trained as one run per combination (its members, in `runs`). */
export const sweeps = pgTable('sweeps', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  graphId: text('graph_id').references(() => graphs.id, { onDelete: 'set null' }),
  graphVersion: integer('graph_version'),
  /** The graph document with its `sweeps` (format 3): "use this member" writes a member's values into it. */
  document: jsonb('document').notNull(),
  /** [{ key, nodeId, param, values }] in the order members vary (the first axis slowest). */
  axes: jsonb('axes').notNull(),
  memberCount: integer('member_count').notNull(),
  cancelRequested: integer('cancel_requested').notNull().default(0),
  createdAt: createdAt(),
});

export const runStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const runs = pgTable(
  'runs',
  {
    id: text('id').primaryKey(),
    status: text('status', { enum: runStatuses }).notNull().default('queued'),
    graphId: text('graph_id').references(() => graphs.id, { onDelete: 'set null' }),
    graphVersion: integer('graph_version'),
    graphName: text('graph_name').notNull(),
    plan: jsonb('plan').notNull(),
    /** 'any' | 'gpu' as asked by the plan. */
    device: text('device').notNull(),
    /** The TF.js backend the run actually used (from its 'started' event). */
    backend: text('backend'),
    /** Which worker (host:pid) holds the run. */
    worker: text('worker'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    /** The run this one retries (runs.retry makes a new run with the same plan). */
    retryOf: text('retry_of'),
    /** Wall-clock limit; past it the run is stopped and marked failed. */
    timeLimitSeconds: integer('time_limit_seconds').notNull().default(3600),
    /** Queue job id (pg-boss) in server mode. */
    jobId: text('job_id'),
    cancelRequested: integer('cancel_requested').notNull().default(0),
    result: jsonb('result'),
    error: text('error'),
    /** Highest event seq written (events are numbered 1..n). */
    lastSeq: integer('last_seq').notNull().default(0),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }),
    /** The sweep this run is a member of, and its position there (null: a plain run). */
    sweepId: text('sweep_id').references(() => sweeps.id, { onDelete: 'cascade' }),
    sweepMember: integer('sweep_member'),
  },
  (t) => [index('runs_status_idx').on(t.status), index('runs_created_idx').on(t.createdAt), index('runs_sweep_idx').on(t.sweepId)],
);

/** The run's event log: the source of live progress and of late-join replay. */
export const runEvents = pgTable(
  'run_events',
  {
    runId: text('run_id').notNull().references(() => runs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/** Latest checkpoint per run (epoch boundary), so a re-queued run resumes. */
export const checkpoints = pgTable('checkpoints', {
  runId: text('run_id').primaryKey().references(() => runs.id, { onDelete: 'cascade' }),
  track: text('track').notNull(),
  stage: integer('stage').notNull(),
  epoch: integer('epoch').notNull(),
  /** Inline weights (server-mode workers); empty when `file` holds them. */
  data: bytea('data').notNull(),
  /** Embedded mode: the file the training process wrote the weights to (the web process never holds them). */
  file: text('file'),
  createdAt: createdAt(),
});

export const datasets = pgTable(
  'datasets',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    format: text('format', { enum: ['csv', 'idx', 'zip', 'model'] }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    path: text('path').notNull(),
    labelColumn: text('label_column'),
    /** { width, classes, labelled, imageShape, rows } from inspectUpload. */
    metadata: jsonb('metadata').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('datasets_sha_idx').on(t.sha256)],
);

/** Exported models (TF.js format only). */
export const artifacts = pgTable('artifacts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  runId: text('run_id').references(() => runs.id, { onDelete: 'set null' }),
  name: text('name').notNull(),
  path: text('path').notNull(),
  createdAt: createdAt(),
});

/** Read-only share links: token → graph (optionally pinned to one version). */
export const shareLinks = pgTable('share_links', {
  token: text('token').primaryKey(),
  graphId: text('graph_id').notNull().references(() => graphs.id, { onDelete: 'cascade' }),
  graphVersion: integer('graph_version'),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});
