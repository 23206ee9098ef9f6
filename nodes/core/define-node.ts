import type { z } from 'zod';
import type { PortType } from './port-types';

export const nodeCategories = ['data', 'model', 'adaptation', 'training', 'evaluation'] as const;
export type NodeCategory = (typeof nodeCategories)[number];

/** The transfer-learning taxonomy of the brief: by what is transferred. */
export const taxonomies = ['parameter-based', 'instance-based', 'feature-based'] as const;
export type Taxonomy = (typeof taxonomies)[number];

export interface PortSpec {
  readonly name: string;
  readonly type: PortType;
  readonly label: string;
  /** A required input must be connected for the graph to compile. */
  readonly required?: boolean;
  /** Whether more than one edge may end at this input. Outputs always fan out. */
  readonly multiple?: boolean;
  readonly description?: string;
}

export interface NodeDocs {
  /** What the node does, one or two sentences. */
  readonly summary: string;
  /** The formula it implements, in plain Unicode maths. */
  readonly formula?: string;
  readonly whenItHelps: string;
  /** When it hurts, e.g. how it can cause negative transfer. */
  readonly whenItHurts: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyParams = z.ZodObject<any>;

export interface NodeDefinition<T extends string = string, P extends AnyParams = AnyParams> {
  readonly type: T;
  /** Bumped whenever params change incompatibly; `migrate` lifts older params. */
  readonly version: number;
  readonly category: NodeCategory;
  readonly taxonomy?: Taxonomy;
  readonly title: string;
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
  /** One schema: defaults, the generated form, API validation and storage. */
  readonly params: P;
  readonly docs: NodeDocs;
  /** Lift params saved by an older version of this kind to the current one. Pure data → data. */
  readonly migrate?: (params: Record<string, unknown>, fromVersion: number) => Record<string, unknown>;
}

/** Identity at run time; exists so that each kind's literal types are kept. */
export function defineNode<const T extends string, P extends AnyParams>(def: NodeDefinition<T, P>): NodeDefinition<T, P> {
  return def;
}
