/** A plan that cannot run (checked before any training): names the node and field at fault. */
export class PlanInputError extends Error {
  constructor(
    message: string,
    readonly nodeId?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'PlanInputError';
  }
}
