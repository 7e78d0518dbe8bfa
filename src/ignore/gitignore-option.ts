import { checkList, hasInvisibleCharacter, OptionError } from '../validation';

export function checkGitignore(value: unknown): string[] {
  const lines = checkList('gitignore', value, /^.+$/, 'Each entry is one .gitignore pattern', 'gitignore: ["logs/", "*.sqlite"]');
  // a tab is an ordinary pattern character to git
  const bad = lines.find((line) => line.trim() === '' || line.trim().startsWith('#') || hasInvisibleCharacter(line.replace(/\t/g, '')));
  if (bad !== undefined) {
    throw new OptionError('gitignore', bad, 'Each entry is one pattern: not blank, not a comment, without control or invisible characters other than a tab', 'gitignore: ["logs/", "*.sqlite"]');
  }
  return lines;
}
