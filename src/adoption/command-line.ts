import { DEFAULTS } from '../defaults';
import { DevstackError } from '../errors';
import { checkPort } from '../streamlit/streamlit-input';
import { editDistance, OptionError } from '../validation';

/**
 * The switches of projen's own CLI that `projen new` accepts besides the project type's
 * options (lib/cli/index.js and lib/cli/cmds/new.js).
 */
const PROJEN_SWITCHES = ['from', 'f', 'synth', 'comments', 'git', 'post', 'watch', 'w', 'debug', 'version', 'help', 'h', 'projen-version', 'projenVersion'];

/** The arguments after `new`, when `argv` is projen's `projen new` command line; undefined otherwise. */
function projenNewArguments(argv: readonly string[]): readonly string[] | undefined {
  const args = argv.slice(2);
  // the command is the first argument that is not a switch (a switch's value always follows `--from`)
  const command = args.findIndex((arg, index) => !arg.startsWith('-') && !['--from', '-f'].includes(args[index - 1]));
  return command >= 0 && args[command] === 'new' ? args.slice(command + 1) : undefined;
}

/** `pythonVersion` as projen's command line spells it: `--python-version`. */
function switchOf(option: string): string {
  return option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * Refuses a switch given to `projen new` that is neither projen's nor one of this project
 * type's options: projen drops it without a word, so `--prot 8600` would give port 8501.
 * Nothing happens outside `projen new`.
 *
 * @param optionNames the project type's option names
 */
export function checkProjenNewSwitches(argv: readonly string[], optionNames: readonly string[]): void {
  const args = projenNewArguments(argv);
  if (!args) return;
  const known = new Set([...PROJEN_SWITCHES, ...optionNames, ...optionNames.map(switchOf)]);
  for (const arg of args) {
    if (arg === '--') break;
    if (!arg.startsWith('--')) continue;
    const name = arg.slice(2).split('=')[0];
    if (known.has(name) || (name.startsWith('no-') && known.has(name.slice(3)))) continue;
    const closest = optionNames.map(switchOf).sort((a, b) => editDistance(name, a) - editDistance(name, b))[0];
    throw new DevstackError(
      `projen new was given --${name}, which is no option of this project type; did you mean --${closest}? ` +
        `The options are --${optionNames.map(switchOf).join(', --')}. Run projen new again with the right name (for example --port ${DEFAULTS.port}); nothing was changed.`,
    );
  }
}

/**
 * `port`, with its value on the `projen new` command line read as it was typed: projen
 * turns `--port abc` into NaN (which reaches the project as null, so the default would
 * win) and `--port 8600.7` into 8600, without a word.
 */
export function resolvePort(value: unknown, argv: readonly string[]): number {
  const typed = typedSwitch(argv, 'port');
  if (typed !== undefined && !/^\d+$/.test(typed)) {
    throw new OptionError('port', typed, 'It must be a whole number from 1024 to 65535', `projen new --port ${DEFAULTS.port}`);
  }
  if (typed !== undefined) return checkPort(Number(typed));
  // null is no value: a number that JSON could not carry (NaN) arrives as null
  return checkPort(value === undefined ? DEFAULTS.port : value);
}

/** The text given to `--<switch>` (or its camelCase form) on the `projen new` command line. */
function typedSwitch(argv: readonly string[], option: string): string | undefined {
  const args = projenNewArguments(argv);
  if (!args) return undefined;
  const names = new Set([`--${option}`, `--${switchOf(option)}`]);
  let typed: string | undefined;
  for (let i = 0; i < args.length && args[i] !== '--'; i++) {
    const [name, inline] = args[i].split(/=(.*)/s);
    if (!names.has(name)) continue;
    typed = inline ?? args[i + 1] ?? '';
  }
  return typed;
}
