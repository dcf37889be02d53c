import { SimApiError, type SimRequest, type SimResponse } from './http.js';

export type RouteHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  /** Endpoint name for stats and fault targeting, e.g. `POST /porting_orders`. */
  readonly name: string;
  readonly handler: RouteHandler;
}

export interface RouteMatch {
  readonly name: string;
  readonly params: Record<string, string>;
  readonly handler: RouteHandler;
}

/** A small method + path table; `:name` segments capture. Literal routes win over captures. */
export class Router {
  readonly #routes: Route[] = [];

  add(method: string, path: string, handler: RouteHandler): this {
    const paramNames: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          paramNames.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.#routes.push({ method, pattern: new RegExp(`^${source}/?$`), paramNames, name: `${method} ${path}`, handler });
    // Literal segments are more specific than captures: `/porting_orders/exception_types` before `/porting_orders/:id`.
    this.#routes.sort((a, b) => a.paramNames.length - b.paramNames.length);
    return this;
  }

  match(method: string, path: string): RouteMatch {
    let pathMatched = false;
    for (const route of this.#routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '');
      });
      return { name: route.name, params, handler: route.handler };
    }
    if (pathMatched) {
      throw new SimApiError(405, [{ code: '10015', title: 'Method not allowed', detail: `${method} is not allowed on ${path}` }]);
    }
    throw SimApiError.notFound(`route ${method} ${path}`);
  }
}
