import { headBuilder } from '../../server/runtime/model/head-builder';

/** Runtime of a multiTaskHead node: its output layer(s) on the feature stream (see headSpecs for the 'multiTask' case). */
export const multiTaskHeadBuild = headBuilder('multiTaskHead', 'multiTask');
