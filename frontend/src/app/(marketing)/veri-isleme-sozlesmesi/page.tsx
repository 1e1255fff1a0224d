import { LegalPage, legalMetadata } from "@/components/marketing/legal-page";

export const generateMetadata = () => legalMetadata("dpa");

export default function DataProcessingAgreementPage() {
  return <LegalPage doc="dpa" />;
}
