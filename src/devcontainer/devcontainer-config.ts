import { JsonFile, Project } from '../projen-api';
import { checkFeatures, checkForwardPort, checkNamedCommand, checkPortLabel, checkVscodeExtensions } from './devcontainer-input';
import { DevcontainerOptions, resolveDevcontainerOptions } from './devcontainer-options';
import { pythonEnvCommand } from '../contracts/python-env-command';
import { DEV_CACHES, LAYOUT } from '../layout';
import { callExample, checkEnum } from '../validation';

/** What VS Code does when a forwarded port starts listening (`onAutoForward`). */
export enum PortAutoForward {
  /** Show a notification. */
  NOTIFY = 'notify',
  /** Open the browser at the port. */
  OPEN_BROWSER = 'openBrowser',
  /** Open the browser at the port once per session. */
  OPEN_BROWSER_ONCE = 'openBrowserOnce',
  /** Open a preview in the editor. */
  OPEN_PREVIEW = 'openPreview',
  /** Forward without telling. */
  SILENT = 'silent',
  /** Do not forward. */
  IGNORE = 'ignore',
}

/** How VS Code shows a forwarded port (`portsAttributes`). */
export interface DevcontainerPortAttributes {
  /**
   * Its name in the Ports view.
   *
   * @default - the port number
   */
  readonly label?: string;
  /**
   * What happens when it starts listening.
   *
   * @default PortAutoForward.NOTIFY
   */
  readonly onAutoForward?: PortAutoForward;
}

/** The `.projenrc.ts` toolchain, as the synth installs it outside CI. */
const TOOLCHAIN_INSTALL = ['npm', 'install', '--no-audit', '--no-fund'] as const;

/**
 * A workspace without node_modules (a fresh clone) starts from the image's baked toolchain
 * (the Dockerfile's `devToolchainPackages`): a copy, with no download or tarball to unpack,
 * and the install that follows only adds what the workspace's package-lock.json pins differently.
 */
const TOOLCHAIN_SEED = `[ -e node_modules ] || [ ! -d ${LAYOUT.devToolchain}/node_modules ] || cp -R ${LAYOUT.devToolchain}/node_modules node_modules`;

const APP_PORT_ATTRIBUTES: DevcontainerPortAttributes = { label: 'Streamlit', onAutoForward: PortAutoForward.OPEN_BROWSER };

/**
 * `.devcontainer/devcontainer.json` (current Dev Container spec): builds the
 * `development` stage of the Dockerfile, whose image holds the locked dev packages,
 * and brings that environment in line with the lock in `updateContentCommand`
 * (before the editor attaches).
 * `.projenrc.ts` adds extensions, Features, commands and ports through the methods
 * below; the file is rendered at synth.
 */
export class DevcontainerConfig extends JsonFile {
  private readonly contents: DevcontainerContents;

