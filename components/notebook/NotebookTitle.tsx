"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { InlineRenameForm } from "@/components/ui/InlineRenameForm";
import { useTRPC } from "@/components/trpc/client";
import { refreshQueries } from "@/components/trpc/refreshQueries";

interface Props {
  projectId: string;
  notebookId: string;
  name: string;
  canEdit: boolean;
}

/** The notebook's name as the page heading; editors rename it in place. */
export function NotebookTitle({ projectId, notebookId, name, canEdit }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const rename = useMutation(trpc.notebook.rename.mutationOptions());

  if (editing) {
    return (
      <InlineRenameForm
        label="Notebook name"
        initial={name}
        onSave={async (next) => {
          await rename.mutateAsync({ projectId, notebookId, name: next });
          // The open notebook and the project's list both show the name.
          await refreshQueries(queryClient, { queryKey: trpc.notebook.pathKey() });
          setEditing(false);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <>
      <h1 className="text-lg font-semibold" data-testid="notebook-name">
        {name}
      </h1>
      {canEdit && (
        <Button variant="ghost" aria-label="Rename notebook" onClick={() => setEditing(true)}>
          Rename
        </Button>
      )}
    </>
  );
}
