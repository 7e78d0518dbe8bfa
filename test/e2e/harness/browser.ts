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
 * Opens `url` in a real browser, waits until every one of `texts` is rendered
 * (Streamlit renders in the browser, so this proves the app's front end and
 * websocket work) and every chart has drawn its marks, and saves a full-page
 * screenshot. Returns the page's visible text and how many charts it drew.
 */
export async function renderAndScreenshot(url: string, texts: string[], screenshotPath: string): Promise<{ text: string; charts: number }> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    for (const text of texts) {
      await page.getByText(text, { exact: true }).first().waitFor({ timeout: 60_000 });
    }
    // charts are drawn by Vega after the text arrives; wait for their marks when the page has any
    const charts = page.locator("[data-testid='stVegaLiteChart']");
    const chartCount = await charts.count();
    for (let i = 0; i < chartCount; i++) {
      await charts.nth(i).locator('svg.marks, canvas').first().waitFor({ timeout: 60_000 });
    }
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    return { text: await page.innerText('body'), charts: chartCount };
  } finally {
    await browser.close();
  }
}
