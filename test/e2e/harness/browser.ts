import { mkdirSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { Browser, chromium, Page } from 'playwright-core';

/**
 * Flags for Debian's chromium on these machines: headless as root, and no
 * background connections (the closed network refuses them, many at a time).
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * How long one readiness signal may take. Not a sleep: each wait ends as soon as its
 * signal arrives. It is long because on a busy 2-core machine Streamlit's first run
 * of a script and chromium's first paint can each take tens of seconds.
 */
export const SIGNAL_TIMEOUT_MS = 180_000;

/** Debian's chromium, headless, driven by playwright. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Streamlit's WebSocket: the session exists once the server has sent a frame on it. */
export const STREAM_PATH = '/_stcore/stream';

export interface AppPageCheck {
  /** Texts that must be rendered, each exactly. */
  readonly texts: readonly string[];
  /** How many charts must have drawn their marks. */
  readonly charts?: number;
  /** Where the full-page screenshot goes (a failure adds `.failure.png`, `.html` and `.log` beside it). */
  readonly screenshotPath: string;
  /** What to save beside the failure screenshot, usually the server's log. */
  readonly serverLog?: () => string;
  /** What to do on the ready page before the screenshot (upload, move a slider...); its failure saves the same artifacts. */
  readonly interact?: (page: Page) => Promise<void>;
}

export interface AppPage {
  /** The page's visible text. */
  readonly text: string;
  /** How many "Deploy" buttons the toolbar shows (a developer-only control). */
  readonly deployButtons: number;
  /** Seconds from navigation to each readiness signal. */
  readonly timings: Record<string, number>;
}

/**
 * Opens a Streamlit app in a real browser and waits, signal by signal, until the page
 * has loaded, Streamlit's WebSocket delivers frames, the toolbar is there, every one of
 * `texts` is rendered and `charts` charts have drawn their marks. That proves the app's
 * front end and WebSocket work. Saves a full-page screenshot; on failure, also the page
 * as it was, its HTML and the server's log, and says which signal never came.
 */
export async function openApp(url: string, check: AppPageCheck): Promise<AppPage> {
  const browser = await launchChromium();
  const started = Date.now();
  const timings: Record<string, number> = {};
  let stage = 'chromium opens the page';
  const reached = async <T>(name: string, signal: Promise<T>): Promise<T> => {
    stage = name;
    const value = await signal;
    timings[name] = (Date.now() - started) / 1000;
    return value;
  };
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const streaming = page.waitForEvent('websocket', { predicate: (ws) => ws.url().includes(STREAM_PATH), timeout: SIGNAL_TIMEOUT_MS }).then(
      (ws) => ws.waitForEvent('framereceived', { timeout: SIGNAL_TIMEOUT_MS }),
    );
    streaming.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
    await reached('page loaded', page.goto(url, { waitUntil: 'domcontentloaded', timeout: SIGNAL_TIMEOUT_MS }));
    await reached('Streamlit WebSocket delivers frames', streaming);
    await reached('toolbar rendered', page.getByTestId('stMainMenu').waitFor({ timeout: SIGNAL_TIMEOUT_MS }));
    for (const text of check.texts) {
      await reached(`text "${text}"`, page.getByText(text, { exact: true }).first().waitFor({ timeout: SIGNAL_TIMEOUT_MS }));
    }
    // Vega draws a chart's marks after the script's elements arrive (its code loads lazily)
    const marks = page.locator("[data-testid='stVegaLiteChart'] svg.marks, [data-testid='stVegaLiteChart'] canvas");
    if (check.charts) await reached(`${check.charts} chart(s) drawn`, marks.nth(check.charts - 1).waitFor({ timeout: SIGNAL_TIMEOUT_MS }));
    if (check.interact) await reached('interaction done', check.interact(page));
    mkdirSync(dirname(check.screenshotPath), { recursive: true });
    await page.screenshot({ path: check.screenshotPath, fullPage: true });
    return {
      text: await page.innerText('body'),
      deployButtons: await page.getByTestId('stAppDeployButton').count(),
      timings,
    };
  } catch (error) {
    const saved = await saveFailure(page, check);
    const waited = ((Date.now() - started) / 1000).toFixed(1);
    throw new Error(`${url}: no "${stage}" after ${waited} s (signals reached: ${JSON.stringify(timings)}). Saved: ${saved.join(', ')}.\n${String(error)}`);
  } finally {
    await browser.close();
  }
}

async function saveFailure(page: Page, check: AppPageCheck): Promise<string[]> {
  const base = check.screenshotPath.replace(/\.png$/, '');
  mkdirSync(dirname(base), { recursive: true });
  const saved: string[] = [];
  const attempt = async (path: string, write: () => Promise<unknown> | unknown) => {
    try {
      await write();
      saved.push(path);
    } catch (error) {
      saved.push(`${path} (not saved: ${String(error).split('\n')[0]})`);
    }
  };
  await attempt(`${base}.failure.png`, () => page.screenshot({ path: `${base}.failure.png`, fullPage: true, timeout: 30_000 }));
  await attempt(`${base}.failure.html`, async () => writeFileSync(`${base}.failure.html`, await page.content()));
  if (check.serverLog) await attempt(`${base}.failure.log`, () => writeFileSync(`${base}.failure.log`, check.serverLog!()));
  return saved;
}
