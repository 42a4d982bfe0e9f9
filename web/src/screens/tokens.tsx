// Settings → Access tokens: the user's personal access tokens (for scripts and AI assistants), a form
// to create one (name, scopes, optional expiry) whose secret is shown once, and revoke.
import { useState } from "preact/hooks";
import { api, toast } from "../app";
import { AccessTokensDocument, CreateAccessTokenDocument, RevokeAccessTokenDocument, type AccessTokenFieldsFragment } from "../gql/graphql";
import { formatDate, t, type MessageKey } from "../i18n";
import { parseExpiryDays, SCOPE_AREAS, scopesToSend, toggleScope, type Scope } from "../state/hh";
import { ErrorNote, errorText, Field, Loading } from "../ui/kit";
import { useQuery } from "../ui/query";

export function TokensSection() {
  const query = useQuery(AccessTokensDocument, {});
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const tokens = query.data?.accessTokens;

  async function revoke(token: AccessTokenFieldsFragment) {
    if (!confirm(t("tokens.revokeConfirm", { name: token.name }))) return;
    try {
      await api.request(RevokeAccessTokenDocument, { id: token.id });
      query.setData((current) => current ? { accessTokens: (current.accessTokens ?? []).filter((x) => x.id !== token.id) } : current);
      toast(t("tokens.revoked", { name: token.name }), "success");
    } catch (error) {
      toast(errorText(error), "error");
    }
  }

  return (
    <section class="card" aria-labelledby="tokens-title" data-testid="tokens">
      <h2 id="tokens-title">{t("tokens.title")}</h2>
      <p class="muted">{t("tokens.hint")}</p>
      {created && <NewSecret name={created.name} secret={created.secret} onDone={() => setCreated(null)} />}
      {query.loading && !query.data ? <Loading /> : query.error && !query.data ? (
        <ErrorNote error={query.error} onRetry={() => void query.reload()} />
      ) : tokens === null ? (
        <p>{t("tokens.passwordOnly")}</p>
      ) : (
        <>
          {tokens && tokens.length > 0 ? (
            <ul class="plain-list token-list" aria-label={t("tokens.listLabel")}>
              {tokens.map((token) => <TokenRow token={token} onRevoke={() => void revoke(token)} />)}
            </ul>
          ) : <p>{t("tokens.none")}</p>}
          <CreateTokenForm onCreated={(secret, token) => {
            setCreated({ name: token.name, secret });
            query.setData((current) => ({ accessTokens: [token, ...(current?.accessTokens ?? [])] }));
          }} />
        </>
      )}
    </section>
  );
}

function TokenRow({ token, onRevoke }: { token: AccessTokenFieldsFragment; onRevoke: () => void }) {
  return (
    <li class="token-row" data-testid="token-row">
      <div class="token-head">
        <strong>{token.name}</strong>
        <code class="mono">{token.prefix}…</code>
        <button type="button" class="btn btn--danger btn--small" aria-label={t("tokens.revokeLabel", { name: token.name })}
          onClick={onRevoke}>{t("tokens.revoke")}</button>
      </div>
      <ul class="chips" aria-label={t("tokens.scopes")}>
        {token.scopes.map((scope) => <li class="chip">{scopeName(scope)}</li>)}
      </ul>
      <dl class="token-dates small">
        <div><dt>{t("tokens.created")}</dt><dd>{formatDate(token.createdAt, true)}</dd></div>
        <div><dt>{t("tokens.lastUsed")}</dt><dd>{token.lastUsedAt ? formatDate(token.lastUsedAt, true) : t("tokens.never")}</dd></div>
        <div><dt>{t("tokens.expires")}</dt><dd>{token.expiresAt ? formatDate(token.expiresAt, true) : t("tokens.noExpiry")}</dd></div>
      </dl>
    </li>
  );
}

function scopeName(scope: string): string {
  const key = `scope.${scope}` as MessageKey;
  const text = t(key);
  return text === key ? scope : text;
}

