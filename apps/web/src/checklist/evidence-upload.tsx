import { fillPath, itemPathParams, routes } from "@taizhang/contract";
import type { EvidenceFile } from "@taizhang/core";
import { useId, useState, type ChangeEvent } from "react";
import { errorText, isStatus } from "../api/api-error.js";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";

/** What the file picker offers; the server decides by the file's content. */
const ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp,.ofd,.docx,.xlsx,application/pdf,image/jpeg,image/png,image/webp";

/** Where the API serves an evidence file of a row (the session cookie goes with the link). */
export function evidenceFileHref(itemId: string, unitId: string, file: EvidenceFile): string {
  return fillPath(routes.getEvidenceFile.path, { ...itemPathParams(itemId), unitId, sha256: file.sha256 });
}

type UploadState = { status: "idle" } | { status: "uploading"; name: string } | { status: "uploaded"; name: string } | { status: "error"; message: string };

/**
 * Uploads a scan, photo or document as evidence of one (item, unit); the
 * file is attached to the row when the editor is saved (onUploaded adds it
 * to the draft).
 */
export function EvidenceUpload({ itemId, unitId, onUploaded }: { itemId: string; unitId: string; onUploaded: (file: EvidenceFile) => void }) {
  const { api } = useApp();
  const { m } = useI18n();
  const id = useId();
  const [state, setState] = useState<UploadState>({ status: "idle" });

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = "";
    if (!chosen) return;
    setState({ status: "uploading", name: chosen.name });
    try {
      const { file } = await api.uploadEvidenceFile(itemId, unitId, chosen);
      onUploaded(file);
      setState({ status: "uploaded", name: file.name });
    } catch (error) {
      let message: string;
      if (isStatus(error, 413)) {
        const limit = error.problem.limit?.value;
        message = m.item.evidenceTooLarge(limit ? String(Math.round((limit / 1024 / 1024) * 10) / 10) : "?");
      } else if (isStatus(error, 415)) message = m.item.evidenceWrongType;
      else if (isStatus(error, 400, 422) && error.problem.errors?.some((e) => e.path === "body.file")) message = m.item.evidenceEmpty;
      else message = m.item.evidenceUploadFailed(errorText(error));
      setState({ status: "error", message });
    }
  };

  return (
    <div className="evidence-upload">
      <label htmlFor={`${id}-file`}>{m.item.uploadEvidence}</label>
      <input id={`${id}-file`} type="file" accept={ACCEPT} disabled={state.status === "uploading"} onChange={(e) => void choose(e)} />
      {(state.status === "uploading" || state.status === "uploaded") && (
        <p role="status" className="muted">
          {state.status === "uploading" ? m.item.uploadingEvidence(state.name) : m.item.uploadedEvidence(state.name)}
        </p>
      )}
      {state.status === "error" && (
        <p role="alert" className="notice error">
          {state.message}
        </p>
      )}
    </div>
  );
}
