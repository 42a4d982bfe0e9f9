// Typed GraphQL requests with the session's access token; an expired token is refreshed and the
// request retried once, so a tab that slept for an hour just works.
import { ApiError, hasCode, postGraphQL, type Doc, type FetchLike } from "./graphql";
import { API_PATH, Session, SessionEnded } from "./session";

export class Api {
  constructor(
    private session: Session,
    private fetchFn: FetchLike,
  ) {}

  async request<R, V>(doc: Doc<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
    let token = await this.session.accessToken();
    if (!token) throw new SessionEnded("sign in first");
    let body = await postGraphQL<R>(this.fetchFn, API_PATH, doc.toString(), variables, this.headers(token), signal);
    if (hasCode(body, "UNAUTHENTICATED")) {
      token = await this.session.accessToken({ force: true });
      if (!token) throw new SessionEnded("sign in first");
      body = await postGraphQL<R>(this.fetchFn, API_PATH, doc.toString(), variables, this.headers(token), signal);
      if (hasCode(body, "UNAUTHENTICATED")) {
        this.session.end(body.errors?.[0]?.message ?? null);
        throw ApiError.fromBody(body);
      }
    }
    if (body.errors?.length || !body.data) throw ApiError.fromBody(body);
    return body.data;
  }

  private headers(token: string): Record<string, string> {
    return { authorization: `Bearer ${token}` };
  }

  /**
   * A GraphQL multipart upload (the spec's operations/map/file parts) with progress, which fetch
   * cannot report: XMLHttpRequest's upload events can.
   */
  async upload<R, V>(doc: Doc<R, V>, variables: V, fileVariable: string, file: File,
                     onProgress: (fraction: number) => void): Promise<R> {
    const send = (token: string) =>
      new Promise<{ status: number; body: { data?: R; errors?: { message: string; extensions?: { code?: string } }[] } }>(
        (resolve, reject) => {
          const form = new FormData();
          form.append("operations", JSON.stringify({ query: doc.toString(), variables: { ...variables, [fileVariable]: null } }));
          form.append("map", JSON.stringify({ 0: [`variables.${fileVariable}`] }));
          form.append("0", file, file.name);
          const xhr = new XMLHttpRequest();
          xhr.open("POST", API_PATH);
          xhr.setRequestHeader("authorization", `Bearer ${token}`);
          xhr.setRequestHeader("x-jobmate-csrf", "1");
          xhr.upload.onprogress = (event) => {
            if (event.lengthComputable) onProgress(event.loaded / event.total);
          };
          xhr.onload = () => {
            try {
              resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) });
            } catch {
              reject(new ApiError(`the server answered ${xhr.status}`, xhr.status === 413 ? "BAD_USER_INPUT" : "UNKNOWN"));
            }
          };
          xhr.onerror = () => reject(new ApiError("the upload failed: check your connection", "NETWORK"));
          xhr.send(form);
        },
      );
    let token = await this.session.accessToken();
    if (!token) throw new SessionEnded("sign in first");
    let answer = await send(token);
    if (hasCode(answer.body, "UNAUTHENTICATED")) {
      token = await this.session.accessToken({ force: true });
      if (!token) throw new SessionEnded("sign in first");
      answer = await send(token);
    }
    if (answer.body.errors?.length || !answer.body.data) throw ApiError.fromBody(answer.body);
    onProgress(1);
    return answer.body.data;
  }
}
