import { checkFeatures, checkVscodeExtensions } from './devcontainer-input';
import { checkProjectName } from '../project-name';
import { checkPort } from '../streamlit/streamlit-input';
import { resolvedOnce } from '../validation';

/** Options of the dev container component (`PyStreamlitDevstackProject` derives them from its own). */
export interface DevcontainerOptions {
  /** The dev container's name. */
  readonly name: string;
  /** The app's port: forwarded, and opened in the browser when Streamlit starts. */
  readonly port: number;
  /**
   * VS Code extensions (`publisher.name`).
   *
   * @default []
   */
  readonly vscodeExtensions?: string[];
  /**
   * Dev Container Features by id, each with its options.
   *
   * @default {}
   */
  readonly features?: { [id: string]: any };
}

/** The dev container's options with every default applied and every value checked. */
export interface ResolvedDevcontainerOptions {
  readonly name: string;
  readonly port: number;
  readonly vscodeExtensions: string[];
  readonly features: Record<string, Record<string, string | boolean>>;
}

/**
 * The dev container component's options, checked once: the project type resolves them
 * before any component exists, and the component takes that result as it is.
 */
export const resolveDevcontainerOptions = resolvedOnce((options: DevcontainerOptions): ResolvedDevcontainerOptions => ({
  name: checkProjectName(options.name),
  port: checkPort(options.port),
  vscodeExtensions: checkVscodeExtensions(options.vscodeExtensions ?? []),
  features: checkFeatures('devcontainerFeatures', options.features ?? {}),
}));
