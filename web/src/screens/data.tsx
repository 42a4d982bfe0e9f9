// Settings sections for the tracker: your data out (JSON, CSV) and in (a JSON export back, or a CSV from
// Huntr, Teal or a spreadsheet with a column mapping, checked first, then a row-by-row report), and the
// silence thresholds (days without news before an application is flagged "no response").
import { useEffect, useState } from "preact/hooks";
import { api, toast } from "../app";
import { ApiError } from "../api/graphql";
import {
  ExportDataDocument,
  ImportDataDocument,
  SetSilenceThresholdsDocument,
  SilenceThresholdsDocument,
  type ApplicationStatus,
  type CsvPreset,
  type DataFormat,
  type ExportDataQuery,
  type ImportDataMutation,
} from "../gql/graphql";
import { t, tn, type MessageKey } from "../i18n";
import { columnMapping, csvHeader, CSV_FIELDS, exportFileName, type ColumnChoice, type CsvField } from "../state/crm";
import { ErrorNote, errorText, Loading, Progress } from "../ui/kit";
import { useQuery } from "../ui/query";
import { statusName } from "./board";

type ExportedFile = NonNullable<ExportDataQuery["exportData"]>[number];
type Report = ImportDataMutation["importData"];

export function ExportSection() {
  const [busy, setBusy] = useState<DataFormat | null>(null);
  const [files, setFiles] = useState<{ name: string; url: string }[]>([]);
  useEffect(() => () => files.forEach((file) => URL.revokeObjectURL(file.url)), [files]);

  async function exportAs(format: DataFormat) {
    setBusy(format);
    try {
      const exported: ExportedFile[] = (await api.request(ExportDataDocument, { format })).exportData ?? [];
      const now = new Date();
      const links = exported.map((file) => ({
        name: exportFileName(file.name, now),
        url: URL.createObjectURL(new Blob([file.content], { type: file.contentType })),
      }));
      setFiles(links);
      if (links.length === 1) download(links[0]!);
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">{t("data.exportTitle")}</h2>
      <p class="muted">{t("data.exportHint")}</p>
      <div class="button-row">
        <button type="button" class="btn" onClick={() => void exportAs("JSON" as DataFormat)} disabled={busy !== null}>
          {busy === "JSON" ? t("common.wait") : t("data.exportJson")}
        </button>
        <button type="button" class="btn" onClick={() => void exportAs("CSV" as DataFormat)} disabled={busy !== null}>
          {busy === "CSV" ? t("common.wait") : t("data.exportCsv")}
        </button>
      </div>
      {files.length > 1 && (
        <>
          <p class="small">{t("data.exportFiles")}</p>
          <ul class="small" data-testid="export-files">
            {files.map((file) => <li><a href={file.url} download={file.name}>{file.name}</a></li>)}
          </ul>
        </>
      )}
    </section>
  );
}

function download(file: { name: string; url: string }) {
  const anchor = document.createElement("a");
  anchor.href = file.url;
  anchor.download = file.name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}

export function ImportSection() {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<DataFormat>("CSV" as DataFormat);
  const [columns, setColumns] = useState<string[]>([]);
  const [preset, setPreset] = useState<CsvPreset>("SPREADSHEET" as CsvPreset);
  const [dayFirst, setDayFirst] = useState(false);
  const [choices, setChoices] = useState<Partial<Record<CsvField, ColumnChoice>>>({});
  const [progress, setProgress] = useState<{ value: number | null; label: string } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mappingOpen, setMappingOpen] = useState(false);

  async function pick(picked: File | null) {
    setFile(picked);
    setReport(null);
    setError(null);
    setChoices({});
    setColumns([]);
    if (!picked) return;
    const head = await picked.slice(0, 64 * 1024).text();
    const isJson = /\.json$/i.test(picked.name) || head.trimStart().startsWith("{");
    setFormat((isJson ? "JSON" : "CSV") as DataFormat);
    if (!isJson) setColumns(csvHeader(head));
  }

  async function send(dryRun: boolean) {
    if (!file) return;
    setError(null);
    setProgress({ value: 0, label: t("data.uploading", { percent: 0 }) });
    try {
      const csv = format === "CSV" ? { preset, dayFirst, columnMapping: columnMapping(choices) } : null;
      const result = await api.upload(ImportDataDocument, { format, csv, dryRun, file: null as never }, "file", file, (fraction) => {
        setProgress(fraction < 1 ? { value: fraction, label: t("data.uploading", { percent: Math.round(fraction * 100) }) }
          : { value: null, label: dryRun ? t("data.checking") : t("data.importing") });
      });
      setReport(result.importData);
      if (!dryRun) toast(t("data.imported"), "success");
    } catch (caught) {
      setReport(null);
      setError(caught);
      // "no column holds the company", "the file has no column …": the mapping is what to fix.
      if (caught instanceof ApiError && caught.code === "BAD_USER_INPUT" && /column/.test(caught.message)) setMappingOpen(true);
    } finally {
      setProgress(null);
    }
  }

  const choiceValue = (field: CsvField) => {
    const choice = choices[field];
    return !choice || choice.kind === "auto" ? "" : choice.kind === "none" ? "\u0000none" : choice.column;
  };
  const choose = (field: CsvField, value: string) => setChoices({
    ...choices,
    [field]: value === "" ? { kind: "auto" } : value === "\u0000none" ? { kind: "none" } : { kind: "column", column: value },
  });

  return (
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">{t("data.importTitle")}</h2>
      <p class="muted">{t("data.importHint")}</p>
      <label for="import-file">{t("data.file")}</label>
      <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" data-testid="import-file"
        onChange={(e) => void pick(e.currentTarget.files?.[0] ?? null)} />
      {file && format === "JSON" && <p class="small">{t("data.jsonFile", { name: file.name })}</p>}
      {file && format === "CSV" && (
        <div class="import-options">
          <p class="small">{tn("data.csvFile", columns.length, { name: file.name })}</p>
          <div class="grid-2">
            <div class="field">
              <label for="import-preset">{t("data.preset")}</label>
              <select id="import-preset" value={preset} onChange={(e) => setPreset(e.currentTarget.value as CsvPreset)}>
                {(["SPREADSHEET", "HUNTR", "TEAL"] as const).map((p) => <option value={p}>{t(`data.preset.${p}`)}</option>)}
              </select>
            </div>
            <label class="checkbox checkbox--field">
              <input type="checkbox" checked={dayFirst} onChange={(e) => setDayFirst(e.currentTarget.checked)} />
              {t("data.dayFirst")}
            </label>
          </div>
          <details class="mapping" open={mappingOpen} onToggle={(e) => setMappingOpen(e.currentTarget.open)}>
            <summary>{t("data.mapping")}</summary>
            <p class="muted small">{t("data.mappingHint")}</p>
            <table class="table mapping-table">
              <thead><tr><th scope="col">{t("data.field")}</th><th scope="col">{t("data.column")}</th></tr></thead>
              <tbody>
                {CSV_FIELDS.map((field) => (
                  <tr>
                    <th scope="row"><label for={`map-${field}`}>{t(`csvField.${field}` as MessageKey)}</label></th>
                    <td>
                      <select id={`map-${field}`} value={choiceValue(field)} onChange={(e) => choose(field, e.currentTarget.value)}>
                        <option value="">{t("data.auto")}</option>
                        <option value={"\u0000none"}>{t("data.notInFile")}</option>
                        {columns.filter(Boolean).map((column) => <option value={column}>{column}</option>)}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      )}
      <div class="button-row">
        <button type="button" class="btn" disabled={!file || progress !== null} onClick={() => void send(true)}>{t("data.check")}</button>
        <button type="button" class="btn btn--primary" disabled={!file || progress !== null} onClick={() => void send(false)}>{t("data.import")}</button>
      </div>
      {progress && <Progress value={progress.value} label={progress.label} />}
      {error !== null && <ErrorNote error={error} />}
      {report && <ImportReportView report={report} />}
    </section>
  );
}

const COUNTS: { key: keyof Report; label: MessageKey }[] = [
  { key: "applications", label: "data.count.applications" },
  { key: "companies", label: "data.count.companies" },
  { key: "contacts", label: "data.count.contacts" },
  { key: "events", label: "data.count.events" },
  { key: "notes", label: "data.count.notes" },
  { key: "salaries", label: "data.count.salaries" },
  { key: "alreadyPresent", label: "data.count.alreadyPresent" },
  { key: "skipped", label: "data.count.skipped" },
];

export function ImportReportView({ report }: { report: Report }) {
  return (
    <div class="import-report" data-testid="import-report" role="status">
      <h3>{report.dryRun ? t("data.reportDry") : t("data.reportDone")}</h3>
      <p class="small">{tn("data.records", report.records)}</p>
      <dl class="run-counts report-counts">
        {COUNTS.map((item) => (
          <div><dt>{t(item.label)}</dt><dd>{report[item.key] as number}</dd></div>
        ))}
      </dl>
      {report.issues.length > 0 && (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t("data.issues")}>
          <table class="table issues-table" data-testid="import-issues">
            <caption class="small">{t("data.issues")}</caption>
            <thead>
              <tr><th scope="col">{t("data.row")}</th><th scope="col">{t("data.reason")}</th></tr>
            </thead>
            <tbody>
              {report.issues.map((issue) => (
                <tr>
                  <td>{issue.row}</td>
                  <td>
                    {issue.skipped ? <span class="badge badge--error">{t("data.skippedOne")}</span> : <span class="badge badge--pending">{t("data.warning")}</span>}
                    {" "}<span class="muted small">{issue.entity}{issue.ref ? ` ${issue.ref}` : ""}</span>
                    <p class="issue-reason">{issue.reason}</p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const SILENCE_STATUSES = ["TO_APPLY", "APPLIED", "INTERVIEW", "OFFER"] as ApplicationStatus[];

export function SilenceSection() {
  const query = useQuery(SilenceThresholdsDocument, {});
  const [days, setDays] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const thresholds = query.data?.silenceThresholds ?? [];
  useEffect(() => setDays(Object.fromEntries(thresholds.map((row) => [row.status ?? "", String(row.days)]))), [query.data]);

  async function save(event: Event, reset: ApplicationStatus | null = null) {
    event.preventDefault();
    const rows = thresholds.filter((row) => row.status && (row.status === reset || days[row.status] !== String(row.days)));
    if (!rows.length) return;
    setBusy(true);
    try {
      const saved = (await api.request(SetSilenceThresholdsDocument, {
        thresholds: rows.map((row) => (row.status === reset
          ? { status: row.status!, useDefault: true }
          : { status: row.status!, days: Math.max(0, Math.round(Number(days[row.status!] || 0))) })),
      })).setSilenceThresholds;
      query.setData(() => ({ silenceThresholds: saved }));
      toast(t("silence.saved"), "success");
    } catch (error) {
      toast(errorText(error), "error");
    } finally {
      setBusy(false);
    }
  }

  const shown = thresholds.filter((row) => row.status && SILENCE_STATUSES.includes(row.status));
  return (
    <section class="card" aria-labelledby="silence-title">
      <h2 id="silence-title">{t("silence.title")}</h2>
      <p class="muted">{t("silence.hint")}</p>
      {query.loading && !query.data && <Loading />}
      {query.error && <ErrorNote error={query.error} onRetry={() => void query.reload()} />}
      {shown.length > 0 && (
        <form onSubmit={(e) => void save(e)}>
          <ul class="plain-list silence-list">
            {shown.map((row) => (
              <li class="silence-row">
                <label for={`silence-${row.status}`}>{statusName(row.status!)}</label>
                <input id={`silence-${row.status}`} type="number" min={0} max={365} inputMode="numeric" value={days[row.status!] ?? ""}
                  aria-describedby={`silence-${row.status}-unit`}
                  onInput={(e) => setDays({ ...days, [row.status!]: e.currentTarget.value })} />
                <span id={`silence-${row.status}-unit`} class="small muted">
                  {t("silence.days")}{row.isDefault ? ` · ${t("silence.default")}` : ""}
                </span>
                {!row.isDefault && (
                  <button type="button" class="btn btn--ghost btn--small" disabled={busy} onClick={(e) => void save(e, row.status!)}>
                    {t("silence.useDefault")}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <button type="submit" class="btn btn--small btn--primary" disabled={busy}>{t("common.save")}</button>
        </form>
      )}
    </section>
  );
}
