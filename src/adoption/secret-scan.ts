import { execFileSync } from 'child_process';
import { pathToFileURL } from 'url';

/** A file that holds what a secret scanner's rule calls a secret. */
export interface SecretFinding {
  /** Path relative to the scanned folder. */
  readonly path: string;
  /** The rules that matched, e.g. `@secretlint/secretlint-rule-npm (Npmrc_authToken)`. */
  readonly rules: readonly string[];
}

/** The maintained rules: secretlint's recommended preset (AWS, GCP, GitHub, npm, Slack, private keys, basic auth in URLs...). */
const PRESET = '@secretlint/secretlint-rule-preset-recommend';
const CORE = '@secretlint/core';

/** Larger files, and binary ones, are not text a secret is pasted into; reading them would only slow `projen new`. */
export const SCAN_MAX_BYTES = 1024 * 1024;

// secretlint is an ES module and its API is asynchronous, while a synth is synchronous:
// it runs in a child Node process that imports it by file URL and reports JSON.
const SCANNER = `
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
const { core, preset, root, files, maxBytes } = JSON.parse(readFileSync(0, 'utf-8'));
const { lintSource } = await import(core);
const { creator } = await import(preset);
const config = { rules: [{ id: ${JSON.stringify(PRESET)}, rule: creator }] };
const findings = [];
for (const path of files) {
  const full = join(root, path);
  let stat;
  try { stat = statSync(full); } catch { continue; }
  if (!stat.isFile() || stat.size > maxBytes) continue;
  const bytes = readFileSync(full);
  if (bytes.includes(0)) continue;
  const result = await lintSource({ source: { filePath: full, content: bytes.toString('utf-8'), contentType: 'text' }, options: { config, maskSecrets: true } });
  const rules = [...new Set(result.messages.map((m) => m.ruleId + (m.messageId ? ' (' + m.messageId + ')' : '')))];
  if (rules.length) findings.push({ path, rules });
}
process.stdout.write(JSON.stringify(findings));
`;

/**
 * Scans `files` (relative to `root`) with secretlint's recommended rules and returns the
 * files that hold a secret. Secret values never leave the child process (masked, and
 * only rule names are reported).
 */
export function scanForSecrets(root: string, files: readonly string[]): SecretFinding[] {
  if (files.length === 0) return [];
  const input = JSON.stringify({
    core: pathToFileURL(require.resolve(CORE)).href,
    preset: pathToFileURL(require.resolve(PRESET)).href,
    root,
    files,
    maxBytes: SCAN_MAX_BYTES,
  });
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', SCANNER], {
    input,
    encoding: 'utf-8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return JSON.parse(output) as SecretFinding[];
}

/** One line per finding: `path (rule, rule)`. */
export function describeFindings(findings: readonly SecretFinding[]): string[] {
  return findings.map((finding) => `${finding.path} (${finding.rules.join(', ')})`);
}
