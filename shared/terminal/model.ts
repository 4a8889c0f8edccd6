/** What the core says about a terminal stream once it is open. */
export interface TerminalInfo {
  containerId: string;
  containerName: string;
  /** True when the bytes are a TTY's (one stream); false for a non-TTY container's logs. */
  tty: boolean;
  /** The command that runs (exec), as started. */
  cmd?: string[];
  user?: string;
  workdir?: string;
  /** A note to show when the session starts (attach: the detach keys). */
  note?: string;
}

/** Attach's detach sequence: the engine's default, ctrl-p then ctrl-q. */
export const DETACH_KEYS = 'ctrl-p,ctrl-q';
