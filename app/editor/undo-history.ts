/** Undo/redo stacks of snapshots, at most `limit` steps back. */
export class UndoHistory<S> {
  private past: S[] = [];
  private future: S[] = [];

  constructor(private readonly limit = 200) {}

  /** A new step: `before` becomes undoable and what could be redone is dropped. */
  record(before: S): void {
    this.past.push(before);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  /** Drops what could be redone without a new step (a coalesced edit extends the last one). */
  dropRedo(): void {
    this.future = [];
  }

  canUndo(): boolean {
    return this.past.length > 0;
  }

  canRedo(): boolean {
    return this.future.length > 0;
  }

  /** The state to go back to, `current` kept for redo; undefined when there is nothing to undo. */
  undo(current: S): S | undefined {
    const prev = this.past.pop();
    if (prev !== undefined) this.future.push(current);
    return prev;
  }

  redo(current: S): S | undefined {
    const next = this.future.pop();
    if (next !== undefined) this.past.push(current);
    return next;
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }
}
