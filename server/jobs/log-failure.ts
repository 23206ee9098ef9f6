/**
 * A `.catch` handler for clean-up and best-effort calls whose failure must not stop the caller (cancelling a job,
 * closing a connection): it says what failed and why on stderr instead of dropping the error.
 */
export function logFailure(what: string): (err: unknown) => undefined {
  return (err) => {
    console.error(`${what}:`, err instanceof Error ? err.message : err);
    return undefined;
  };
}
