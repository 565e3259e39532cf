import type * as OpenPgp from "openpgp";

/** openpgp takes about 75 ms to load: it is loaded on first use, so that whatever signs nothing never pays for it. */
export function loadOpenpgp(): typeof OpenPgp {
    return require("openpgp") as typeof OpenPgp;
}
