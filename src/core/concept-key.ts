/**
 * The form in which two names of a concept are compared: Unicode-normalised, lower case, hyphens,
 * underscores and slashes read as spaces, spaces collapsed. "Mixture-of-Experts" and "mixture of
 * experts" compare equal; "MoE" and "mixture of experts" do not (aliases link those).
 */
export function conceptNameKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[-_/‐–—]+/g, " ")
    .replace(/[“”"'’()[\]{}]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
