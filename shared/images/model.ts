export interface ImageSummary {
  id: string;
  /** `repo:tag` names; `<none>:<none>` images have none. */
  tags: string[];
  sizeBytes: number;
  created: string;
  /** Names of the containers (any state) made from this image. */
  usedBy: string[];
}

export interface ImportedImage {
  id: string;
  tag: string;
}
