import { existsSync, writeFileSync } from 'fs';
import { join } from 'path';
import { InitProject, JsonFile, Project, ProjenrcFile } from '../projen-api';
import { renderProjenrc } from './render-projenrc';
import { LAYOUT } from '../layout';
import { ResolvedDevstackOptions } from '../resolve-options';

export const PROJENRC_TSCONFIG = 'tsconfig.projen.json';
/** This package's `bin` that runs the rc: transpiled by the project's TypeScript, a syntax error as file:line:column (src/cli/projenrc-runner.ts). */
export const PROJENRC_RUNNER = 'devstack-projenrc';

/**
 * `.projenrc.ts`, the one file the user edits. Written once at `projen new`;
 * `npx projen` runs it through `devstack-projenrc`, which transpiles it with the
 * project's local TypeScript (no download per run) and reports a syntax error as
 * file:line:column.
 *
 * Options are checked at run time by the project type, so the rc is only
 * transpiled here, which keeps a re-synth fast.
 */
export class DevstackProjenrc extends ProjenrcFile {
  public readonly filePath = LAYOUT.projenrc;

  constructor(
    project: Project,
    private readonly settings: ResolvedDevstackOptions,
    /** Options to write with their values even though projen new did not pass them (adopted ones). */
    private readonly alsoShown: readonly string[] = [],
  ) {
    super(project);
    new JsonFile(project, PROJENRC_TSCONFIG, {
      allowComments: true,
      obj: {
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node',
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
          noEmit: true,
        },
        include: [LAYOUT.projenrc],
      },
    });
    if (project.defaultTask) {
      project.defaultTask.description = `Synthesize the project files from ${LAYOUT.projenrc} (what npx projen runs: ${PROJENRC_RUNNER} ${LAYOUT.projenrc})`;
      project.defaultTask.execArgs([PROJENRC_RUNNER, LAYOUT.projenrc, '--project', PROJENRC_TSCONFIG]);
    }
  }

  projectCreation(initProject: InitProject): void {
    const rcPath = join(this.project.outdir, LAYOUT.projenrc);
    if (existsSync(rcPath)) return;
    writeFileSync(rcPath, renderProjenrc(this.settings, [...Object.keys(initProject.args), ...this.alsoShown]));
    this.project.logger.info(`Project definition file was created at ${rcPath}`);
  }
}
