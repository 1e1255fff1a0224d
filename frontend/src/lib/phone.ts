/**
 * WhatsApp numbers as the team reads and dials them. The API gives a customer's wa_id: the
 * international number's digits without `+` (`905321234567`). Turkish and North American
 * numbers are grouped the way they are written there; others keep their digits after `+`.
 */
export function formatPhone(waId: string): string {
  const digits = waId.replace(/\D/g, "");
  if (!digits) return waId;
  const tr = /^90(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(digits);
  if (tr) return `+90 ${tr[1]} ${tr[2]} ${tr[3]} ${tr[4]}`;
  const nanp = /^1(\d{3})(\d{3})(\d{4})$/.exec(digits);
  if (nanp) return `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}`;
  return `+${digits}`;
}

/** A `tel:` link for a wa_id (E.164), so a phone or softphone can call the customer back. */
export function phoneHref(waId: string): string {
  return `tel:+${waId.replace(/\D/g, "")}`;
}
