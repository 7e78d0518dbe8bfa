import { Page, Response } from 'playwright-core';
import { SIGNAL_TIMEOUT_MS } from './browser';

/** A 2 MB file: larger than the 1 MB request bodies that nginx and many proxies accept by default. */
export const UPLOAD_BYTES = 2 * 1024 * 1024;
const UPLOAD_PATH = '/_stcore/upload_file/';

/** Statuses of the browser's uploads (HTTP PUT to Streamlit's upload endpoint), in order. */
export function recordUploads(page: Page): number[] {
  const statuses: number[] = [];
  page.on('response', (response: Response) => {
    if (response.url().includes(UPLOAD_PATH) && response.request().method() === 'PUT') statuses.push(response.status());
  });
  return statuses;
}

/** Chooses a file in the app's uploader and waits for the upload's answer (the readiness signal). */
export async function upload(page: Page, fileName: string): Promise<{ status: number; body: string }> {
  const answered = page.waitForResponse((r) => r.url().includes(UPLOAD_PATH) && r.request().method() === 'PUT', { timeout: SIGNAL_TIMEOUT_MS });
  await page.locator('[data-testid="stFileUploader"] input[type="file"]').setInputFiles({ name: fileName, mimeType: 'application/octet-stream', buffer: Buffer.alloc(UPLOAD_BYTES, 7) });
  const response = await answered;
  return { status: response.status(), body: await response.text().catch(() => '') };
}

/** Waits until the app shows what it received of `fileName` (the sample app's message). */
export async function uploadShown(page: Page, fileName: string): Promise<void> {
  await page.getByText(`Received ${fileName}: ${UPLOAD_BYTES} bytes.`, { exact: true }).waitFor({ timeout: SIGNAL_TIMEOUT_MS });
}

/** Moves the slider one step to the right: a rerun of the script on the session's replica. */
export async function rerunWithSlider(page: Page, points: number): Promise<void> {
  await page.getByRole('slider').first().press('ArrowRight');
  await page.getByText(`Showing ${points} points.`, { exact: true }).waitFor({ timeout: SIGNAL_TIMEOUT_MS });
}

/** One stretch without a server: a page's stream closed, and (once it has) the page opened a new one. */
export interface StreamOutage {
  readonly closedAt: number;
  reopenedAt?: number;
}

/**
 * Records each time `page`'s Streamlit stream closes and when the page opens the next one.
 * Streamlit's frontend opens a new stream only after its health and host-config pings were
 * answered, so a reopen means a server took the session. The new server sends nothing until
 * the session reruns (a widget change): a rerun, not a frame, proves the new stream works.
 */
export function recordStreamOutages(page: Page, streamPath: string): StreamOutage[] {
  const outages: StreamOutage[] = [];
  page.on('websocket', (ws) => {
    if (!ws.url().includes(streamPath)) return;
    const last = outages[outages.length - 1];
    if (last && last.reopenedAt === undefined) last.reopenedAt = Date.now();
    ws.on('close', () => outages.push({ closedAt: Date.now() }));
  });
  return outages;
}
