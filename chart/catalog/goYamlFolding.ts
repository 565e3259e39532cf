/** go-yaml v2's preferred line width, which `helm show chart` output is folded at. */
const BEST_WIDTH = 80;
/** `key: value`, `- value` or `- key: value` whose value is a plain scalar (not quoted, not a block or flow collection). */
const PLAIN_VALUE_LINE = /^( *)((?:- )?(?:[A-Za-z0-9._/-]+: )?)([^"'|>[{&*!%@`# ].*)$/;

/**
 * Folds long plain scalars the way go-yaml v2 writes them: a space becomes a line break (indented two more than
 * the line) once the column has passed 80, unless another space follows. Quoted scalars are left as they are.
 */
export function foldLikeGoYaml(text: string): string {
    return text.split("\n").map(foldLine).join("\n");
}

function foldLine(line: string): string {
    const match = PLAIN_VALUE_LINE.exec(line);
    if (!match || line.length <= BEST_WIDTH) return line;
    const [, indent, prefix, value] = match;
    const continuation = `\n${indent}  `;
    let out = indent + prefix;
    let column = out.length;
    let afterSpace = false;
    for (let i = 0; i < value.length; i++) {
        const char = value[i];
        if (char === " ") {
            if (!afterSpace && column > BEST_WIDTH && value[i + 1] !== " " && i + 1 < value.length) {
                out += continuation;
                column = continuation.length - 1;
            } else {
                out += char;
                column++;
            }
            afterSpace = true;
        } else {
            out += char;
            column++;
            afterSpace = false;
        }
    }
    return out;
}
