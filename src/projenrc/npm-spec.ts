import { readFileSync, statSync } from 'fs';
import { isAbsolute, join, relative } from 'path';
import { gunzipSync } from 'zlib';
import npa from 'npm-package-arg';
import { SELF } from '../self';
import { checkList, isOneLine, OptionError } from '../validation';

/**
 * The toolchain's own entries. They are pinned to what this project type is built and
 * tested against (projen and constructs: its peer dependencies; typescript: the rc
 * runner's compiler, whose 7.x line has no `transpileModule`), so they change with the
 * project type's version, never from devDeps.
 */
export const PINNED_TOOLCHAIN = ['projen', 'constructs', 'typescript'] as const;

/** One `dependencies` (or, for projen and this package, `devDependencies`) entry of the generated package.json. */
export interface NpmDependency {
  readonly name: string;
  /** What package.json holds for it: a range, a tag, `npm:` alias, `file:` path, URL or git spec. */
  readonly spec: string;
}

const EXAMPLE = 'devDeps: ["zod@^3", "my-helpers@file:./my-helpers"]';

/**
 * What a `devDeps` entry puts into package.json, read by npm's own parser
 * (`npm-package-arg`); paths are relative to `projectDir`, as npm reads them there.
 *
 * A path, tarball, URL or git spec names no package by itself: a local one is named by
 * its own package.json, a remote one must say its name (`name@https://...`). Only the
 * project type's own source may take this package's name, and only when it is this
 * package: `projectTypeSource` is the spec `projen new --from` installed it from.
 */
export function npmDependencyOf(spec: string, projectDir: string, projectTypeSource?: string): NpmDependency {
  if (!isOneLine(spec) || /^\s|\s$|[^\S ]/.test(spec) || spec === '') {
    refuse(spec, 'Each entry is one npm package spec, without surrounding spaces, tabs, control or invisible characters (such as U+202E)');
  }
  if (spec.startsWith('-')) {
    refuse(spec, `This is a command-line flag, not a package: devDeps become package.json's dependencies, where npm would look for a package named "${spec}"`);
  }
  let parsed: npa.Result;
  try {
    parsed = npa(spec, projectDir);
  } catch (error) {
    return refuse(spec, `npm cannot read it as a package spec (${(error as Error).message.replace(/\.$/, '')})`);
  }
  const dependency = { name: nameOf(spec, parsed, projectDir, projectTypeSource), spec: specOf(parsed) };
  if (dependency.name === SELF.name && parsed.type === 'alias') {
    refuse(spec, `"${SELF.name}" is this project type; an npm: alias would install another package in its place`);
  }
  if ((PINNED_TOOLCHAIN as readonly string[]).includes(dependency.name)) {
    refuse(spec, `${dependency.name} is pinned by the toolchain to the version this project type is built and tested against (${PINNED_TOOLCHAIN.join(', ')} are); it changes with the project type's version`);
  }
  return dependency;
}

/** Every entry's dependency; two entries for one package are refused. */
export function npmDependenciesOf(specs: readonly string[], projectDir: string, projectTypeSource?: string): NpmDependency[] {
  const byName = new Map<string, string>();
  return specs.map((spec) => {
    const dependency = npmDependencyOf(spec, projectDir, projectTypeSource);
    const earlier = byName.get(dependency.name);
    if (earlier !== undefined && earlier !== spec) {
      refuse(spec, `"${earlier}" is the same package (${dependency.name}); package.json holds one entry per package, keep one of them`);
    }
    byName.set(dependency.name, spec);
    return dependency;
  });
}

function nameOf(spec: string, parsed: npa.Result, projectDir: string, projectTypeSource: string | undefined): string {
  if (parsed.type === 'file' || parsed.type === 'directory') {
    const path = parsed.fetchSpec!;
    const inside = relative(projectDir, path);
    if (spec !== projectTypeSource && (inside === '..' || inside.startsWith('../') || isAbsolute(inside))) {
      refuse(spec, `${path} is outside the project: package.json is committed, and the dev container (which sees only the project folder), CI and a fresh clone cannot reach it; copy it into the project and point there`, 'devDeps: ["my-helpers@file:./vendor/my-helpers-1.0.0.tgz"]');
    }
    const actual = localPackageName(path, parsed.type);
    if (actual === undefined) {
      refuse(spec, `The package at ${path} has no readable package.json with a "name", so npm would not know what to call it; point to a folder or .tgz made by npm pack`);
    }
    if (parsed.name && parsed.name !== actual) {
      refuse(spec, `The package at ${path} is "${actual}", not "${parsed.name}"; npm would install it under the wrong name`);
    }
    return actual!;
  }
  if (parsed.name) {
    if (parsed.name === SELF.name && (parsed.type === 'git' || parsed.type === 'remote') && spec !== projectTypeSource) {
      refuse(spec, `"${SELF.name}" is this project type; a git or URL source can take its place only as projen new --from installed it`);
    }
    return parsed.name;
  }
  if (spec === projectTypeSource) return SELF.name;
  return refuse(spec, 'A URL or git spec does not say which package it is; write its name before it, as npm saves it', 'devDeps: ["my-tool@https://example.com/my-tool-1.0.0.tgz"]');
}

function specOf(parsed: npa.Result): string {
  switch (parsed.type) {
    case 'file':
    case 'directory':
    case 'git':
      return parsed.saveSpec!;
    default:
      return parsed.rawSpec === '' ? '*' : parsed.rawSpec;
  }
}

/** The "name" in a folder's or an npm tarball's package.json, or undefined. */
export function localPackageName(path: string, type: 'file' | 'directory'): string | undefined {
  try {
    const text = type === 'directory' ? readFileSync(join(path, 'package.json'), 'utf-8') : tarballPackageJson(path);
    const name = text === undefined ? undefined : (JSON.parse(text) as { name?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** `package/package.json` of a gzipped tarball made by npm pack (ustar headers, 512-byte blocks). */
function tarballPackageJson(path: string): string | undefined {
  if (!statSync(path).isFile()) return undefined;
  const tar = gunzipSync(readFileSync(path));
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return undefined;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString('utf-8').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    offset += 512;
    // npm pack puts every file under one top folder, "package/" for a published package
    if ((type === '0' || type === '') && /^[^/]+\/package\.json$/.test(name)) return tar.subarray(offset, offset + size).toString('utf-8');
    offset += Math.ceil(size / 512) * 512;
  }
  return undefined;
}

function refuse(spec: string, rule: string, example = EXAMPLE): never {
  throw new OptionError('devDeps', spec, rule, example);
}

/** A list of one-line strings; what npm makes of each entry is checked by src/projenrc/npm-spec.ts. */
export function checkDevDeps(value: unknown): string[] {
  return checkList('devDeps', value, /^\S(.*\S)?$/, 'Each entry must be one npm package spec, such as name@range, without surrounding spaces', 'devDeps: ["zod@^3"]');
}
