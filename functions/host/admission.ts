/**
 * Back-pressure for the host: at most `active` requests are worked on at once, at most `queued`
 * wait for a slot, and none waits longer than `maxWaitMs`. The rest are told at once to come back
 * (503 with Retry-After), which the add-in and the CLI honour: a client that is turned away waits
 * a known time instead of an unbounded one, and the requests being worked on keep their speed.
 */
export interface AdmissionLimits {
  /** Requests worked on at once. */
  active: number;
  /** Requests waiting for a slot; one more is refused. */
  queued: number;
  /** A queued request still without a slot after this long is refused. */
  maxWaitMs: number;
}

export interface Admission {
  /** Resolves to a release function once a slot is free, or to null when the request is refused. */
  enter(): Promise<(() => void) | null>;
  /** Seconds a refused client should wait: the queue's expected drain time, at least 1. */
  retryAfterSeconds(): number;
  stats(): { active: number; queued: number; refused: number; served: number };
}

export function admission(limits: AdmissionLimits): Admission {
  if (!(limits.active >= 1) || !(limits.queued >= 0) || !(limits.maxWaitMs >= 0)) throw new RangeError(`bad admission limits ${JSON.stringify(limits)}`);
  let active = 0;
  let refused = 0;
  let served = 0;
  // Mean service time, smoothed, for the Retry-After estimate.
  let meanMs = 50;
  const waiting: { admit: () => void; timer: NodeJS.Timeout }[] = [];

  const slot = (): (() => void) => {
    active++;
    const t0 = performance.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      served++;
      meanMs = meanMs * 0.9 + (performance.now() - t0) * 0.1;
      const next = waiting.shift();
      if (next) { clearTimeout(next.timer); next.admit(); }
    };
  };

  return {
    enter() {
      if (active < limits.active && waiting.length === 0) return Promise.resolve(slot());
      if (waiting.length >= limits.queued) { refused++; return Promise.resolve(null); }
      return new Promise((done) => {
        const entry = {
          admit: () => done(slot()),
          timer: setTimeout(() => {
            const i = waiting.indexOf(entry);
            if (i >= 0) waiting.splice(i, 1);
            refused++;
            done(null);
          }, limits.maxWaitMs),
        };
        waiting.push(entry);
      });
    },
    retryAfterSeconds() {
      const drainMs = ((waiting.length + active) * meanMs) / limits.active;
      return Math.max(1, Math.min(30, Math.ceil(drainMs / 1000)));
    },
    stats: () => ({ active, queued: waiting.length, refused, served }),
  };
}

/** Limits from the environment (HTCT_HOST_MAX_ACTIVE, HTCT_HOST_MAX_QUEUED, HTCT_HOST_MAX_WAIT_MS). */
export function limitsFromEnv(env: Record<string, string | undefined>, given: Partial<AdmissionLimits> = {}): AdmissionLimits {
  const num = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === "") return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, not "${v}"`);
    return n;
  };
  // One event loop interleaves the requests at work, so each takes about `active` times its own
  // time: 4 at work and at most 2.5 s in the queue kept every answer under 10 s with 200 clients
  // on a busy 2-core machine (bench/overload.ts; 8 and 4 s did not).
  return {
    active: given.active ?? Math.max(1, num("HTCT_HOST_MAX_ACTIVE", 4)),
    queued: given.queued ?? num("HTCT_HOST_MAX_QUEUED", 32),
    maxWaitMs: given.maxWaitMs ?? num("HTCT_HOST_MAX_WAIT_MS", 2500),
  };
}
