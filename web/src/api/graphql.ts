// One GraphQL request over fetch, and the errors the gateway answers with (extensions.code).
import type { TypedDocumentString } from "../gql/graphql";

export type Doc<R, V> = TypedDocumentString<R, V>;

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; retryAfterSeconds?: number; [key: string]: unknown };
}

export interface GraphQLBody<R> {
  data?: R | null;
  errors?: GraphQLErrorShape[];
}

/** A failure the user should see: the server's message, its code, and for forms the field it names. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly errors: GraphQLErrorShape[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }

  static fromBody(body: GraphQLBody<unknown>): ApiError {
    const errors = body.errors ?? [];
    const first = errors[0];
    return new ApiError(first?.message ?? "unexpected answer", first?.extensions?.code ?? "UNKNOWN", errors);
  }
}

/** The network failed (offline, gateway down): nothing was decided, retrying may work. */
export class NetworkError extends ApiError {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), "NETWORK");
    this.name = "NetworkError";
  }
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export async function postGraphQL<R>(
  fetchFn: FetchLike,
  url: string,
  query: string,
  variables: unknown,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<GraphQLBody<R>> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if ((error as Error)?.name === "AbortError") throw error;
    throw new NetworkError(error);
  }
  let body: GraphQLBody<R>;
  try {
    body = (await response.json()) as GraphQLBody<R>;
  } catch (error) {
    throw new ApiError(`the server answered ${response.status} without a GraphQL body`, response.status >= 500 ? "UNAVAILABLE" : "UNKNOWN");
  }
  return body;
}

export function hasCode(body: GraphQLBody<unknown>, code: string): boolean {
  return (body.errors ?? []).some((error) => error.extensions?.code === code);
}

/**
 * The form field a server error is about. The services name the field at the start of their
 * messages ("password must be at least 10 characters", "experience[0].start must look like 2024");
 * `fields` maps those leading names to the form's own field keys.
 */
export function fieldOf(error: unknown, fields: Record<string, string>): string | null {
  if (!(error instanceof ApiError) || error.code !== "BAD_USER_INPUT") return null;
  const message = error.message.toLowerCase();
  const names = Object.keys(fields).sort((a, b) => b.length - a.length);
  for (const name of names) {
    if (message.startsWith(name.toLowerCase()) && !/^email or password/.test(message)) {
      const rest = message.slice(name.length);
      if (rest === "" || /^[\s.[:]/.test(rest)) return fields[name]!;
    }
  }
  return null;
}
