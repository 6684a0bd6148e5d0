import { loadModel, type LoadedModel } from "./modelTrainers";

/**
 * How predictWithModel gets a runnable model from an artifact's JSON. A pipeline
 * step loads and frees it per call; a deployment keeps it loaded for as long as it
 * holds the artifact, so requests skip the rebuild.
 */
export interface ModelLoader {
  load(json: unknown): Promise<LoadedModel>;
  release(model: LoadedModel): void;
}

export const transientModels: ModelLoader = {
  load: loadModel,
  release: (loaded) => loaded.model.dispose(),
};

/** Keeps each model JSON object's loaded model while that object is alive (it is the cache key). */
export function warmModels(): ModelLoader {
  const cache = new WeakMap<object, Promise<LoadedModel>>();
  return {
    load(json) {
      if (typeof json !== "object" || json === null) return loadModel(json);
      let loaded = cache.get(json);
      if (loaded === undefined) {
        loaded = loadModel(json);
        cache.set(json, loaded);
        loaded.catch(() => cache.delete(json));
      }
      return loaded;
    },
    release() {},
  };
}
