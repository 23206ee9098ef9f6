/**
 * The MMD kernels' constants, in one place (browser-safe: the node, the compiler and the runtime's loss read them).
 *
 * Gaussian kernel u is exp(−‖a−b‖²/(2σᵤ²)) with σᵤ² = αᵤ·s, where s is a statistic of the joint batch:
 * - 'mean': s = mean pairwise squared distance (TLlib's and this tool's earlier choice);
 * - 'median': s = ½·median pairwise squared distance — the median heuristic γ of Long et al. (2015), so α = 1 is
 *   their exp(−‖a−b‖²/γ) and αᵤ = 2ᵉ is their γᵤ = 2ᵉγ.
 */
import type { PlanLoss } from '../../formats/training-plan';

type MmdLoss = Extract<PlanLoss, { kind: 'mmd' }>;
export type MmdKernel = NonNullable<MmdLoss['kernel']>;
export type MmdBandwidth = NonNullable<MmdLoss['bandwidth']>;

/** DDC's Gaussian option: one kernel at the mean-distance bandwidth. */
export const DDC_ALPHAS: readonly number[] = [1];

/** Five multiples of the mean distance, α ∈ {2⁻³, 2⁻², 2⁻¹, 1, 2} (this tool's DAN before node version 4). */
export const MEAN_MULTIPLE_ALPHAS: readonly number[] = [0.125, 0.25, 0.5, 1, 2];

/** Long et al.'s DAN family: γᵤ from 2⁻⁸γ to 2⁸γ in steps of 2^½ around the median heuristic γ (33 kernels). */
export const DAN_FAMILY_ALPHAS: readonly number[] = Array.from({ length: 33 }, (_, i) => 2 ** ((i - 16) / 2));
