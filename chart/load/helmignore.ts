import { ChartError } from "../model/errors";

/**
 * `.helmignore` rules with Helm's exact semantics (helm pkg/ignore/rules.go):
 * - globs are Go `filepath.Match` (`*`, `?`, `[...]`/`[^...]`, `\` escapes; wildcards never cross `/`);
 * - `#` starts a comment, blank lines are skipped, `**` is rejected;
 * - a trailing `/` restricts the rule to directories; a leading `/` or any `/` matches the whole
 *   chart-relative path, a rule without `/` matches the basename;
 * - `!rule` follows Helm literally: a path that does NOT match a negated rule is ignored, a path
 *   that matches it continues to the next rule. (So a single `!keep.txt` ignores everything else,
 *   including Chart.yaml — exactly what `helm package` does.)
 * - `templates/.?*` is always added last.
 * Directories that are ignored are skipped entirely.
 */
export interface IgnoreRule {
    readonly raw: string;
    readonly line: number;
    readonly negate: boolean;
    readonly mustDir: boolean;
    readonly pattern: string;
    readonly basenameOnly: boolean;
}

export class HelmIgnore {
    constructor(readonly rules: readonly IgnoreRule[]) {}

    /** Parses `.helmignore` text and appends Helm's default rule. `fileLabel` names the file in errors. */
    static parse(text: string, fileLabel = ".helmignore"): HelmIgnore {
        const rules: IgnoreRule[] = [];
        text.split("\n").forEach((line, index) => {
            const rule = parseRule(line, index + 1, fileLabel);
            if (rule) rules.push(rule);
        });
        rules.push(parseRule("templates/.?*", 0, fileLabel) as IgnoreRule);
        return new HelmIgnore(rules);
    }

    /** The rule that makes Helm ignore `relPath` (forward slashes, relative to the chart root), or undefined. */
    ignoredBy(relPath: string, isDir: boolean): IgnoreRule | undefined {
        if (relPath === "" || relPath === "." || relPath === "./") return undefined;
        for (const rule of this.rules) {
            if (rule.negate) {
                if (rule.mustDir && !isDir) return rule;
                if (!matchRule(rule, relPath)) return rule;
                continue;
            }
            if (rule.mustDir && !isDir) continue;
            if (matchRule(rule, relPath)) return rule;
        }
        return undefined;
    }

    ignores(relPath: string, isDir: boolean): boolean {
        return this.ignoredBy(relPath, isDir) !== undefined;
    }
}

function parseRule(line: string, lineNumber: number, fileLabel: string): IgnoreRule | undefined {
    let rule = line.trim();
    if (rule === "" || rule.startsWith("#")) return undefined;
    if (rule.includes("**")) {
        throw new ChartError(
            `${fileLabel} line ${lineNumber}: "${rule}" uses "**", which Helm does not support; use single-level globs such as "*.bak" or "dir/".`,
            fileLabel,
        );
    }
    try {
        goFilepathMatch(rule, "abc");
    } catch {
        throw new ChartError(
            `${fileLabel} line ${lineNumber}: "${rule}" is not a valid glob pattern; check its [...] brackets and \\ escapes.`,
            fileLabel,
        );
    }
    const raw = rule;
    const negate = rule.startsWith("!");
    if (negate) rule = rule.slice(1);
    const mustDir = rule.endsWith("/");
    if (mustDir) rule = rule.slice(0, -1);
    const anchored = rule.startsWith("/");
    if (anchored) rule = rule.slice(1);
    return { raw, line: lineNumber, negate, mustDir, pattern: rule, basenameOnly: !anchored && !rule.includes("/") };
}

function matchRule(rule: IgnoreRule, relPath: string): boolean {
    const subject = rule.basenameOnly ? goBase(relPath) : relPath;
    try {
        return goFilepathMatch(rule.pattern, subject);
    } catch {
        return false;
    }
}

