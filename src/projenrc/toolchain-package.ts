import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { JsonFile, Project } from '../projen-api';
import { SELF } from '../self';
import { slugOf } from '../settings';

/** TypeScript 5.x: ts-node 10 breaks with TypeScript 7. */
const RC_RUNNER = { 'ts-node': '^10.9.2', 'typescript': '~5.9.3' };

/**
 * The generated project's own Node toolchain for `.projenrc.ts`: a managed
 * `package.json` that pins projen, constructs, this package, ts-node and
 * TypeScript, so `npx projen` runs local tools and never downloads per run.
 * Dependencies are installed after a synth that changed it.
 */
export class ToolchainPackage extends JsonFile {
  constructor(project: Project, devDeps: readonly string[]) {
    super(project, 'package.json', {
      // npm rewrites package.json on install; a read-only file would look changed on every synth.
      readonly: false,
      obj: {
        name: slugOf(project.name),
        private: true,
        description: 'Node tooling for .projenrc.ts (projen); the app itself is Python.',
        devDependencies: toolchainDependencies(devDeps),
      },
    });
    project.addExcludeFromCleanup('package-lock.json');
  }

  postSynthesize(): void {
    const outdir = this.project.outdir;
    if (!this.changed && existsSync(join(outdir, 'node_modules'))) return;
    const frozen = Boolean(process.env.CI) && existsSync(join(outdir, 'package-lock.json'));
    const args = frozen ? ['ci'] : ['install', '--no-audit', '--no-fund'];
    this.project.logger.info(`Installing the .projenrc.ts toolchain (npm ${args[0]})...`);
    execFileSync('npm', args, { cwd: outdir, stdio: ['ignore', 'inherit', 'inherit'] });
  }
}

/**
 * projen, constructs, the rc runner, this package and any extra `devDeps`.
 * A tarball path or URL in `devDeps` is the source of this package itself
 * (that is what `projen new --from <tarball>` passes).
 */
export function toolchainDependencies(devDeps: readonly string[]): Record<string, string> {
  const deps: Record<string, string> = {
    projen: SELF.peerDependencies.projen.replace(/^\^/, ''),
    constructs: SELF.peerDependencies.constructs,
    ...RC_RUNNER,
    [SELF.name]: `^${SELF.version}`,
  };
  for (const spec of devDeps) {
    const [name, range] = parseSpec(spec);
    deps[name] = range;
  }
  return Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b, 'en')));
}

function parseSpec(spec: string): [string, string] {
  if (/^(file:|\.{0,2}\/|https?:)/.test(spec) || spec.endsWith('.tgz')) {
    return [SELF.name, /^(file:|https?:)/.test(spec) ? spec : `file:${spec}`];
  }
  const at = spec.lastIndexOf('@');
  if (at > 0) return [spec.slice(0, at), spec.slice(at + 1)];
  return [spec, spec === SELF.name ? `^${SELF.version}` : '*'];
}
