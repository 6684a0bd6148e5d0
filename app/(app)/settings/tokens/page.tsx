import { ApiTokens } from "@/components/settings/ApiTokens";

export default function TokensPage() {
  return <ApiTokens />;
}
