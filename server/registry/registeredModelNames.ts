// One set of rules for registry names: the Deploy node checks its params with them before a run reaches the server.
export { aliasNameSchema, registeredModelNameSchema } from "@/pipeline/spec/registryNames";
