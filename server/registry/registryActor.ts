/** Who changed the registry: a signed-in user, or (userId null) the pipeline run that did it. */
export interface RegistryActor {
  userId: string | null;
  label: string;
}
