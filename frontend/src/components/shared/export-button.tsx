"use client";

import { useState } from "react";
import { Download, Loader2 } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/components/shared/use-error-message";

/** A download (a CSV export): spins while it runs, and says in a toast why it failed. */
export function ExportButton({
  label,
  onExport,
  disabled = false,
  testId,
  className,
}: {
  label: string;
  onExport: () => Promise<void>;
  disabled?: boolean;
  testId?: string;
  className?: string;
}) {
  const message = useErrorMessage();
  const [exporting, setExporting] = useState(false);

  async function run() {
    setExporting(true);
    try {
      await onExport();
    } catch (error) {
      toast.error(message(error));
    } finally {
      setExporting(false);
    }
  }

  return (
    <Button variant="outline" onClick={run} disabled={disabled || exporting} data-testid={testId} className={className}>
      {exporting ? <Loader2 className="animate-spin" /> : <Download />} {label}
    </Button>
  );
}
