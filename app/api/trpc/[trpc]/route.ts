import { handleTrpcRequest } from "@/server/api/trpcHttpHandler";

export { handleTrpcRequest as GET, handleTrpcRequest as POST };
