import { DockerfileStage, STACK_OWNED_INSTRUCTIONS, STAGE_ORDER } from './dockerfile-stage';
import { callExample, checkEnum, checkList, ENV_VAR_NAME, isOneLine, OptionError } from '../validation';

/** Dockerfile reference's instructions (MAINTAINER is deprecated, FROM starts a stage). */
const KEYWORDS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'FROM'];
// OCI annotation keys are reverse-DNS names ("org.opencontainers.image.source"); Docker accepts these too.
const LABEL_KEY = /^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/;
/** The longest name of a variable or a label key. */
const MAX_NAME = 256;
/**
 * The most UTF-8 bytes of one value or one instruction line. buildah reads a Dockerfile line
 * by line with Go's 64 KiB scanner and silently stops at a longer line (the image then lacks
 * every later instruction); a quarter of that leaves room for escapes and the rest of the line.
 */
export const MAX_LINE_BYTES = 16 * 1024;
/** A `$` in an ENV value: a reference the build expands (`$NAME`, `${NAME}`) or an escaped, literal `\$`. */
const DOLLAR_USE = /\\\$|\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})|(\$)/g;

export function checkStage(method: string, value: unknown): DockerfileStage {
  return checkEnum(method, value, STAGE_ORDER, callExample(method, 'DockerfileStage.APP, ...'));
}

/**
 * One Dockerfile instruction for a stage: a known keyword with arguments, on one line or
 * continued with a backslash at the end of each line; not one the stack writes itself there.
 */
export function checkInstruction(method: string, stage: DockerfileStage, value: unknown): string {
  const example = callExample(method, `DockerfileStage.${stageKey(stage)}, "RUN python -m compileall -q app"`);
  if (typeof value !== 'string') throw new OptionError(method, value, 'Each instruction must be a string', example);
  const keyword = /^\s*([A-Za-z]+)\s+\S/.exec(value)?.[1]?.toUpperCase();
  if (!keyword || !KEYWORDS.includes(keyword)) {
    throw new OptionError(method, value, `Each instruction starts with a Dockerfile keyword (${KEYWORDS.filter((k) => k !== 'FROM').join(', ')}) and has arguments`, example);
  }
  if (keyword === 'USER' && (stage === DockerfileStage.BASE || stage === DockerfileStage.BUILDER)) {
    throw new OptionError(method, value, `USER in the ${stage} stage would run the later stages' apt-get, pip and useradd as that user, and they need root; the app and development stages switch to their own non-root users at their end`, callExample(method, 'DockerfileStage.APP, "RUN chown -R 10001 /opt/data"'));
  }
  if (stage === DockerfileStage.BASE && keyword === 'ENV' && replacesPath(value)) {
    throw new OptionError(method, value, pathRule('base'), callExample(method, 'DockerfileStage.BASE, "ENV PATH=/opt/tools/bin:$PATH"'));
  }
  if (STACK_OWNED_INSTRUCTIONS[stage].includes(keyword)) {
    const owned = STACK_OWNED_INSTRUCTIONS[stage].join(', ');
    throw new OptionError(method, value, `The stack writes ${owned} of the ${stage} stage itself from the options (the stages are fixed, and a later ${keyword} would override or be overridden); change the option instead`, example);
  }
  const lines = value.split('\n');
  const unjoined = lines.slice(0, -1).some((line) => !line.endsWith('\\'));
  if (unjoined || !lines.every(isOneLine) || value.trimEnd().endsWith('\\')) {
    throw new OptionError(method, value, 'An instruction is one line, or several joined by a backslash at the end of each line but the last, without control characters', example);
  }
  if (lines.some((line) => Buffer.byteLength(line) > MAX_LINE_BYTES)) {
    throw new OptionError(method, `${value.slice(0, 40)}...`, `Each line of an instruction is at most ${MAX_LINE_BYTES} bytes: buildah stops reading a Dockerfile at a line of 64 KiB and builds without the rest; split it with backslashes, or COPY a file`, example);
  }
  return value.trim();
}

