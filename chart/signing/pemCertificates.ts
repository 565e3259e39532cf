const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Each `BEGIN CERTIFICATE` block of a PEM text, in order; none for text without one. */
export function pemCertificateBlocks(text: string): string[] {
    return text.match(PEM_CERTIFICATE) ?? [];
}
