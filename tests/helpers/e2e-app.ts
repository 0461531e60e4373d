import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { startApp, type RunningApp } from "./server";
import { launchBrowser } from "./browser";

/**
 * The app (with `appEnv` added to its environment) and one Chromium for a test file: started
 * before its tests, stopped after them.
 */
export function appInBrowser(appEnv: Record<string, string> = {}): {
  readonly app: RunningApp;
  readonly browser: Browser;
} {
  const env = {} as { app: RunningApp; browser: Browser };
  beforeAll(async () => {
    env.app = await startApp(appEnv);
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.app?.stop();
  });
  return env;
}
