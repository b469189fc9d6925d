import { openDb } from './db.ts';
import { createWatchlist } from './watchlist.ts';

/** The app's one database and watchlist model. */
export const db = openDb();
export const watchlist = createWatchlist(db);
