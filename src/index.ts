export * from './options';
export * from './project';
export { Dockerfile, DockerfileOptions } from './docker/dockerfile';
export { DockerfileStage } from './docker/dockerfile-stage';
export { Pipfile, PipfileOptions } from './pipenv/pipfile';
export { DevcontainerConfig, DevcontainerOptions, DevcontainerPortAttributes, PortAutoForward } from './devcontainer/devcontainer-config';
export { KubernetesManifests, KubernetesManifestsOptions } from './kubernetes/kubernetes-manifests';
export { KubernetesTaskSet } from './kubernetes/kubernetes-tasks';
export { DevstackTaskSet } from './tasks/devstack-tasks';
