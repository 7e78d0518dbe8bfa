import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service } from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';
import { K8S_DIR } from '../../src/kubernetes/manifest-file';
import { Options, synth } from '../util';

/** Kubernetes' own schema (from its OpenAPI document) for each kind the project generates. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  Deployment,
  Service,
  Ingress,
  HorizontalPodAutoscaler,
  PodDisruptionBudget,
  NetworkPolicy,
};

/**
 * Validates one manifest against Kubernetes' schema for its kind; throws with the
 * schema's message when it does not conform, or when the kind is not one we generate.
 */
export function validateManifest(manifest: any): void {
  const Model = MODELS[manifest?.kind];
  if (!Model) throw new Error(`unexpected kind ${manifest?.kind}`);
  new Model(manifest).validate();
}

/** Every document of a multi-document YAML stream (the output of `kustomize build`). */
export function parseManifests(text: string): any[] {
  return parseAllDocuments(text).map((document) => document.toJS());
}

/** The generated `k8s/` files of a project synthesized with `options`, parsed, by file name. */
export function k8sFiles(options: Options = {}): Record<string, any> {
  const files = synth(options);
  return Object.fromEntries(
    Object.entries(files)
      .filter(([path]) => path.startsWith(`${K8S_DIR}/`))
      .map(([path, text]) => [path.slice(K8S_DIR.length + 1), parse(text)]),
  );
}
