import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

export const DEFAULT_FONT_SIZE = 13;
export const MIN_FONT_SIZE = 8;
export const MAX_FONT_SIZE = 32;
/** Enough for 100,000 log lines and then some; xterm keeps them compactly. */
export const LOGS_SCROLLBACK = 150_000;
export const SHELL_SCROLLBACK = 10_000;

export const TERMINAL_THEME: ITheme = {
  background: '#0a0e16',
  foreground: '#dde3ee',
  cursor: '#5b8cff',
  cursorAccent: '#0a0e16',
  selectionBackground: '#2a4a8a99',
  scrollbarSliderBackground: '#ffffff14',
  scrollbarSliderHoverBackground: '#ffffff26',
  scrollbarSliderActiveBackground: '#ffffff33',
  black: '#1a2231',
  red: '#f87171',
  green: '#34d399',
  yellow: '#fbbf24',
  blue: '#5b8cff',
  magenta: '#c084fc',
  cyan: '#22d3ee',
  white: '#dde3ee',
  brightBlack: '#5d6778',
  brightRed: '#fca5a5',
  brightGreen: '#6ee7b7',
  brightYellow: '#fde68a',
  brightBlue: '#93b4ff',
  brightMagenta: '#d8b4fe',
  brightCyan: '#67e8f9',
  brightWhite: '#ffffff',
};

export interface XtermBundle {
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
}

export function createXterm(options: { logs: boolean; fontSize: number; openLink(url: string): void }): XtermBundle {
  const term = new Terminal({
    fontFamily: '"JetBrains Mono", "DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace',
    fontSize: options.fontSize,
    lineHeight: 1.15,
    cursorBlink: !options.logs,
    cursorStyle: 'bar',
    disableStdin: options.logs,
    // Non-TTY logs end lines with \n only.
    convertEol: options.logs,
    scrollback: options.logs ? LOGS_SCROLLBACK : SHELL_SCROLLBACK,
    theme: TERMINAL_THEME,
    allowProposedApi: true,
    macOptionIsMeta: true,
    rightClickSelectsWord: false,
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.loadAddon(new WebLinksAddon((_event, url) => options.openLink(url)));
  return { term, fit, search };
}

/** Search highlight colours for the search addon. */
export const SEARCH_DECORATIONS = {
  matchBackground: '#fbbf2455',
  matchBorder: '#fbbf24',
  matchOverviewRuler: '#fbbf24',
  activeMatchBackground: '#5b8cff88',
  activeMatchBorder: '#5b8cff',
  activeMatchColorOverviewRuler: '#5b8cff',
};
