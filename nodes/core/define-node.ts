import type { z } from 'zod';
import type { PlanLoss } from '../../formats/training-plan';
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

/** Which activations a loss term aligns: the feature layer, every weighted extractor layer, or features and logits. */
export type LayerChoice = 'features' | 'task-specific' | 'all-hidden' | 'features+logits';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A loss item as a kind's term produces it; the compiler adds the node's id and kind. */
export type TermLoss<L extends PlanLoss = PlanLoss> = DistributiveOmit<L, 'nodeId' | 'nodeType'>;

/** Formatting help for formula text: numbers as a person writes them, and "0.5·" before a weighted term. */
export interface FormulaText {
  readonly num: (x: number) => string;
  readonly coefficient: (x: number) => string;
}

/**
 * For a kind that adds a term to the trainer's objective (wired into its `losses` input): how the compiler
 * puts it into the plan and how the plan shows it. Pure data → data, like the rest of the definition.
 */
export interface LossTermSpec<Params, L extends PlanLoss = PlanLoss> {
  readonly toPlan: (params: Params, layers: (choice: LayerChoice) => string[]) => TermLoss<L>;
  /** The term in the objective formula, e.g. "0.5·CORAL(features)". */
  readonly formula: (loss: L, text: FormulaText) => string;
  /** One line for the plan's description (CLI, logs). */
  readonly summary: (loss: L, text: FormulaText) => string;
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
  /** Set for loss-term kinds (MMD, DANN, CORAL): see LossTermSpec. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly term?: LossTermSpec<z.infer<P>, any>;
}

/** Identity at run time; exists so that each kind's literal types are kept. */
export function defineNode<const T extends string, P extends AnyParams>(def: NodeDefinition<T, P>): NodeDefinition<T, P> {
  return def;
}
