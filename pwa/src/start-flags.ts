/** localStorage key set while price alerts are on; read synchronously at start (see main.tsx). */
export const PUSH_ON_KEY = 'companion-push-on';
