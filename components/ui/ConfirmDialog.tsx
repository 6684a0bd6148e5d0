"use client";

import type { ReactNode } from "react";
import { Alert } from "./Alert";
import { Button } from "./Button";
import { Dialog } from "./Dialog";

interface Props {
  title: string;
  /** What will happen, in the user's terms. */
  children: ReactNode;
  confirmLabel: string;
  tone?: "primary" | "danger";
  /** While the action runs the buttons are disabled; an error keeps the dialog open to say why. */
  pending?: boolean;
  error?: string | null;
  /** E.g. until a required acknowledgement is ticked. */
  confirmDisabled?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before a risky action, saying what it will do; Cancel comes first and Escape cancels. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  tone = "primary",
  pending = false,
  error,
  confirmDisabled = false,
  onConfirm,
  onCancel,
}: Props) {
  return (
    <Dialog title={title} onClose={onCancel}>
      <div className="flex flex-col gap-2 text-sm text-slate-700">{children}</div>
      {error && <Alert>{error}</Alert>}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button variant={tone} onClick={onConfirm} disabled={pending || confirmDisabled}>
          {pending ? "Working…" : confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
