/** Cloudflare Workers entry. */
import { createApp } from './app.ts';

export default createApp();
