import { spawn, spawnSync } from 'child_process';
import { existsSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'fs';
import { hostname } from 'os';
import { join } from 'path';
import { Component } from 'projen/lib/component';
import { FileBase } from 'projen/lib/file';
import { killedSynth, TORN_LENGTH } from './killed-synth';
import { fileIdentities, scratchLeftovers, treeState } from './tree-state';
import { PyStreamlitDevstackProject } from '../../src';
import { recoverInterruptedSynth } from '../../src/files/interrupted-synth';
import { bootId, COMMITTING_JOURNAL_FILE, JournalRecord, JOURNAL_FILE } from '../../src/files/synth-journal';
import { errorOf, readTree, synth, tempDir } from '../util';

// Some tests start a Node process that synthesizes: a few seconds on a busy machine.
jest.setTimeout(60_000);

/** Collects the project's warnings (instead of printing them). */
function collectWarnings(into: string[]): (project: PyStreamlitDevstackProject) => void {
  return (project) => {
    jest.spyOn(project.logger, 'warn').mockImplementation((...text: unknown[]) => void into.push(text.join(' ')));
  };
}

/** A pid no process has: one that has just exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

function writeJournal(dir: string, record: Partial<JournalRecord>): void {
  const base: JournalRecord = { version: 1, pid: deadPid(), host: hostname(), boot: bootId(), parked: [], created: [], createdFolders: [] };
  writeFileSync(join(dir, JOURNAL_FILE), JSON.stringify({ ...base, ...record }));
}

describe('a synth killed midway is finished or undone by the next one', () => {
  test('killed (SIGKILL) after a torn Dockerfile: the next synth warns once and leaves the tree as it was before, the very same files', () => {
    const dir = tempDir();
    synth({}, dir);
    const before = treeState(dir);
    const identities = fileIdentities(dir);

    const child = killedSynth(dir, { port: 8600 }, true);

    expect({ signal: child.signal, stderr: child.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf-8')).toHaveLength(TORN_LENGTH);
    expect(readFileSync(join(dir, '.devcontainer/devcontainer.json'), 'utf-8')).toContain('8600');
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(true);
    expect(scratchLeftovers(dir).filter((path) => path.endsWith('-parked')).length).toBeGreaterThan(10);

    const warnings: string[] = [];
    synth({}, dir, collectWarnings(warnings));

    expect(warnings).toEqual([
      'py-streamlit-devstack: an earlier npx projen was interrupted while writing; the files it had changed are back as they were before it ' +
        '(.devcontainer/devcontainer.json, .projen/tasks.json and 3 more).',
    ]);
    expect(scratchLeftovers(dir)).toEqual([]);
    expect(treeState(dir)).toEqual(before);
    // restored, not regenerated: a synth that changes nothing keeps the files it finds
    expect(fileIdentities(dir)).toEqual(identities);
  });

  test("killed during the first synth over the user's own files: the journal alone puts the folder back as it was", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.13-slim\nRUN echo mine\n');
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const before = treeState(dir);

    const child = killedSynth(dir, {}, false);

    expect({ signal: child.signal, stderr: child.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
    expect(existsSync(join(dir, 'Dockerfile.pre-devstack'))).toBe(true);
    expect(existsSync(join(dir, '.devcontainer/devcontainer.json'))).toBe(true);

    const warnings: string[] = [];
    recoverInterruptedSynth(realpathSync(dir), (message) => warnings.push(message));

    expect(treeState(dir)).toEqual(before);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^an earlier npx projen was interrupted while writing; the files it had changed are back as they were before it \(Dockerfile, \S+ and \d+ more\)\.$/);
  });

  test('killed after it had written everything, while dropping the originals: its files stay, the rest goes, and nothing is said', () => {
    const dir = tempDir();
    synth({}, dir);
    const child = killedSynth(dir, { port: 8600 }, false);
    expect(child.signal).toBe('SIGKILL');
    // the state the synth's last step starts from (markCommitting)
    renameSync(join(dir, JOURNAL_FILE), join(dir, COMMITTING_JOURNAL_FILE));

    const warnings: string[] = [];
    recoverInterruptedSynth(realpathSync(dir), (message) => warnings.push(message));

    expect(warnings).toEqual([]);
    expect(scratchLeftovers(dir)).toEqual([]);
    expect(readTree(dir)).toEqual(synth({ port: 8600 }, tempDir()));
  });
});

describe('the journal', () => {
  test('is on disk while projen writes, with every parked and every new file, and gone after the synth', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.13-slim\nRUN echo mine\n');
    let during: JournalRecord | undefined;
    class ReadJournal extends Component {
      synthesize(): void {
        during = JSON.parse(readFileSync(join(dir, JOURNAL_FILE), 'utf-8'));
      }
    }

    synth({}, dir, (project) => new ReadJournal(project));

    expect(during).toMatchObject({ version: 1, pid: process.pid, host: hostname() });
    expect(during?.parked).toEqual([{ target: 'Dockerfile', parked: expect.stringMatching(/^\.devstack-[0-9a-f]{8}-parked$/), copied: true }]);
    expect(during?.created).toEqual(expect.arrayContaining(['Pipfile', 'Dockerfile.pre-devstack', '.devcontainer/devcontainer.json']));
    expect(during?.createdFolders).toEqual(expect.arrayContaining(['.devcontainer', '.projen']));
    expect(scratchLeftovers(dir)).toEqual([]);
  });

  test('is gone after a refused synth and after a rolled-back one', () => {
    const dir = tempDir();
    synth({}, dir);
    expect(() => synth({ appEntrypoint: `app/${'a'.repeat(293)}.py` }, dir)).toThrow(/changed nothing, because the file name/);
    expect(scratchLeftovers(dir)).toEqual([]);
    class FailingFile extends FileBase {
      protected synthesizeContent(): string {
        throw Object.assign(new Error(`EIO: i/o error, write '${join(dir, 'failing.txt')}'`), { code: 'EIO', path: join(dir, 'failing.txt') });
      }
    }
    const before = treeState(dir);

    expect(() => synth({ port: 8600 }, dir, (project) => new FailingFile(project, 'failing.txt'))).toThrow(/every file is back as it was/);

    expect(scratchLeftovers(dir)).toEqual([]);
    expect(treeState(dir)).toEqual(before);
  });

  test('a stale journal whose parked files are gone already (put back by hand) is removed without a word, and the synth runs', () => {
    const dir = tempDir();
    synth({}, dir);
    writeJournal(dir, {
      parked: [{ target: 'Dockerfile', parked: '.devstack-0123abcd-parked', copied: true }],
      created: ['gone.txt'],
      createdFolders: ['gone-folder'],
    });
    const warnings: string[] = [];

    const files = synth({ port: 8600 }, dir, collectWarnings(warnings));

    expect(warnings).toEqual([]);
    expect(files.Dockerfile).toContain('EXPOSE 8600');
    expect(scratchLeftovers(dir)).toEqual([]);
  });

  test('a journal whose synth is still running stops this one with one sentence, and nothing changes', async () => {
    const dir = tempDir();
    synth({}, dir);
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeJournal(dir, { pid: running.pid, parked: [{ target: 'Dockerfile', parked: '.devstack-0123abcd-parked', copied: true }] });
      const before = treeState(dir);

      expect(errorOf(() => synth({ port: 8600 }, dir)).message).toBe(
        `py-streamlit-devstack: npx projen changed nothing, because another npx projen (pid ${running.pid}) is writing this project: ` +
          'wait for it to finish and run npx projen again (two at once are not supported).',
      );
      expect(treeState(dir)).toEqual(before);
    } finally {
      running.kill('SIGKILL');
    }
  });

  test('a journal naming a path outside the project is refused, and nothing is touched', () => {
    const dir = tempDir();
    synth({}, dir);
    writeJournal(dir, { created: ['../elsewhere.txt'] });
    const before = treeState(dir);

    expect(errorOf(() => synth({ port: 8600 }, dir)).message).toBe(
      `py-streamlit-devstack: npx projen changed nothing, because ${JOURNAL_FILE}, left by an earlier npx projen that was stopped midway, ` +
        'is not a journal this version reads: put back the files it lists yourself, delete it, and run npx projen again.',
    );
    expect(treeState(dir)).toEqual(before);
  });
});
