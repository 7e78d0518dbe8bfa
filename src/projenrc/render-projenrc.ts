import { DEFAULTS } from '../defaults';
import { ContainerEngine } from '../docker/container-engine';
import { KUBERNETES_DEFAULTS } from '../kubernetes/kubernetes-options';
import { PyStreamlitDevstackProjectOptions } from '../options';
import { ResolvedDevstackOptions } from '../resolve-options';

/** A rendered option. */
type RenderedKey = Exclude<keyof PyStreamlitDevstackProjectOptions, 'outdir' | 'devcontainerFeatures'>;

/** The options shown with their values in a new `.projenrc.ts`, in this order. */
const ALWAYS_SHOWN = ['name', 'pythonVersion', 'port', 'appEntrypoint', 'packages'] as const;

/** Options shown as comments (with their defaults) unless given to `projen new`. */
/**
 * Each hint's line is code once uncommented (test/projenrc/projenrc-hints.test.ts type-checks
 * and runs every one); the text after the second `//` stays a comment.
 */
const HINTS: ReadonlyArray<[RenderedKey, string]> = [
  ['devPackages', 'Development Python packages (pytest and ruff are always there)'],
  ['aptPackages', 'Debian packages for the app at run time'],
  ['devAptPackages', 'Debian packages for the dev container only'],
  ['baseUrlPath', 'URL path the app is served under, e.g. "dash" for /dash/ (default: the root)'],
  ['baseImage', 'Base image of every stage (default "python:<pythonVersion>-slim")'],
  ['imageName', 'Name of the production image (default: derived from name)'],
  ['vscodeExtensions', 'VS Code extensions in the dev container'],
  ['devcontainer', 'Generate .devcontainer/devcontainer.json'],
  ['containerEngine', 'Engine for the docker:* tasks: ContainerEngine.DOCKER or ContainerEngine.PODMAN'],
  ['autoLock', 'Run pipenv lock after a synth that changed the Pipfile'],
  ['githubActions', 'GitHub Actions CI (.github/workflows/ci.yml) and .github/dependabot.yml'],
  ['kubernetes', 'Kubernetes manifests in k8s/ and the k8s:* tasks'],
  ['kubernetesOptions', 'Replicas, resources and Ingress of k8s/; add ingressHost: "streamlit.example.com" to serve one host only'],
];

const RENDERED_ORDER: readonly RenderedKey[] = [
  ...ALWAYS_SHOWN,
  ...HINTS.map(([key]) => key),
  'pipenvVersion',
  'uvVersion',
  'nodeVersion',
  'pipfileSources',
  'packageIndexes',
  'pipfileScripts',
  'pipenvSettings',
  'gitignore',
  'devDeps',
];

/**
 * Renders the initial `.projenrc.ts` from the resolved options (never from raw
 * command-line values, so `--python-version 3.10` is written as "3.10").
 *
 * @param given names of the options the user passed to `projen new`
 */
export function renderProjenrc(resolved: ResolvedDevstackOptions, given: readonly string[]): string {
  const shown = new Set<string>([...ALWAYS_SHOWN, ...given.filter((key) => key !== 'outdir')]);
  const lines: string[] = [];
  for (const key of RENDERED_ORDER) {
    const value = RENDERED_VALUE[key](resolved);
    if (shown.has(key)) {
      lines.push(`  ${key}: ${literal(value)},`);
    } else {
      const hint = HINTS.find(([hinted]) => hinted === key);
      if (hint) lines.push(`  // ${key}: ${literal(value, { oneLine: true })}, // ${hint[1]}`);
    }
  }
  return [
    // ContainerEngine always: the containerEngine hint names it, so it works uncommented
    // (an unused import is elided by TypeScript, and the rc's tsconfig has no noUnusedLocals)
    'import { ContainerEngine, PyStreamlitDevstackProject } from "py-streamlit-devstack";',
    '',
    '// Edit the options, then run `npx projen` to bring every generated file in line.',
    'const project = new PyStreamlitDevstackProject({',
    ...lines,
    '});',
    '',
    '// Beyond the options, every generated file is reachable through a typed component',
    '// (README: "Customize from .projenrc.ts"), for example:',
    '// project.pipfile.addPackage("humanize", ">=4");',
    '// project.devcontainer?.addExtensions("ms-toolsai.jupyter");',
    '',
    'project.synth();',
    '',
  ].join('\n');
}

/** Each rendered option as the user would write it, from the resolved options: packages without the implicit default entries. */
const RENDERED_VALUE: { readonly [key in RenderedKey]: (resolved: ResolvedDevstackOptions) => unknown } = {
  name: (resolved) => resolved.name,
  pythonVersion: (resolved) => resolved.pythonVersion,
  port: (resolved) => resolved.port,
  appEntrypoint: (resolved) => resolved.appEntrypoint,
  packages: (resolved) => withoutImplicit(resolved.pipfile.packages, DEFAULTS.basePackages),
  devPackages: (resolved) => withoutImplicit(resolved.pipfile.devPackages, DEFAULTS.baseDevPackages),
  aptPackages: (resolved) => resolved.dockerfile.aptPackages,
  devAptPackages: (resolved) => resolved.dockerfile.devAptPackages,
  baseUrlPath: (resolved) => resolved.baseUrlPath,
  baseImage: (resolved) => resolved.baseImage,
  imageName: (resolved) => resolved.imageName,
  vscodeExtensions: (resolved) => resolved.devcontainerOptions.vscodeExtensions,
  devcontainer: (resolved) => resolved.devcontainer,
  containerEngine: (resolved) => resolved.containerEngine,
  autoLock: (resolved) => resolved.autoLock,
  githubActions: (resolved) => resolved.githubActions,
  // the option is a switch; the resolved options hold the manifests' values when it is on
  kubernetes: (resolved) => resolved.kubernetes !== undefined,
  kubernetesOptions: (resolved) => {
    const { appName, ...options } = resolved.kubernetes?.kubernetesOptions ?? { appName: '', ...KUBERNETES_DEFAULTS };
    return options;
  },
  pipenvVersion: (resolved) => resolved.pipenvVersion,
  uvVersion: (resolved) => resolved.uvVersion,
  nodeVersion: (resolved) => resolved.nodeVersion,
  pipfileSources: (resolved) => resolved.pipfile.sources,
  packageIndexes: (resolved) => resolved.pipfile.packageIndexes,
  pipfileScripts: (resolved) => resolved.pipfile.scripts,
  pipenvSettings: (resolved) => resolved.pipfile.pipenvSettings,
  gitignore: (resolved) => resolved.gitignore,
  devDeps: (resolved) => resolved.devDeps,
};

function withoutImplicit(
  packages: Readonly<Record<string, string>>,
  implicit: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(packages).filter(([name, spec]) => !Object.hasOwn(implicit, name) || implicit[name] !== spec));
}

/** A TypeScript literal; JSON is valid TypeScript, so values stay inert. */
function literal(value: unknown, { oneLine = false } = {}): string {
  if (value === ContainerEngine.DOCKER) return 'ContainerEngine.DOCKER';
  if (value === ContainerEngine.PODMAN) return 'ContainerEngine.PODMAN';
  if (oneLine) return JSON.stringify(value);
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
}
