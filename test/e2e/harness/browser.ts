import { mkdirSync } from 'fs';
import { dirname } from 'path';
import { chromium } from 'playwright-core';

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
 * Opens `url` in a real browser, waits until every one of `texts` is rendered and
 * `charts` charts have drawn their marks (Streamlit renders in the browser, so this
 * proves the app's front end and websocket work), and saves a full-page screenshot.
 * Returns the page's visible text.
 */
export async function renderAndScreenshot(url: string, texts: string[], screenshotPath: string, charts = 0): Promise<string> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    for (const text of texts) {
      await page.getByText(text, { exact: true }).first().waitFor({ timeout: 60_000 });
    }
    // Vega draws a chart's marks after the script's elements arrive (its code loads lazily)
    const marks = page.locator("[data-testid='stVegaLiteChart'] svg.marks, [data-testid='stVegaLiteChart'] canvas");
    if (charts > 0) await marks.nth(charts - 1).waitFor({ timeout: 60_000 });
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    return await page.innerText('body');
  } finally {
    await browser.close();
  }
}
