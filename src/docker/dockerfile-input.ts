import { DockerfileStage, STACK_OWNED_INSTRUCTIONS, STAGE_ORDER } from './dockerfile-stage';
import { callExample, checkEnum, ENV_VAR_NAME, isOneLine, OptionError } from '../validation';

/** Dockerfile reference's instructions (MAINTAINER is deprecated, FROM starts a stage). */
const KEYWORDS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'FROM'];
// OCI annotation keys are reverse-DNS names ("org.opencontainers.image.source"); Docker accepts these too.
const LABEL_KEY = /^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/;

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
  if (STACK_OWNED_INSTRUCTIONS[stage].includes(keyword)) {
    const owned = STACK_OWNED_INSTRUCTIONS[stage].join(', ');
    throw new OptionError(method, value, `The stack writes ${owned} of the ${stage} stage itself from the options (the stages are fixed, and a later ${keyword} would override or be overridden); change the option instead`, example);
  }
  const lines = value.split('\n');
  const unjoined = lines.slice(0, -1).some((line) => !line.endsWith('\\'));
  if (unjoined || !lines.every(isOneLine) || value.trimEnd().endsWith('\\')) {
    throw new OptionError(method, value, 'An instruction is one line, or several joined by a backslash at the end of each line but the last, without control characters', example);
  }
  return value.trim();
}

export function checkEnvironment(method: string, value: unknown, reserved: readonly string[]): Record<string, string> {
  const example = callExample(method, 'DockerfileStage.APP, { TZ: "Europe/Berlin" }');
  const variables = requireRecord(method, value, example);
  for (const [name, text] of Object.entries(variables)) {
    if (!ENV_VAR_NAME.test(name)) throw new OptionError(method, name, 'Variable names are letters, digits and _, not starting with a digit', example);
    if (reserved.includes(name)) {
      throw new OptionError(method, name, `The stack sets ${name} in this stage itself (${reserved.join(', ')}); changing it would break the image`, example);
    }
    checkOneLine(method, text, example);
  }
  return variables as Record<string, string>;
}

export function checkLabels(method: string, value: unknown): Record<string, string> {
  const example = callExample(method, '{ "org.opencontainers.image.source": "https://github.com/me/my-app" }');
  const labels = requireRecord(method, value, example);
  for (const [key, text] of Object.entries(labels)) {
    if (!LABEL_KEY.test(key)) throw new OptionError(method, key, 'Label keys are lower-case reverse-DNS names: letters, digits and . _ / -', example);
    checkOneLine(method, text, example);
  }
  return labels as Record<string, string>;
}

function requireRecord(method: string, value: unknown, example: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) {
    throw new OptionError(method, value, 'It must be an object with at least one entry', example);
  }
  return value as Record<string, unknown>;
}

function checkOneLine(method: string, value: unknown, example: string): void {
  if (!isOneLine(value)) {
    throw new OptionError(method, value, 'Each value must be a one-line string without control characters', example);
  }
}

function stageKey(stage: DockerfileStage): string {
  return Object.entries(DockerfileStage).find(([, value]) => value === stage)?.[0] ?? 'APP';
}
