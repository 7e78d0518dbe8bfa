import { writeFileSync } from 'fs';
import { join } from 'path';
import { onPath } from '../../src/util/on-path';
import { tempDir, writeCommand } from '../util';

describe('onPath', () => {
  test('finds executable files only, in the given PATH', () => {
    const bin = tempDir('bin-');
    writeCommand(bin, 'pipenv', '');
    writeFileSync(join(bin, 'notes.txt'), 'not a program');
    expect(onPath('pipenv', bin)).toBe(true);
    expect(onPath('notes.txt', bin)).toBe(false);
    expect(onPath('pipenv', `/nonexistent:${bin}`)).toBe(true);
    expect(onPath('pipenv', '')).toBe(false);
  });
});
