import { z } from 'zod';
import { limits } from './limits';
import { MAX_SWEEP_AXES, sweepAxisSchema } from './sweep';

/** The current graph document version. Older documents go through `migrateGraph`. */
export const GRAPH_FORMAT = 'stepstone.graph' as const;
export const GRAPH_VERSION = 3 as const;

const id = z
  .string()
  .min(1)
  .max(limits.maxIdLength)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'ids may contain letters, digits, _ . : - only');

export const graphNodeSchema = z.object({
  id,
  /** Node kind (a key of the registry). Unknown kinds are reported by the compiler, not here. */
  type: z.string().min(1).max(limits.maxIdLength),
  /** The version of the node kind the params were saved with. */
  typeVersion: z.number().int().min(0).max(1000),
  params: z.record(z.string().max(limits.maxIdLength), z.unknown()).default({}),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }).default({ x: 0, y: 0 }),
  label: z.string().max(limits.maxNameLength).optional(),
});

export const graphEdgeSchema = z.object({
  id,
  source: id,
  sourcePort: z.string().min(1).max(limits.maxIdLength),
  target: id,
  targetPort: z.string().min(1).max(limits.maxIdLength),
});

/** A sticky note on the canvas (version 2). Text only: shown as text, never interpreted. */
export const graphCommentSchema = z.object({
  id,
  text: z.string().max(limits.maxCommentLength).default(''),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }),
  width: z.number().finite().min(120).max(1200).default(220),
});

/** A titled frame around nodes (version 2); its box follows its nodes, and moving it moves them. */
export const graphGroupSchema = z.object({
  id,
  title: z.string().max(limits.maxNameLength).default('Group'),
  nodes: z.array(id).min(1).max(limits.maxNodes),
});

export const graphDocumentSchema = z.object({
  format: z.literal(GRAPH_FORMAT),
  /** Version 2 differs only by having no `sweeps`: it parses as version 3 with none (migrateGraph lifts it too). */
  version: z.union([z.literal(2), z.literal(GRAPH_VERSION)]).transform((): typeof GRAPH_VERSION => GRAPH_VERSION),
  name: z.string().min(1).max(limits.maxNameLength),
  description: z.string().max(limits.maxDescriptionLength).default(''),
  nodes: z.array(graphNodeSchema).max(limits.maxNodes),
  edges: z.array(graphEdgeSchema).max(limits.maxEdges),
  comments: z.array(graphCommentSchema).max(limits.maxComments).default([]),
  groups: z.array(graphGroupSchema).max(limits.maxGroups).default([]),
  /** Swept parameters (version 3): the graph compiles to one sweep of plans, one per combination. */
  sweeps: z.array(sweepAxisSchema).max(MAX_SWEEP_AXES).default([]),
  metadata: z
    .object({
      tags: z.array(z.string().max(50)).max(20).default([]),
      taxonomy: z.enum(['parameter-based', 'instance-based', 'feature-based']).optional(),
      createdWith: z.string().max(100).optional(),
    })
    .default({ tags: [] }),
});

export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;
export type GraphComment = z.infer<typeof graphCommentSchema>;
export type GraphGroup = z.infer<typeof graphGroupSchema>;
export type GraphDocument = z.infer<typeof graphDocumentSchema>;
