import { LegalPage, legalMetadata } from "@/components/marketing/legal-page";

export const generateMetadata = () => legalMetadata("privacy");

export default function PrivacyNoticePage() {
  return <LegalPage doc="privacy" />;
}
