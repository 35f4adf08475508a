/**
 * The controlling terminal, for prompts: /dev/tty, so -Confirm can ask even while stdin is the
 * pipeline. Reads are synchronous: the command waits for the answer, as PowerShell does.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** An open terminal. */
export interface Terminal {
  write(text: string): void;
  /** One line of input without its newline, or undefined at end of input. */
  readLine(): string | undefined;
  close(): void;
}

/**
 * Opens the controlling terminal.
 * @param path @default '/dev/tty'
 * @returns the terminal, or undefined when the process has none
 */
export function openTerminal(path = '/dev/tty'): Terminal | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch {
    return undefined;
  }
  return {
    write: (text) => {
      writeSync(fd, text);
    },
    readLine: () => {
      const bytes: number[] = [];
      const one = Buffer.alloc(1);
      for (;;) {
        let n: number;
        try {
          n = readSync(fd, one, 0, 1, null);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
          throw error;
        }
        if (n === 0) return bytes.length > 0 ? Buffer.from(bytes).toString('utf8') : undefined;
        if (one[0] === 0x0a) return Buffer.from(bytes).toString('utf8').replace(/\r$/, '');
        bytes.push(one[0] ?? 0);
      }
    },
    close: () => closeSync(fd),
  };
}

/** A choice in a prompt: its hot key, label and help text. */
export interface Choice<T extends string> {
  key: string;
  label: string;
  help: string;
  value: T;
}

/**
 * Asks a PowerShell-style choice question (`[Y] Yes  [N] No  [?] Help (default is "Y"): `).
 * @param terminal where to ask
 * @param caption the first lines (caption, message)
 * @param choices the choices; the first is the default
 * @returns the chosen value, or undefined at end of input
 */
export function promptForChoice<T extends string>(terminal: Terminal, caption: string, choices: readonly Choice<T>[]): T | undefined {
  const first = choices[0];
  if (!first) return undefined;
  const line = `${choices.map((c) => `[${c.key}] ${c.label}`).join('  ')}  [?] Help (default is "${first.key}"): `;
  terminal.write(`${caption}\n`);
  for (;;) {
    terminal.write(line);
    const answer = terminal.readLine();
    if (answer === undefined) return undefined;
    const key = answer.trim().toLowerCase();
    if (key === '') return first.value;
    if (key === '?') {
      terminal.write(choices.map((c) => `${c.key} - ${c.help}`).join('\n') + '\n');
      continue;
    }
    const hit = choices.find((c) => c.key.toLowerCase() === key || c.label.toLowerCase() === key);
    if (hit) return hit.value;
  }
}
