import * as fs from "fs";
import * as path from "path";

/** Spellings of a secret that would give it away: as is, base64, and inside a Basic authorization value. */
function spellings(secret: string, username?: string): string[] {
    const forms = [secret, Buffer.from(secret).toString("base64")];
    if (username) forms.push(Buffer.from(`${username}:${secret}`).toString("base64"));
    return forms.filter((form) => form.length >= 8);
}

export interface NamedSecret {
    readonly name: string;
    readonly value: string;
    /** For passwords: the username they are sent with in Basic authorization. */
    readonly username?: string;
}

/** Names of the secrets found in plain text in any of the texts. */
export function plaintextSecretsIn(texts: string[], secrets: NamedSecret[]): string[] {
    return secrets
        .filter((secret) => spellings(secret.value, secret.username).some((form) => texts.some((text) => text.includes(form))))
        .map((secret) => secret.name);
}

/** Every file under a `file://` backend directory (state, history, backups), as text. */
export function backendFiles(backendDir: string): string[] {
    const texts: string[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else texts.push(fs.readFileSync(full, "utf8"));
        }
    };
    if (fs.existsSync(backendDir)) walk(backendDir);
    return texts;
}
