import { Hono, type MiddlewareHandler } from 'hono';
import type { H } from 'hono/types';
import type { AppEnv } from './context.js';
import type { RouteDoc } from './openapi.js';

/** A route's handler or a middleware before it. */
type Handler = H<AppEnv>;
/** What a route's handlers are made from: the services, when the app is built. */
type Make<S> = (s: S) => Handler | Handler[];
type Entry = Omit<RouteDoc, 'method' | 'path'>;

/**
 * One resource of the API: a Hono sub-app mounted at its own path (`/reservations`), each route
 * declared with its OpenAPI entry beside its handler. The routes are declared when the module
 * loads, so the OpenAPI document (server/app.ts) is built from `docs` without any services; the
 * handlers are made once, in `app(s)`, closing over the services as a plain Hono app would.
 * Hono copies a mounted sub-app's routes into the parent's router, so a request pays nothing
 * for the nesting.
 */
export class Resource<S> {
  /** The OpenAPI entries of the routes, in the order declared. */
  readonly docs: RouteDoc[] = [];
  private readonly routes: { method: RouteDoc['method']; path: string; make: Make<S> }[] = [];
  private readonly middleware: MiddlewareHandler<AppEnv>[] = [];

  /**
   * `path` where the module mounts it (`/reservations`); `under`, where server/app.ts mounts
   * the module itself when not at /api/v1 (`/admin` for admin.routes.ts).
   */
  constructor(
    readonly path: string,
    private readonly under = '',
  ) {}

  /** Runs before every route of this resource (and only these): `requireSignIn`, `requireRole(...)`. */
  use(...handlers: MiddlewareHandler<AppEnv>[]): this {
    this.middleware.push(...handlers);
    return this;
  }

  get = (path: string, doc: Entry, make: Make<S>) => this.on('get', path, doc, make);
  post = (path: string, doc: Entry, make: Make<S>) => this.on('post', path, doc, make);
  put = (path: string, doc: Entry, make: Make<S>) => this.on('put', path, doc, make);
  patch = (path: string, doc: Entry, make: Make<S>) => this.on('patch', path, doc, make);
  delete = (path: string, doc: Entry, make: Make<S>) => this.on('delete', path, doc, make);

  private on(method: RouteDoc['method'], path: string, doc: Entry, make: Make<S>): this {
    this.docs.push({ method, path: `/api/v1${this.under}${this.path}${path === '/' ? '' : path}`, ...doc });
    this.routes.push({ method, path, make });
    return this;
  }

  /** The sub-app with every route's handlers made from `s`; mount it with `mount()`. */
  app(s: S): Hono<AppEnv> {
    const app = new Hono<AppEnv>();
    if (this.middleware.length > 0) app.use(...this.middleware);
    // Hono's typed overloads of on() want literal paths; these are checked by the tests instead.
    const on = app.on.bind(app) as (method: string, path: string, ...handlers: Handler[]) => unknown;
    for (const r of this.routes) {
      const made = r.make(s);
      on(r.method.toUpperCase(), r.path, ...(Array.isArray(made) ? made : [made]));
    }
    return app;
  }
}

/** The resources of a module, each mounted at its own path: what the module hands to server/app.ts. */
export function mount<S>(s: S, ...resources: Resource<S>[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const r of resources) app.route(r.path, r.app(s));
  return app;
}

/** The OpenAPI entries of a module's resources, in order. */
export const docsOf = <S>(...resources: Resource<S>[]): RouteDoc[] => resources.flatMap((r) => r.docs);
