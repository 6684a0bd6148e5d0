/** The saved version the canvas started from: new versions are saved on top of it, and runs use it when nothing changed. */
export interface BaseVersion {
  id: string;
  number: number;
}
