import { createHash } from "node:crypto";

/** A content descriptor: what a manifest says about a blob it references. */
export interface Descriptor {
    mediaType: string;
    digest: string;
    size: number;
}

export const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

export function sha256Digest(data: Buffer): string {
    return "sha256:" + createHash("sha256").update(data).digest("hex");
}

export function descriptorOf(mediaType: string, data: Buffer): Descriptor {
    return { mediaType, digest: sha256Digest(data), size: data.length };
}
