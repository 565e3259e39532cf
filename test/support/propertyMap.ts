/**
 * Inputs and state as the engine carries them: arbitrary JSON whose nested
 * fields tests read directly.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PropertyMap = Record<string, any>;
