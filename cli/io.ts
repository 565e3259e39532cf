/** What a command reads and writes: injected so tests drive commands without a child process. */
export interface CliIO {
    readonly out: (line: string) => void;
    /** notes and warnings, kept off standard output so that -o json stays parseable */
    readonly err: (line: string) => void;
    readonly stdin: NodeJS.ReadableStream;
    readonly env: NodeJS.ProcessEnv;
}
