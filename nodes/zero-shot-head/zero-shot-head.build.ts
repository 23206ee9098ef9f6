import { headBuilder } from '../../server/runtime/model/head-builder';

/** Runtime of a zeroShotHead node: its output layer(s) on the feature stream (see headSpecs for the 'zeroShot' case). */
export const zeroShotHeadBuild = headBuilder('zeroShotHead', 'zeroShot');