function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      toast(t("application.copied"), "success");
    } catch {
      toast(t("application.copyFailed"), "error");
    }
  }
  return (
    <div class="secret-once" role="status" data-testid="new-token">
      <h3>{t("tokens.secretTitle", { name })}</h3>
      <p class="notice notice--warn"><strong>{t("tokens.storeNow")}</strong></p>
      <label for="new-token-secret">{t("tokens.secretLabel")}</label>
      <textarea id="new-token-secret" class="mono secret" rows={2} readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
      <div class="button-row">
        <button type="button" class="btn btn--small" onClick={() => void copy()}>{t("application.copy")}</button>
        <button type="button" class="btn btn--ghost btn--small" onClick={onDone}>{t("tokens.done")}</button>
      </div>
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (secret: string, token: AccessTokenFieldsFragment) => void }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [expiry, setExpiry] = useState("");
  const [errors, setErrors] = useState<{ name?: string; scopes?: string; expiry?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const days = parseExpiryDays(expiry);
    const found = {
      ...(name.trim() ? {} : { name: t("tokens.nameRequired") }),
      ...(scopes.length ? {} : { scopes: t("tokens.scopesRequired") }),
      ...(days.ok ? {} : { expiry: t("tokens.expiryInvalid") }),
    };
    setErrors(found);
    if (Object.keys(found).length || !days.ok) return;
    setBusy(true);
    try {
      const input = { name: name.trim(), scopes: scopesToSend(scopes), expiresInDays: days.days };
      const result = (await api.request(CreateAccessTokenDocument, { input })).createAccessToken;
      onCreated(result.secret, result.token);
      setName("");
      setScopes([]);
      setExpiry("");
    } catch (error) {
      const text = errorText(error);
      setErrors(/^name/i.test(text) ? { name: text } : /scope/i.test(text) ? { scopes: text } : /expire/i.test(text) ? { expiry: text } : { form: text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="token-form" onSubmit={submit} noValidate>
      <h3>{t("tokens.create")}</h3>
      <Field label={t("tokens.name")} hint={t("tokens.nameHint")} error={errors.name}
        input={{ value: name, maxLength: 100, onInput: (e) => setName(e.currentTarget.value), autoComplete: "off" }} />
      <fieldset class={`scopes${errors.scopes ? " field--error" : ""}`} aria-describedby="scopes-hint">
        <legend>{t("tokens.scopes")}</legend>
        <p class="hint" id="scopes-hint">{t("tokens.scopesHint")}</p>
        <div class="scope-grid">
          {SCOPE_AREAS.map((area) => (
            <div class="scope-area" role="group" aria-label={t(`scope.${area}` as MessageKey)}>
              <span class="scope-area-name" aria-hidden="true">{t(`scope.${area}` as MessageKey)}</span>
              {(["read", "write"] as const).map((level) => {
                const scope = `${area}:${level}` as Scope;
                return (
                  <label class="checkbox">
                    <input type="checkbox" name="scope" value={scope} checked={scopes.includes(scope)}
                      onChange={(e) => setScopes(toggleScope(scopes, scope, e.currentTarget.checked))} />
                    <span>{scopeName(scope)}</span>
                  </label>
                );
              })}
            </div>
          ))}
        </div>
        {errors.scopes && <p class="field-error" role="alert">{errors.scopes}</p>}
      </fieldset>
      <Field label={t("tokens.expiry")} hint={t("tokens.expiryHint")} error={errors.expiry}
        input={{ value: expiry, inputMode: "numeric", onInput: (e) => setExpiry(e.currentTarget.value), autoComplete: "off" }} />
      {errors.form && <p class="field-error" role="alert">{errors.form}</p>}
      <button type="submit" class="btn btn--primary" disabled={busy}>{busy ? t("tokens.creating") : t("tokens.create")}</button>
    </form>
  );
}
