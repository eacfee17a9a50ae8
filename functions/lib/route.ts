import type { HttpFunctionOptions, HttpHandler, HttpMethod } from "@azure/functions";
import { ROUTES, type RouteName } from "../../shared/contract/index.ts";

/** Registration options for an API route, straight from the contract's route table. */
export function routeOf(name: RouteName, handler: HttpHandler): HttpFunctionOptions {
  const spec = ROUTES[name];
  return { methods: [spec.method as HttpMethod], route: spec.route, authLevel: spec.authLevel, handler };
}