export function checkEnvironment(method: string, stage: DockerfileStage, value: unknown, reserved: readonly string[]): Record<string, string> {
  const example = callExample(method, 'DockerfileStage.APP, { TZ: "Europe/Berlin" }');
  const variables = requireRecord(method, value, example);
  for (const [name, text] of Object.entries(variables)) {
    if (!ENV_VAR_NAME.test(name) || name.length > MAX_NAME) throw new OptionError(method, name, `Variable names are letters, digits and _, not starting with a digit, at most ${MAX_NAME} characters`, example);
    if (reserved.includes(name)) {
      throw new OptionError(method, name, `The stack sets ${name} in this stage itself (${reserved.join(', ')}); changing it would break the image`, example);
    }
    checkValue(method, text, example);
    const bareDollar = [...(text as string).matchAll(DOLLAR_USE)].find((match) => match[1] !== undefined);
    if (bareDollar !== undefined) {
      throw new OptionError(method, { [name]: text }, 'A "$" in an ENV value starts a variable the build expands, $NAME or ${NAME} (as PATH: "/opt/tools/bin:$PATH"); write a literal dollar sign as \\$ (in TypeScript "\\\\$")', callExample(method, 'DockerfileStage.APP, { PRICE_FORMAT: "\\\\$5" }'));
    }
    if (stage === DockerfileStage.BASE && name === 'PATH' && !referencesPath(text as string)) {
      throw new OptionError(method, { PATH: text }, pathRule('base'), callExample(method, 'DockerfileStage.BASE, { PATH: "/opt/tools/bin:$PATH" }'));
    }
  }
  return variables as Record<string, string>;
}

/** Whether a value keeps the inherited PATH: it holds `$PATH` or `${PATH}`. */
function referencesPath(value: string): boolean {
  return /\$(?:PATH(?![A-Za-z0-9_])|\{PATH\})/.test(value);
}

/** Whether an `ENV` instruction sets PATH without keeping what it had. */
function replacesPath(instruction: string): boolean {
  const setting = /\sPATH(?:=|\s+)("[^"]*"|\S*)/.exec(instruction.replace(/\\\n/g, ' '));
  return setting !== null && !referencesPath(setting[1]);
}

function pathRule(stage: string): string {
  return `Replacing PATH in the ${stage} stage hides python, pip and apt-get from the builder, app and development stages; extend it instead, keeping $PATH`;
}

export function checkLabels(method: string, value: unknown): Record<string, string> {
  const example = callExample(method, '{ "org.opencontainers.image.source": "https://github.com/me/my-app" }');
  const labels = requireRecord(method, value, example);
  for (const [key, text] of Object.entries(labels)) {
    if (!LABEL_KEY.test(key) || key.length > MAX_NAME) throw new OptionError(method, key, `Label keys are lower-case reverse-DNS names: letters, digits and . _ / -, at most ${MAX_NAME} characters`, example);
    checkValue(method, text, example);
  }
  return labels as Record<string, string>;
}

function requireRecord(method: string, value: unknown, example: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) {
    throw new OptionError(method, value, 'It must be an object with at least one entry', example);
  }
  return value as Record<string, unknown>;
}

function checkValue(method: string, value: unknown, example: string): void {
  if (!isOneLine(value)) {
    throw new OptionError(method, value, 'Each value must be a one-line string without control characters', example);
  }
  if (Buffer.byteLength(value) > MAX_LINE_BYTES) {
    throw new OptionError(method, `${value.slice(0, 40)}... (${Buffer.byteLength(value)} bytes)`, `Each value is at most ${MAX_LINE_BYTES} bytes: buildah stops reading a Dockerfile at a line of 64 KiB and builds without the rest; COPY a file into the image instead`, example);
  }
}

/**
 * A value in double quotes for ENV or LABEL, where the build unescapes `\"`, `\\` and `\$`.
 * With `literal`, every `$` arrives as written; without it, `$NAME` and `${NAME}` are expanded
 * by the build and `\$` stays the escape of a literal `$`.
 */
export function dockerfileQuoted(value: string, { literal }: { literal: boolean }): string {
  const escaped = literal ? value.replace(/[\\"$]/g, '\\$&') : value.replace(/\\(?!\$)|"/g, '\\$&');
  return `"${escaped}"`;
}

function stageKey(stage: DockerfileStage): string {
  return Object.entries(DockerfileStage).find(([, value]) => value === stage)?.[0] ?? 'APP';
}

// Debian policy 5.6.1: lower case letters, digits, + - . ; at least two characters.
const APT_PACKAGE = /^[a-z0-9][a-z0-9+.-]+$/;

export function checkAptPackages(option: string, value: unknown, example = `${option}: ["libgomp1"]`): string[] {
  return checkList(option, value, APT_PACKAGE, 'Debian package names are lower-case letters, digits and + - . (at least two characters)', example);
}

/** `name@spec` with an npm package name (scoped or not) and a registry spec: no spaces, quotes or shell characters. */
const NPM_REGISTRY_SPEC = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*@[A-Za-z0-9.^~<>=|*+:@/_-]+(?: [A-Za-z0-9.^~<>=|*+_-]+)*$/;

/** npm packages for the `development` stage's toolchain, as npm install takes them from the registry. */
export function checkNpmPackageSpecs(option: string, value: unknown): string[] {
  return checkList(option, value, NPM_REGISTRY_SPEC, 'Each entry is an npm package from the registry with its version or range (name@range), as npm install takes it', `${option}: ["projen@0.103.25", "typescript@~5.9.3"]`);
}
