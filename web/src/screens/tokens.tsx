// Settings: personal access tokens for scripts, gRPC tooling and AI agents (MCP). A token gets a name,
// the scopes it may use and an optional lifetime; its secret is shown once, when it is created.
import { useState } from "preact/hooks";
import { api, toast } from "../app";
import { fieldOf } from "../api/graphql";
import { AccessTokensDocument, CreateAccessTokenDocument, RevokeAccessTokenDocument } from "../gql/graphql";
import { formatDate, t, type MessageKey } from "../i18n";
import { scopesToSend, toggleScope, type Scope } from "../state/hh";
import { ErrorNote, errorText, Field, Loading } from "../ui/kit";
import { useQuery } from "../ui/query";

// The scopes a token can be given (common/auth.py USER_SCOPES); x:write includes x:read, so checking it
// checks x:read too (state/hh.ts toggleScope) and only x:write is sent.
export const TOKEN_SCOPES: readonly Scope[] = ["feed:read", "feed:write", "applications:read", "applications:write", "profile:read",
  "profile:write", "searches:read", "searches:write"];

const scopeText = (scope: string) => t(`scope.${scope}` as MessageKey);

export function AccessTokensSection() {
  const query = useQuery(AccessTokensDocument, {});
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const tokens = query.data?.accessTokens ?? [];

  async function revoke(id: string, name: string) {
    if (!confirm(t("tokens.confirmRevoke", { name }))) return;
    try {
      await api.request(RevokeAccessTokenDocument, { id });
      toast(t("tokens.revoked", { name }), "success");
      void query.reload(true);
    } catch (error) {
      toast(errorText(error), "error");
    }
  }

  return (
    <section class="card" aria-labelledby="tokens-title">
      <div class="card-header">
        <h2 id="tokens-title">{t("tokens.title")}</h2>
        {!creating && <button type="button" class="btn btn--small" onClick={() => { setCreating(true); setSecret(null); }}>{t("tokens.new")}</button>}
      </div>
      <p class="muted">{t("tokens.hint")}</p>
      {secret && (
        <div class="secret-once" data-testid="token-secret">
          <label for="token-secret">{t("tokens.secret", { name: secret.name })}</label>
          <textarea id="token-secret" class="mono secret" rows={2} readOnly value={secret.value} onFocus={(e) => e.currentTarget.select()} />
          <p class="notice notice--warn"><strong>{t("tokens.secretOnce")}</strong></p>
          <div class="button-row">
            <button type="button" class="btn btn--small"
              onClick={() => void navigator.clipboard.writeText(secret.value).then(() => toast(t("application.copied"), "success"),
                () => toast(t("application.copyFailed"), "error"))}>{t("application.copy")}</button>
            <button type="button" class="btn btn--ghost btn--small" onClick={() => setSecret(null)}>{t("tokens.stored")}</button>
          </div>
        </div>
      )}
      {creating && (
        <NewToken onDone={(created) => {
          setCreating(false);
          if (created) {
            setSecret(created);
            void query.reload(true);
          }
        }} />
      )}
      {query.loading && !query.data && <Loading />}
      {query.error && <ErrorNote error={query.error} onRetry={() => void query.reload()} />}
      {query.data && tokens.length === 0 && !creating && <p class="small">{t("tokens.none")}</p>}
      {tokens.length > 0 && (
        <ul class="plain-list token-list" data-testid="tokens">
          {tokens.map((token) => (
            <li class="token">
              <p class="token-name">{token.name} <span class="mono muted">{token.prefix}…</span></p>
              <p class="small">{token.scopes.map(scopeText).join(" · ")}</p>
              <p class="small muted">
                {t("tokens.created", { date: formatDate(token.createdAt) })}
                {" · "}{token.lastUsedAt ? t("tokens.lastUsed", { date: formatDate(token.lastUsedAt, true) }) : t("tokens.neverUsed")}
                {" · "}{token.expiresAt ? t("tokens.expires", { date: formatDate(token.expiresAt) }) : t("tokens.noExpiry")}
              </p>
              <button type="button" class="btn btn--small btn--danger" onClick={() => void revoke(token.id, token.name)}
                aria-label={t("tokens.revokeOne", { name: token.name })}>{t("tokens.revoke")}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NewToken({ onDone }: { onDone: (created: { name: string; value: string } | null) => void }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["feed:read", "applications:read"]);
  const [days, setDays] = useState("90");
  const [errors, setErrors] = useState<{ name?: string; scopes?: string; days?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const found: typeof errors = {};
    if (!name.trim()) found.name = t("tokens.nameRequired");
    if (!scopes.length) found.scopes = t("tokens.scopeRequired");
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const expiresInDays = days ? Number(days) : null;
      const created = (await api.request(CreateAccessTokenDocument, { input: { name: name.trim(), scopes: scopesToSend(scopes), expiresInDays } })).createAccessToken;
      onDone({ name: created.token.name, value: created.secret });
    } catch (error) {
      const field = fieldOf(error, { name: "name", scopes: "scopes", expiresInDays: "days" }) ?? "name";
      setErrors({ [field]: errorText(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="token-form" onSubmit={submit} noValidate aria-label={t("tokens.new")}>
      <Field label={t("tokens.name")} hint={t("tokens.nameHint")} error={errors.name}
        input={{ value: name, maxLength: 100, onInput: (e) => setName(e.currentTarget.value) }} />
      <fieldset>
        <legend class="small">{t("tokens.scopes")}</legend>
        <div class="scope-grid">
          {TOKEN_SCOPES.map((scope) => (
            <label class="checkbox">
              <input type="checkbox" checked={scopes.includes(scope)}
                onChange={(e) => setScopes(toggleScope(scopes, scope, e.currentTarget.checked))} />
              {scopeText(scope)}
            </label>
          ))}
        </div>
        {errors.scopes && <p class="field-error" role="alert">{errors.scopes}</p>}
      </fieldset>
      <Field label={t("tokens.lifetime")} error={errors.days} select={{
        value: days, onChange: setDays,
        options: [["30", "tokens.days30"], ["90", "tokens.days90"], ["365", "tokens.days365"], ["", "tokens.never"]]
          .map(([value, key]) => ({ value: value!, label: t(key as MessageKey) })),
      }} />
      <div class="button-row">
        <button type="submit" class="btn btn--primary btn--small" disabled={busy}>{t("tokens.create")}</button>
        <button type="button" class="btn btn--ghost btn--small" onClick={() => onDone(null)}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}
