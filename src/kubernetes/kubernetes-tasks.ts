import { Component, Project, Task } from '../projen-api';
import { ResolvedKubernetesOptions } from './kubernetes-options';
import { COOKIE_SECRET_KEY, cookieSecretName, K8S_DIR } from './manifest-file';
import { preflightCommand } from '../contracts/preflight-protocol';
import { TASK } from '../contracts/task-names';
import { CONTAINER } from '../docker/container-commands';
import { ContainerEngine } from '../docker/container-engine';

/** This package's `bin` that creates the cookie Secret with a random value that never appears on a command line. */
export const COOKIE_SECRET_BIN = 'devstack-cookie-secret';

/** The Kubernetes tasks, for `.projenrc.ts` to extend (projen's `Task` API). */
export interface KubernetesTaskSet {
  /** `docker:push`: pushes the production image to the registry its name includes. */
  readonly push: Task;
  /** `k8s:secret`: creates the cookie Secret every replica shares (once per namespace). */
  readonly createSecret: Task;
  /** `k8s:apply`: `kubectl apply -k k8s`. */
  readonly apply: Task;
  /** `k8s:delete`: removes what `k8s:apply` deployed (the Secret is kept). */
  readonly remove: Task;
}

/**
 * `docker:push`, `k8s:secret`, `k8s:apply` and `k8s:delete`. Each starts with a
 * preflight check that names what is missing and how to fix it.
 */
export class KubernetesTasks extends Component {
  public readonly tasks: KubernetesTaskSet;

  constructor(project: Project, options: { readonly imageName: string; readonly containerEngine: ContainerEngine }, k8s: ResolvedKubernetesOptions) {
    super(project);
    const { tasks } = project;
    const engine = options.containerEngine;
    const secret = cookieSecretName(k8s);

    const push = tasks.addTask(TASK.dockerPush, { description: `Push the production image ${options.imageName} to its registry` });
    push.execArgs(preflightCommand({ kind: 'registry', image: options.imageName }));
    push.execArgs(preflightCommand({ kind: 'engine', engine: engine }));
    push.execArgs(CONTAINER.push(engine, options.imageName));

    const create = tasks.addTask(TASK.k8sSecret, {
      description: `Create the Secret ${secret} (Streamlit's cookie secret, shared by every replica) in the current kubectl context`,
    });
    create.execArgs(preflightCommand({ kind: 'tool', tool: 'kubectl' }));
    create.execArgs([COOKIE_SECRET_BIN, secret, COOKIE_SECRET_KEY], { receiveArgs: true });

    const apply = tasks.addTask(TASK.k8sApply, { description: `Deploy ${K8S_DIR}/ to the current kubectl context (kubectl apply -k ${K8S_DIR})` });
    apply.execArgs(preflightCommand({ kind: 'tool', tool: 'kubectl' }));
    apply.execArgs(preflightCommand({ kind: 'secret', name: secret }));
    apply.execArgs(['kubectl', 'apply', '-k', K8S_DIR], { receiveArgs: true });

    const remove = tasks.addTask(TASK.k8sDelete, { description: `Delete what ${K8S_DIR}/ deployed (the Secret ${secret} is kept)` });
    remove.execArgs(preflightCommand({ kind: 'tool', tool: 'kubectl' }));
    remove.execArgs(['kubectl', 'delete', '-k', K8S_DIR, '--ignore-not-found'], { receiveArgs: true });
    this.tasks = { push, createSecret: create, apply, remove };
  }
}
