import { ContainerEngine } from '../docker/container-engine';

/** This package's `bin`: checks a task's prerequisites and explains what is missing. */
export const PREFLIGHT = 'devstack-preflight';

/** The checkers CI runs and kubectl: tools whose absence has one fix each. */
export type CheckedTool = 'kubectl' | 'hadolint' | 'kustomize' | 'kube-score';
const CHECKED_TOOLS: readonly CheckedTool[] = ['kubectl', 'hadolint', 'kustomize', 'kube-score'];

/** What a task asks `devstack-preflight` to check: written by the tasks, read by the bin. */
export type PreflightCheck =
  | { readonly kind: 'pipenv'; readonly version: string }
  | { readonly kind: 'uv'; readonly version: string }
  | { readonly kind: 'tool'; readonly tool: CheckedTool }
  | { readonly kind: 'engine'; readonly engine: ContainerEngine }
  | { readonly kind: 'lockfile' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'secret'; readonly name: string }
  | { readonly kind: 'registry'; readonly image: string };

/** The task step that runs a check: the bin and the check's arguments. */
export function preflightCommand(check: PreflightCheck): string[] {
  return [PREFLIGHT, ...encode(check)];
}

function encode(check: PreflightCheck): string[] {
  switch (check.kind) {
    case 'pipenv': return ['tool', 'pipenv', check.version];
    case 'uv': return ['tool', 'uv', check.version];
    case 'tool': return ['tool', check.tool];
    case 'engine': return ['engine', check.engine];
    case 'lockfile': return ['lockfile'];
    case 'unchanged': return ['unchanged'];
    case 'secret': return ['secret', check.name];
    case 'registry': return ['registry', check.image];
  }
}

const USAGE = 'tool pipenv VERSION | tool uv VERSION | tool kubectl|hadolint|kustomize|kube-score | engine docker|podman | lockfile | unchanged | secret NAME | registry IMAGE';

/** The check the bin's arguments name, or the sentence saying why they name none. */
export function decodePreflight(args: readonly string[]): PreflightCheck | string {
  const [kind, name, extra] = args;
  const decoded: PreflightCheck | undefined = (() => {
    if (kind === 'tool' && name === 'pipenv' && extra) return { kind: 'pipenv', version: extra };
    if (kind === 'tool' && name === 'uv' && extra) return { kind: 'uv', version: extra };
    if (kind === 'tool' && CHECKED_TOOLS.includes(name as CheckedTool)) return { kind: 'tool', tool: name as CheckedTool };
    if (kind === 'engine' && Object.values(ContainerEngine).includes(name as ContainerEngine)) return { kind: 'engine', engine: name as ContainerEngine };
    if (kind === 'lockfile' || kind === 'unchanged') return { kind };
    if (kind === 'secret' && name) return { kind, name };
    if (kind === 'registry' && name) return { kind, image: name };
    return undefined;
  })();
  if (decoded && encode(decoded).length === args.length) return decoded;
  return `unknown check "${args.join(' ')}" (expected: ${USAGE}).`;
}