/** Go's filepath.Base: the last element after trailing slashes are removed. */
function goBase(p: string): string {
    const trimmed = p.replace(/\/+$/, "");
    return trimmed === "" ? (p === "" ? "." : "/") : trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

class BadPattern extends Error {}

/** A port of Go's path/filepath.Match (Unix separator). Throws BadPattern for malformed patterns. */
export function goFilepathMatch(patternText: string, nameText: string): boolean {
    let pattern = Array.from(patternText);
    let name = Array.from(nameText);
    while (pattern.length > 0) {
        const scanned = scanChunk(pattern);
        pattern = scanned.rest;
        if (scanned.star && scanned.chunk.length === 0) return !name.includes("/");
        const direct = matchChunk(scanned.chunk, name);
        if (direct !== undefined && (direct.length === 0 || pattern.length > 0)) {
            name = direct;
            continue;
        }
        const skipped = scanned.star ? matchAfterSkipping(scanned.chunk, name, pattern.length === 0) : undefined;
        if (skipped !== undefined) {
            name = skipped;
            continue;
        }
        for (let rest = pattern; rest.length > 0;) {
            const next = scanChunk(rest);
            rest = next.rest;
            matchChunk(next.chunk, []);
        }
        return false;
    }
    return name.length === 0;
}

function matchAfterSkipping(chunk: string[], name: string[], lastChunk: boolean): string[] | undefined {
    for (let i = 0; i < name.length && name[i] !== "/"; i++) {
        const rest = matchChunk(chunk, name.slice(i + 1));
        if (rest !== undefined) {
            if (lastChunk && rest.length > 0) continue;
            return rest;
        }
    }
    return undefined;
}

function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; rest: string[] } {
    let start = 0;
    while (start < pattern.length && pattern[start] === "*") start++;
    let inRange = false;
    let i = start;
    for (; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === "\\") {
            if (i + 1 < pattern.length) i++;
        } else if (c === "[") {
            inRange = true;
        } else if (c === "]") {
            inRange = false;
        } else if (c === "*" && !inRange) {
            break;
        }
    }
    return { star: start > 0, chunk: pattern.slice(start, i), rest: pattern.slice(i) };
}

/** Matches `chunk` at the start of `s`; returns the rest of `s`, or undefined on mismatch. */
function matchChunk(chunkIn: string[], sIn: string[]): string[] | undefined {
    let chunk = chunkIn;
    let s = sIn;
    let failed = false;
    while (chunk.length > 0) {
        if (!failed && s.length === 0) failed = true;
        const c = chunk[0];
        if (c === "[") {
            const subject = failed ? undefined : s[0];
            if (!failed) s = s.slice(1);
            const parsed = matchClass(chunk.slice(1), subject);
            chunk = parsed.rest;
            if (!parsed.matched) failed = true;
        } else if (c === "?") {
            if (!failed) {
                if (s[0] === "/") failed = true;
                s = s.slice(1);
            }
            chunk = chunk.slice(1);
        } else {
            if (c === "\\") {
                chunk = chunk.slice(1);
                if (chunk.length === 0) throw new BadPattern();
            }
            if (!failed) {
                if (chunk[0] !== s[0]) failed = true;
                s = s.slice(1);
            }
            chunk = chunk.slice(1);
        }
    }
    return failed ? undefined : s;
}

function matchClass(chunkIn: string[], subject: string | undefined): { matched: boolean; rest: string[] } {
    let chunk = chunkIn;
    let negated = false;
    if (chunk[0] === "^") {
        negated = true;
        chunk = chunk.slice(1);
    }
    let match = false;
    for (let ranges = 0; ; ranges++) {
        if (chunk[0] === "]" && ranges > 0) {
            chunk = chunk.slice(1);
            break;
        }
        const lo = getEscaped(chunk);
        let hi = lo;
        chunk = lo.rest;
        if (chunk[0] === "-") {
            hi = getEscaped(chunk.slice(1));
            chunk = hi.rest;
        }
        if (subject !== undefined && codePoint(lo.char) <= codePoint(subject) && codePoint(subject) <= codePoint(hi.char)) match = true;
    }
    return { matched: subject !== undefined && match !== negated, rest: chunk };
}

function getEscaped(chunkIn: string[]): { char: string; rest: string[] } {
    let chunk = chunkIn;
    if (chunk.length === 0 || chunk[0] === "-" || chunk[0] === "]") throw new BadPattern();
    if (chunk[0] === "\\") {
        chunk = chunk.slice(1);
        if (chunk.length === 0) throw new BadPattern();
    }
    const rest = chunk.slice(1);
    if (rest.length === 0) throw new BadPattern();
    return { char: chunk[0], rest };
}

function codePoint(char: string): number {
    return char.codePointAt(0) ?? 0;
}
