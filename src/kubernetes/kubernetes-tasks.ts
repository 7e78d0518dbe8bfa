import { Component, Project } from 'projen';
import { KubernetesSettings } from './kubernetes-settings';
import { COOKIE_SECRET_KEY, cookieSecretName, K8S_DIR } from './manifest-file';
import { DevstackSettings } from '../settings';
import { PREFLIGHT } from '../tasks/devstack-tasks';

/** This package's `bin` that creates the cookie Secret with a random value that never appears on a command line. */
export const COOKIE_SECRET_BIN = 'devstack-cookie-secret';

/**
 * `docker:push`, `k8s:secret`, `k8s:apply` and `k8s:delete`. Each starts with a
 * preflight check that names what is missing and how to fix it.
 */
export class KubernetesTasks extends Component {
  constructor(project: Project, settings: DevstackSettings, k8s: KubernetesSettings) {
    super(project);
    const { tasks } = project;
    const engine = settings.containerEngine;
    const secret = cookieSecretName(k8s);

    const push = tasks.addTask('docker:push', { description: `Push the production image ${settings.imageName} to its registry` });
    push.execArgs([PREFLIGHT, 'registry', settings.imageName]);
    push.execArgs([PREFLIGHT, 'engine', engine]);
    push.execArgs([engine, 'push', settings.imageName]);

    const create = tasks.addTask('k8s:secret', {
      description: `Create the Secret ${secret} (Streamlit's cookie secret, shared by every replica) in the current kubectl context`,
    });
    create.execArgs([PREFLIGHT, 'tool', 'kubectl']);
    create.execArgs([COOKIE_SECRET_BIN, secret, COOKIE_SECRET_KEY], { receiveArgs: true });

    const apply = tasks.addTask('k8s:apply', { description: `Deploy ${K8S_DIR}/ to the current kubectl context (kubectl apply -k ${K8S_DIR})` });
    apply.execArgs([PREFLIGHT, 'tool', 'kubectl']);
    apply.execArgs([PREFLIGHT, 'secret', secret]);
    apply.execArgs(['kubectl', 'apply', '-k', K8S_DIR], { receiveArgs: true });

    const remove = tasks.addTask('k8s:delete', { description: `Delete what ${K8S_DIR}/ deployed (the Secret ${secret} is kept)` });
    remove.execArgs([PREFLIGHT, 'tool', 'kubectl']);
    remove.execArgs(['kubectl', 'delete', '-k', K8S_DIR, '--ignore-not-found'], { receiveArgs: true });
  }
}
