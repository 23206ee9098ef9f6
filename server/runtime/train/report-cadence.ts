/**
 * At most this many progress reports (epoch events with validation accuracies, a loss read-back, a checkpoint
 * chance) per stage. Reporting every epoch cost more than training on small data sets: ADAPT's moons set-up has
 * 3 steps per epoch and 800 epochs, and two validation passes plus a host read per epoch doubled the run.
 */
export const MAX_REPORTS_PER_STAGE = 100;

/** Report after every `k`-th epoch, k = ⌈epochs / MAX_REPORTS_PER_STAGE⌉, and always after the last. */
export function isReportEpoch(epoch: number, epochs: number): boolean {
  const every = Math.max(1, Math.ceil(epochs / MAX_REPORTS_PER_STAGE));
  return epoch === epochs || epoch % every === 0;
}
