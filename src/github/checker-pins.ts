import { TOOL_PINS } from '../tool-pins';

/** The checkers CI installs, pinned (see src/tool-pins.ts): the same versions this package's own tests use. */
export const HADOLINT_PIN = TOOL_PINS.hadolint.install;
export const GO_CHECKERS = [TOOL_PINS.kustomize.install, TOOL_PINS['kube-score'].install] as const;
