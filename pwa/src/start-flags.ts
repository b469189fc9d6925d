/** localStorage flags read synchronously at start (main.tsx) to decide which lazy modules to load at once. */

/** Set while price alerts are on. */
export const PUSH_ON_KEY = 'companion-push-on';
/** Set while paired with the extension. */
export const PAIRED_KEY = 'companion-paired';
