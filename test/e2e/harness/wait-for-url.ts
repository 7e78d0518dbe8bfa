/**
 * Polls `url` until it answers 2xx (the readiness signal), at most `timeoutMs`. `gone` ends
 * the wait at once with its reason when the process behind the URL has exited.
 */
export async function waitForUrl(url: string, what: string, { timeoutMs = 180_000, gone = (): string | undefined => undefined } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fetch(url).then((response) => response.ok, () => false))) {
    const reason = gone();
    if (reason !== undefined) throw new Error(`${what} stopped before ${url} answered:\n${reason}`);
    if (Date.now() > deadline) throw new Error(`${what}: ${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
