import { readFileSync } from 'fs';
import { join } from 'path';
import * as TOML from '@iarna/toml';
import { canonicalPackageName } from './pipfile-hash';
import { FileBase, Project } from '../projen-api';

/** Where each synth notes the package tables it wrote into the Pipfile. */
export const PIPFILE_RECORD = '.projen/pipfile-packages.json';

export const PACKAGE_TABLES = ['packages', 'dev-packages'] as const;
export type PackageTable = (typeof PACKAGE_TABLES)[number];
export type PackageTables = Record<PackageTable, Record<string, unknown>>;

const OPTION_OF: Record<PackageTable, string> = { 'packages': 'packages', 'dev-packages': 'devPackages' };

/**
 * The Pipfile's package tables as the last synth wrote them. The Pipfile stays writable, so
 * that `pipenv install X` and `pipenv uninstall X` work as Pipenv users expect; this record
 * lets the next synth tell such a change from a change of `.projenrc.ts`, and refuse to undo it.
 */
export class PipfileRecord extends FileBase {
  constructor(project: Project, private readonly tables: () => PackageTables) {
    super(project, PIPFILE_RECORD);
  }

  /** What this synth would undo of a change made to the Pipfile since the last one (see pipfileEditProblems). */
  problems(root: string): string[] {
    return pipfileEditProblems(root, this.tables());
  }

  protected synthesizeContent(): string {
    return `${JSON.stringify({ '//': this.marker, ...this.tables() }, null, 2)}\n`;
  }
}

/**
 * The package entries of the Pipfile at `root` that were added, changed or removed since the
 * last synth (by `pipenv install` or `uninstall`, or by hand) and that a synth writing
 * `generated` would undo, as one phrase with its fix; empty when there are none, and when
 * there is no record of the last synth (a new or adopted project) or no Pipfile.
 */
export function pipfileEditProblems(root: string, generated: PackageTables): string[] {
  const last = readRecord(root);
  if (!last) return [];
  let text: string;
  try {
    text = readFileSync(join(root, 'Pipfile'), 'utf-8');
  } catch {
    return [];
  }
  let onDisk: Record<string, unknown>;
  try {
    onDisk = TOML.parse(text);
  } catch (error) {
    return [`the Pipfile is not valid TOML (${(error as Error).message.split('\n')[0]}), and the synth would replace it with what .projenrc.ts says: fix it, or undo the edit (git checkout -- Pipfile)`];
  }
  const undone: string[] = [];
  const fixes: string[] = [];
  for (const table of PACKAGE_TABLES) {
    const now = entries(onDisk[table]);
    const before = entries(last[table]);
    const next = entries(generated[table]);
    for (const name of new Set([...now.keys(), ...before.keys()])) {
      const current = now.get(name);
      if (same(current, before.get(name)) || same(current, next.get(name))) continue;
      if (current) {
        undone.push(`[${table}] ${current.name} = ${shown(current.value)} ${before.has(name) ? 'changed' : 'added'}`);
        fixes.push(`${OPTION_OF[table]}: { ${JSON.stringify(current.name)}: ${JSON.stringify(versionOf(current.value))} }`);
      } else {
        undone.push(`[${table}] ${before.get(name)!.name} removed`);
        fixes.push(`no ${JSON.stringify(before.get(name)!.name)} in ${OPTION_OF[table]}`);
      }
    }
  }
  if (!undone.length) return [];
  return [
    `the Pipfile was changed since the last synth (by pipenv install or uninstall, or by hand: ${undone.join(', ')}), ` +
      `and .projenrc.ts, which the Pipfile is generated from, says otherwise: make .projenrc.ts say the same (${fixes.join('; ')}), ` +
      'or undo the change (git checkout -- Pipfile Pipfile.lock), then run npx projen again',
  ];
}

interface Entry {
  readonly name: string;
  readonly value: unknown;
}

function readRecord(root: string): Partial<PackageTables> | undefined {
  try {
    const record = JSON.parse(readFileSync(join(root, PIPFILE_RECORD), 'utf-8'));
    return typeof record === 'object' && record !== null ? record : undefined;
  } catch {
    return undefined;
  }
}

/** A package table's entries by canonical name (pip's comparison). */
function entries(table: unknown): Map<string, Entry> {
  const result = new Map<string, Entry>();
  if (typeof table !== 'object' || table === null) return result;
  for (const [name, value] of Object.entries(table)) result.set(canonicalPackageName(name), { name, value });
  return result;
}

/** Two entries say the same: `"*"` is `{ version = "*" }`, and table keys compare in any order. */
function same(a: Entry | undefined, b: Entry | undefined): boolean {
  if (!a || !b) return a === b;
  return normalized(a.value) === normalized(b.value);
}

function normalized(value: unknown): string {
  const table = typeof value === 'string' ? { version: value } : (value as Record<string, unknown>);
  if (typeof table !== 'object' || table === null) return JSON.stringify(value);
  return JSON.stringify(Object.keys(table).sort().map((key) => [key, table[key]]));
}

function versionOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'version' in value ? (value as { version: unknown }).version : value;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value).map(([key, item]) => `${key} = ${JSON.stringify(item)}`).join(', ')} }`;
  }
  return String(value);
}
