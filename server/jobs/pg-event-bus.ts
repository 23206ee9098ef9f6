import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { EventBus } from './event-bus';
import { logFailure } from './log-failure';

export const EVENTS_CHANNEL = 'stepstone_run_events';
export const CANCEL_CHANNEL = 'stepstone_run_cancel';

/**
 * Server mode: one LISTEN connection per process fans PostgreSQL notifications out to local listeners.
 * Writers NOTIFY inside the transaction that stores the event (run-store.ts), so a notice never
 * arrives before its row is visible. Reconnects after a dropped connection.
 */
export async function createPgEventBus(url: string): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | undefined;
  let closed = false;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      if (!msg.payload) return;
      if (msg.channel === EVENTS_CHANNEL) {
        const i = msg.payload.lastIndexOf(':');
        const runId = msg.payload.slice(0, i);
        emitter.emit(`run:${runId}`, { runId, seq: Number(msg.payload.slice(i + 1)) });
      } else if (msg.channel === CANCEL_CHANNEL) {
        emitter.emit('cancel', msg.payload);
      }
    });
    c.on('error', () => {
      // Subscribers also poll, so a gap while reconnecting delays but never loses events.
      if (closed) return;
      client = undefined;
      setTimeout(() => void connect().catch(logFailure('event bus: reconnect failed (subscribers keep polling)')), 500);
    });
    await c.connect();
    await c.query(`LISTEN ${EVENTS_CHANNEL}`);
    await c.query(`LISTEN ${CANCEL_CHANNEL}`);
    client = c;
  };
  await connect();
  const notifier = new pg.Pool({ connectionString: url, max: 2 });
  // An idle connection dropped by the server (restart, admin, a dropped test database) must not crash the process.
  notifier.on('error', (err) => console.error('event bus connection lost:', err.message));

  return {
    publish() {
      // Nothing to do: the NOTIFY is sent in the same transaction as the event row.
    },
    onRun(runId, listener) {
      emitter.on(`run:${runId}`, listener);
      return () => emitter.off(`run:${runId}`, listener);
    },
    async publishCancel(runId) {
      await notifier.query('select pg_notify($1, $2)', [CANCEL_CHANNEL, runId]);
    },
    onCancel(listener) {
      emitter.on('cancel', listener);
      return () => emitter.off('cancel', listener);
    },
    async close() {
      closed = true;
      emitter.removeAllListeners();
      await client?.end().catch(logFailure('event bus: listener connection did not close cleanly'));
      await notifier.end().catch(logFailure('event bus: notifier pool did not close cleanly'));
    },
  };
}
