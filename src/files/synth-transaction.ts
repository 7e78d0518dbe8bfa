import { mkdirSync, realpathSync } from 'fs';
import { join } from 'path';
import { changeProblems } from './change-checks';
import { FileJournal } from './file-journal';
import { spaceProblem } from './free-space';
import { recoverInterruptedSynth } from './interrupted-synth';
import { lengthProblems } from './path-limits';
import { markCommitting, removeJournal, saveJournal } from './synth-journal';
import { landingPath, lstatOrUndefined, planSynth, PlannedWrite, SynthPlan } from './synth-plan';
import { writeFailure } from './write-failure';
import { writeProblems } from './write-guard';
import { DevstackError, MESSAGE_PREFIX } from '../errors';
import { Component, Project } from '../projen-api';

/**
 * Makes a synth all or nothing. Before the first write, everything it will write or
 * delete is known and checked (names, links out of the project, permissions, space), and
 * a refusal changes nothing; then every file that is there is parked (see FileJournal),
 * so any failure while writing is undone with renames, and the error is one sentence.
 * What it parks and creates is saved in a journal before the first change, so a synth
 * that is killed midway is undone by the next one (see recoverInterruptedSynth).
 * The files are kept from the first post-synth step on: a failing npm install or
 * pipenv lock leaves the new files in place.
 */
export class SynthTransaction extends Component {
  private journal?: FileJournal;

  constructor(
    project: Project,
    /** Paths written besides the project's files: samples that are missing, backups. */
    private readonly otherWrites: () => readonly PlannedWrite[],
    /** What else stops the synth, checked once nothing in the plan does: changes of the user's it would undo. */
    private readonly otherProblems: (root: string) => readonly string[] = () => [],
  ) {
    super(project);
  }

  /** Runs `synth` (projen's) inside the transaction. */
  run(synth: () => void): void {
    // as projen's own synth does: an outdir that does not exist yet is made
    mkdirSync(this.project.outdir, { recursive: true });
    recoverInterruptedSynth(realpathSync(this.project.outdir), (message) => this.project.logger.warn(`${MESSAGE_PREFIX}${message}`));
    const plan = planSynth(this.project, this.otherWrites());
    const found = synthProblems(plan);
    const problems = found.length ? found : this.otherProblems(plan.root);
    if (problems.length) throw new DevstackError(`npx projen changed nothing, because ${problems.join('; ')}.`);
    const journal = new FileJournal(plan.root);
    this.journal = journal;
    try {
      prepare(journal, plan);
      synth();
    } catch (error) {
      if (this.journal !== journal) throw error; // after the files were kept: a post-synth step failed
      this.journal = undefined;
      const notRestored = journal.rollback();
      // what could not be put back stays in the journal: the next synth tries again
      if (!notRestored.length) removeJournal(plan.root);
      throw writeFailure(error, plan.root, notRestored);
    }
    this.keep();
  }

  postSynthesize(): void {
    this.keep();
  }

  private keep(): void {
    const journal = this.journal;
    this.journal = undefined;
    if (!journal) return;
    markCommitting(journal.root);
    for (const path of journal.commit()) {
      this.project.logger.warn(`${MESSAGE_PREFIX}could not remove ${path}, the previous version of a file this synth rewrote: delete it yourself.`);
    }
    removeJournal(journal.root);
  }
}

/** Everything that stops the synth, found before it writes; the first kind found hides the others, which it would confuse. */
export function synthProblems(plan: SynthPlan): string[] {
  const lengths = lengthProblems(plan.root, plan.writes);
  if (lengths.length) return lengths;
  const access = writeProblems(plan.root, plan.writes.map(({ path }) => path));
  if (access.length) return access;
  const changes = changeProblems(plan);
  const space = spaceProblem(plan);
  return space ? [...changes, space] : changes;
}

function prepare(journal: FileJournal, plan: SynthPlan): void {
  const landings = new Set(plan.writes.map(({ path }) => landingPath(plan.root, path)));
  for (const landing of landings) {
    if (lstatOrUndefined(landing)) journal.park(landing, true);
    else journal.expectNew(landing);
  }
  // a deleted link is removed itself, whatever it points to
  for (const full of plan.deletes.map((path) => join(plan.root, path))) {
    if (!landings.has(full)) journal.park(full, false);
  }
  saveJournal(plan.root, journal.entries());
  journal.moveAside();
}

