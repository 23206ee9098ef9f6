import { z } from 'zod';
import { getNodeDefinition } from '../nodes/registry';
import { GRAPH_FORMAT, GRAPH_VERSION, graphDocumentSchema, type GraphDocument } from './graph-document';
import { limits } from './limits';

export interface MigrationError {
  /** Dotted path into the document, e.g. "nodes.3.params". */
  readonly path: string;
  readonly message: string;
}

export type MigrateResult =
  | { ok: true; document: GraphDocument; migratedFrom: number | null; migratedNodes: string[] }
  | { ok: false; errors: MigrationError[] };

/**
 * Version 0: the editor's draft shape before the format was versioned — no `format`/`version`,
 * nodes with `kind`/`data`/`x`/`y`, edges called `links` with `from`/`to`.
 */
const legacyV0Schema = z.object({
  name: z.string().min(1).max(limits.maxNameLength).default('Untitled graph'),
  description: z.string().max(limits.maxDescriptionLength).default(''),
  nodes: z
    .array(
      z.object({
        id: z.string(),
        kind: z.string(),
        data: z.record(z.string(), z.unknown()).default({}),
        x: z.number().finite().default(0),
        y: z.number().finite().default(0),
      }),
    )
    .max(limits.maxNodes),
  links: z
    .array(z.object({ id: z.string().optional(), from: z.string(), fromPort: z.string(), to: z.string(), toPort: z.string() }))
    .max(limits.maxEdges)
    .default([]),
});

function fromV0(raw: z.infer<typeof legacyV0Schema>): unknown {
  return {
    format: GRAPH_FORMAT,
    version: 1,
    name: raw.name,
    description: raw.description,
    // v0 predates node versions: its params are those of each kind's version 1.
    nodes: raw.nodes.map((n) => ({ id: n.id, type: n.kind, typeVersion: 1, params: n.data, position: { x: n.x, y: n.y } })),
    edges: raw.links.map((l, i) => ({ id: l.id ?? `link-${i}`, source: l.from, sourcePort: l.fromPort, target: l.to, targetPort: l.toPort })),
    metadata: { tags: [] },
  };
}

/** Version 1: as version 2 without comments and groups (any other shape errors surface in the final parse). */
const v1Schema = z.looseObject({ version: z.literal(1) });

function fromV1(raw: z.infer<typeof v1Schema>): unknown {
  // Comments and groups were added in version 2: a version-1 graph has none.
  return { ...raw, version: 2, comments: [], groups: [] };
}

/** Version 2: as version 3 without sweeps. */
const v2Schema = z.looseObject({ version: z.literal(2) });

function fromV2(raw: z.infer<typeof v2Schema>): unknown {
  // Sweeps were added in version 3: a version-2 graph sweeps nothing.
  return { ...raw, version: 3, sweeps: [] };
}

/** Each entry lifts a document from version `from` to `from + 1`. */
const documentSteps: Record<number, { schema: z.ZodType; lift: (raw: never) => unknown }> = {
  0: { schema: legacyV0Schema, lift: fromV0 },
  1: { schema: v1Schema, lift: fromV1 },
  2: { schema: v2Schema, lift: fromV2 },
};

function zodErrors(error: z.ZodError): MigrationError[] {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.') || '(document)', message: i.message }));
}

function detectVersion(raw: unknown): number | MigrationError {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { path: '(document)', message: 'a graph document must be a JSON object' };
  const doc = raw as Record<string, unknown>;
  if (doc.format === undefined && doc.version === undefined) return 0;
  if (doc.format !== GRAPH_FORMAT) return { path: 'format', message: `expected "${GRAPH_FORMAT}"` };
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) return { path: 'version', message: 'expected a positive integer version' };
  if (doc.version > GRAPH_VERSION) return { path: 'version', message: `version ${doc.version} was written by a newer Stepstone (this one reads up to ${GRAPH_VERSION})` };
  return doc.version;
}

/** Lifts each node's params to its kind's current version; unknown kinds are left for the compiler to report. */
function migrateNodes(document: GraphDocument): { migrated: string[]; errors: MigrationError[] } {
  const migrated: string[] = [];
  const errors: MigrationError[] = [];
  document.nodes.forEach((node, index) => {
    const def = getNodeDefinition(node.type);
    if (!def || node.typeVersion >= def.version) return;
    try {
      if (def.migrate) node.params = def.migrate(node.params, node.typeVersion);
      node.typeVersion = def.version;
      migrated.push(node.id);
    } catch {
      errors.push({ path: `nodes.${index}.params`, message: `params of ${node.type} version ${node.typeVersion} could not be migrated` });
    }
  });
  return { migrated, errors };
}

/** Any saved graph → the current GraphDocument, or the reasons it cannot be read. Never throws. */
export function migrateGraph(raw: unknown): MigrateResult {
  const detected = detectVersion(raw);
  if (typeof detected !== 'number') return { ok: false, errors: [detected] };
  let current: unknown = raw;
  for (let version = detected; version < GRAPH_VERSION; version++) {
    const step = documentSteps[version];
    if (!step) return { ok: false, errors: [{ path: 'version', message: `no migration from version ${version}` }] };
    const parsed = step.schema.safeParse(current);
    if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
    current = step.lift(parsed.data as never);
  }
  const parsed = graphDocumentSchema.safeParse(current);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  // zod builds fresh objects for every node, so lifting params below never touches the caller's input.
  const document = parsed.data;
  const nodes = migrateNodes(document);
  if (nodes.errors.length > 0) return { ok: false, errors: nodes.errors };
  return { ok: true, document, migratedFrom: detected === GRAPH_VERSION ? null : detected, migratedNodes: nodes.migrated };
}