  constructor(project: Project, options: DevcontainerOptions) {
    const venvPython = `${LAYOUT.venv}/bin/python`;
    const resolved = resolveDevcontainerOptions(options);
    const contents: DevcontainerContents = {
      extensions: new Set(resolved.vscodeExtensions),
      features: new Map(Object.entries(resolved.features)),
      postCreate: new Map(),
      ports: new Map([[resolved.port, APP_PORT_ATTRIBUTES]]),
    };
    super(project, '.devcontainer/devcontainer.json', {
      allowComments: true,
      obj: {
        name: resolved.name,
        build: {
          dockerfile: '../Dockerfile',
          context: '..',
          target: 'development',
        },
        features: () => (contents.features.size ? Object.fromEntries(contents.features) : undefined),
        workspaceFolder: LAYOUT.workspace,
        workspaceMount: `source=\${localWorkspaceFolder},target=${LAYOUT.workspace},type=bind`,
        remoteUser: LAYOUT.devUser.name,
        // npm's and uv's download caches outlive a rebuilt container (shared by every project:
        // both are content-addressed and safe for concurrent use)
        mounts: [
          { source: 'devstack-npm-cache', target: `/home/${LAYOUT.devUser.name}/${DEV_CACHES.npm}`, type: 'volume' },
          { source: 'devstack-uv-cache', target: `/home/${LAYOUT.devUser.name}/${DEV_CACHES.uv}`, type: 'volume' },
        ],
        forwardPorts: () => [...contents.ports.keys()],
        portsAttributes: () => Object.fromEntries([...contents.ports].map(([port, attributes]) => [String(port), { ...attributes }])),
        // The editor waits for updateContentCommand, and prebuilds cache its result. The image
        // already holds the toolchain and the locked dev packages: the toolchain first (seeded
        // from the image, then npm adds what differs), then the environment is brought in line
        // with the lock, as test and dev do (the image's stamp says when it already is: then
        // nothing runs). One shell command, because each step needs the one before (the spec's
        // object form runs in parallel).
        updateContentCommand: `${TOOLCHAIN_SEED}; ${TOOLCHAIN_INSTALL.join(' ')} && npx ${pythonEnvCommand('match').join(' ')}`,
        // After the environment exists; the named commands run in parallel (the spec's object form).
        postCreateCommand: () => (contents.postCreate.size ? Object.fromEntries(contents.postCreate) : undefined),
        customizations: {
          vscode: {
            extensions: () => [...contents.extensions],
            settings: {
              'python.defaultInterpreterPath': venvPython,
              'python.terminal.activateEnvironment': true,
              'python.testing.pytestEnabled': true,
              'python.testing.pytestArgs': [LAYOUT.testsDir],
            },
          },
        },
      },
    });
    this.contents = contents;
  }

  /** VS Code extensions to install in the dev container (`publisher.name`), after the ones there. */
  public addExtensions(...ids: string[]): void {
    const method = 'project.devcontainer.addExtensions()';
    checkVscodeExtensions(ids, method, callExample(method, '"ms-toolsai.jupyter"')).forEach((id) => this.contents.extensions.add(id));
  }

  /**
   * A Dev Container Feature: an OCI reference (`ghcr.io/devcontainers/features/node:1`), a
   * folder in `.devcontainer/` (`./my-feature`) or an https `.tgz` URL. Adding one again
   * replaces its options.
   *
   * @param id the Feature
   * @param options its options (strings and booleans)
   */
  public addFeature(id: string, options?: { [key: string]: any }): void {
    const method = 'project.devcontainer.addFeature()';
    const checked = checkFeatures(method, { [id]: options ?? {} }, callExample(method, '"ghcr.io/devcontainers/features/github-cli:1", { version: "latest" }'));
    this.contents.features.set(id, checked[id]);
  }

  /**
   * A command run once when the container is created, after the Pipenv environment exists
   * (`postCreateCommand`). Named commands run in parallel; run dependent steps in one command.
   *
   * @param name the command's name in the log
   * @param command the program and its arguments, run without a shell
   */
  public addPostCreateCommand(name: string, ...command: string[]): void {
    const method = 'project.devcontainer.addPostCreateCommand()';
    this.contents.postCreate.set(name, checkNamedCommand(method, name, command));
  }

  /**
   * Forwards one more port from the dev container (a database, a second server), with how
   * VS Code shows it.
   */
  public addForwardPort(port: number, attributes: DevcontainerPortAttributes = {}): void {
    const method = 'project.devcontainer.addForwardPort()';
    const checked = checkForwardPort(method, port, [...this.contents.ports.keys()]);
    const label = attributes.label === undefined ? undefined : checkPortLabel(method, attributes.label);
    const onAutoForward = attributes.onAutoForward === undefined
      ? undefined
      : checkEnum(method, attributes.onAutoForward, Object.values(PortAutoForward), callExample(method, `${checked}, { onAutoForward: PortAutoForward.SILENT }`));
    this.contents.ports.set(checked, { ...(label ? { label } : {}), ...(onAutoForward ? { onAutoForward } : {}) });
  }
}

/** What devcontainer.json holds until synth. */
interface DevcontainerContents {
  readonly extensions: Set<string>;
  readonly features: Map<string, Record<string, string | boolean>>;
  readonly postCreate: Map<string, string[]>;
  readonly ports: Map<number, DevcontainerPortAttributes>;
}
