// Types of chitty's script SDK globals, for editor completion in ts and
// kit commands.  Reference it from a script being edited outside chitty:
//   /// <reference path="/usr/local/share/chitty/sdk/sdk.d.ts" />
// (the path of `chitty`'s data folder; see chitty-extensions(5)).
export {};

declare global {
  /** A choice of arg(): shown as name (and description); arg() resolves to value. */
  interface Choice<T = any> {
    name: string;
    description?: string;
    /** The choice's value (default: its name). */
    value?: T;
    /** HTML or markdown shown beside the list while the choice is selected. */
    preview?: string;
  }

  interface ArgConfig {
    placeholder?: string;
    /** A line shown under the input. */
    hint?: string;
    /** false: Enter with no matching choice answers the typed text (default true). */
    strict?: boolean;
  }

  type Choices<T = any> =
    | (string | Choice<T>)[]
    | ((input: string) => (string | Choice<T>)[] | Promise<(string | Choice<T>)[]>);

  /** A list prompt filtered by chitty's ranking, or a text prompt without choices. */
  function arg<T = any>(placeholder?: string | ArgConfig, choices?: Choices<T>): Promise<T>;
  /** Shows HTML or markdown in the detail view; resolves when dismissed. */
  function div(htmlOrMarkdown?: string): Promise<void>;
  /** Markdown to HTML (headings, emphasis, code, links, lists, quotes, GFM tables). */
  function md(markdown: string): string;
  /** Edits text in $VISUAL/$EDITOR; resolves to what was saved. */
  function editor(text?: string | { value?: string }): Promise<string>;
  /** Opens a URL, file or app URL scheme with chitty's opener. */
  function open(target: string): Promise<void>;
  /** Puts text on the clipboard. */
  function copy(text: string): Promise<void>;
  /** A toast in the launcher (a line on stderr under `chitty run`). */
  function notify(message: string | { title?: string; body?: string }): Promise<void>;
  const toast: typeof notify;
  /** The command's preference (stored, else its default), or null. */
  function getPreference(name: string): Promise<string | null>;
  /** The environment's value, else the stored one, else asked once and stored. */
  function env(
    name: string,
    options?: string | { secret?: boolean; placeholder?: string; hint?: string },
  ): Promise<string>;
  /** Runs a shell command (sh -c); resolves whatever its exit status. */
  function exec(
    command: string,
    options?: { cwd?: string; env?: Record<string, string>; input?: string },
  ): Promise<{ stdout: string; stderr: string; exitCode: number; signal: string | null }>;
  /** Runs AppleScript with osascript (macOS only; rejects elsewhere). */
  function applescript(script: string): Promise<string>;
}
