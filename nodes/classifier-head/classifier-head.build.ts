import { headBuilder } from '../../server/runtime/model/head-builder';

/** Runtime of a classifierHead node: its output layer(s) on the feature stream (see headSpecs for the 'classifier' case). */
export const classifierHeadBuild = headBuilder('classifierHead', 'classifier');
