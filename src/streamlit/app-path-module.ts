import { posix } from 'path';
import { LAYOUT } from '../layout';
import { FileBase, IResolver, Project } from '../projen-api';

/** The module the tests import the app's path from (`from devstack_app import APP_PATH`). */
export const APP_PATH_MODULE = `${LAYOUT.testsDir}/devstack_app.py`;

/**
 * A generated module beside the tests that says where the app is. The tests are the
 * user's and written once, so they import the path from here: a changed
 * `appEntrypoint` reaches them on the next `npx projen`.
 */
export class AppPathModule extends FileBase {
  constructor(
    project: Project,
    private readonly appEntrypoint: string,
  ) {
    super(project, APP_PATH_MODULE, { marker: true });
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    const depth = APP_PATH_MODULE.split('/').length - 1;
    return [
      `# ${this.marker}`,
      '"""Where the Streamlit app is, from appEntrypoint in .projenrc.ts, for the tests."""',
      '',
      'from pathlib import Path',
      '',
      `PROJECT_ROOT = Path(__file__).resolve().parents[${depth}]`,
      `APP_PATH = PROJECT_ROOT / ${JSON.stringify(posix.normalize(this.appEntrypoint))}`,
      '',
    ].join('\n');
  }
}
