import type { Db } from './db/client.ts';
import type { Bindings, Config } from './env.ts';

export interface Contributor {
  id: number;
  createdAt: Date;
}

/** Hono's type parameter for every router: env bindings plus what the middleware puts on the context. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    config: Config;
    db: Db;
    contributor: Contributor;
  };
}
