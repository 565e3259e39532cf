/** Name of a child resource: `${parentName}-${suffix}`, unique as long as the parent's name is. */
export function childName(parentName: string, suffix: string): string {
    return `${parentName}-${suffix}`;
}

/** Azure resource names such as registries and webhooks: 5-50 ASCII letters and digits. */
export const alphanumeric5to50 = /^[a-zA-Z0-9]{5,50}$/;
