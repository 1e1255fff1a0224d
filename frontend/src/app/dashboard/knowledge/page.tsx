import { BotPicker } from "@/components/bots/bot-picker";

export default function Page() {
  return <BotPicker section="knowledge" />;
}
