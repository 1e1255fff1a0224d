import { TriangleAlert } from "lucide-react";

import { Notice } from "@/components/shared/notice";

/** A form-level problem (anything the API said that is not about one field). */
export function FormAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Notice tone="error" icon={TriangleAlert} role="alert" testId="form-alert">
      <span>{message}</span>
    </Notice>
  );
}
