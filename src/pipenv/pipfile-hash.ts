import { createHash } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import * as TOML from '@iarna/toml';
import { PYPI_SOURCE, pipfileSourceTable } from './pipfile-tables';

/** Pipenv's own sections; every other top-level table is a package category. */
const PIPFILE_SECTIONS = new Set(['source', 'packages', 'dev-packages', 'requires', 'scripts', 'pipfile', 'pipenv']);

/**
 * The Pipfile hash Pipenv records in `Pipfile.lock` (`_meta.hash.sha256`) and compares
 * in `pipenv verify`: SHA-256 of the Pipfile's sources, requirements and package
 * categories (names PEP 503-normalized) as Python's
 * `json.dumps(data, sort_keys=True, separators=(",", ":"))` writes them.
 */
export function pipfileHash(pipfileText: string): string {
  const pipfile = TOML.parse(pipfileText) as Record<string, any>;
  const data: Record<string, unknown> = {
    _meta: { sources: pipfile.source ?? [pipfileSourceTable(PYPI_SOURCE)], requires: pipfile.requires ?? {} },
    default: canonicalNames(pipfile.packages ?? {}),
    develop: canonicalNames(pipfile['dev-packages'] ?? {}),
  };
  for (const [category, packages] of Object.entries(pipfile)) {
    if (PIPFILE_SECTIONS.has(category) || category === 'default' || category === 'develop') continue;
    data[category] = canonicalNames(packages);
  }
  return createHash('sha256').update(pythonJsonDumps(data), 'utf-8').digest('hex');
}

export type LockState = 'missing' | 'unreadable' | 'stale' | 'current';

/** Whether `Pipfile.lock` matches the Pipfile in `dir`, by the rule `pipenv verify` uses. */
export function lockState(dir: string): LockState {
  const lockPath = join(dir, 'Pipfile.lock');
  if (!existsSync(lockPath)) return 'missing';
  let recorded: unknown;
  try {
    recorded = JSON.parse(readFileSync(lockPath, 'utf-8'))?._meta?.hash?.sha256;
  } catch {
    return 'unreadable';
  }
  if (typeof recorded !== 'string') return 'unreadable';
  return recorded === pipfileHash(readFileSync(join(dir, 'Pipfile'), 'utf-8')) ? 'current' : 'stale';
}

/** PEP 503: runs of `-`, `_` and `.` become one `-`, lower case. */
export function canonicalPackageName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

function canonicalNames(packages: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(packages).map(([name, spec]) => [canonicalPackageName(name), spec]));
}

/**
 * Python's `json.dumps(value, sort_keys=True, separators=(",", ":"))`: keys sorted at
 * every level, and every character outside printable ASCII escaped as `\uXXXX`
 * (`ensure_ascii`), which JSON.stringify leaves as it is.
 */
function pythonJsonDumps(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
