import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT, runOk, userEnv } from './generated-project';

/** Checkers nobody on this project wrote (Kubernetes manifests, GitHub workflows), pinned, built from source by the Go here. */
export const GO_TOOLS = {
  // v5.8+ needs a newer Go than this machine's
  'kustomize': 'sigs.k8s.io/kustomize/kustomize/v5@v5.7.1',
  'kube-score': 'github.com/zegl/kube-score/cmd/kube-score@v1.20.0',
  'actionlint': 'github.com/rhysd/actionlint/cmd/actionlint@v1.7.12',
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
