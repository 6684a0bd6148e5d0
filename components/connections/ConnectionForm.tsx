"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { SelectField } from "@/components/ui/SelectField";
import { TextField } from "@/components/ui/TextField";

/** What the form sends: the router's create/update input. An empty password on edit keeps the stored one. */
export type ConnectionDraft =
  | {
      kind: "postgres";
      name: string;
      config: { host: string; port: number; database: string; user: string; ssl: boolean };
      password?: string;
    }
  | { kind: "sqlite"; name: string; config: { path: string } };

interface Props {
  /** The project's SQLite folder under the server's data directory, e.g. `sqlite/<projectId>`. */
  sqliteFolder: string;
  /** The connection being edited; absent for a new one. */
  initial?: ConnectionDraft & { hasPassword: boolean };
  pending: boolean;
  error: string | null;
  onSubmit(draft: ConnectionDraft): void;
  onCancel(): void;
}

const KIND_OPTIONS = [
  { value: "postgres", label: "PostgreSQL" },
  { value: "sqlite", label: "SQLite file" },
];

/** Add or edit a connection. The password field is write-only: a stored password is never shown, only replaced. */
export function ConnectionForm({ sqliteFolder, initial, pending, error, onSubmit, onCancel }: Props) {
  const postgres = initial?.kind === "postgres" ? initial.config : undefined;
  const [kind, setKind] = useState<ConnectionDraft["kind"]>(initial?.kind ?? "postgres");
  const [name, setName] = useState(initial?.name ?? "");
  const [host, setHost] = useState(postgres?.host ?? "");
  const [port, setPort] = useState(String(postgres?.port ?? 5432));
  const [database, setDatabase] = useState(postgres?.database ?? "");
  const [user, setUser] = useState(postgres?.user ?? "");
  const [password, setPassword] = useState("");
  const [ssl, setSsl] = useState(postgres?.ssl ?? false);
  const [file, setFile] = useState(initial?.kind === "sqlite" ? initial.config.path : "");
  const editingPassword = initial?.kind === "postgres" && initial.hasPassword;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (kind === "sqlite") return onSubmit({ kind, name, config: { path: file } });
    // On edit, an untouched password field keeps the stored password.
    const keep = initial !== undefined && password === "";
    onSubmit({ kind, name, config: { host, port: Number(port), database, user, ssl }, ...(keep ? {} : { password }) });
  };

  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      aria-label={initial ? "Edit connection" : "New connection"}
    >
      <h2 className="font-semibold">{initial ? `Edit “${initial.name}”` : "New connection"}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} placeholder="warehouse" autoFocus />
        <SelectField label="Kind" value={kind} options={KIND_OPTIONS} onChange={(e) => setKind(e.target.value === "sqlite" ? "sqlite" : "postgres")} />
      </div>
      {kind === "postgres" ? (
        <>
          <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
            <TextField label="Host" value={host} onChange={(e) => setHost(e.target.value)} required placeholder="db.internal" />
            <TextField label="Port" type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} required />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label="Database" value={database} onChange={(e) => setDatabase(e.target.value)} required />
            <TextField label="User" value={user} onChange={(e) => setUser(e.target.value)} required autoComplete="off" />
          </div>
          <TextField
            label={editingPassword ? "Password (leave empty to keep the stored one)" : "Password"}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
          />
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={ssl} onChange={(e) => setSsl(e.target.checked)} />
            Use SSL (verify the server&apos;s certificate)
          </label>
          <p className="text-xs text-slate-500">
            The server reaches only hosts its administrator allows (VAJRA_SQL_ALLOWED_HOSTS). The password is stored encrypted and is never shown again.
          </p>
        </>
      ) : (
        <>
          <TextField label="File path" value={file} onChange={(e) => setFile(e.target.value)} required placeholder="sales.db" />
          <p className="text-xs text-slate-500">
            Relative to this project&apos;s folder <code>{sqliteFolder}/</code> in the server&apos;s data directory (DATA_DIR), where its administrator puts the
            files. The file is only read, never changed.
          </p>
        </>
      )}
      {error && <Alert>{error}</Alert>}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : initial ? "Save changes" : "Add connection"}
        </Button>
      </div>
    </form>
  );
}
