import { copyFileSync, existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Component, InitProject, Project } from 'projen';
import { ExistingPipfile } from '../pipenv/existing-pipfile';

/** Suffix of the copy kept of a user's file that becomes generated. */
export const BACKUP_SUFFIX = '.pre-devstack';

/** Made by npm during `projen new` itself, not by the user. */
const CREATED_BY_PROJEN_NEW = new Set(['package.json']);

/** True while `projen new` creates the project (projen sets this for project types). */
export function isProjectCreation(): boolean {
  return process.env.PROJEN_CREATE_PROJECT === 'true';
}

/**
 * Adopting an existing project with `projen new`: a file of the user's at a path
 * this project type generates (a hand-written Dockerfile, Pipfile, ...) is copied
 * to `<file>.pre-devstack` before it is replaced, and the user is told which files
 * became generated and what carried over. Nothing of the user's is lost.
 */
export class Adoption extends Component {
  private readonly backedUp: string[] = [];

  constructor(
    project: Project,
    private readonly existingPipfile: ExistingPipfile | undefined,
  ) {
    super(project);
  }

  preSynthesize(): void {
    if (!isProjectCreation()) return;
    for (const file of this.project.files) {
      const path = join(this.project.outdir, file.path);
      if (CREATED_BY_PROJEN_NEW.has(file.path) || !existsSync(path)) continue;
      if (file.marker && readFileSync(path, 'utf-8').includes(file.marker)) continue;
      if (!existsSync(path + BACKUP_SUFFIX)) copyFileSync(path, path + BACKUP_SUFFIX);
      this.backedUp.push(file.path);
    }
  }

  postProjectCreation(_initProject: InitProject): void {
    const lines: string[] = [];
    if (this.existingPipfile) {
      const { packages, devPackages, pythonVersion } = this.existingPipfile;
      lines.push(
        `Adopted your Pipfile into .projenrc.ts: packages ${JSON.stringify(packages)}, devPackages ${JSON.stringify(devPackages)}` +
          (pythonVersion ? `, pythonVersion "${pythonVersion}".` : '.'),
      );
    }
    if (this.backedUp.length) {
      lines.push('These files of yours are now generated from .projenrc.ts; your versions are kept next to them:');
      lines.push(...this.backedUp.map((path) => `  ${path} -> ${path}${BACKUP_SUFFIX}`));
    }
    if (lines.length) {
      lines.push('Your app code, Pipfile.lock and other files are untouched; re-lock (npx projen lock) if the Pipfile changed.');
      console.log(['', ...lines, ''].join('\n'));
    }
  }
}
