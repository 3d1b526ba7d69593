// Terminal colour codes out of text: Playwright's expect() messages arrive coloured; results, files and alerts want plain text.

// CSI and OSC sequences.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
