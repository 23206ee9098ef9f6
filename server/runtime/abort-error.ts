/** The rejection of a cancelled run: `name === 'AbortError'` like fetch's, so callers can tell it from a failure. */
export class AbortError extends Error {
  constructor(message = 'The run was cancelled.') {
    super(message);
    this.name = 'AbortError';
  }
}

/** Throws an AbortError when the signal has fired; called once per batch. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError();
}
