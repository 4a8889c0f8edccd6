import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startWebHarness, type WebHarness } from './web-harness';
import type { CoreOptions } from '../../electron/core/core';

/** The app open in Chromium through the web bridge, as a user would have it. */
export interface AppSession {
  harness: WebHarness;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Errors the page threw: a test asserts there were none. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openApp(options: { core?: CoreOptions; colorScheme?: 'light' | 'dark' } = {}): Promise<AppSession> {
  const harness = await startWebHarness(options.core);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: options.colorScheme ?? 'dark' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(harness.bridge.loginUrl);
  return {
    harness,
    browser,
    context,
    page,
    pageErrors,
    close: async () => {
      await browser.close().catch(() => undefined);
      await harness.stop();
    },
  };
}

/** The row of a container in the containers table. */
export function containerRow(page: Page, name: string) {
  return page.getByTestId(`container-row-${name}`);
}
