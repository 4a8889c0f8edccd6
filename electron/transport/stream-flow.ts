import { STREAM_RESUME_BYTES, STREAM_WINDOW_BYTES } from '../../shared/stream-kit';
import type { CoreStream } from '../core/stream-session';

/**
 * Credit-based backpressure for one stream: bytes sent to a client count against a window and
 * the client acknowledges what it has consumed (written into xterm). Past the window the core
 * stream is paused, which pauses the engine socket, which blocks the process in the container:
 * nothing buffers without bound anywhere on the way.
 */
export class FlowWindow {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly stream: Pick<CoreStream, 'pause' | 'resume'>,
    private readonly window = STREAM_WINDOW_BYTES,
    private readonly resumeBelow = STREAM_RESUME_BYTES,
  ) {}

  sent(bytes: number): void {
    this.unacked += bytes;
    if (!this.paused && this.unacked > this.window) {
      this.paused = true;
      this.stream.pause();
    }
  }

  acked(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked < this.resumeBelow) {
      this.paused = false;
      this.stream.resume();
    }
  }

  get outstanding(): number {
    return this.unacked;
  }

  get isPaused(): boolean {
    return this.paused;
  }
}
