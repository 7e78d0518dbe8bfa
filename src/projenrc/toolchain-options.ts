import npa from 'npm-package-arg';
import { npmDependenciesOf, NpmDependency } from './npm-spec';
import { recordedProjectType } from '../adoption/creation';
import { SELF } from '../self';

/** What the toolchain installs, resolved from the `devDeps` option. */
export interface ResolvedToolchain {
  /** The extra entries (and the project type's own source), each checked by npm's parser. */
  readonly dependencies: readonly NpmDependency[];
  /**
   * At `projen new --from <tarball>`: the tarball to copy into the project, and where,
   * so that package.json's `file:` spec is seen in the dev container, CI and a fresh clone.
   */
  readonly vendor?: { readonly source: string; readonly path: string };
}

/**
 * The `devDeps` entries as the project records them, and what the toolchain installs.
 *
 * @param devDeps the option's entries (a list of one-line strings)
 * @param projectDir the project folder, where npm reads relative paths from
 * @param projectTypeSource at `projen new`, the spec projen installed the project type from
 */
export function resolveToolchain(
  devDeps: readonly string[],
  projectDir: string,
  projectTypeSource: string | undefined,
): { devDeps: string[]; toolchain: ResolvedToolchain } {
  const dependencies = npmDependenciesOf(devDeps, projectDir, projectTypeSource);
  const index = projectTypeSource === undefined ? -1 : devDeps.indexOf(projectTypeSource);
  if (index === -1 || dependencies[index].name !== SELF.name) return { devDeps: [...devDeps], toolchain: { dependencies } };
  const parsed = npa(projectTypeSource!, projectDir);
  const recorded = recordedProjectType(projectTypeSource!, parsed.type, parsed.fetchSpec ?? undefined, dependencies[index].spec);
  return {
    devDeps: devDeps.map((spec) => (spec === projectTypeSource ? recorded.devDep : spec)),
    toolchain: {
      dependencies: dependencies.map((dependency, at) => (at === index ? { ...dependency, spec: recorded.spec } : dependency)),
      ...(recorded.vendor ? { vendor: recorded.vendor } : {}),
    },
  };
}
