import { LoggerService } from '@backstage/backend-plugin-api';
import { ParsedDetection } from './parseDetection';

/** How findings the database could not take are retried. */
export interface UnrecordedRetryOptions {
  /** The first retry's delay; doubled on each failure. Default 1 s. */
  initialDelayMs?: number;
  /** The longest delay between two retries. Default 60 s. */
  maxDelayMs?: number;
  /** How many findings are held at most; beyond, the oldest is logged and given up. Default 10,000. */
  maxHeld?: number;
}

interface Held {
  detection: ParsedDetection;
  topic: string;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Findings that arrived while the database could not record them. The
 * events service has already acknowledged them (it catches a subscriber's
 * errors and reports it as notified), so nobody else will deliver them
 * again: they are kept in this process and handed back, with a growing
 * delay, until they are recorded. Once recorded, the stale-delivery retry
 * of the store takes over. What this cannot survive is the process dying
 * while the database is still down; each held finding is logged with its
 * id so that it can be replayed from AWS.
 */
export class UnrecordedFindings {
  private readonly held = new Map<string, Held>();
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxHeld: number;
  private stopped = false;

  constructor(
    private readonly retry: (
      detection: ParsedDetection,
      topic: string,
      attempt: number,
    ) => Promise<unknown>,
    private readonly logger: LoggerService,
    options: UnrecordedRetryOptions = {},
  ) {
    this.initialDelayMs = options.initialDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.maxHeld = options.maxHeld ?? 10_000;
  }

  /** Findings waiting for the database. */
  get size(): number {
    return this.held.size;
  }

  /**
   * Keeps a finding for another attempt after the delay of `attempt`
   * (0 for the first failure). Returns the delay.
   */
  hold(detection: ParsedDetection, topic: string, attempt: number): number {
    const key = `${detection.source}\n${detection.findingId}\n${detection.revision}`;
    const delay = Math.min(
      this.maxDelayMs,
      this.initialDelayMs * 2 ** Math.min(attempt, 30),
    );
    if (this.stopped) {
      this.logger.error(
        `Detection ${detection.source}/${detection.findingId} revision ${detection.revision} was never recorded (the plugin is shutting down); replay it from AWS`,
        { source: detection.source, findingId: detection.findingId },
      );
      return delay;
    }
    const previous = this.held.get(key);
    if (previous) {
      clearTimeout(previous.timer);
      this.held.delete(key);
    }
    if (this.held.size >= this.maxHeld) {
      const [oldestKey, oldest] = this.held.entries().next().value!;
      clearTimeout(oldest.timer);
      this.held.delete(oldestKey);
      this.logger.error(
        `Gave up detection ${oldest.detection.source}/${oldest.detection.findingId} revision ${oldest.detection.revision}: ${this.maxHeld} findings are already waiting for the database; replay it from AWS`,
        {
          source: oldest.detection.source,
          findingId: oldest.detection.findingId,
        },
      );
    }
    const timer = setTimeout(() => {
      this.held.delete(key);
      this.retry(detection, topic, attempt + 1).catch(error =>
        this.logger.error(
          `Retry of detection ${detection.source}/${detection.findingId} failed: ${error}`,
        ),
      );
    }, delay);
    // Held findings must not keep a stopping process alive.
    timer.unref?.();
    this.held.set(key, { detection, topic, timer });
    return delay;
  }

  /** Drops the timers (at shutdown), logging what was still waiting. */
  stop(): void {
    this.stopped = true;
    for (const { detection, timer } of this.held.values()) {
      clearTimeout(timer);
      this.logger.error(
        `Detection ${detection.source}/${detection.findingId} revision ${detection.revision} was never recorded (the database was unavailable until shutdown); replay it from AWS`,
        { source: detection.source, findingId: detection.findingId },
      );
    }
    this.held.clear();
  }
}
