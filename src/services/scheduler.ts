import type { UpdateCycleService } from './update-cycle.ts';

// Background work of a running server: the reminder emails of the update cycle, every 15 minutes.
// Safe with several servers: each reminder is claimed by a unique row before it is sent, so only
// one server sends it. The timer does not keep the process alive, and stop() ends it.

export const REMINDER_INTERVAL_MS = 15 * 60 * 1000;

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(
  updateCycle: UpdateCycleService,
  opts: { intervalMs?: number; log?: { info(msg: string): void; error(obj: unknown, msg: string): void } } = {},
): Scheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return; // the previous run is still going
    running = updateCycle
      .runReminders()
      .then((r) => {
        if (r.sent || r.failed) opts.log?.info(`reminders: ${r.sent} sent${r.failed ? `, ${r.failed} failed (will try again)` : ''}`);
      })
      .catch((err: unknown) => opts.log?.error({ err }, 'reminders: the run failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, opts.intervalMs ?? REMINDER_INTERVAL_MS);
  timer.unref();
  // A first run soon after start, so a restart does not wait a whole interval.
  const first = setTimeout(tick, 5000);
  first.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
