// Sign in and sign up. The server's errors go next to the field they are about.
import { useState } from "preact/hooks";
import { fieldOf } from "../api/graphql";
import { session } from "../app";
import { t } from "../i18n";
import { landAfterSignIn } from "../shell";
import { errorText, Field } from "../ui/kit";

const FIELDS = { email: "email", password: "password", "full name": "fullName" };

export function AuthScreen({ mode, reason }: { mode: "signin" | "signup"; reason: string | null }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fullName, setFullName] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const signup = mode === "signup";

  async function submit(event: Event) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = t("auth.emailRequired");
    if (!password) missing.password = t("auth.passwordRequired");
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      if (signup) {
        landAfterSignIn("/welcome");
        await session.signUp(email.trim(), password, fullName.trim());
      } else {
        await session.signIn(email.trim(), password);
      }
    } catch (error) {
      const field = fieldOf(error, FIELDS) ?? (signup && (error as { code?: string }).code === "CONFLICT" ? "email" : "form");
      setErrors({ [field]: errorText(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="auth-card">
      <p class="brand brand--large"><span class="brand-mark" aria-hidden="true">✓</span> JobMate</p>
      <h1>{signup ? t("auth.signUpTitle") : t("auth.signInTitle")}</h1>
      <p class="muted">{t("auth.tagline")}</p>
      {reason && !signup && <p class="notice" role="alert">{t("auth.sessionEnded", { reason })}</p>}
      <form onSubmit={submit} noValidate>
        {signup && (
          <Field label={t("auth.fullName")} error={errors.fullName}
            input={{ value: fullName, autocomplete: "name", onInput: (e) => setFullName(e.currentTarget.value) }} />
        )}
        <Field label={t("auth.email")} error={errors.email}
          input={{ type: "email", value: email, autocomplete: "email", required: true,
            onInput: (e) => setEmail(e.currentTarget.value) }} />
        <Field label={t("auth.password")} error={errors.password} hint={signup ? t("auth.passwordHint") : undefined}
          input={{ type: "password", value: password, required: true,
            autocomplete: signup ? "new-password" : "current-password",
            onInput: (e) => setPassword(e.currentTarget.value) }} />
        {errors.form && <p class="field-error" role="alert">{errors.form}</p>}
        <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
          {busy ? t("common.wait") : signup ? t("auth.signUp") : t("auth.signIn")}
        </button>
      </form>
      <p class="auth-switch">
        {signup ? t("auth.haveAccount") : t("auth.noAccount")}{" "}
        <a href={signup ? "/signin" : "/signup"}>{signup ? t("auth.signIn") : t("auth.signUp")}</a>
      </p>
    </div>
  );
}
