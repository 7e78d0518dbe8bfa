import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import npa from 'npm-package-arg';
import { NpmDependency } from './npm-spec';
import { ResolvedToolchain } from './toolchain-options';
import { plainTablesResolver } from '../files/plain-tables';
import { slugOf } from '../project-name';
import { IResolver, JsonFile, Project } from '../projen-api';
import { SELF } from '../self';

/**
 * What the rc runner (src/cli/projenrc-runner.ts) needs besides this package: TypeScript,
 * whose `transpileModule` it calls. Kept on 5.9, what the runner is tested with: the main
 * module of TypeScript 7 (the native port) has no `transpileModule`, only its version.
 */
const RC_RUNNER = { typescript: '~5.9.3' };

/**
 * Written into node_modules only after an npm install of the toolchain finished: an
 * install killed midway leaves node_modules without it (or with the previous one), so
 * the next synth finishes the install instead of trusting a half-filled folder.
 */
export const INSTALL_STAMP = 'node_modules/.devstack-toolchain.json';

/**
 * The generated project's own Node toolchain for `.projenrc.ts`: a managed
 * `package.json` that pins projen, constructs, this package and TypeScript (the
 * rc runner's transpiler), so `npx projen` runs local tools and never downloads per run.
 * Dependencies are installed after a synth that changed them, or when the last
 * install did not finish.
 */
export class ToolchainPackage extends JsonFile {
  private readonly tables: ToolchainTables;
  private readonly content: Record<string, unknown>;

  constructor(project: Project, private readonly settings: ResolvedToolchain) {
    const tables = toolchainTables(toolchainDependencies(settings.dependencies));
    const content = {
      name: slugOf(project.name),
      private: true,
      description: 'Node tooling for .projenrc.ts (projen); the app itself is Python.',
      ...tables,
    };
    // npm rewrites package.json on install; a read-only file would look changed on every synth.
    super(project, 'package.json', { readonly: false, obj: content });
    this.tables = tables;
    this.content = content;
    project.addExcludeFromCleanup('package-lock.json');
  }

  protected synthesizeContent(resolver: IResolver): string | undefined {
    // "constructor" is a valid npm package name
    return super.synthesizeContent(plainTablesResolver(resolver, this.content, ['dependencies', 'devDependencies']));
  }

  synthesize(): void {
    super.synthesize();
    const vendor = this.settings.vendor;
    if (vendor === undefined) return;
    const target = join(this.project.outdir, vendor.path);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(vendor.source, target);
  }

  postSynthesize(): void {
    const outdir = this.project.outdir;
    const stamp = installStamp(this.tables);
    if (!this.changed && readStamp(join(outdir, INSTALL_STAMP)) === stamp) return;
    const frozen = Boolean(process.env.CI) && existsSync(join(outdir, 'package-lock.json'));
    const args = frozen ? ['ci'] : ['install', '--no-audit', '--no-fund'];
    this.project.logger.info(`Installing the .projenrc.ts toolchain (npm ${args[0]})...`);
    execFileSync('npm', args, { cwd: outdir, stdio: ['ignore', 'inherit', 'inherit'] });
    writeFileSync(join(outdir, INSTALL_STAMP), `${JSON.stringify({ tables: stamp })}\n`);
  }
}

/** A hash of both installed tables: any change of an entry, or a move between them, installs again. */
function installStamp(tables: ToolchainTables): string {
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex');
}

function readStamp(path: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path, 'utf-8')) as { tables?: string }).tables;
  } catch {
    return undefined;
  }
}

/**
 * projen, constructs, the rc runner, this package and the extra dependencies; an entry
 * for this package (the project type's own source) replaces the default range.
 */
export function toolchainDependencies(dependencies: readonly NpmDependency[]): Record<string, string> {
  const deps: Record<string, string> = {
    projen: SELF.peerDependencies.projen.replace(/^\^/, ''),
    constructs: SELF.peerDependencies.constructs,
    ...RC_RUNNER,
    [SELF.name]: `^${SELF.version}`,
  };
  for (const { name, spec } of dependencies) {
    deps[name] = name === SELF.name && spec === '*' ? `^${SELF.version}` : spec;
  }
  return Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b, 'en')));
}

/**
 * The entries npm installs from the registry (a version, range, tag or `npm:` alias), as
 * `name@spec`: what the `development` stage bakes in. A `file:`, git or URL entry is left to
 * the workspace's own install (the image build does not see it).
 */
export function registryPackages(dependencies: Record<string, string>): string[] {
  return Object.entries(dependencies)
    .filter(([name, spec]) => ['version', 'range', 'tag', 'alias'].includes(npa.resolve(name, spec).type))
    .map(([name, spec]) => `${name}@${spec}`);
}

/**
 * The entries that are a tarball or folder inside the project (`file:`), as paths relative to
 * it: the production image leaves them out (`.dockerignore`).
 */
export function localPackagePaths(dependencies: Record<string, string>): string[] {
  return Object.entries(dependencies)
    .map(([name, spec]) => npa.resolve(name, spec))
    .filter((parsed) => parsed.type === 'file' || parsed.type === 'directory')
    .map((parsed) => parsed.saveSpec!.replace(/^file:/, ''));
}

/** The package.json tables of the toolchain. */
export interface ToolchainTables {
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

/** What stays in devDependencies: see toolchainTables. */
const DEV_DEPENDENCIES = ['projen', SELF.name];

/**
 * projen and this package in devDependencies, every other entry in dependencies (the
 * package is private: npm install and npm ci install both). A second `projen new --from`
 * in the folder (after one was interrupted) takes the first devDependencies entry that is
 * not projen as the project type's module (projen's installPackage), and npm sorts the
 * table: constructs came first, and projen new found "no project types".
 */
export function toolchainTables(deps: Record<string, string>): ToolchainTables {
  const entries = Object.entries(deps);
  return {
    dependencies: Object.fromEntries(entries.filter(([name]) => !DEV_DEPENDENCIES.includes(name))),
    devDependencies: Object.fromEntries(entries.filter(([name]) => DEV_DEPENDENCIES.includes(name))),
  };
}
