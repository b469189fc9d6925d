/** Prints a fresh VAPID key pair for `wrangler secret put VAPID_PUBLIC_KEY` / `VAPID_PRIVATE_KEY`. */
import { generateVapidKeys } from './vapid.ts';

const keys = await generateVapidKeys();
console.log(`VAPID_PUBLIC_KEY=${keys.publicKey}\nVAPID_PRIVATE_KEY=${keys.privateKey}`);
