import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT, runOk, userEnv } from './generated-project';
import { TOOL_PINS } from '../../../src/tool-pins';

/**
 * Checkers nobody on this project wrote (Kubernetes manifests, GitHub workflows), pinned
 * where the generated CI pins them (src/tool-pins.ts), built from source by the Go here.
 */
export const GO_TOOLS = {
  'kustomize': TOOL_PINS.kustomize.install,
  'kube-score': TOOL_PINS['kube-score'].install,
  'actionlint': TOOL_PINS.actionlint.install,
  // the CNCF Distribution registry (what registry:2 runs), for pushing images somewhere real
  'registry': 'github.com/distribution/distribution/v3/cmd/registry@v3.0.0',
} as const;

const GO_BIN = join(REPO_ROOT, '.tmp', 'tools', 'go-bin');

/** Why the Go tools cannot be had here, or undefined. */
export function missingGo(): string | undefined {
  return spawnSync('go', ['version']).status === 0 ? undefined : 'Go (https://go.dev/dl/; Debian: apt-get install golang), to build kustomize and kube-score';
}

/** The path of a pinned Go tool in `.tmp/tools/go-bin`, built with `go install` on first use (about 30 s each). */
export function ensureGoTool(name: keyof typeof GO_TOOLS): string {
  const binary = join(GO_BIN, name);
  if (!existsSync(binary)) runOk('go', ['install', GO_TOOLS[name]], REPO_ROOT, userEnv({ GOBIN: GO_BIN, GOFLAGS: '-mod=mod' }));
  return binary;
}
